using Cycast.Tests.Support;
using static Cycast.Tests.Support.FfmpegStation;

namespace Cycast.Tests.Playlist;

/// <summary>End to end: an Ogg playlist, with ffmpeg as a live encoder and as the listeners' decoder.</summary>
public sealed class OggDecoderTests
{
    [Fact]
    public async Task An_ogg_vorbis_listener_decodes_without_errors_across_fallback_live_fallback()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""mount "/ogg" { playlist_directory = "{{RepoMusic.Ogg}}" }""",
            VerboseLogging = true,
        });
        var listening = station.WhenListenersAsync("/ogg", 1);
        var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {station.Url("/ogg")} -t 6 -f null -");
        await listening;

        await PlayLiveAsync(station, "/ogg", "-c:a libvorbis -content_type application/ogg -f ogg", frequency: 880);

        var (exitCode, _, errors) = await decoder.ExitAsync();
        Assert.Equal("", errors);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_late_listener_to_an_ogg_vorbis_playlist_decodes_from_its_first_byte_into_the_next_track()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""mount "/ogg" { playlist_directory = "{{RepoMusic.Ogg}}" }""",
            VerboseLogging = true,
        });
        await TestListener.HearAsync(station, "/ogg");
        // The tracks are five seconds long: six seconds cross into a chained stream with headers of its own.
        await AssertDecodesAsync(station, "/ogg", "vorbis", TimeSpan.FromSeconds(6));
    }
}
