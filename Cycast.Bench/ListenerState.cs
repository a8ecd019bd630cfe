namespace Cycast.Bench;

internal enum ListenerStage : byte { NotStarted, Connecting, AwaitingHeaders, Streaming, Closed }

internal enum ListenerOutcome : byte { None, ConnectFailed, BadStatus, ClosedByServer, ClosedAsPlanned, ClosedAtWindowEnd }

/// <summary>
/// Everything the load client tracks for one listener. Kept as a struct in one array so 19 000
/// listeners cost one allocation and the event loop touches them by index. Times are
/// Stopwatch ticks.
/// </summary>
internal struct ListenerState
{
    public int Fd;
    public ListenerStage Stage;
    /// <summary>How far the listener had got when it was closed; tells a refused handshake from a silent server.</summary>
    public ListenerStage StageWhenClosed;
    public ListenerOutcome Outcome;

    public long ConnectStartTicks;
    public long PlannedCloseTicks;
    public long FirstByteTicks;
    public long LastReceiveTicks;
    public long CloseTicks;
    public long MaxGapTicks;
    public long AudioBytes;

    // The steady span is the part of the window after the burst-on-connect grace period.
    public bool SteadyStarted;
    public long SteadyStartTicks;
    public long SteadyStartBytes;
    public bool SteadyEnded;
    public long SteadyEndTicks;
    public long SteadyEndBytes;

    // Response headers can in principle straddle reads; they are collected here until complete.
    public byte[]? HeaderBuffer;
    public int HeaderLength;

    // Within the window only: the longest silence a player would have had to bridge, and the reads it took.
    public long WindowMaxGapTicks;
    public int WindowReads;

    // The tail of the previous read, so a latency marker split across reads is still found.
    public byte[]? MarkerCarry;
    public int MarkerCarryLength;

    public readonly bool HasFirstByte => FirstByteTicks != 0;
}
