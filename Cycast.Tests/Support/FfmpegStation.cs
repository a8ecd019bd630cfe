namespace Cycast.Tests.Support;

/// <summary>ffmpeg as a station's encoder and as its listeners' decoder.</summary>
public static class FfmpegStation
{
    public static async Task AssertDecodesAsync(TestStation station, string mount, string codec, TimeSpan duration)
    {
        var probe = ExternalProgram.Ffmpeg("ffprobe", $"-v error -show_entries stream=codec_name -of csv=p=0 {station.Url(mount)}");
        var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {station.Url(mount)} -t {duration.TotalSeconds} -f null -");
        Assert.Equal((0, codec, ""), await probe.ExitAsync());
        Assert.Equal((0, "", ""), await decoder.ExitAsync());
    }

    /// <summary>Decodes what a listener received, after the fact: ffmpeg must read all of it without one error.</summary>
    public static Task AssertMp3DecodesAsync(byte[] received) => AssertReceivedDecodesAsync(received, "mp3");

    /// <summary>The same for any format ffmpeg can read from a file (<c>-f aac</c> for ADTS).</summary>
    public static async Task AssertReceivedDecodesAsync(byte[] received, string format)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cycast-received-{Guid.NewGuid():N}.{format}");
        await File.WriteAllBytesAsync(file, received);
        try
        {
            var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -f {format} -i {file} -f null -");
            Assert.Equal((0, "", ""), await decoder.ExitAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Streams a two-second tone as a live source, in real time, and returns once the mount has let it go.</summary>
    public static async Task PlayLiveAsync(TestStation station, string mount, string encoding, int frequency)
    {
        var gone = station.WhenSourceAsync(mount, live: false);
        var encoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -re -f lavfi -i sine=frequency={frequency}:duration=2:sample_rate=44100 -ac 1 {encoding} {SourceUrl(station, mount)}");
        Assert.Equal((0, "", ""), await encoder.ExitAsync());
        await gone;
    }

    /// <summary>
    /// Starts ffmpeg streaming a 440 Hz tone as 128 kbit/s MP3 to <paramref name="mount"/> in real time, and returns
    /// once the mount says the source is live. The caller disposes it (which stops it).
    /// </summary>
    public static async Task<ExternalProgram> LiveMp3EncoderAsync(TestStation station, string mount = "/stream", string extraArguments = "")
    {
        var live = station.WhenSourceAsync(mount, live: true);
        var encoder = Mp3Encoder(SourceUrl(station, mount), 30, extraArguments);
        await live;
        return encoder;
    }

    /// <summary>The same tone for <paramref name="seconds"/>, to a mount of icecast2 (a relay's upstream); returns once icecast2 lists it.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static async Task<ExternalProgram> LiveMp3EncoderAsync(RunningIcecast icecast, string mount, int seconds)
    {
        var encoder = Mp3Encoder($"icecast://source:{TestStation.Password}@127.0.0.1:{icecast.Port}{mount}", seconds, "");
        await icecast.WaitForSourceAsync(mount);
        return encoder;
    }

    private static ExternalProgram Mp3Encoder(string url, int seconds, string extraArguments) => ExternalProgram.Ffmpeg("ffmpeg",
        $"-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration={seconds} -c:a libmp3lame -b:a 128k " +
        $"-content_type audio/mpeg -ice_name FFmpegRadio {extraArguments} -f mp3 {url}");

    public static string SourceUrl(TestStation station, string mount) =>
        $"icecast://source:{TestStation.Password}@127.0.0.1:{station.SourcePort}{mount}";
}
