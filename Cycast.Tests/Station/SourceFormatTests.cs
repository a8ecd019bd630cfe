using Cycast.Node.Observability;
using Cycast.Shared.Audio;
using Cycast.Tests.Support;
using static Cycast.Tests.Support.FfmpegStation;

namespace Cycast.Tests.Station;

/// <summary>
/// Every content type a source may send is judged: MP3, Ogg and AAC (ADTS) by their frames or pages, anything else
/// refused with 415 unless the mount lets it through.
/// </summary>
public sealed class SourceFormatTests
{
    [Fact]
    public async Task An_octet_stream_source_is_refused_with_415_counted_and_logged()
    {
        await using var station = await TestStation.StartAsync();
        var (source, reply) = await TestEncoder.SourceAsync(station, "/stream", contentType: "application/octet-stream");
        await using (source)
        {
            Assert.StartsWith("HTTP/1.0 415 Unsupported Media Type\r\n", reply);
            var body = System.Text.Encoding.Latin1.GetString(await source.ReadToEndAsync());
            Assert.Contains("application/octet-stream is not supported", body);
        }

        using var http = new HttpClient();
        var metrics = PrometheusText.Parse(await http.GetStringAsync(station.Url("/metrics")));
        Assert.Equal(1, metrics[("cycast_connections_refused_total", $"reason=\"{Refusals.UnsupportedMediaType}\"")]);
        Assert.Contains(station.Logs.Lines, line => line.StartsWith("Warning: Refused source for /stream from 127.0.0.1:", StringComparison.Ordinal)
            && line.Contains("content type application/octet-stream is not MP3, Ogg or AAC (ADTS)"));
    }

    [Fact]
    public async Task A_mount_that_allows_passthrough_sends_its_listeners_any_bytes_as_they_come()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { ExtraBlocks = """mount "/raw" { allow_passthrough = true }""" });
        await using var source = await TestEncoder.LiveAsync(station, "/raw", contentType: "application/octet-stream");
        var (listener, head) = await TestListener.ConnectAsync(station, "/raw");
        await using var _ = listener;
        Assert.Contains("Content-Type: application/octet-stream\r\n", head);

        var bytes = new byte[3000];
        new Random(3).NextBytes(bytes);
        await source.SendAsync(bytes);

        Assert.Equal(bytes, await listener.ReadExactlyAsync(bytes.Length));
    }

    [Fact]
    public async Task Garbage_claiming_to_be_aac_is_dropped_after_source_timeout_while_another_mounts_listener_plays_on()
    {
        await using var station = await TestStation.StartAsync(StationOptions.WithRepoMp3Playlist with { SourceTimeoutSeconds = 1 });
        var (listener, _) = await TestListener.ConnectAsync(station, "/stream");
        await using var _ = listener;
        await listener.ReadExactlyAsync(4096);
        await using var noise = await TestEncoder.LiveAsync(station, "/aac", contentType: "audio/aac");
        var gone = station.WhenSourceAsync("/aac", live: false);

        Assert.Empty(await Noise.SendUntilClosedAsync(noise));
        await gone;

        static bool DroppedLine(string line) =>
            line.Contains("Encoder for /aac from ") && line.Contains(" is gone: ") && line.Contains("sent no AAC (ADTS) frame for 1 s (source_timeout)");
        // The encoder's node logs the drop once its connection is closed, which may be after the mount said so.
        await station.Logs.WaitForAsync(DroppedLine);
        Assert.Single(station.Logs.Lines, DroppedLine);
        // The other mount's listener heard its playlist throughout and goes on hearing it.
        var heard = await listener.ReadExactlyAsync(64 * 1024);
        Assert.NotEmpty(Mp3JoinPoints(heard));
    }

    [Fact]
    public async Task A_live_aac_source_from_ffmpeg_reaches_listeners_from_an_adts_frame_and_decodes()
    {
        using var silence = new TempMusicDirectory();
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            BurstSize = 16 * 1024,
            ExtraBlocks = $$"""mount "/aac" { playlist_directory = "{{silence.Path}}" }""",
        });
        var live = station.WhenSourceAsync("/aac", live: true);
        await using var encoder = ExternalProgram.Ffmpeg("ffmpeg", "-v error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=30 " +
            $"-c:a aac -b:a 96k -content_type audio/aac -f adts {SourceUrl(station, "/aac")}");
        await live;

        var (listener, head) = await TestListener.ConnectAsync(station, "/aac");
        await using var _ = listener;
        Assert.Contains("Content-Type: audio/aac\r\n", head);
        var received = await listener.ReadExactlyAsync(32 * 1024);

        // The first byte is a frame's, and frame follows frame from there.
        var whole = 0;
        while (AdtsFrameHeader.TryParse(received.AsSpan(whole), out var frame) && whole + frame.FrameLength <= received.Length)
            whole += frame.FrameLength;
        Assert.InRange(whole, received.Length - AdtsFrameHeader.MaxFrameLength, received.Length);
        await AssertReceivedDecodesAsync(received[..whole], "aac");
        await AssertDecodesAsync(station, "/aac", "aac", TimeSpan.FromSeconds(2));
    }

    private static List<long> Mp3JoinPoints(byte[] heard)
    {
        var points = new List<long>();
        new Mp3FrameScanner().Feed(heard, 0, points);
        return points;
    }
}
