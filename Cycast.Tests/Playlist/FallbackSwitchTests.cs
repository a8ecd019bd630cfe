using System.Diagnostics;
using Cycast.Actors.Messages;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Tests.Support;
using static Cycast.Tests.Playlist.PlaylistAudio;

namespace Cycast.Tests.Playlist;

/// <summary>Playlist to live and back, seen from a listener's socket: every byte, every boundary, no disconnection.</summary>
public sealed class FallbackSwitchTests
{
    [Fact]
    public async Task Live_then_fallback_then_live_reach_one_listener_as_whole_frames_without_a_gap_or_a_hang_up()
    {
        using var music = new TempMusicDirectory();
        var track = TrackLoader.Load(music.Add(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3")));
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = music.PlaylistBlock() });
        var (listener, head) = await TestListener.ConnectAsync(station);
        await using var _ = listener;
        Assert.Contains("Content-Type: audio/mpeg\r\n", head);

        // No encoder yet: the playlist is on air and the listener joins on one of its frames.
        var joined = await listener.ReadExactlyAsync(1024);
        AssertJoinsOnAFrameOf(track, joined);

        // An encoder's first bytes may be anything (here: junk, then half a frame, then the rest); listeners get its first frame on.
        var encoder = await TestEncoder.LiveAsync(station);
        var live = Mp3Frames.Make(20);
        await encoder.SendAsync((byte[])[.. new byte[150], .. live[..300]]);
        await encoder.SendAsync(live[300..]);
        var beforeLive = await listener.ReadUntilAsync(live[..Mp3Frames.FrameLength]);
        AssertWholeFrames([.. joined, .. beforeLive]);
        Assert.Equal(live[Mp3Frames.FrameLength..], await listener.ReadExactlyAsync(live.Length - Mp3Frames.FrameLength));

        // The encoder goes: the playlist starts over in the encoder's format, right after its last frame.
        var gone = station.WhenSourceAsync("/stream", live: false);
        var fallback = MountEvents.WaitAsync(station.System, (MountFallbackStarted started) => started.MountPath == "/stream" && started.Format == ContainerFormat.Mp3);
        await encoder.DisposeAsync();
        await gone;
        var sinceGone = Stopwatch.StartNew();
        var sent = Sent(track);
        Assert.Equal(sent[..100], await listener.ReadExactlyAsync(100));
        Assert.True(sinceGone.Elapsed < TimeSpan.FromSeconds(1), $"the fallback took {sinceGone.Elapsed} to resume");
        Assert.Equal(sent[100..1600], await listener.ReadExactlyAsync(1500));
        await fallback;

        // A second encoder takes over from the playlist at the end of one of its frames.
        await using var again = await TestEncoder.LiveAsync(station);
        var liveAgain = Mp3Frames.Make(10, firstIndex: 100);
        await again.SendAsync(liveAgain);
        var beforeLiveAgain = await listener.ReadUntilAsync(liveAgain[..Mp3Frames.FrameLength]);
        AssertWholeFrames([.. sent[..1600], .. beforeLiveAgain]);
        Assert.Equal(liveAgain[Mp3Frames.FrameLength..], await listener.ReadExactlyAsync(liveAgain.Length - Mp3Frames.FrameLength));
    }

    [Fact]
    public async Task A_silent_mount_keeps_its_listener_and_plays_files_added_later()
    {
        using var music = new TempMusicDirectory();
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = music.PlaylistBlock() });
        await station.Logs.WaitForAsync(line => line.StartsWith("Warning") && line.Contains(music.Path) && line.Contains("silent"));
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var __ = listener;

        var track = TrackLoader.Load(music.Add(Path.Combine(RepoMusic.Directory, "cycast-e659.mp3")));
        Assert.Equal(Sent(track)[..1000], await listener.ReadExactlyAsync(1000));
    }

    [Fact]
    public async Task Empty_corrupt_and_wrong_format_files_are_skipped_with_one_warning_each()
    {
        using var music = new TempMusicDirectory();
        music.Write("1-empty.mp3", []);
        music.Write("2-corrupt.mp3", Enumerable.Range(0, 5000).Select(i => (byte)(i * 31 % 251)).ToArray());
        music.Add(Path.Combine(RepoMusic.Ogg, "cycast-c523.ogg"), "3-vorbis.ogg");
        var track = TrackLoader.Load(music.Add(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3"), "4-tone.mp3"));
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = music.PlaylistBlock() });
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var __ = listener;
        AssertJoinsOnAFrameOf(track, await listener.ReadExactlyAsync(1000));

        foreach (var (file, reason) in new[] { ("1-empty.mp3", "empty"), ("2-corrupt.mp3", "no MPEG audio frames"), ("3-vorbis.ogg", "it is Ogg, but the mount streams Mp3") })
        {
            bool IsTheWarning(string line) => line.StartsWith("Warning") && line.Contains(file) && line.Contains(reason);
            // Akka logs asynchronously: the line may follow the audio the listener already has.
            await station.Logs.WaitForAsync(IsTheWarning);
            Assert.Single(station.Logs.Lines, IsTheWarning);
        }
    }
}
