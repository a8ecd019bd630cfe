namespace Cycast.Bench;

/// <summary>CPU time and resident memory of a process, read from /proc.</summary>
internal static class ProcStats
{
    private static readonly long ClockTicksPerSecond = Math.Max(1, LibC.sysconf(LibC.ScClkTck));

    /// <summary>utime + stime in clock ticks, summed over all threads of the process.</summary>
    public static long ReadCpuTicks(int pid) => ParseCpuTicks(File.ReadAllText($"/proc/{pid}/stat"));

    public static long ReadSelfCpuTicks() => ParseCpuTicks(File.ReadAllText("/proc/self/stat"));

    /// <summary>Zero for a window under a second: CPU time comes in clock ticks (10 ms), too coarse to say anything there.</summary>
    public static double CpuPercentOfOneCore(long cpuTicks, double wallSeconds) =>
        wallSeconds < 1 ? 0 : cpuTicks / (double)ClockTicksPerSecond / wallSeconds * 100.0;

    public static double ReadRssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
            return kib / 1024.0;
        }
        throw new InvalidOperationException($"no VmRSS for pid {pid}");
    }

    private static long ParseCpuTicks(string stat)
    {
        // The command name (field 2) may contain spaces, so fields are counted after its closing parenthesis:
        // there, index 0 is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }
}
