namespace Cycast.Bench;

/// <summary>What one <see cref="LoadClient.Run"/> observed, before it is reduced to figures.</summary>
internal sealed record LoadRun(
    ListenerState[] Listeners,
    long WindowStartTicks,
    long WindowEndTicks,
    int ExpectedAtEnd,
    int PlayingAtEnd,
    double ClientCpuPercent,
    LatencyHistogram Latencies,
    IReadOnlyDictionary<string, int> FailureReasons);
