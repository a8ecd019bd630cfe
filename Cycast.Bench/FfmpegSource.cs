using System.Diagnostics;
using System.Net;

namespace Cycast.Bench;

/// <summary>
/// A real encoder: <c>ffmpeg -re</c> sending the bench's MP3 in a loop to the server's icecast:// URL,
/// the way most stations feed Icecast. ffmpeg writes one frame per write; it stamps no latency markers.
/// </summary>
internal sealed class FfmpegSource : ILiveSource
{
    private readonly Process _ffmpeg;
    private readonly long _startedTicks = Stopwatch.GetTimestamp();
    private readonly TimeSpan _frameDuration;

    private FfmpegSource(Process ffmpeg, TimeSpan frameDuration)
    {
        _ffmpeg = ffmpeg;
        _frameDuration = frameDuration;
    }

    public Exception? Failure => _ffmpeg.HasExited
        ? new InvalidOperationException($"ffmpeg exited with code {_ffmpeg.ExitCode}")
        : null;

    /// <summary>ffmpeg's writes are not visible from here; at one frame per write they follow the clock.</summary>
    public long Writes => (long)(Stopwatch.GetElapsedTime(_startedTicks) / _frameDuration);

    public long? MarkerSentTicks(int sequence) => null;

    public static FfmpegSource Start(IPEndPoint server, string audioPath, TimeSpan frameDuration, string logPath)
    {
        var startInfo = new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-stream_loop", "-1", "-i", audioPath,
                "-c", "copy", "-content_type", "audio/mpeg", "-f", "mp3",
                $"icecast://{StreamSettings.SourceUser}:{StreamSettings.SourcePassword}@{server}{StreamSettings.MountPoint}",
            },
            RedirectStandardError = true,
        };
        var ffmpeg = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start ffmpeg");
        ffmpeg.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null) File.AppendAllText(logPath, line.Data + Environment.NewLine);
        };
        ffmpeg.BeginErrorReadLine();
        return new FfmpegSource(ffmpeg, frameDuration);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ffmpeg.HasExited)
        {
            _ffmpeg.Kill();
            await _ffmpeg.WaitForExitAsync();
        }
        _ffmpeg.Dispose();
    }
}
