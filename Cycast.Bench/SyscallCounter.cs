using System.Diagnostics;
using System.Globalization;

namespace Cycast.Bench;

/// <summary>
/// Counts send system calls (sendto, which send() is, and sendmsg) with <c>perf stat</c>'s syscall tracepoints,
/// printed every 200 ms, and gives the rate over the intervals that lie inside a window. perf starts before the
/// phase, so its start-up never shortens the window, and the load client's thread never waits for it. Counting
/// per process does not work in this machine's sandbox, so the count is system-wide: the bench runs on a quiet
/// machine, the load client only receives once its listeners are connected, and the caller subtracts the
/// source's own writes. Null when perf is missing or refuses.
/// </summary>
internal sealed class SyscallCounter : IDisposable
{
    private const int IntervalMs = 200;
    private static readonly string[] Events = ["syscalls:sys_enter_sendto", "syscalls:sys_enter_sendmsg"];

    private readonly string _outputPath = Path.Combine(Path.GetTempPath(), $"cycast-bench-perf-{Environment.ProcessId}.csv");
    private readonly Process? _perf;
    private readonly long _startedTicks;

    private SyscallCounter(Process? perf, long startedTicks)
    {
        _perf = perf;
        _startedTicks = startedTicks;
    }

    public static SyscallCounter Start()
    {
        var counter = new SyscallCounter(null, 0);
        var startInfo = new ProcessStartInfo("perf") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["stat", "-a", "-x", ",", "-I", $"{IntervalMs}", "-o", counter._outputPath, "-e", string.Join(',', Events)])
            startInfo.ArgumentList.Add(argument);
        try
        {
            return new SyscallCounter(Process.Start(startInfo), Stopwatch.GetTimestamp());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return counter;
        }
    }

    /// <summary>Send calls per second, all processes together, over the intervals wholly inside the window.</summary>
    public double? RateWithin(long windowStartTicks, long windowEndTicks)
    {
        if (_perf is null) return null;
        if (!_perf.HasExited)
        {
            LibC.kill(_perf.Id, LibC.SIGINT);
            _perf.WaitForExit();
        }
        if (!File.Exists(_outputPath)) return null;

        var perInterval = new SortedDictionary<double, long>();
        foreach (var line in File.ReadLines(_outputPath))
        {
            // "<seconds since start>,<count>,,<event>,...": one line per event and interval.
            var fields = line.Split(',');
            if (fields.Length < 4 || !Events.Contains(fields[3])) continue;
            if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                return null;
            }
            perInterval[seconds] = perInterval.GetValueOrDefault(seconds) + count;
        }

        var windowStart = (windowStartTicks - _startedTicks) / (double)Stopwatch.Frequency;
        var windowEnd = (windowEndTicks - _startedTicks) / (double)Stopwatch.Frequency;
        var inside = perInterval.Where(i => i.Key - IntervalMs / 1000.0 >= windowStart && i.Key <= windowEnd).ToArray();
        return inside.Length == 0 ? null : inside.Sum(i => i.Value) / (inside.Length * IntervalMs / 1000.0);
    }

    public void Dispose()
    {
        if (_perf is not null && !_perf.HasExited) _perf.Kill();
        _perf?.Dispose();
        File.Delete(_outputPath);
    }
}
