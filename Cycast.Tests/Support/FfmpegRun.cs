using System.Diagnostics;

namespace Cycast.Tests.Support;

/// <summary>An ffmpeg or ffprobe process as a test drives it: started, then awaited for its exit code and output.</summary>
public sealed class FfmpegRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private FfmpegRun(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static FfmpegRun Start(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, "-hide_banner " + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        return new FfmpegRun(Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start"));
    }

    /// <summary>Waits for the exit; a run that outlives its patience is killed and fails the test.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            _process.Kill();
            throw;
        }
        return (_process.ExitCode, (await _stdout).Trim(), (await _stderr).Trim());
    }
}
