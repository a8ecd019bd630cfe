using System.Collections.Concurrent;
using System.Diagnostics;

namespace Cycast.Tests.Audio;

/// <summary>
/// Real encoder output for the audio parser tests, generated once per test run with ffmpeg into a temp directory.
/// Missing ffmpeg fails the tests that need it loudly instead of skipping them.
/// </summary>
internal static class TestAudio
{
    public const string Title = "Sine Wave";
    public const string Artist = "Cycast";
    public const string Album = "Test Tones";

    private const string Sine2Seconds = "-f lavfi -i sine=frequency=440:duration=2 -ac 2 -ar 44100";

    private static readonly string OutputDirectory = CreateOutputDirectory();
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Files = new();

    /// <summary>CBR 128 kbps 44.1 kHz stereo, ID3v2.3 with ASCII (so Latin-1) text frames and an ID3v1 tag.</summary>
    public static byte[] Cbr128Mp3 => Generate("cbr128.mp3",
        $"{Sine2Seconds} -c:a libmp3lame -b:a 128k -id3v2_version 3 -write_id3v1 1 {Metadata(Title, Artist, Album)}");

    /// <summary>VBR, so ffmpeg writes a Xing frame first.</summary>
    public static byte[] VbrMp3 => Generate("vbr.mp3", $"{Sine2Seconds} -c:a libmp3lame -q:a 4 {Metadata(Title, Artist, Album)}");

    /// <summary>ffmpeg writes non-ASCII ID3v2.3 text as UTF-16 with BOM.</summary>
    public static byte[] Utf16Id3Mp3 => Generate("utf16.mp3",
        $"{Sine2Seconds} -c:a libmp3lame -b:a 64k -id3v2_version 3 {Metadata("Ünïcødé ☃", "Björk", "Ærø")}");

    /// <summary>ffmpeg writes non-ASCII ID3v2.4 text as UTF-8.</summary>
    public static byte[] Utf8Id3Mp3 => Generate("utf8.mp3",
        $"{Sine2Seconds} -c:a libmp3lame -b:a 64k -id3v2_version 4 {Metadata("Ünïcødé ☃", "Björk", "Ærø")}");

    public static byte[] VorbisOgg => Generate("sine.ogg", $"{Sine2Seconds} -c:a libvorbis {Metadata(Title, Artist, Album)}");

    public static byte[] SecondVorbisOgg => Generate("second.ogg",
        "-f lavfi -i sine=frequency=660:duration=2 -ac 1 -ar 22050 -c:a libvorbis " + Metadata("Second", "Other", "B-Sides"));

    /// <summary>Opus only encodes at 48 kHz and a few lower rates, not 44.1 kHz.</summary>
    public static byte[] Opus => Generate("sine.opus", "-f lavfi -i sine=frequency=440:duration=2 -ac 2 -ar 48000 -c:a libopus -b:a 64k " + Metadata(Title, Artist, Album));

    /// <summary>FLAC in Ogg, as ffmpeg streams it with <c>-c:a flac -f ogg</c>.</summary>
    public static byte[] OggFlac => Generate("sine.oga", $"{Sine2Seconds} -c:a flac -f ogg {Metadata(Title, Artist, Album)}");

    /// <summary>AAC LC in ADTS, as encoders stream it to Icecast as audio/aac.</summary>
    public static byte[] Adts => Generate("sine.aac", $"{Sine2Seconds} -c:a aac -b:a 96k -f adts");

    /// <summary>Two complete Ogg Vorbis files back to back form a chained stream.</summary>
    public static byte[] ChainedOgg => [.. VorbisOgg, .. SecondVorbisOgg];

    private static string Metadata(string title, string artist, string album) =>
        $"-metadata \"title={title}\" -metadata \"artist={artist}\" -metadata \"album={album}\"";

    private static byte[] Generate(string name, string arguments) =>
        Files.GetOrAdd(name, n => new Lazy<byte[]>(() => RunFfmpeg(n, arguments))).Value;

    private static byte[] RunFfmpeg(string name, string arguments)
    {
        var output = Path.Combine(OutputDirectory, name);
        var start = new ProcessStartInfo("ffmpeg", $"-hide_banner -loglevel error -y {arguments} \"{output}\"")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "These audio tests need ffmpeg (with libmp3lame, libvorbis, libopus) on PATH to generate real files; install it, e.g. apt-get install -y ffmpeg.", e);
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"ffmpeg failed generating {name} (exit {process.ExitCode}): {errors}");
        }
        return File.ReadAllBytes(output);
    }

    private static string CreateOutputDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "cycast-audio-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(path, recursive: true); } catch (IOException) { }
        };
        return path;
    }
}
