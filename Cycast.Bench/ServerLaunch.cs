namespace Cycast.Bench;

/// <summary>What a phase asks of a fresh server instance.</summary>
/// <param name="LatencyBudgetMs">Cycast's <c>broadcaster.latency_budget_ms</c>; null for its default. Icecast ignores it.</param>
/// <param name="Cpu">The one CPU the server may run on (taskset); null for all.</param>
internal sealed record ServerLaunch(int BurstBytes, int? LatencyBudgetMs = null, int? Cpu = null);
