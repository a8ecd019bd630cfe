using Cycast.Actors.Mounts;
using Cycast.Tests.Support;

namespace Cycast.Tests.Playlist;

/// <summary>End to end: ffmpeg as the encoder and as the listener's decoder, across switches and late joins.</summary>
public sealed class DecoderTests
{
    [Fact]
    public async Task An_mp3_listener_decodes_without_errors_across_fallback_live_fallback_live()
    {
        using var music = new TempMusicDirectory();
        music.Add(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3"));
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = music.PlaylistBlock() });
        var listening = station.Logs.WaitForAsync(line => line.Contains("connected to /stream"));
        var decoder = FfmpegRun.Start("ffmpeg", $"-v error -i {station.Url("/stream")} -t 8 -f null -");
        await listening;

        await PlayLiveAsync(station, "/stream", "-c:a libmp3lame -b:a 32k -content_type audio/mpeg -f mp3", frequency: 880);
        // Let the playlist play a while between the two encoders.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await PlayLiveAsync(station, "/stream", "-c:a libmp3lame -b:a 32k -content_type audio/mpeg -f mp3", frequency: 330);

        var (exitCode, _, errors) = await decoder.ExitAsync();
        Assert.Equal("", errors);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task An_ogg_vorbis_listener_decodes_without_errors_across_fallback_live_fallback()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""mount "/ogg" { playlist_directory = "{{RepoMusic.Ogg}}" }""",
        });
        await station.Logs.WaitForAsync(line => line.Contains("Playlist for /ogg plays"));
        var listening = station.Logs.WaitForAsync(line => line.Contains("connected to /ogg"));
        var decoder = FfmpegRun.Start("ffmpeg", $"-v error -i {station.Url("/ogg")} -t 6 -f null -");
        await listening;

        await PlayLiveAsync(station, "/ogg", "-c:a libvorbis -content_type application/ogg -f ogg", frequency: 880);

        var (exitCode, _, errors) = await decoder.ExitAsync();
        Assert.Equal("", errors);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [InlineData("libvorbis", 44100, "vorbis")]
    [InlineData("libopus", 48000, "opus")]
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
        var source = FfmpegRun.Start("ffmpeg", $"-v error -re -f lavfi -i sine=frequency=440:duration=5:sample_rate={sampleRate} -ac 1 " +
            $"-c:a {encoder} -metadata title=\"Live {codec}\" -metadata artist=Cycast -content_type application/ogg -f ogg {SourceUrl(station, "/ogg")}");
        // The comments come with the header pages; a listener arriving after them is a late one.
        await named;

        await AssertDecodesAsync(station, "/ogg", codec, TimeSpan.FromSeconds(2));
        Assert.Equal((0, "", ""), await source.ExitAsync());
    }

    [Fact]
    public async Task A_late_listener_to_an_ogg_vorbis_playlist_decodes_from_its_first_byte_into_the_next_track()
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = $$"""mount "/ogg" { playlist_directory = "{{RepoMusic.Ogg}}" }""",
        });
        await station.Logs.WaitForAsync(line => line.Contains("Playlist for /ogg plays"));
        // The tracks are five seconds long: six seconds cross into a chained stream with headers of its own.
        await AssertDecodesAsync(station, "/ogg", "vorbis", TimeSpan.FromSeconds(6));
    }

    private static async Task AssertDecodesAsync(TestStation station, string mount, string codec, TimeSpan duration)
    {
        var probe = FfmpegRun.Start("ffprobe", $"-v error -show_entries stream=codec_name -of csv=p=0 {station.Url(mount)}");
        var decoder = FfmpegRun.Start("ffmpeg", $"-v error -i {station.Url(mount)} -t {duration.TotalSeconds} -f null -");
        Assert.Equal((0, codec, ""), await probe.ExitAsync());
        Assert.Equal((0, "", ""), await decoder.ExitAsync());
    }

    /// <summary>Streams a two-second tone as a live source, in real time, and returns once the mount has let it go.</summary>
    private static async Task PlayLiveAsync(TestStation station, string mount, string encoding, int frequency)
    {
        var gone = station.WhenSourceAsync(mount, live: false);
        var encoder = FfmpegRun.Start("ffmpeg", $"-v error -re -f lavfi -i sine=frequency={frequency}:duration=2:sample_rate=44100 -ac 1 {encoding} {SourceUrl(station, mount)}");
        Assert.Equal((0, "", ""), await encoder.ExitAsync());
        await gone;
    }

    private static string SourceUrl(TestStation station, string mount) =>
        $"icecast://source:{TestStation.Password}@127.0.0.1:{station.SourcePort}{mount}";
}
