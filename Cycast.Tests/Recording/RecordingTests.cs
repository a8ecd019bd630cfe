using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Recording;

/// <summary>
/// A mount's <c>dump_file</c>, recorded from a real ffmpeg encoder and checked with ffmpeg and ffprobe: the files hold
/// what listeners hear, whole, cut where they should be; a directory that cannot be written costs one log line, and
/// the listeners nothing.
/// </summary>
public sealed class RecordingTests(ITestOutputHelper output)
{
    /// <summary>The encoder's bit rate in bytes a second: 128 kbit/s.</summary>
    private const double BytesPerSecond = 16000;

    [Fact]
    public async Task A_live_source_is_recorded_whole_without_icy_blocks_and_the_file_decodes_end_to_end()
    {
        using var recordings = new RecordingDirectory();
        await using var station = await TestStation.StartAsync(Recorded(recordings.MountBlock("/live", "live-%Y%m%d-%H%M%S.mp3")));
        // An ICY listener, so the mount has blocks to splice, none of which may reach the file.
        var (listener, _) = await TestListener.ConnectAsync(station, "/live", icy: true);
        await using var __ = listener;
        var closed = station.Logs.WaitForAsync(line => line.Contains("Recording of /live closed", StringComparison.Ordinal));
        // Four seconds of a tone, then the encoder hangs up.
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station, "/live", "-t 4");
        await station.Logs.WaitForAsync(line => line.Contains("Recording /live to ", StringComparison.Ordinal));
        using (var title = await TestEncoder.MetadataAsync(station.SourcePort, "mount=/live&mode=updinfo&song=Recorded%20Song"))
            title.EnsureSuccessStatusCode();
        await closed;

        var (file, bytes) = Assert.Single(RecordingDirectory.Closed(station.Logs.Lines, "/live"));
        Assert.Equal(Path.GetDirectoryName(file), recordings.Path);
        Assert.Equal(bytes, new FileInfo(file).Length);
        Assert.DoesNotContain("StreamTitle", System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        var seconds = await RecordingDirectory.AssertMp3DecodesAsync(file);
        output.WriteLine($"{file}: {bytes} bytes, {seconds:0.000} s decoded");
        // The encoder's four seconds, all but a frame or two of them; and as many bytes as that much audio takes.
        Assert.InRange(seconds, 3.8, 4.1);
        Assert.InRange(bytes / BytesPerSecond, seconds - 0.1, seconds + 0.1);
    }

    [Fact]
    public async Task Rotation_by_size_cuts_files_on_frame_boundaries_each_decoding_from_its_first_byte()
    {
        const int limit = 16384;
        using var recordings = new RecordingDirectory();
        await using var station = await TestStation.StartAsync(Recorded(recordings.MountBlock("/live", "live-%H%M%S.mp3", $"dump_rotate_bytes = {limit}")));
        var closed = station.Logs.WaitForAsync(line => line.Contains("Recording of /live closed", StringComparison.Ordinal)
            && line.Contains("its source disconnected", StringComparison.Ordinal));
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station, "/live", "-t 4");
        await closed;

