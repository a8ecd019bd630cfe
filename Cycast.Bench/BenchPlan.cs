namespace Cycast.Bench;

/// <summary>Listener counts and phase lengths; every phase is bounded by these durations.</summary>
internal sealed record BenchPlan(
    string Mode,
    int[] ListenerCounts,
    double ConnectsPerSecond,
    double SourceWarmupSeconds,
    double SettleSeconds,
    double WindowSeconds,
    int LoneConnects,
    int ChurnPresent,
    double ChurnConnectsPerSecond,
    double ChurnWindowSeconds,
    int LatencyListeners,
    double LatencyWindowSeconds,
    double MarkerIntervalSeconds,
    double AudioSeconds)
{
    /// <summary>
    /// The warm-up lets the source fill the 64 KiB burst (4 s of 128 kbit/s audio) before
    /// listeners arrive; the settle time lets the last listeners of the ramp get past their burst.
    /// </summary>
    public static BenchPlan Full => new(
        Mode: "full",
        ListenerCounts: [1_000, 5_000, 10_000, 19_000],
        ConnectsPerSecond: 1_000,
        SourceWarmupSeconds: 5,
        SettleSeconds: 3,
        WindowSeconds: 30,
        LoneConnects: 20,
        ChurnPresent: 2_000,
        ChurnConnectsPerSecond: 200,
        ChurnWindowSeconds: 30,
        LatencyListeners: 50,
        LatencyWindowSeconds: 20,
        MarkerIntervalSeconds: 0.25,
        AudioSeconds: 60);

    /// <summary>A smoke run: about a minute per server.</summary>
    public static BenchPlan Short => new(
        Mode: "short",
        ListenerCounts: [200, 1_000],
        ConnectsPerSecond: 1_000,
        SourceWarmupSeconds: 2,
        SettleSeconds: 1.5,
        WindowSeconds: 10,
        LoneConnects: 20,
        ChurnPresent: 500,
        ChurnConnectsPerSecond: 100,
        ChurnWindowSeconds: 6,
        LatencyListeners: 50,
        LatencyWindowSeconds: 4,
        MarkerIntervalSeconds: 0.25,
        AudioSeconds: 60);
}
