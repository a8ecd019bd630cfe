namespace Cycast.Bench;

/// <summary>The raw results of one bench run, written as JSON next to the plot.</summary>
internal sealed record BenchReport(
    DateTimeOffset StartedAtUtc,
    string Command,
    string BenchCommit,
    MachineInfo Machine,
    BenchPlan Plan,
    IReadOnlyList<ServerResult> Servers);
