namespace Cycast.Actors.Streaming;

/// <summary>
/// Where decoders may join a mount's current stream and what they need first: its join points, the earliest join and
/// its codec header. A node's ring keeps one (<see cref="StreamHistory"/>), and so does the record of recent writes the
/// mount's entity cuts a subscribing replica's burst from. One writer records join points as it writes; newcomers ask
/// from any thread, so the bookkeeping is guarded by a lock that only writes (a few a second) and newcomers ever take.
/// </summary>
public sealed class StreamJoins
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
    private bool _live;

    /// <summary>Where a newcomer may start at the earliest; <see cref="long.MaxValue"/> while no stream is joinable.</summary>
    public long EarliestJoin
    {
        get
        {
            lock (_gate)
                return _earliestJoin;
        }
    }

    /// <summary>
    /// A new stream, beginning at <paramref name="at"/>, is one a listener may join only from its own first join point
    /// on. It is not a live source's until <see cref="MarkLive"/> says so.
    /// </summary>
    public void BeginStream(long at = 0)
    {
        lock (_gate)
        {
            _streams++;
            _streamStart = at;
            _live = false;
            _joinPoints.Clear();
            _latestJoinPoint = null;
            _earliestJoin = long.MaxValue;
            _streamHeader = ReadOnlyMemory<byte>.Empty;
        }
    }

    /// <summary>Whether the current stream is the mount's live source's (which a recorder records) or its playlist's.</summary>
    public void MarkLive(bool live)
    {
        lock (_gate)
            _live = live;
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
    /// Where a newcomer with a burst of <paramref name="burst"/> bytes starts among the bytes held, from
    /// <paramref name="oldest"/> to <paramref name="liveEdge"/>, and the header it gets first. The start is the first
    /// join point of the burst; failing one, the latest join point, since starting mid-frame (or, for Ogg, mid-page)
    /// costs a decoder more than a few bytes of extra burst. Only the current stream counts: older bytes belong to a
    /// stream that has ended, and an Ogg listener must not start before its header applies.
    /// </summary>
    public (long Start, ReadOnlyMemory<byte> StreamHeader) Newcomer(long oldest, long liveEdge, int burst)
    {
        lock (_gate)
        {
            if (_earliestJoin == long.MaxValue)
                return (liveEdge, _streamHeader);
            var earliest = Math.Max(_earliestJoin, oldest);
            var start = _joinPoints.FirstAtOrAfter(Math.Max(earliest, liveEdge - burst))
                ?? (_latestJoinPoint >= earliest ? _latestJoinPoint.Value : liveEdge);
            return (Math.Min(start, liveEdge), _streamHeader);
        }
    }

    /// <summary>
    /// The current stream as a reader that copies it in whole frames or pages sees it (a recorder), with where such a
    /// copy may begin at or after <paramref name="from"/>, among the bytes held from <paramref name="oldest"/> to
    /// <paramref name="written"/>. Taken in one piece, so every part belongs to one stream.
    /// </summary>
    public StreamSnapshot Snapshot(long from, long oldest, long written)
    {
        lock (_gate)
        {
            var begin = _earliestJoin == long.MaxValue
                ? null
                : _joinPoints.FirstAtOrAfter(Math.Max(from, Math.Max(_earliestJoin, oldest)));
            return new StreamSnapshot(_streams, _streamStart, written, _live, _joinPoints.LastAtOrBefore(written), begin, _streamHeader);
        }
    }
}
