using Cycast.Tests.Support;
using static Cycast.Tests.Support.FfmpegStation;

namespace Cycast.Tests.Playlist;

/// <summary>End to end: ffmpeg as the MP3 encoder and as the listener's decoder, across switches.</summary>
public sealed class Mp3DecoderTests
{
    [Fact]
    public async Task An_mp3_listener_decodes_without_errors_across_fallback_live_fallback_live()
    {
        using var music = new TempMusicDirectory();
        music.Add(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3"));
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = music.PlaylistBlock() });
        var listening = station.WhenListenersAsync("/stream", 1);
        var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {station.Url("/stream")} -t 8 -f null -");
        await listening;

        await PlayLiveAsync(station, "/stream", "-c:a libmp3lame -b:a 32k -content_type audio/mpeg -f mp3", frequency: 880);
        // Let the playlist play a while between the two encoders.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await PlayLiveAsync(station, "/stream", "-c:a libmp3lame -b:a 32k -content_type audio/mpeg -f mp3", frequency: 330);

        var (exitCode, _, errors) = await decoder.ExitAsync();
        Assert.Equal("", errors);
        Assert.Equal(0, exitCode);
    }
}
