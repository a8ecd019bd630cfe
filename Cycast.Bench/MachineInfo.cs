namespace Cycast.Bench;

/// <summary>What the figures were measured on, including how busy the machine already was.</summary>
internal sealed record MachineInfo(int ProcessorCount, string CpuModel, double MemoryGiB, string Kernel, string LoadAverageAtStart)
{
    public static MachineInfo Collect()
    {
        var cpuModel = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKiB = File.ReadLines("/proc/meminfo")
            .Where(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(line => long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0]))
            .FirstOrDefault();
        var loadAverage = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        return new MachineInfo(
            Environment.ProcessorCount,
            cpuModel,
            Math.Round(memoryKiB / 1024.0 / 1024.0, 1),
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            loadAverage);
    }

    public override string ToString() =>
        $"{ProcessorCount} × {CpuModel}, {MemoryGiB} GiB RAM, Linux {Kernel}, load average at start {LoadAverageAtStart}";
}
