namespace Cycast.Bench;

/// <summary>
/// One measured phase against one server. Server figures are taken over the steady window;
/// they are null when the server process had gone by then.
/// </summary>
internal sealed record PhaseResult(
    string Phase,
    int Listeners,
    ListenerFigures Figures,
    double? ServerCpuPercent,
    double? ServerRssMiB,
    double? BaselineRssMiB,
    double WindowSeconds,
    string? SourceFailure)
{
    /// <summary>Memory the listeners cost the server: growth over the source-only baseline, per listener.</summary>
    public double? RssPerListenerKiB =>
        ServerRssMiB is { } rss && BaselineRssMiB is { } baseline && Listeners > 0 ? (rss - baseline) * 1024 / Listeners : null;
}
