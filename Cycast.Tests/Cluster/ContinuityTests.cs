using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// The broadcast never stops: whatever moves a mount's entity (a node leaving, a rolling restart, nodes joining), an
/// encoder whose own node stays up is never cut, and listeners on nodes that stay up hear the live stream go on.
/// Each test writes the longest silence a listener heard during each operation to the test output.
/// </summary>
[Collection(nameof(SilenceMeasurements))]
public sealed class ContinuityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LeavePatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestSilence = TimeSpan.FromSeconds(1.5);
    private const string LiveTitle = "Live Artist - Live Show";

    [Fact]
    public async Task A_mount_leaving_with_its_node_carries_its_live_stream_on_without_a_lost_or_repeated_byte()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var staying = cluster.Nodes.Where(node => node != entity).ToArray();
        var encoderNode = staying[0];
        var recordings = await ListenOnAsync(staying);
        var (encoder, reply) = await TestEncoder.SourceAsync(encoderNode.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);
        await TestEncoder.SetTitleAsync(encoderNode.SourcePort, LiveTitle);
        await encoderNode.WaitUntilAsync(async () => (await StatusAsync(encoderNode)) == ("Connected", "Live Show"), LeavePatience);
        await using var sampler = StatusSampler.Start(encoderNode.ListenPort);

        var leftAt = Stopwatch.GetTimestamp();
        await entity.LeaveAsync(LeavePatience);
        await encoderNode.WaitUntilAsync(async () => await EntityAddressAsync(encoderNode) is { } moved && moved != entity.Address, LeavePatience);
        // Two more seconds of the live stream through the moved mount.
        await Task.WhenAll(recordings.Select(recording => recording.WaitForBytesAsync(recording.Count + 80 * Mp3Frames.FrameLength)));
        await streamer.StopAsync();

        foreach (var recording in recordings)
        {
            await using var _ = recording;
            var silence = recording.LongestGapSince(leftAt);
            output.WriteLine($"graceful leave of the entity's node: longest silence {silence.TotalMilliseconds:0} ms");
            Assert.True(silence < LongestSilence, $"a listener heard nothing for {silence.TotalSeconds:0.00} s");
            AssertEveryFrameOnceInOrder(recording.Received);
        }
        Assert.All(sampler.Answers, answer => Assert.Equal(("Connected", "Live Show"), answer));
        Assert.NotEmpty(sampler.Answers);
    }

    [Fact]
    public async Task An_ffmpeg_encoder_stays_live_while_two_nodes_join_and_three_leave_one_by_one()
    {
        await using var cluster = await TestCluster.StartAsync(FourMounts);
        var entity = await cluster.EntityNodeAsync("/stream");
        var encoderNode = cluster.Nodes.First(node => node != entity);
        // ffmpeg never reconnects: if the station closed its connection once, ffmpeg would exit.
        await using var ffmpeg = ExternalProgram.Ffmpeg("ffmpeg",
            "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=600 -c:a libmp3lame -b:a 128k " +
            $"-content_type audio/mpeg -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{encoderNode.SourcePort}/stream");
        await encoderNode.WaitUntilAsync(async () => (await StatusAsync(encoderNode)).Status == "Connected", LeavePatience);
        var recording = (await ListenOnAsync([encoderNode])).Single();
        await using var _ = recording;
        await using var sampler = StatusSampler.Start(encoderNode.ListenPort);
        var entities = new HashSet<string> { entity.Address };

        var joinedAt = Stopwatch.GetTimestamp();
        await cluster.AddNodesAsync(2);
        Measure("two nodes join", recording, joinedAt);
        entities.Add((await cluster.EntityNodeAsync("/stream", encoderNode)).Address);

        var running = cluster.Nodes.ToList();
        for (var leave = 1; leave <= 3; leave++)
        {
            // The entity's node first, and again whenever the entity is not on the encoder's node.
            var current = await cluster.EntityNodeAsync("/stream", encoderNode);
            var leaving = current != encoderNode ? current : running.First(node => node != encoderNode);
            var leftAt = Stopwatch.GetTimestamp();
            await leaving.LeaveAsync(LeavePatience);
            running.Remove(leaving);
            await encoderNode.WaitUntilAsync(async () => await EntityAddressAsync(encoderNode) is { } now && now != leaving.Address, LeavePatience);
            entities.Add((await cluster.EntityNodeAsync("/stream", encoderNode)).Address);
            // The listener keeps listening for 15 s after each leave began, as the issue's operator would.
            await Task.Delay(TimeSpan.FromSeconds(15) - Stopwatch.GetElapsedTime(leftAt) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            Measure($"leave {leave} ({(leaving == entity ? "the entity's first node" : leaving == current ? "the entity's node" : "another node")})", recording, leftAt);
            Assert.False(ffmpeg.HasExited, $"ffmpeg exited: {ffmpeg.StandardError}");
        }

        Assert.True(entities.Count > 1, "the mount's entity never moved");
        Assert.All(sampler.Answers, answer => Assert.Equal("Connected", answer.Status));
        Assert.NotEmpty(sampler.Answers);
        Assert.Equal(2, running.Count);
    }

    [Fact]
    public async Task A_rolling_restart_behind_nginx_keeps_the_encoder_and_other_nodes_listeners_and_brings_the_cut_ones_back_at_once()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + NginxProxy.TrustedByNodes,
        });
        await using var nginx = await NginxProxy.StartAsync(cluster.Nodes);
        var (encoder, reply) = await TestEncoder.SourceAsync(nginx.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);
        var encoderNode = await cluster.EncoderNodeAsync("/stream");
        var recordings = new List<ListenerRecording>();
        for (var i = 0; i < 6; i++)
            recordings.Add(await ListenThroughAsync(nginx));

        foreach (var restarting in cluster.Nodes.Where(node => node != encoderNode).ToArray())
        {
            var stoppedAt = Stopwatch.GetTimestamp();
            var stopping = restarting.LeaveAsync(LeavePatience);
            // Listeners on the restarting node lose their connection, and a player reconnects through nginx at once;
            // the others go on receiving audio.
            var outcomes = await Task.WhenAll(recordings.Select(async recording =>
            {
                await Task.WhenAny(recording.Reading, stopping);
                if (!recording.Reading.IsCompleted)
                    await Task.WhenAny(recording.Reading, recording.WaitForBytesAsync(recording.Count + 2000));
                if (!recording.Reading.IsCompleted)
                    return (Before: recording, After: recording);
                await recording.DisposeAsync();
                var reconnecting = Stopwatch.GetTimestamp();
                var back = await ListenThroughAsync(nginx);
                await back.WaitForBytesAsync(1);
                var firstAudio = Stopwatch.GetElapsedTime(reconnecting);
                output.WriteLine($"restart of a node: a cut listener reconnected through nginx and had audio after {firstAudio.TotalMilliseconds:0} ms");
                Assert.True(firstAudio < TimeSpan.FromSeconds(2), $"a reconnected listener waited {firstAudio.TotalSeconds:0.00} s for audio");
                return (Before: recording, After: back);
            }));
            var playing = outcomes.Where(outcome => outcome.Before == outcome.After).Select(outcome => outcome.Before).ToArray();
            recordings = outcomes.Select(outcome => outcome.After).ToList();
            await stopping;
            Assert.InRange(playing.Length, 1, recordings.Count - 1);
            await restarting.RestartAsync();
            await restarting.WhenServingAsync(LeavePatience);
            await TestCluster.WaitUntilUpAsync(cluster.Nodes);
            foreach (var recording in playing)
                Measure("restart of a node without the encoder (its listeners elsewhere)", recording, stoppedAt);
        }

        await streamer.StopAsync();
        foreach (var recording in recordings)
        {
            await using var _ = recording;
            // Whoever was never cut heard the encoder from its first frame to its last, nothing lost or repeated.
            if (recording.Received.AsSpan().IndexOf(Mp3Frames.Make(1, 0)) >= 0)
                AssertEveryFrameOnceInOrder(recording.Received);
        }
    }

    private static readonly StationOptions FourMounts = StationOptions.WithRepoMp3Playlist with
    {
        ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + """
            mount "/one" {}
            mount "/two" {}
            mount "/three" {}
            """,
    };

    /// <summary>Writes the longest silence the listener heard since <paramref name="since"/> and holds it to the bar.</summary>
    private void Measure(string operation, ListenerRecording recording, long since)
    {
        var silence = recording.LongestGapBetween(since, Stopwatch.GetTimestamp());
        output.WriteLine($"{operation}: longest silence {silence.TotalMilliseconds:0} ms");
        Assert.True(silence < LongestSilence, $"{operation}: a listener heard nothing for {silence.TotalSeconds:0.00} s");
    }

    private static async Task<ListenerRecording> ListenThroughAsync(NginxProxy nginx)
    {
        var (listener, head) = await TestListener.ConnectAsync(nginx.ListenPort);
        Assert.Contains(" 200 OK\r\n", head);
        return ListenerRecording.Start(listener);
    }

    /// <summary>The live part of a listener's stream is frame 0, 1, 2, ... of the encoder's, byte for byte, to its end.</summary>
    private static void AssertEveryFrameOnceInOrder(byte[] received)
    {
        var start = received.AsSpan().IndexOf(Mp3Frames.Make(1, 0));
        Assert.True(start >= 0, "the listener never got the encoder's first frame");
        var live = received[start..];
        var frames = live.Length / Mp3Frames.FrameLength;
        Assert.Equal(Mp3Frames.Make(frames), live[..(frames * Mp3Frames.FrameLength)]);
    }

    private static async Task<List<ListenerRecording>> ListenOnAsync(IEnumerable<ClusterNode> nodes)
    {
        var recordings = new List<ListenerRecording>();
        foreach (var node in nodes)
        {
            var (listener, head) = await TestListener.ConnectAsync(node.ListenPort);
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            recordings.Add(ListenerRecording.Start(listener));
        }
        return recordings;
    }

    private static async Task<(string Status, string Title)> StatusAsync(ClusterNode node)
    {
        using var http = new HttpClient();
        using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}/api/status"));
        return (status.RootElement.GetProperty("source_status").GetString()!,
            status.RootElement.GetProperty("metadata").GetProperty("title").GetString()!);
    }

    /// <summary>Where /stream's entity runs as <paramref name="node"/> sees it; null while it does not answer.</summary>
    private static async Task<string?> EntityAddressAsync(ClusterNode node)
    {
        using var cluster = await TestCluster.ClusterApiAsync(node);
        return cluster.RootElement.GetProperty("mounts").EnumerateArray()
            .Single(mount => mount.GetProperty("mount").GetString() == "/stream").GetProperty("entity_node").GetString();
    }
}

/// <summary>
/// These tests hold the longest silence a listener hears to a bound, so they run alone: beside three other test
/// classes on two cores, the machine's own stalls showed up as seconds of "silence" in a restart.
/// </summary>
[CollectionDefinition(nameof(SilenceMeasurements), DisableParallelization = true)]
public sealed class SilenceMeasurements;
