namespace Cycast.Bench;

/// <summary>What one <see cref="LoadClient.Run"/> observed, before it is reduced to figures.</summary>
internal sealed record LoadRun(
    ListenerState[] Listeners,
    long WindowStartTicks,
    long WindowEndTicks,
    int ExpectedAtEnd,
    int PlayingAtEnd,
    double ClientCpuPercent,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyDictionary<string, int> FailureReasons);
