using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// What the continuity tests share: the bar a listener's longest silence is held to, and the views of a node they check.
/// Each writes the longest silence a listener heard during each operation to its test output.
/// </summary>
internal static class Continuity
{
    public static readonly TimeSpan LeavePatience = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestSilence = TimeSpan.FromSeconds(1.5);
    public const string LiveTitle = "Live Artist - Live Show";

    /// <summary>Writes the longest silence the listener heard since <paramref name="since"/> and holds it to the bar.</summary>
    public static void Measure(ITestOutputHelper output, string operation, ListenerRecording recording, long since)
    {
        var silence = recording.LongestGapBetween(since, Stopwatch.GetTimestamp());
        output.WriteLine($"{operation}: longest silence {silence.TotalMilliseconds:0} ms");
        Assert.True(silence < LongestSilence, $"{operation}: a listener heard nothing for {silence.TotalSeconds:0.00} s");
    }

    public static async Task<ListenerRecording> ListenThroughAsync(NginxProxy nginx)
    {
        var (listener, head) = await TestListener.ConnectAsync(nginx.ListenPort);
        Assert.Contains(" 200 OK\r\n", head);
        return ListenerRecording.Start(listener);
    }

    /// <summary>The live part of a listener's stream is frame 0, 1, 2, ... of the encoder's, byte for byte, to its end.</summary>
    public static void AssertEveryFrameOnceInOrder(byte[] received)
    {
        var start = received.AsSpan().IndexOf(Mp3Frames.Make(1, 0));
        Assert.True(start >= 0, "the listener never got the encoder's first frame");
        var live = received[start..];
        var frames = live.Length / Mp3Frames.FrameLength;
        Assert.Equal(Mp3Frames.Make(frames), live[..(frames * Mp3Frames.FrameLength)]);
    }

    public static async Task<List<ListenerRecording>> ListenOnAsync(IEnumerable<ClusterNode> nodes)
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

    public static async Task<(string Status, string Title)> StatusAsync(ClusterNode node)
    {
        using var http = new HttpClient();
        using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://{node.Host}:{node.ListenPort}/api/status"));
        return (status.RootElement.GetProperty("source_status").GetString()!,
            status.RootElement.GetProperty("metadata").GetProperty("title").GetString()!);
    }

    /// <summary>Where /stream's entity runs as <paramref name="node"/> sees it; null while it does not answer.</summary>
    public static async Task<string?> EntityAddressAsync(ClusterNode node)
    {
        using var cluster = await TestCluster.ClusterApiAsync(node);
        return TestCluster.MountView(cluster, "/stream").GetProperty("entity_node").GetString();
    }
}
