using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cycast.Bench;

/// <summary>
/// A server under test, started through bash so its open file limit can be raised to the hard
/// limit first (one descriptor per listener), with its output going to a log file rather than a
/// pipe nobody drains.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string LaunchScript =
        "ulimit -n 20000 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; exec \"$@\" >\"$BENCH_SERVER_LOG\" 2>&1";

    private readonly Process _process;

    private ServerProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    /// <summary>The server's own pid: bash execs into it, so /proc figures are the server's.</summary>
    public int Pid => _process.Id;

    public string LogPath { get; }

    /// <param name="cpu">The one CPU the server may use; taskset execs into the server, so the pid stays the server's.</param>
    /// <param name="environment">Variables the server runs with, as its deployment sets them.</param>
    public static ServerProcess Start(string executable, IEnumerable<string> arguments, string logPath, string workingDirectory, int? cpu = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(LaunchScript);
        startInfo.ArgumentList.Add("bench-server");
        if (cpu is { } pinned)
        {
            startInfo.ArgumentList.Add("taskset");
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(pinned.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        startInfo.ArgumentList.Add(executable);
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        startInfo.Environment["BENCH_SERVER_LOG"] = logPath;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) startInfo.Environment[name] = value;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {executable}");
        return new ServerProcess(process, logPath);
    }

    /// <summary>Ready once every endpoint accepts a TCP connection; gives up after a bounded number of attempts.</summary>
    public async Task WaitUntilAcceptingAsync(IReadOnlyList<IPEndPoint> endpoints, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"server exited with code {_process.ExitCode}: {LogTail()}");
            if (await AllAcceptAsync(endpoints, cancellationToken)) return;
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"server did not accept connections on {string.Join(", ", endpoints)}: {LogTail()}");
    }

    public bool HasExited => _process.HasExited;

    public string LogTail(int lines = 15) =>
        File.Exists(LogPath) ? string.Join(" | ", File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";

    private static async Task<bool> AllAcceptAsync(IReadOnlyList<IPEndPoint> endpoints, CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                await probe.ConnectAsync(endpoint, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>SIGTERM first so the server can shut down as in production, SIGKILL if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            LibC.kill(_process.Id, LibC.SIGTERM);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
