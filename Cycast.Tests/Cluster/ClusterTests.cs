using System.Diagnostics;
using Cycast.Tests.Support;
using static Cycast.Tests.Playlist.PlaylistAudio;

namespace Cycast.Tests.Cluster;

/// <summary>
/// Three node processes on loopback with real remoting, as one station: encoders and listeners on any node, and a
/// lost node loses only its own connections. One class, so the clusters run one at a time.
/// </summary>
[StartsFirst]
public sealed class ClusterTests
{
    private static readonly TimeSpan MovePatience = TimeSpan.FromSeconds(30);

    private static readonly StationOptions TwoMounts = new()
    {
        ExtraBlocks = $$"""
            playlist { directory = "{{Path.Combine(Path.GetTempPath(), "cycast-no-music")}}" }
            mount "/one" {
              source_password = "pw-one"
            }
            mount "/two" {
              source_password = "pw-two"
            }
            """,
    };

    [Fact]
    public async Task Listeners_on_every_node_get_the_same_bytes_from_an_encoder_on_another_node_and_mounts_stay_apart()
    {
        await using var cluster = await TestCluster.StartAsync(TwoMounts);
        var entity = await cluster.EntityNodeAsync("/one");
        var sourceNode = cluster.Nodes.First(node => node != entity);
        var otherNode = cluster.Nodes.Single(node => node != entity && node != sourceNode);
        var ones = await ListenEverywhereAsync(cluster.Nodes, "/one");
        var twos = await ListenEverywhereAsync(cluster.Nodes, "/two");

        var (wrongPassword, refusal) = await TestEncoder.SourceAsync(sourceNode.SourcePort, "/two", "pw-one");
        await wrongPassword.DisposeAsync();
        Assert.StartsWith("HTTP/1.0 401", refusal);
        var (encoderOne, replyOne) = await TestEncoder.SourceAsync(sourceNode.SourcePort, "/one", "pw-one");
        var (encoderTwo, replyTwo) = await TestEncoder.SourceAsync(otherNode.SourcePort, "/two", "pw-two");
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", replyOne);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", replyTwo);
        var (secondEncoder, inUse) = await TestEncoder.SourceAsync(otherNode.SourcePort, "/one", "pw-one");
        await secondEncoder.DisposeAsync();
        Assert.StartsWith("HTTP/1.0 403 Forbidden", inUse);

        var audioOne = Mp3Frames.Make(40);
        var audioTwo = Mp3Frames.Make(40, firstIndex: 1000);
        await encoderOne.SendAsync(audioOne);
        await encoderTwo.SendAsync(audioTwo);
        foreach (var listener in ones)
            Assert.Equal(audioOne, await listener.ReadExactlyAsync(audioOne.Length));
        foreach (var listener in twos)
            Assert.Equal(audioTwo, await listener.ReadExactlyAsync(audioTwo.Length));

        // One copy per node per mount, whatever the listener count: each mount reaches the two nodes its entity is not on.
        var audioBetweenNodes = await Task.WhenAll(cluster.Nodes.Select(AudioBytesReceivedAsync));
        Assert.Equal(2 * audioOne.Length + 2 * audioTwo.Length, audioBetweenNodes.Sum());

