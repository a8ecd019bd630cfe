namespace Cycast.Actors.Streaming;

/// <summary>
/// A mount's ring together with where decoders may join it: what both the mount entity and each node's replica of
/// it keep, so that either can hand a newcomer a burst that starts on a frame (or page) of the current stream.
/// </summary>
public sealed class StreamHistory(int capacity, int burstSize)
{
    /// <summary>Enough join points to cover any burst: an MP3 frame is never shorter than ~100 bytes.</summary>
    private const int JoinPointCapacity = 8192;

    private readonly JoinPointIndex _joinPoints = new(JoinPointCapacity);
    private long? _latestJoinPoint;

    public AudioRing Ring { get; } = new(capacity);

    /// <summary>Where in the ring a newcomer may start at the earliest; <see cref="long.MaxValue"/> while no stream is joinable.</summary>
    public long EarliestJoin { get; set; } = long.MaxValue;

    /// <summary>A new stream is one a listener may join only from its own first join point on.</summary>
    public void BeginStream()
    {
        _joinPoints.Clear();
        _latestJoinPoint = null;
        EarliestJoin = long.MaxValue;
    }

    public void AddJoinPoint(long offset)
    {
        _joinPoints.Add(offset);
        _latestJoinPoint = offset;
    }

    /// <summary>
    /// The first join point of the burst; failing one, the latest join point, since starting mid-frame (or, for Ogg,
    /// mid-page) costs a decoder more than a few bytes of extra burst. Only the current stream counts: the ring's
    /// older bytes belong to a stream that has ended, and an Ogg listener must not start before its header applies.
    /// </summary>
    public long BurstStart()
    {
        var liveEdge = Ring.WriteOffset;
        if (EarliestJoin == long.MaxValue)
            return liveEdge;
        var earliest = Math.Max(EarliestJoin, Ring.OldestOffset);
        var start = _joinPoints.FirstAtOrAfter(Math.Max(earliest, liveEdge - burstSize))
            ?? (_latestJoinPoint >= earliest ? _latestJoinPoint.Value : liveEdge);
        return Math.Min(start, liveEdge);
    }
}
