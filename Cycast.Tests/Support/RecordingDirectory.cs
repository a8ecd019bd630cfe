using System.Globalization;
using System.Text.RegularExpressions;

namespace Cycast.Tests.Support;

/// <summary>
/// A directory of the test's own that a mount records into, deleted afterwards, and what a test checks of a recorded
/// file with ffmpeg: that it decodes from its first byte to its last, and how much audio that is.
/// </summary>
public sealed partial class RecordingDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cycast-recording-").FullName;

    /// <summary>A <c>dump_file</c> pattern in this directory.</summary>
    public string Pattern(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A mount block that records <paramref name="mount"/> into this directory, with the extra keys given.</summary>
    public string MountBlock(string mount, string name, string extraKeys = "") => $$"""
        mount "{{mount}}" {
          dump_file = "{{Pattern(name)}}"
          {{extraKeys}}
        }
        """;

    /// <summary>The files a node says it closed, in order, with the bytes it says it wrote: from its log lines.</summary>
    public static IReadOnlyList<(string File, long Bytes)> Closed(IEnumerable<string> logLines, string mount) =>
        logLines.Select(line => ClosedLine().Match(line))
            .Where(match => match.Success && match.Groups["mount"].Value == mount)
            .Select(match => (match.Groups["file"].Value, long.Parse(match.Groups["bytes"].Value, CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>The files a node says it opened for <paramref name="mount"/>, in order: from its log lines.</summary>
    public static IReadOnlyList<string> Opened(IEnumerable<string> logLines, string mount) =>
        logLines.Select(line => OpenedLine().Match(line))
            .Where(match => match.Success && match.Groups["mount"].Value == mount)
            .Select(match => match.Groups["file"].Value)
            .ToArray();

    /// <summary>
    /// ffmpeg decodes all of <paramref name="file"/> without one error, and it starts on an MP3 frame (no ID3 tag, no
    /// ICY block, no part of a frame); returns the seconds of audio it holds (MPEG-1 Layer III: 1152 samples a frame).
    /// </summary>
    public static async Task<double> AssertMp3DecodesAsync(string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.Length > 4 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0, $"{file} does not start on an MP3 frame");
        Assert.Equal((0, "", ""), await ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {file} -f null -").ExitAsync());
        var (exit, packets, errors) = await ExternalProgram.Ffmpeg("ffprobe",
            $"-v error -count_packets -select_streams a:0 -show_entries stream=nb_read_packets,sample_rate -of csv=p=0 {file}").ExitAsync();
        Assert.Equal((0, ""), (exit, errors));
        var fields = packets.Trim().Split(',');
        return int.Parse(fields[1], CultureInfo.InvariantCulture) * 1152.0 / int.Parse(fields[0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// ffmpeg decodes all of the Ogg <paramref name="file"/> without one error, and it starts as a new listener's stream
    /// does: on a page, with the codec's header pages (ffprobe finds <paramref name="codec"/> in it).
    /// </summary>
    public static async Task AssertOggDecodesAsync(string file, string codec)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.True(bytes.AsSpan().StartsWith("OggS"u8), $"{file} does not start on an Ogg page");
        Assert.Equal((0, "", ""), await ExternalProgram.Ffmpeg("ffmpeg", $"-v error -i {file} -f null -").ExitAsync());
        Assert.Equal((0, codec, ""), await ExternalProgram.Ffmpeg("ffprobe", $"-v error -show_entries stream=codec_name -of csv=p=0 {file}").ExitAsync());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    [GeneratedRegex(@"Recording of (?<mount>\S+) closed (?<file>\S+) \((?<bytes>\d+) bytes\)")]
    private static partial Regex ClosedLine();

    [GeneratedRegex(@"Recording (?<mount>/\S*) to (?<file>\S+)")]
    private static partial Regex OpenedLine();
}
