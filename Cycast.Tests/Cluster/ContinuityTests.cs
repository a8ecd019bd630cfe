using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// The broadcast never stops: whatever moves a mount's entity (a node leaving, a rolling restart, nodes joining), an
/// encoder whose own node stays up is never cut, and listeners on nodes that stay up hear the live stream go on.
/// Each test writes the longest silence a listener heard during each operation to the test output.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class ContinuityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LeavePatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestSilence = TimeSpan.FromSeconds(1.5);
    private const string LiveTitle = "Live Artist - Live Show";

    private static readonly StationOptions WithPlaylist = new()
    {
        ExtraBlocks = $$"""
            playlist {
              directory = "{{RepoMusic.Directory}}"
              shuffle = false
              extensions = [".mp3"]
            }
            """,
    };

    [Fact]
    public async Task A_mount_leaving_with_its_node_carries_its_live_stream_on_without_a_lost_or_repeated_byte()
    {
        await using var cluster = await TestCluster.StartAsync(WithPlaylist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var staying = cluster.Nodes.Where(node => node != entity).ToArray();
        var encoderNode = staying[0];
        var recordings = await ListenOnAsync(staying);
        var (encoder, reply) = await TestEncoder.SourceAsync(encoderNode.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);
        await TestEncoder.MetadataAsync(encoderNode.SourcePort, $"mount=/stream&mode=updinfo&song={Uri.EscapeDataString(LiveTitle)}");
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
