namespace Cycast.Bench;

/// <summary>
/// One measured phase against one server. Server figures are taken over the steady window;
/// they are null when the server process had gone by then.
/// </summary>
/// <param name="SendsPerListenerPerSecond">The server's send calls over the window (perf, system-wide, the source's writes left out) per playing listener.</param>
internal sealed record PhaseResult(
    string Case,
    string Phase,
    int Listeners,
    ListenerFigures Figures,
    double? ServerCpuPercent,
    double? ServerRssMiB,
    double? BaselineRssMiB,
    double WindowSeconds,
    double? SendsPerListenerPerSecond,
    string? SourceFailure)
{
    /// <summary>The bar is CPU per listener served: a server that drops listeners must not look cheaper for it.</summary>
    public double? CpuPer1000Playing =>
        ServerCpuPercent is { } cpu && Figures.PlayingAtEnd is > 0 ? cpu * 1000 / Figures.PlayingAtEnd : null;

    /// <summary>Memory the listeners cost the server: growth over the source-only baseline, per listener.</summary>
    public double? RssPerListenerKiB =>
        ServerRssMiB is { } rss && BaselineRssMiB is { } baseline && Listeners > 0 ? (rss - baseline) * 1024 / Listeners : null;
}
