using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Tests.Support;

namespace Cycast.Tests.Playlist;

/// <summary>The player's real-time pacing, on Akka's virtual clock: an hour of audio without waiting an hour.</summary>
public sealed class PlaylistPacingTests() : TestKit("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    /// <summary>The longest MPEG audio frame: 1152 samples at 8 kHz.</summary>
    private static readonly TimeSpan LongestFrame = TimeSpan.FromTicks(1152 * TimeSpan.TicksPerSecond / 8000);

    [Fact]
    public async Task An_hour_of_shuffled_mp3_tracks_keeps_to_the_clock_by_frame_durations()
    {
        var delivered = TimeSpan.Zero;
        var titles = new List<string>();
        await PlayAnHourAsync(new PlaylistLibrary(RepoMusic.Directory, shuffle: true, [".mp3"]), LongestFrame, message =>
        {
            switch (message)
            {
                case FallbackTrackStarted started:
                    Assert.Equal(ContainerFormat.Mp3, started.Format);
                    titles.Add(started.Title.StreamTitle);
                    break;
                case FallbackAudio chunk:
                    delivered += DurationOfFrames(chunk.Audio);
                    break;
            }
            return delivered;
        });

        Assert.Equal(RepoMusic.Mp3Titles, titles.Distinct().Order());
        var cycles = titles.Chunk(RepoMusic.Mp3Titles.Length).Where(cycle => cycle.Length == RepoMusic.Mp3Titles.Length).ToArray();
        Assert.True(cycles.Length > 100);
        // Reshuffled every cycle: a fixed order would show a single one.
        Assert.True(cycles.Select(cycle => string.Join("|", cycle)).Distinct().Count() > 1);
    }

    [Fact]
    public async Task An_hour_of_ogg_vorbis_tracks_keeps_to_the_clock_by_granule_positions()
    {
        var tracks = Directory.GetFiles(RepoMusic.Ogg).Select(TrackLoader.Load).ToDictionary(track => track.Title);
        PlaylistTrack? playing = null;
        var playingFrom = TimeSpan.Zero;
        var delivered = TimeSpan.Zero;
        // A page is sent whole once it starts, so the audio delivered runs ahead by up to one page.
        var longestPage = tracks.Values.SelectMany(track => track.Units.Zip(track.Units.Skip(1), (page, next) => next.Start - page.Start)).Max();
        await PlayAnHourAsync(new PlaylistLibrary(RepoMusic.Ogg, shuffle: false, [".ogg"]), longestPage, message =>
        {
            switch (message)
            {
                case FallbackTrackStarted started:
                    Assert.Equal(ContainerFormat.Ogg, started.Format);
                    playingFrom += playing?.Duration ?? TimeSpan.Zero;
                    playing = tracks[started.Title];
                    break;
                case FallbackAudio chunk:
                    delivered = playingFrom + EndTimeOf(playing!, chunk.Audio);
                    break;
            }
            return delivered;
        });
    }

    /// <summary>
    /// Advances the virtual clock an hour, a second at a time, checking after each second that the audio delivered
    /// (as <paramref name="deliveredAfter"/> reckons it from each message) is the clock plus the player's lead, less at
    /// most one batch interval and more by at most one <paramref name="unit"/>, the longest frame or page.
    /// </summary>
    private async Task PlayAnHourAsync(PlaylistLibrary library, TimeSpan unit, Func<object, TimeSpan> deliveredAfter)
    {
        var scheduler = (TestScheduler)Sys.Scheduler;
        var mount = CreateTestProbe();
        var player = Sys.ActorOf(PlaylistPlayer.Props("/stream", library, format: null, mount.Ref, new SchedulerClock(scheduler)));
        var delivered = TimeSpan.Zero;
        void ReceiveUntil(TimeSpan audio)
        {
            while (delivered < audio)
                delivered = deliveredAfter(mount.ReceiveOne());
        }

        // The player starts its timeline on its first tick, at virtual time zero.
        ReceiveUntil(PlaylistPlayer.Lead);
        for (var elapsed = TimeSpan.FromSeconds(1); elapsed <= Hour; elapsed += TimeSpan.FromSeconds(1))
        {
            scheduler.Advance(TimeSpan.FromSeconds(1));
            // The tick the advance delivered is handled before the player answers this.
            await player.Ask<ActorIdentity>(new Identify(null));
            ReceiveUntil(elapsed + PlaylistPlayer.Lead);
            Assert.InRange(delivered - elapsed, PlaylistPlayer.Lead - PlaylistPlayer.Batch, PlaylistPlayer.Lead + unit);
        }
        var drift = Math.Abs((delivered - PlaylistPlayer.Lead - Hour).TotalSeconds) / Hour.TotalSeconds;
        Assert.True(drift < 0.005, $"delivered {delivered} of audio in {Hour}");
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

    /// <summary>Audio time at the end of the chunk: it is a run of the track's pages, and ends where one of them ends.</summary>
    private static TimeSpan EndTimeOf(PlaylistTrack track, ReadOnlyMemory<byte> chunk)
    {
        Assert.True(MemoryMarshal.TryGetArray(chunk, out var slice));
        var units = track.Units;
        var last = units.Select((unit, index) => (unit, index)).Single(page => page.unit.End == slice.Offset + slice.Count).index;
        return last + 1 < units.Count ? units[last + 1].Start : track.Duration;
    }
}
