using System.Diagnostics;

namespace Cycast.Bench;

/// <summary>
/// Samples a server's CPU time at the start and end of a steady window and its RSS at the end.
/// Sampling runs on the load client's thread, so a server that died must not throw there.
/// </summary>
internal sealed class ServerUsageWindow(int pid)
{
    private long? _cpuTicksAtStart;
    private long _wallTicksAtStart;

    public double? CpuPercent { get; private set; }
    public double? RssMiB { get; private set; }

    public void Start()
    {
        _cpuTicksAtStart = TryRead(() => ProcStats.ReadCpuTicks(pid));
        _wallTicksAtStart = Stopwatch.GetTimestamp();
    }

    public void End()
    {
        var wallSeconds = Stopwatch.GetElapsedTime(_wallTicksAtStart).TotalSeconds;
        if (_cpuTicksAtStart is { } start && TryRead(() => ProcStats.ReadCpuTicks(pid)) is { } end)
            CpuPercent = ProcStats.CpuPercentOfOneCore(end - start, wallSeconds);
        RssMiB = TryRead(() => ProcStats.ReadRssMiB(pid));
    }

    private static T? TryRead<T>(Func<T> read) where T : struct
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
