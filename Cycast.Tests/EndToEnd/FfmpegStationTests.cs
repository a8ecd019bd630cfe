using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// The real encoder and the real player: ffmpeg streams to the station over Icecast's protocol (PUT and the legacy
/// SOURCE), and ffmpeg as a listener decodes what the station sends without a single error.
/// </summary>
public sealed class FfmpegStationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ffmpeg_encodes_into_the_station_and_ffmpeg_decodes_a_listeners_stream_cleanly(bool legacyIcecast)
    {
        await using var station = await TestStation.StartAsync(new StationOptions { BurstSize = 65536 });
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station, extraArguments: legacyIcecast ? "-legacy_icecast 1" : "");

        await using var listener = ExternalProgram.Start("ffmpeg",
            "-hide_banner", "-nostdin", "-v", "error", "-i", station.Url("/stream").ToString(), "-t", "3", "-f", "null", "-");
        Assert.Equal(0, await listener.ExitCodeAsync(Patience));
        Assert.Equal("", listener.StandardError);
        Assert.Equal("", encoder.StandardError);
    }

    [Fact]
    public async Task Ffprobe_sees_mp3_and_the_encoders_station_name()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { BurstSize = 65536 });
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station);

        await using var probe = ExternalProgram.Start("ffprobe",
            "-hide_banner", "-v", "error", "-show_entries", "stream=codec_name,sample_rate:format_tags=icy-name",
            "-of", "default=noprint_wrappers=1", station.Url("/stream").ToString());
        Assert.Equal(0, await probe.ExitCodeAsync(Patience));
        Assert.Contains("codec_name=mp3", probe.StandardOutput);
        Assert.Contains("sample_rate=44100", probe.StandardOutput);
        Assert.Contains("TAG:icy-name=FFmpegRadio", probe.StandardOutput);
    }
}
