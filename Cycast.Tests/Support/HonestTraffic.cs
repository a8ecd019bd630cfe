using System.Diagnostics;

namespace Cycast.Tests.Support;

/// <summary>
/// An encoder streaming at real-time pace and a player listening to it, kept running through an attack so a test can
/// tell whether the honest audience heard any of it: the longest the player heard nothing, and that it is still served.
/// </summary>
public sealed class HonestTraffic : IAsyncDisposable
{
    /// <summary>What an honest player may go without audio during an attack: the bar.</summary>
    public static readonly TimeSpan LongestSilence = TimeSpan.FromSeconds(1);

    private readonly FrameStreamer _encoder;
    private readonly ListenerRecording _listener;

    private HonestTraffic(FrameStreamer encoder, ListenerRecording listener)
    {
        _encoder = encoder;
        _listener = listener;
    }

    /// <summary>Starts both on <paramref name="mount"/> and returns once the player has heard its first second of audio.</summary>
    public static async Task<HonestTraffic> StartAsync(int sourcePort, int listenPort, string mount = "/stream")
    {
        var (encoder, reply) = await TestEncoder.SourceAsync(sourcePort, mount);
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        var streamer = FrameStreamer.Start(encoder);
        var (player, head) = await TestListener.ConnectAsync(listenPort, mount);
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        var traffic = new HonestTraffic(streamer, ListenerRecording.Start(player));
        await traffic._listener.WaitForBytesAsync(16_000);
        return traffic;
    }

    /// <summary>A <see cref="Stopwatch"/> timestamp to measure from.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>The longest the player heard nothing since <paramref name="since"/>, up to now.</summary>
    public TimeSpan LongestSilenceSince(long since) => _listener.LongestGapBetween(since, Stopwatch.GetTimestamp());

    /// <summary>Holds the player's longest silence since <paramref name="since"/> to <see cref="LongestSilence"/>.</summary>
    public void AssertNoGapSince(long since, string attack)
    {
        var silence = LongestSilenceSince(since);
        Assert.True(silence < LongestSilence, $"during {attack}, the honest listener heard nothing for {silence.TotalMilliseconds:0} ms");
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        await _encoder.DisposeAsync();
    }
}
