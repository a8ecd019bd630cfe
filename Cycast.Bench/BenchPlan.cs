namespace Cycast.Bench;

/// <summary>The load cases and phase lengths; every phase is bounded by these durations.</summary>
internal sealed record BenchPlan(
    string Mode,
    IReadOnlyList<LoadCase> Cases,
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
    double AudioSeconds)
{
    /// <summary>
    /// The warm-up lets the source fill the 64 KiB burst (4 s of 128 kbit/s audio) before
    /// listeners arrive; the settle time lets the last listeners of the ramp get past their burst.
    /// </summary>
    public static BenchPlan Full => new(
        Mode: "full",
        Cases:
        [
            new("per-frame encoder", SourceKind.PerFrame, [100, 500, 1_000, 5_000, 10_000, 19_000]),
            new("per-frame encoder, 90 s in", SourceKind.PerFrame, [100, 1_000], SettleSeconds: 90),
            new("100 ms chunks", SourceKind.Chunks100Ms, [1_000, 10_000]),
            new("ffmpeg -re", SourceKind.Ffmpeg, [1_000, 10_000]),
            new("one core", SourceKind.PerFrame, [100, 500, 1_000], OneCore: true),
            .. LoadCase.BudgetCurve([0, 30, 60, 150, 250], [1_000, 10_000]),
        ],
        ConnectsPerSecond: 1_000,
        SourceWarmupSeconds: 5,
        SettleSeconds: 3,
        WindowSeconds: 15,
        LoneConnects: 20,
        ChurnPresent: 2_000,
        ChurnConnectsPerSecond: 200,
        ChurnWindowSeconds: 20,
        LatencyListeners: 50,
        LatencyWindowSeconds: 15,
        AudioSeconds: 60);

    /// <summary>A smoke run: every case once, small, with short windows.</summary>
    public static BenchPlan Short => new(
        Mode: "short",
        Cases:
        [
            new("per-frame encoder", SourceKind.PerFrame, [100, 1_000]),
            new("per-frame encoder, 30 s in", SourceKind.PerFrame, [100], SettleSeconds: 30),
            new("100 ms chunks", SourceKind.Chunks100Ms, [1_000]),
            new("ffmpeg -re", SourceKind.Ffmpeg, [1_000]),
            new("one core", SourceKind.PerFrame, [500], OneCore: true),
            .. LoadCase.BudgetCurve([0], [1_000]),
        ],
        ConnectsPerSecond: 1_000,
        SourceWarmupSeconds: 2,
        SettleSeconds: 1.5,
        WindowSeconds: 8,
        LoneConnects: 20,
        ChurnPresent: 500,
        ChurnConnectsPerSecond: 100,
        ChurnWindowSeconds: 6,
        LatencyListeners: 50,
        LatencyWindowSeconds: 4,
        AudioSeconds: 60);
}
