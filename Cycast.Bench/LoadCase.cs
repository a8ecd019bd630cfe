namespace Cycast.Bench;

/// <summary>
/// One family of load phases: the same source and server settings at several audience sizes.
/// </summary>
/// <param name="LatencyBudgetMs">Cycast's <c>broadcaster.latency_budget_ms</c>; null keeps the default. Icecast has no such knob, so such cases run Cycast alone.</param>
/// <param name="OneCore">The server pinned to one CPU with taskset and the load client to the other, as on a small board.</param>
/// <param name="SettleSeconds">
/// How long the listeners play before the window opens, when not the plan's few seconds: a station runs for days, and
/// a .NET server spends its first minute finishing its JIT compilation (about 1.4 % of a core 15-35 s after start,
/// 0.35 % after 90 s, at idle), which a window opened seconds after start charges to its listeners.
/// </param>
internal sealed record LoadCase(string Name, SourceKind Source, int[] Sizes, int? LatencyBudgetMs = null, bool OneCore = false,
    double? SettleSeconds = null)
{
    /// <summary>The CPU a one-core case pins the server to; the load client takes CPU 0.</summary>
    public const int ServerCpu = 1;

    public bool CycastOnly => LatencyBudgetMs is not null;

    /// <summary>The settings the latency-budget curve compares with the default (90 ms) of the per-frame case.</summary>
    public static IEnumerable<LoadCase> BudgetCurve(int[] budgetsMs, int[] sizes) =>
        budgetsMs.Select(budget => new LoadCase($"latency budget {budget} ms", SourceKind.PerFrame, sizes, LatencyBudgetMs: budget));
}
