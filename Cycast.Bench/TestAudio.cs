using System.Diagnostics;

namespace Cycast.Bench;

/// <summary>Generates the CBR 128 kbit/s, 44.1 kHz MP3 that both servers relay; never committed.</summary>
internal static class TestAudio
{
    public static async Task<string> GenerateAsync(string directory, TimeSpan duration, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "bench-128k.mp3");
        var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={duration.TotalSeconds:0}",
                "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k",
                // No ID3 tag and no Xing/LAME info frame: every byte sent is a real audio frame.
                "-id3v2_version", "0", "-write_xing", "0",
                path,
            },
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start ffmpeg");
        var errors = await ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        await ffmpeg.WaitForExitAsync(cancellationToken);
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {errors}");
        return path;
    }
}
