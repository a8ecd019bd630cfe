using Cycast.Actors.Messages;
using Cycast.Tests.Support;
using static Cycast.Tests.Support.FfmpegStation;

namespace Cycast.Tests.Playlist;

/// <summary>End to end: a live Ogg source from ffmpeg, and a decoder that joins it late.</summary>
public sealed class LiveOggJoinTests
{
    [Theory]
    [InlineData("libvorbis", 44100, "vorbis")]
    [InlineData("libopus", 48000, "opus")]
    [InlineData("flac", 44100, "flac")]
    public async Task A_late_listener_to_a_live_ogg_source_decodes_from_its_first_byte_and_the_comments_name_the_track(
        string encoder, int sampleRate, string codec)
    {
        using var silence = new TempMusicDirectory();
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""mount "/ogg" { playlist_directory = "{{silence.Path}}" }""",
        });
        var named = MountEvents.WaitAsync(station.System, (MountTitleChanged changed) =>
            changed.MountPath == "/ogg" && changed.Title.StreamTitle == $"Cycast - Live {codec}");
        var source = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -re -f lavfi -i sine=frequency=440:duration=5:sample_rate={sampleRate} -ac 1 " +
            $"-c:a {encoder} -metadata title=\"Live {codec}\" -metadata artist=Cycast -content_type application/ogg -f ogg {SourceUrl(station, "/ogg")}");
        // The comments come with the header pages; a listener arriving after them is a late one.
        await named;

        await AssertDecodesAsync(station, "/ogg", codec, TimeSpan.FromSeconds(2));
        Assert.Equal((0, "", ""), await source.ExitAsync());
    }
}
