namespace Cycast.Actors.Streaming;

/// <summary>
/// A mount's ring together with where decoders may join it and what they need first: the one copy of the mount's
/// stream a node keeps. Its writer (the mount's entity on the entity's node, the node's replica elsewhere) records the
/// join points as it appends; the node's replica asks where a newcomer starts from any thread, so the join-point
/// bookkeeping is guarded by a lock that only writes (a few a second) and newcomers ever take.
/// </summary>
public sealed class StreamHistory(int capacity, int burstSize)
{
    /// <summary>Enough join points to cover any burst: an MP3 frame is never shorter than ~100 bytes.</summary>
    private const int JoinPointCapacity = 8192;

    private readonly Lock _gate = new();
    private readonly JoinPointIndex _joinPoints = new(JoinPointCapacity);
    private long? _latestJoinPoint;
    private long _earliestJoin = long.MaxValue;
    private ReadOnlyMemory<byte> _streamHeader = ReadOnlyMemory<byte>.Empty;
    private int _streams;
    private long _streamStart;

    public AudioRing Ring { get; } = new(capacity);

    /// <summary>Where in the ring a newcomer may start at the earliest; <see cref="long.MaxValue"/> while no stream is joinable.</summary>
    public long EarliestJoin
    {
        get
        {
            lock (_gate)
                return _earliestJoin;
        }
    }

    /// <summary>A new stream is one a listener may join only from its own first join point on.</summary>
    public void BeginStream()
    {
        lock (_gate)
        {
            _joinPoints.Clear();
            _streams++;
            _streamStart = Ring.WriteOffset;
            _latestJoinPoint = null;
            _earliestJoin = long.MaxValue;
            _streamHeader = ReadOnlyMemory<byte>.Empty;
        }
    }

    public void AddJoinPoint(long offset)
    {
        lock (_gate)
        {
            _joinPoints.Add(offset);
            _latestJoinPoint = offset;
        }
    }

    /// <summary>
    /// Newcomers may join the current stream from <paramref name="earliestJoin"/> on, after <paramref name="streamHeader"/>
    /// (an Ogg stream's codec header pages; empty for MP3). Set together, so that no newcomer gets one stream's header
    /// with another's pages.
    /// </summary>
    public void OpenFrom(long earliestJoin, ReadOnlyMemory<byte> streamHeader)
    {
        lock (_gate)
        {
            _earliestJoin = earliestJoin;
            _streamHeader = streamHeader;
        }
    }

    /// <summary>
    /// Where a newcomer starts, and the header it gets first. The start is the first join point of the burst; failing
    /// one, the latest join point, since starting mid-frame (or, for Ogg, mid-page) costs a decoder more than a few
    /// bytes of extra burst. Only the current stream counts: the ring's older bytes belong to a stream that has ended,
    /// and an Ogg listener must not start before its header applies.
    /// </summary>
    public (long Start, ReadOnlyMemory<byte> StreamHeader) Newcomer() => Newcomer(burstSize);

    /// <summary>As <see cref="Newcomer()"/>, for a mount whose own burst size is <paramref name="burst"/> bytes.</summary>
    public (long Start, ReadOnlyMemory<byte> StreamHeader) Newcomer(int burst)
    {
        lock (_gate)
        {
            var liveEdge = Ring.WriteOffset;
            if (_earliestJoin == long.MaxValue)
                return (liveEdge, _streamHeader);
            var earliest = Math.Max(_earliestJoin, Ring.OldestOffset);
            var start = _joinPoints.FirstAtOrAfter(Math.Max(earliest, liveEdge - burst))
                ?? (_latestJoinPoint >= earliest ? _latestJoinPoint.Value : liveEdge);
            return (Math.Min(start, liveEdge), _streamHeader);
        }
    }

    /// <summary>
    /// The current stream as a reader that copies it in whole frames or pages sees it (a recorder), with where such a
    /// copy may begin at or after <paramref name="from"/>. Taken in one piece, so every part belongs to one stream.
    /// </summary>
    public StreamSnapshot Snapshot(long from)
    {
        // Read before the lock: a stream that begins after it begins after these bytes, so they belong to this
        // snapshot's stream or to an earlier one.
        var written = Ring.WriteOffset;
        lock (_gate)
        {
            var begin = _earliestJoin == long.MaxValue
                ? null
                : _joinPoints.FirstAtOrAfter(Math.Max(from, Math.Max(_earliestJoin, Ring.OldestOffset)));
            return new StreamSnapshot(_streams, _streamStart, written, _joinPoints.LastAtOrBefore(written), begin, _streamHeader);
        }
    }
}
