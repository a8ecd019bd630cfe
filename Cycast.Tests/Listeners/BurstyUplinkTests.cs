using Cycast.Tests.Support;

namespace Cycast.Tests.Listeners;

/// <summary>
/// An encoder's uplink is not a metronome: after a Wi-Fi or mobile hiccup TCP delivers seconds of audio at once, and
/// some encoders flush their buffer in one write. Listeners that keep up must get all of it: the lag budget judges the
/// listener's socket, never the pace at which audio reaches the server.
/// </summary>
public sealed class BurstyUplinkTests
{
    /// <summary>128 kbit/s, 44.1 kHz: 38.28 frames of 417 bytes a second.</summary>
    private static readonly TimeSpan FrameDuration = TimeSpan.FromSeconds(1152.0 / 44100);

    [Fact]
    public async Task Listeners_reading_at_full_speed_get_every_byte_of_a_stalled_uplinks_backlog_and_of_a_flush()
    {
        // Icecast's old default budget (8 s of this stream) is smaller than either burst: the old rule cut everyone.
        await using var station = await TestStation.StartAsync(new StationOptions { QueueSize = 128 * 1024 });
        var recordings = new List<ListenerRecording>();
        for (var i = 0; i < 2; i++)
        {
            var (listener, head) = await TestListener.ConnectAsync(station);
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            recordings.Add(ListenerRecording.Start(listener));
        }
        await using var encoder = await TestEncoder.LiveAsync(station);
        var sent = 0;
        async Task SendAsync(TimeSpan duration, bool realTime)
        {
            var frames = (int)Math.Round(duration / FrameDuration);
            if (!realTime)
            {
                await encoder.SendAsync(Mp3Frames.Make(frames, sent));
                sent += frames;
                return;
            }
            using var pace = new PeriodicTimer(FrameDuration);
            for (var frame = 0; frame < frames && await pace.WaitForNextTickAsync(); frame++)
                await encoder.SendAsync(Mp3Frames.Make(1, sent++));
        }

        await SendAsync(TimeSpan.FromSeconds(2), realTime: true);
        // The uplink stalls for 9 s (inside source_timeout), then TCP hands over the backlog in one go.
        await Task.Delay(TimeSpan.FromSeconds(9));
        await SendAsync(TimeSpan.FromSeconds(9), realTime: false);
        await SendAsync(TimeSpan.FromSeconds(1), realTime: true);
        // An encoder flushes 12 s of audio in one write.
        await SendAsync(TimeSpan.FromSeconds(12), realTime: false);
        await SendAsync(TimeSpan.FromSeconds(1), realTime: true);

        var expected = Mp3Frames.Make(sent);
        foreach (var recording in recordings)
        {
            await using var _ = recording;
            await recording.WaitForBytesAsync(expected.Length);
            Assert.Equal(expected, recording.Received);
        }
        Assert.DoesNotContain(station.Logs.Lines, line => line.Contains("cut off"));
        Assert.DoesNotContain(station.Logs.Lines, line => line.StartsWith("Error") || line.StartsWith("Critical"));
    }
}
