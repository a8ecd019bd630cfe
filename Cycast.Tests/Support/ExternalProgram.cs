using System.Diagnostics;
using System.Text;

namespace Cycast.Tests.Support;

/// <summary>A real program (ffmpeg, the node itself) run by a test, with its output kept and a bounded lifetime.</summary>
public sealed class ExternalProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (Func<string, bool> Match, TaskCompletionSource Seen)? _awaitedLine;

    private ExternalProgram(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>The program's resident memory as the kernel counts it (VmRSS), which is what an operator's top shows.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public static ExternalProgram Start(string fileName, params string[] arguments) =>
        StartWith(new Dictionary<string, string>(), fileName, arguments);

    /// <summary>Starts the program with <paramref name="environment"/> added to this process's own.</summary>
    public static ExternalProgram StartWith(IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments)
    {
        var start = StartInfo(fileName);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return Start(start);
    }

    /// <summary>ffmpeg or ffprobe with a command line as one would type it (no quoting needed in tests).</summary>
    public static ExternalProgram Ffmpeg(string tool, string arguments)
    {
        var start = StartInfo(tool);
        start.Arguments = (tool == "ffmpeg" ? "-hide_banner -nostdin " : "-hide_banner ") + arguments;
        return Start(start);
    }

    private static ProcessStartInfo StartInfo(string fileName) => new(fileName)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        RedirectStandardInput = true,
        UseShellExecute = false,
    };

    private static ExternalProgram Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var program = new ExternalProgram(process);
        process.OutputDataReceived += (_, line) => program.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (program._stderr) program._stderr.AppendLine(line.Data); };
        process.Exited += (_, _) => program._exited.TrySetResult();
        if (!process.Start())
            throw new InvalidOperationException($"could not start {start.FileName}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return program;
    }

    /// <summary>Completes when the program prints a matching line on standard output; fails if it exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan patience)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stdout)
        {
            if (_stdout.ToString().Split('\n').Any(match))
                return;
            _awaitedLine = (match, seen);
        }
        var first = await Task.WhenAny(seen.Task, _exited.Task).WaitAsync(patience);
        if (first != seen.Task)
            throw new InvalidOperationException($"the program exited before printing the awaited line:\n{StandardOutput}\n{StandardError}");
    }

    private void OnOutput(string? line)
    {
        if (line is null)
            return;
        lock (_stdout)
        {
            _stdout.AppendLine(line);
            if (_awaitedLine is { } awaited && awaited.Match(line))
                awaited.Seen.TrySetResult();
        }
    }

    /// <summary>Writes <paramref name="text"/> to the program's standard input and closes it, as a shell pipe does.</summary>
    public async Task PipeInAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        _process.StandardInput.Close();
    }

    /// <summary>Waits for the program to exit on its own and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits (20 s at most) for the exit; returns the exit code and the trimmed output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ExitAsync()
    {
        var code = await ExitCodeAsync(TimeSpan.FromSeconds(20));
        // The exit can be seen before the last output lines are: WaitForExit without a timeout drains them.
        await _process.WaitForExitAsync();
        return (code, StandardOutput.Trim(), StandardError.Trim());
    }

    /// <summary>kill -9: the program gets no chance to say goodbye.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM, as a service manager or <c>docker stop</c> asks a program to end.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"could not signal process {_process.Id}");
    }

    /// <summary>SIGHUP, as <c>systemctl reload</c> and logrotate ask a server to read its configuration again.</summary>
    public void HangUp()
    {
        if (SendSignal(_process.Id, SigHup) != 0)
            throw new InvalidOperationException($"could not signal process {_process.Id}");
    }

    private const int SigHup = 1;
    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
