using Cycast.Actors.Messages;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>A source that sends bytes but no audio is a silent source: it keeps no mount off the air.</summary>
public sealed class NoAudioSourceTests
{
    [Fact]
    public async Task A_source_sending_no_frame_for_source_timeout_is_let_go_and_the_playlist_takes_the_air()
    {
        await using var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist with { SourceTimeoutSeconds = 1 });
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        await using var noise = await TestEncoder.LiveAsync(station);
        var gone = station.WhenSourceAsync("/stream", live: false);
        var playlist = MountEvents.WaitAsync(station.System, (MountFallbackStarted started) => started.MountPath == "/stream");

        // Bytes that never form an MP3 frame sync, sent faster than source_timeout for longer than it: the wire is never quiet.
        var closed = Noise.SendUntilClosedAsync(noise);
        await gone;
        await playlist;
        Assert.Empty(await closed);
        // Akka's log events reach the node's log on their own actor, a moment after the events above.
        static bool Dropped(string line) => line.Contains("sent no MP3 frame for 1 s (source_timeout)") && line.Contains("is gone");
        await station.Logs.WaitForAsync(Dropped);
        Assert.Single(station.Logs.Lines, Dropped);

        // The listener stayed, and hears the playlist from a whole frame: the noise never reached the ring.
        var heard = await listener.ReadExactlyAsync(4096);
        Assert.Equal(0xFF, heard[0]);
        Assert.Equal(0xE0, heard[1] & 0xE0);
    }
}
