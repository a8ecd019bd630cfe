using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Cycast.Actors.Playlist;
using Cycast.Shared.Audio;
using Cycast.Tests.Support;

namespace Cycast.Tests.Playlist;

/// <summary>The player's real-time pacing, on Akka's virtual clock: an hour of audio without waiting an hour.</summary>
public sealed class PlaylistPacingTests() : TestKit("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
{
    private static readonly TimeSpan LongestFrame = TimeSpan.FromTicks(1152 * TimeSpan.TicksPerSecond / 8000);

    [Fact]
    public async Task An_hour_of_shuffled_mp3_tracks_keeps_to_the_clock_without_drift()
    {
        var scheduler = (TestScheduler)Sys.Scheduler;
        var mount = CreateTestProbe();
        var library = new PlaylistLibrary(RepoMusic.Directory, shuffle: true, [".mp3"]);
        var player = Sys.ActorOf(PlaylistPlayer.Props("/stream", library, format: null, mount.Ref, new SchedulerClock(scheduler)));

        var delivered = TimeSpan.Zero;
        var titles = new List<string>();
        void ReceiveUntil(TimeSpan audio)
        {
            while (delivered < audio)
            {
                switch (mount.ReceiveOne())
                {
                    case FallbackTrackStarted started:
                        Assert.Equal(TrackFormat.Mp3, started.Format);
                        titles.Add(started.Title.StreamTitle);
                        break;
                    case FallbackAudio chunk:
                        delivered += DurationOfFrames(chunk.Audio);
                        break;
                }
            }
        }

        // The player starts its timeline on its first tick, at virtual time zero.
        ReceiveUntil(PlaylistPlayer.Lead);
        var hour = TimeSpan.FromHours(1);
        for (var elapsed = TimeSpan.FromSeconds(1); elapsed <= hour; elapsed += TimeSpan.FromSeconds(1))
        {
            scheduler.Advance(TimeSpan.FromSeconds(1));
            // The tick the advance delivered is handled before the player answers this.
            await player.Ask<ActorIdentity>(new Identify(null));
            ReceiveUntil(elapsed + PlaylistPlayer.Lead);
            Assert.InRange(delivered - elapsed, PlaylistPlayer.Lead, PlaylistPlayer.Lead + LongestFrame);
        }

        var drift = Math.Abs((delivered - PlaylistPlayer.Lead - hour).TotalSeconds) / hour.TotalSeconds;
        Assert.True(drift < 0.005, $"delivered {delivered} of audio in {hour}");
        Assert.Equal(RepoMusic.Mp3Titles, titles.Distinct().Order());
        var cycles = titles.Chunk(RepoMusic.Mp3Titles.Length).Where(cycle => cycle.Length == RepoMusic.Mp3Titles.Length).ToArray();
        Assert.True(cycles.Length > 100);
        // Reshuffled every cycle: a fixed order would show a single one.
        Assert.True(cycles.Select(cycle => string.Join("|", cycle)).Distinct().Count() > 1);
    }

    /// <summary>The chunk is whole frames and nothing else: no tag bytes, no Xing frame.</summary>
    private static TimeSpan DurationOfFrames(ReadOnlyMemory<byte> audio)
    {
        var frames = Mp3FileInfo.Frames(audio, 0, audio.Length).ToArray();
        Assert.NotEmpty(frames);
        Assert.Equal(0, frames[0].Offset);
        Assert.Equal(audio.Length, frames.Sum(frame => frame.Length));
        Assert.DoesNotContain(frames, frame => frame.IsInfoFrame);
        return TimeSpan.FromTicks(frames.Sum(frame => frame.Duration.Ticks));
    }
}
