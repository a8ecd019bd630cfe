using System.Diagnostics;

namespace Cycast.Bench;

/// <summary>What the listeners of one load phase experienced, reduced to the reported figures.</summary>
internal sealed record ListenerFigures(
    int Attempted,
    int ExpectedAtEnd,
    int PlayingAtEnd,
    int Stalled,
    int ConnectFailed,
    int BadStatus,
    int ClosedByServer,
    int NoAudio,
    int NoAudioStillConnecting,
    int NoAudioNoResponse,
    double? BitrateP1Kbps,
    double? BitrateP50Kbps,
    int BitrateSamples,
    double? FirstByteP50Ms,
    double? FirstByteP99Ms,
    double? LatencyP50Ms,
    double? LatencyP99Ms,
    long LatencySamples,
    double? WindowGapP99Ms,
    double? ReadsPerListenerPerSecond,
    double ClientCpuPercent,
    IReadOnlyDictionary<string, int> FailureReasons)
{
    private static readonly long StallTicks = Stopwatch.Frequency;
    /// <summary>Shorter spans are dominated by the source's chunking and would add noise, not signal.</summary>
    private static readonly long MinimumBitrateSpanTicks = 2 * Stopwatch.Frequency;

    public static ListenerFigures From(LoadRun run)
    {
        var started = run.Listeners.Where(l => l.ConnectStartTicks != 0).ToArray();
        return new ListenerFigures(
            Attempted: started.Length,
            ExpectedAtEnd: run.ExpectedAtEnd,
            PlayingAtEnd: run.PlayingAtEnd,
            Stalled: started.Count(l => l.HasFirstByte && l.MaxGapTicks > StallTicks),
            ConnectFailed: started.Count(l => l.Outcome is ListenerOutcome.ConnectFailed),
            BadStatus: started.Count(l => l.Outcome is ListenerOutcome.BadStatus),
            ClosedByServer: started.Count(l => l.Outcome is ListenerOutcome.ClosedByServer),
            NoAudio: started.Count(IsWithoutAudio),
            NoAudioStillConnecting: started.Count(l => IsWithoutAudio(l) && l.StageWhenClosed is ListenerStage.Connecting),
            NoAudioNoResponse: started.Count(l => IsWithoutAudio(l) && l.StageWhenClosed is ListenerStage.AwaitingHeaders),
            BitrateP1Kbps: Percentiles.Of(BitratesKbps(run, started), 1),
            BitrateP50Kbps: Percentiles.Of(BitratesKbps(run, started), 50),
            BitrateSamples: BitratesKbps(run, started).Count(),
            FirstByteP50Ms: Percentiles.Of(FirstByteMs(started), 50),
            FirstByteP99Ms: Percentiles.Of(FirstByteMs(started), 99),
            LatencyP50Ms: run.Latencies.Percentile(50),
            LatencyP99Ms: run.Latencies.Percentile(99),
            LatencySamples: run.Latencies.Count,
            WindowGapP99Ms: Percentiles.Of(PresentThroughout(run, started).Select(l => l.WindowMaxGapTicks * 1000.0 / Stopwatch.Frequency), 99),
            ReadsPerListenerPerSecond: ReadsPerListenerPerSecondOf(run, started),
            ClientCpuPercent: run.ClientCpuPercent,
            FailureReasons: run.FailureReasons);
    }

    public int Failed => ConnectFailed + BadStatus + ClosedByServer + NoAudio;

    /// <summary>Had time to start playing, was not refused or dropped, and still got no audio.</summary>
    private static bool IsWithoutAudio(ListenerState l) =>
        !l.HasFirstByte
        && l.Outcome is ListenerOutcome.ClosedAsPlanned or ListenerOutcome.ClosedAtWindowEnd
        && l.CloseTicks - l.ConnectStartTicks >= LoadClient.StartupAllowanceTicks;

    /// <summary>Playing when the window opened and still there when it closed: the listeners whose gaps and reads span it.</summary>
    private static IEnumerable<ListenerState> PresentThroughout(LoadRun run, ListenerState[] listeners) =>
        listeners.Where(l => l.HasFirstByte && l.FirstByteTicks < run.WindowStartTicks && l.Outcome is ListenerOutcome.ClosedAtWindowEnd);

    /// <summary>A listener that keeps up reads each send once: this is the server's sends seen from the receiving end.</summary>
    private static double? ReadsPerListenerPerSecondOf(LoadRun run, ListenerState[] listeners)
    {
        var present = PresentThroughout(run, listeners).ToArray();
        var seconds = (run.WindowEndTicks - run.WindowStartTicks) / (double)Stopwatch.Frequency;
        return present.Length == 0 || seconds < 1 ? null : present.Sum(l => (double)l.WindowReads) / present.Length / seconds;
    }

    private static IEnumerable<double> FirstByteMs(ListenerState[] listeners) =>
        listeners.Where(l => l.HasFirstByte)
            .Select(l => (l.FirstByteTicks - l.ConnectStartTicks) * 1000.0 / Stopwatch.Frequency);

    /// <summary>
    /// Received bitrate over each listener's steady span (inside the window, past the burst).
    /// A listener present for the whole window that never reached a steady span received
    /// nothing there and counts as 0 rather than being dropped.
    /// </summary>
    private static IEnumerable<double> BitratesKbps(LoadRun run, ListenerState[] listeners)
    {
        foreach (var l in listeners)
        {
            if (l.SteadyStarted && l.SteadyEnded && l.SteadyEndTicks - l.SteadyStartTicks >= MinimumBitrateSpanTicks)
            {
                var seconds = (l.SteadyEndTicks - l.SteadyStartTicks) / (double)Stopwatch.Frequency;
                yield return (l.SteadyEndBytes - l.SteadyStartBytes) * 8 / 1000.0 / seconds;
            }
            else if (!l.SteadyStarted && l.ConnectStartTicks < run.WindowStartTicks
                     && l.Outcome is ListenerOutcome.ClosedAtWindowEnd
                     && run.WindowEndTicks - run.WindowStartTicks >= MinimumBitrateSpanTicks)
            {
                yield return 0;
            }
        }
    }
}
