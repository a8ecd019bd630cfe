namespace Cycast.Shared.Config;

/// <summary>
/// The <c>broadcaster { }</c> block. The original's <c>sleep_high</c>, <c>sleep_medium</c> and <c>sleep_low</c>
/// are accepted for compatibility but ignored, each with a notice: Cycast is event-driven.
/// </summary>
/// <param name="ChunkSize"><c>chunk_size</c>: bytes per chunk, 1024-65536 (default 8192).</param>
/// <param name="LatencyBudget"><c>latency_budget_ms</c> (a Cycast extension): the longest the newest audio waits
/// before a mount's listeners are woken to send it, 0-250 ms (default 90). Wakes go out at most this often, so a
/// listener costs at most 1000 / budget sends a second however its encoder chunks its writes; 0 wakes listeners on
/// every write.</param>
public sealed record BroadcasterSettings(int ChunkSize, TimeSpan LatencyBudget)
{
    public static TimeSpan DefaultLatencyBudget { get; } = TimeSpan.FromMilliseconds(90);
}