        await DisposeAllAsync([encoderOne, encoderTwo, .. ones, .. twos]);
    }

    [Fact]
    public async Task Killing_the_mounts_node_keeps_an_encoder_on_another_node_live_and_listeners_elsewhere_hear_it_again()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var survivors = cluster.Nodes.Where(node => node != entity).ToArray();
        var listeners = await ListenEverywhereAsync(survivors, "/stream");
        foreach (var listener in listeners)
            await listener.ReadExactlyAsync(4096);
        // An encoder on a surviving node, live on the mount whose node is about to die, streaming in real time.
        var (encoder, reply) = await TestEncoder.SourceAsync(survivors[0].SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder, TimeSpan.FromMilliseconds(100));

        var moved = TestCluster.WhenMountServesAsync("/stream", survivors, MovePatience);
        entity.Process.Kill();
        await moved;
        // The encoder's session follows the mount to its new node: frames it sends from now on reach every listener.
        var marker = Mp3Frames.Make(1, streamer.FramesSent + 5);
        await Task.WhenAll(listeners.Select(listener => listener.ReadUntilAsync(marker)));
        await survivors[0].WaitForLogAsync("Source for /stream is live again", MovePatience);
        await streamer.StopAsync();
        await DisposeAllAsync(listeners);
    }

    [Fact]
    public async Task Listeners_elsewhere_hear_their_own_nodes_playlist_while_a_killed_nodes_mount_moves_then_the_mount_again()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var survivors = cluster.Nodes.Where(node => node != entity).ToArray();
        var recordings = (await ListenEverywhereAsync(survivors, "/stream")).Select(ListenerRecording.Start).ToArray();
        await Task.WhenAll(recordings.Select(recording => recording.WaitForBytesAsync(4096)));

        var moved = TestCluster.WhenMountServesAsync("/stream", survivors, MovePatience);
        var killedAt = Stopwatch.GetTimestamp();
        entity.Process.Kill();
        await moved;
        // Two seconds of the moved mount's own stream (32 kbit/s) on top.
        await Task.WhenAll(recordings.Select(recording => recording.WaitForBytesAsync(recording.Count + 8000)));

        var gaps = recordings.Select(recording => recording.LongestGapSince(killedAt)).ToArray();
        var streams = await Task.WhenAll(recordings.Select(recording => recording.StopAsync()));
        // Without the survivors' own playlists they hear nothing from the kill until the mount has moved: 5-11 s.
        Assert.All(gaps, gap => Assert.True(gap < TimeSpan.FromSeconds(2), $"a listener heard nothing for {gap.TotalSeconds:0.0} s"));
        foreach (var node in survivors)
        {
            await node.WaitForLogAsync("Mount /stream plays this node's playlist", MovePatience);
            await node.WaitForLogAsync("Mount /stream is back on its entity's stream", MovePatience);
        }
        foreach (var stream in streams)
        {
            AssertWholeFrames(stream);
            await FfmpegStation.AssertMp3DecodesAsync(stream);
        }
    }

    [Fact]
    public async Task A_node_that_leaves_gracefully_hands_its_mount_over_and_exits()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var survivors = cluster.Nodes.Where(node => node != entity).ToArray();
        var listeners = await ListenEverywhereAsync(survivors, "/stream");

        var moved = TestCluster.WhenMountServesAsync("/stream", survivors, MovePatience);
        entity.Process.Terminate();
        Assert.Equal(0, await entity.Process.ExitCodeAsync(MovePatience));
        await moved;
        await ReconnectedEncoderReachesAsync(survivors[0], listeners);
        await DisposeAllAsync(listeners);
    }

    [Fact]
    public async Task Behind_nginx_every_listener_gets_the_same_bytes_and_a_killed_node_takes_only_its_own_listeners()
    {
        await using var cluster = await TestCluster.StartAsync(TwoMounts with { ExtraBlocks = NginxProxy.TrustedByNodes });
        await using var nginx = await NginxProxy.StartAsync(cluster.Nodes);
        var listeners = new List<RawClient>();
        for (var i = 0; i < 6; i++)
        {
            var (listener, head) = await TestListener.ConnectAsync(nginx.ListenPort);
            Assert.Contains(" 200 OK\r\n", head);
            listeners.Add(listener);
        }
        // Each node reports its listener count to the mount on its own time: look again (a bounded number of times)
        // until all six have been counted.
        var expected = cluster.Nodes.Select(node => (node.Address, 2)).Order().ToArray();
        (string, int)[] byNode = [];
        for (var attempt = 0; attempt < 100 && !byNode.SequenceEqual(expected); attempt++)
        {
            if (attempt > 0)
                await Task.Delay(100);
            using var view = await TestCluster.ClusterApiAsync(cluster.Nodes[0]);
            byNode = TestCluster.MountView(view, "/stream").GetProperty("listeners_by_node").EnumerateObject()
                .Select(node => (node.Name, node.Value.GetInt32())).Order().ToArray();
        }
        Assert.Equal(expected, byNode);
        var (encoder, reply) = await TestEncoder.SourceAsync(nginx.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        var audio = Mp3Frames.Make(40);
        await encoder.SendAsync(audio);
        foreach (var listener in listeners)
            Assert.Equal(audio, await listener.ReadExactlyAsync(audio.Length));

        // Kill a node that holds neither the encoder nor the mount: only its two listeners go.
        var entity = await cluster.EntityNodeAsync("/stream");
        var sourceNode = await cluster.EncoderNodeAsync("/stream");
        var victim = cluster.Nodes.First(node => node != entity && node != sourceNode);
        victim.Process.Kill();
        var more = Mp3Frames.Make(40, firstIndex: 40);
        await encoder.SendAsync(more);
        var delivered = await Task.WhenAll(listeners.Select(async listener =>
        {
            try
            {
                return (await listener.ReadExactlyAsync(more.Length)).SequenceEqual(more);
            }
            catch (EndOfStreamException)
            {
                return false;
            }
        }));
        Assert.Equal(4, delivered.Count(playing => playing));
        await DisposeAllAsync([encoder, .. listeners]);
    }

    private static async Task<List<RawClient>> ListenEverywhereAsync(IEnumerable<ClusterNode> nodes, string mount)
    {
        var listeners = new List<RawClient>();
        foreach (var node in nodes)
        {
            var (listener, head) = await TestListener.ConnectAsync(node.ListenPort, mount);
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            listeners.Add(listener);
        }
        return listeners;
    }

    /// <summary>An encoder that connects again goes live on the moved mount, and the listeners that stayed hear it.</summary>
    private static async Task ReconnectedEncoderReachesAsync(ClusterNode node, IEnumerable<RawClient> listeners)
    {
        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort);
        await using var _ = encoder;
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        var marker = Mp3Frames.Make(20, firstIndex: 5000);
        await encoder.SendAsync(marker);
        await Task.WhenAll(listeners.Select(listener => listener.ReadUntilAsync(marker)));
    }

    private static async Task<long> AudioBytesReceivedAsync(ClusterNode node)
    {
        using var view = await TestCluster.ClusterApiAsync(node);
        return view.RootElement.GetProperty("traffic").GetProperty("audio_bytes_received").GetInt64();
    }

    private static async Task DisposeAllAsync(IEnumerable<RawClient> clients)
    {
        foreach (var client in clients)
            await client.DisposeAsync();
    }
}
