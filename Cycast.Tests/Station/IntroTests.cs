using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>
/// A mount's intro file (Icecast's &lt;intro&gt;): a new listener hears it, then the mount's live audio, all of it
/// decoded by ffmpeg and told apart by pitch: the intro is a 1000 Hz tone, the live encoder's a 440 Hz one.
/// </summary>
public sealed class IntroTests : IDisposable
{
    private const int IntroHz = 1000, LiveHz = 440, SampleRate = 44100;

    // A directory of the test's own, deleted afterwards.
    private readonly TempMusicDirectory _directory = new();

    public void Dispose() => _directory.Dispose();


    [Theory]
    [InlineData("mp3", "-c:a libmp3lame -b:a 128k", "audio/mpeg")]
    [InlineData("ogg", "-c:a libvorbis", "application/ogg")]
    public async Task A_new_listener_hears_the_intro_then_the_live_audio(string format, string codec, string contentType)
    {
        // libmp3lame writes an ID3 tag and a Xing frame first: neither may reach the listener.
        var intro = Path.Combine(_directory.Path, $"intro.{format}");
        var made = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -f lavfi -i sine=frequency={IntroHz}:sample_rate={SampleRate}:duration=2 {codec} {intro}");
        Assert.Equal((0, "", ""), await made.ExitAsync());
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = $"mount \"/intro\" {{\n  intro = \"{intro}\"\n}}" });
        var live = station.WhenSourceAsync("/intro", live: true);
        await using var encoder = ExternalProgram.Ffmpeg("ffmpeg", $"-loglevel error -re -f lavfi -i sine=frequency={LiveHz}:sample_rate={SampleRate}:duration=30 " +
            $"{codec} -content_type {contentType} -f {format} {FfmpegStation.SourceUrl(station, "/intro")}");
        await live;

        var (listener, head) = await TestListener.ConnectAsync(station, "/intro");
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        // The whole intro, then a second or two of the live stream.
        var received = await listener.ReadExactlyAsync((int)new FileInfo(intro).Length + 24_000).WaitAsync(MountEvents.Patience);

        Assert.Equal(format == "ogg" ? "OggS"u8.ToArray() : [0xFF, 0xFB], received[..(format == "ogg" ? 4 : 2)]);
        var pitches = await PitchesAsync(received, format);
        // Quarter seconds: the intro's two seconds are its tone (the encoder's first and last frames ramp), then live.
        Assert.All(pitches[1..7], hz => Assert.InRange(hz, IntroHz - 40, IntroHz + 40));
        Assert.All(pitches[9..^1], hz => Assert.InRange(hz, LiveHz - 40, LiveHz + 40));
        Assert.True(pitches.Length >= 12, $"decoded only {pitches.Length / 4.0} s");
    }

    [Fact]
    public async Task An_intro_in_another_format_than_the_mount_is_skipped_with_a_warning()
    {
        var ogg = Path.Combine(RepoMusic.Ogg, "cycast-c523.ogg");
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = $"mount \"/intro\" {{\n  intro = \"{ogg}\"\n}}" });
        await using var encoder = await TestEncoder.LiveAsync(station, "/intro");

        var (listener, _) = await TestListener.ConnectAsync(station, "/intro");
        await using var __ = listener;
        await encoder.SendAsync(Mp3Frames.Make(10));

        Assert.Equal(Mp3Frames.Make(10), await listener.ReadExactlyAsync(Mp3Frames.Make(10).Length).WaitAsync(MountEvents.Patience));
        await station.Logs.WaitForAsync(line => line.Contains($"Intro {ogg} of /intro is Ogg but the mount streams audio/mpeg", StringComparison.Ordinal));
    }

    /// <summary>ffmpeg decodes what the listener received to mono PCM; each quarter second's pitch is counted from its zero crossings.</summary>
    private async Task<double[]> PitchesAsync(byte[] received, string format)
    {
        var file = Path.Combine(_directory.Path, $"received.{format}");
        var pcm = Path.Combine(_directory.Path, "received.pcm");
        await File.WriteAllBytesAsync(file, received);
        var decoder = ExternalProgram.Ffmpeg("ffmpeg", $"-v error -f {format} -i {file} -f s16le -ac 1 -ar {SampleRate} {pcm}");
        Assert.Equal(0, (await decoder.ExitAsync()).ExitCode);
        var bytes = await File.ReadAllBytesAsync(pcm);
        var samples = new short[bytes.Length / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * 2);
        const int Window = SampleRate / 4;
        return Enumerable.Range(0, samples.Length / Window)
            .Select(window => Enumerable.Range(window * Window + 1, Window - 1).Count(i => (samples[i - 1] < 0) != (samples[i] < 0)) * 2.0)
            .ToArray();
    }
}