        var files = RecordingDirectory.Closed(station.Logs.Lines, "/live");
        // Four seconds at 16000 bytes a second: at least three files of 16384 bytes, and the rest.
        Assert.InRange(files.Count, 3, 5);
        Assert.Equal(files.Count, Directory.GetFiles(recordings.Path).Length);
        var total = 0.0;
        foreach (var (file, bytes) in files)
        {
            Assert.Equal(bytes, new FileInfo(file).Length);
            var seconds = await RecordingDirectory.AssertMp3DecodesAsync(file);
            output.WriteLine($"{file}: {bytes} bytes, {seconds:0.000} s");
            total += seconds;
        }
        Assert.All(files.SkipLast(1), file => Assert.True(file.Bytes >= limit, $"{file.File} was cut at {file.Bytes} bytes, before {limit}"));
        Assert.InRange(total, 3.8, 4.1);
    }

    [Fact]
    public async Task Rotation_by_time_cuts_on_the_clock_and_a_taken_name_gets_a_number_never_an_append()
    {
        using var recordings = new RecordingDirectory();
        // No conversion at all: every file after the first finds its name taken.
        await using var station = await TestStation.StartAsync(Recorded(recordings.MountBlock("/live", "live.mp3", "dump_rotate_seconds = 1")));
        var closed = station.Logs.WaitForAsync(line => line.Contains("Recording of /live closed", StringComparison.Ordinal)
            && line.Contains("its source disconnected", StringComparison.Ordinal));
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station, "/live", "-t 4");
        await closed;

        var files = RecordingDirectory.Closed(station.Logs.Lines, "/live");
        // ffmpeg sends its first second at once, so the four seconds span three to four seconds of the clock.
        Assert.True(files.Count >= 3, $"{files.Count} files from four seconds cut every second");
        Assert.Equal(files.Select((_, index) => recordings.Pattern(index == 0 ? "live.mp3" : $"live-{index + 1}.mp3")), files.Select(file => file.File));
        Assert.All(files.SkipLast(1), file => Assert.Contains(station.Logs.Lines, line => line.Contains($"closed {file.File} ({file.Bytes} bytes): dump_rotate_seconds passed", StringComparison.Ordinal)));
        var total = 0.0;
        foreach (var (file, bytes) in files)
        {
            Assert.Equal(bytes, new FileInfo(file).Length);
            total += await RecordingDirectory.AssertMp3DecodesAsync(file);
        }
        Assert.InRange(total, 3.8, 4.1);
    }

    [Fact]
    public async Task A_directory_that_cannot_be_made_stops_the_recording_with_one_error_and_listeners_hear_on()
    {
        // A regular file where the recording's directory should be: no write there succeeds, even as root.
        var blocker = Path.GetTempFileName();
        try
        {
            var (error, logs) = await FailingRecordingAsync($"{blocker}/live-%s.mp3");

            Assert.Contains(blocker, error);
            Assert.DoesNotContain(logs, line => line.Contains("Recording /live to ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task A_full_disk_stops_the_recording_with_one_error_and_listeners_hear_on()
    {
        // 64 KiB hold four seconds at 128 kbit/s: the disk is full a few seconds into the source.
        await using var disk = await SmallDisk.MountAsync(64);

        var (error, logs) = await FailingRecordingAsync($"{disk.Path}/live-%s.mp3");

        Assert.Contains("No space left on device", error);
        Assert.Contains(logs, line => line.Contains("Recording /live to ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("Recording of /live closed", StringComparison.Ordinal));
    }

    /// <summary>
    /// Records a live source on /live to <paramref name="dumpFile"/>, which fails: a listener hears two more seconds
    /// after the error (the recorder would have copied eight times meanwhile), and the error is logged once. Returns
    /// that line and the node's log.
    /// </summary>
    private async Task<(string Error, string[] Logs)> FailingRecordingAsync(string dumpFile)
    {
        await using var station = await TestStation.StartAsync(Recorded($$"""mount "/live" { dump_file = "{{dumpFile}}" }"""));
        var (listener, head) = await TestListener.ConnectAsync(station, "/live");
        await using var _ = listener;
        Assert.Contains(" 200 OK\r\n", head);
        static bool IsTheError(string line) => line.StartsWith("Error: Recording of /live stopped: cannot write ", StringComparison.Ordinal);
        var failed = station.Logs.WaitForAsync(IsTheError);
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(station, "/live");
        await failed;

        var heard = await listener.ReadExactlyAsync(2 * (int)BytesPerSecond);

        Assert.Equal(2 * (int)BytesPerSecond, heard.Length);
        var error = Assert.Single(station.Logs.Lines, IsTheError);
        output.WriteLine(error);
        return (error, station.Logs.Lines.ToArray());
    }

    /// <summary>The repository's playlist on every mount, and <paramref name="mountBlock"/>.</summary>
    private static StationOptions Recorded(string mountBlock) => StationOptions.WithRepoMp3Playlist with
    {
        ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + mountBlock,
    };

    [Fact]
    public async Task An_ogg_source_rotated_by_size_gives_files_that_each_begin_with_its_header_pages()
    {
        using var recordings = new RecordingDirectory();
        using var silence = new TempMusicDirectory();
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = recordings.MountBlock("/ogg", "ogg-%H%M%S.ogg", $"dump_rotate_bytes = 16384\n  playlist_directory = \"{silence.Path}\""),
        });
        var closed = station.Logs.WaitForAsync(line => line.Contains("Recording of /ogg closed", StringComparison.Ordinal)
            && line.Contains("its source disconnected", StringComparison.Ordinal));
        // Six seconds of noise at about 128 kbit/s (a pure tone would compress to a fifth of that): several files of 16 KiB.
        var encoder = ExternalProgram.Ffmpeg("ffmpeg", "-v error -re -f lavfi -i anoisesrc=duration=6:color=pink:amplitude=0.3:sample_rate=44100 -ac 2 " +
            $"-c:a libvorbis -b:a 128k -page_duration 250000 -content_type application/ogg -f ogg {FfmpegStation.SourceUrl(station, "/ogg")}");
        Assert.Equal((0, "", ""), await encoder.ExitAsync());
        await closed;

        var files = RecordingDirectory.Closed(station.Logs.Lines, "/ogg");
        Assert.True(files.Count >= 3, $"{files.Count} files");
        Assert.All(files.SkipLast(1), file => Assert.True(file.Bytes >= 16384, $"{file.File} was cut at {file.Bytes} bytes, before 16384"));
        foreach (var (file, bytes) in files)
        {
            Assert.Equal(bytes, new FileInfo(file).Length);
            output.WriteLine($"{file}: {bytes} bytes");
            await RecordingDirectory.AssertOggDecodesAsync(file, "vorbis");
        }
    }
}
