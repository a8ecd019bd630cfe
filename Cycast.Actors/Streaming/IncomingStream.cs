using Cycast.Shared.Audio;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Streaming;

/// <summary>
/// The stream currently writing into a mount's ring, a live source or a playlist, seen through its join-point scanner:
/// it records the join points, the earliest join and the codec header a newcomer needs where it writes (a node's
/// <see cref="StreamHistory"/>, or the entity's record of its writes), and says which bytes are written. The scanner
/// counts bytes from the stream's own start and the ring from the mount's, so one fixed shift maps the first onto the
/// second.
/// </summary>
/// <remarks>
/// A stream that listeners already hearing the ring must be able to decode from its first byte on is held back until
/// its first confirmed join point: an MP3 encoder's first bytes may be an ID3 tag or part of a frame, and a stream
/// taken up in its middle (a moved mount's source, resumed into a ring that did not end where the stream did) may
/// start inside a frame or page.
/// </remarks>
public sealed class IncomingStream
{
    private readonly IJoinPointLog _history;
    private readonly IJoinPointScanner? _scanner;
    private readonly List<long> _found = new();
    private readonly List<long> _joinPoints = new();
    private readonly bool _waitsForJoinPoint;
    private readonly ReadOnlyMemory<byte> _inheritedHeader;
    private byte[] _held = [];
    private long _received;
    private long? _shift;

    private IncomingStream(IJoinPointLog history, string contentType, bool waitsForJoinPoint, ReadOnlyMemory<byte> inheritedHeader)
    {
        history.BeginStream();
        _history = history;
        // No scanner only for a mount that lets any content type through (allow_passthrough): nothing can judge it.
        _scanner = JoinPointScanners.For(contentType);
        _waitsForJoinPoint = waitsForJoinPoint && _scanner is not null;
        _inheritedHeader = inheritedHeader;
        if (!inheritedHeader.IsEmpty && _scanner is not null)
        {
            // Fed as the bytes just before the stream's first, so what follows is read as their continuation.
            _scanner.Feed(inheritedHeader.Span, -inheritedHeader.Length, _found);
            _found.Clear();
        }
    }

    /// <summary>
    /// Begins a stream of <paramref name="contentType"/> on <paramref name="history"/>: a listener may join it only
    /// from its own first join point on. An MP3 or AAC stream is written from its first frame; an Ogg stream from its
    /// first byte, its codec header pages.
    /// </summary>
    public static IncomingStream Begin(IJoinPointLog history, string contentType) =>
        new(history, contentType, waitsForJoinPoint: !MediaTypes.IsOgg(contentType), ReadOnlyMemory<byte>.Empty);

    /// <summary>
    /// Carries on a stream that another writer began (a mount that moved to this node with its live source), in a ring
    /// that ends exactly where that writer stopped: its next bytes go into the ring as they come, even in the middle of
    /// a frame or page, since listeners already hear the stream up to them. The scanner is first shown the stream's
    /// codec header (<paramref name="streamHeader"/>, an Ogg stream's header pages), so it knows the logical stream
    /// whose pages follow.
    /// </summary>
    public static IncomingStream Continue(IJoinPointLog history, string contentType, ReadOnlyMemory<byte> streamHeader) =>
        new(history, contentType, waitsForJoinPoint: false, streamHeader);

    /// <summary>
    /// Takes up, in its middle, a stream that another writer began (a moved mount's source, resumed into a ring that
    /// holds something else at its end): it goes into the ring from its first join point, after
    /// <paramref name="streamHeader"/> (an Ogg stream's header pages), so the ring's listeners decode it from there.
    /// </summary>
    public static IncomingStream Rejoin(IJoinPointLog history, string contentType, ReadOnlyMemory<byte> streamHeader) =>
        new(history, contentType, waitsForJoinPoint: true, streamHeader);

    public IJoinPointScanner? Scanner => _scanner;

    /// <summary>The codec header a listener joining this stream needs first (an Ogg stream's header pages); empty for MP3.</summary>
    public ReadOnlyMemory<byte> StreamHeader => _scanner?.StreamHeader is { IsEmpty: false } header ? header : _inheritedHeader;

    /// <summary>The ring offsets of the join points among the bytes the last <see cref="Accept"/> returned.</summary>
    public IReadOnlyList<long> JoinPoints => _joinPoints;

    /// <summary>
    /// Takes the stream's next bytes, to be written at the ring's write offset, and records their join points. Returns
    /// what to write (empty while the stream waits for its first join point).
    /// </summary>
    public ReadOnlyMemory<byte> Accept(ReadOnlyMemory<byte> data)
    {
        _joinPoints.Clear();
        var output = Scan(data, _history.WriteOffset);
        foreach (var joinPoint in _joinPoints)
            _history.AddJoinPoint(joinPoint);
        // Not before the codec header a newcomer is sent applies.
        _history.OpenFrom(_shift is { } shift ? shift + (_scanner?.StreamHeaderAppliesFrom ?? 0) : long.MaxValue, StreamHeader);
        return output;
    }

    private ReadOnlyMemory<byte> Scan(ReadOnlyMemory<byte> data, long ringOffset)
    {
        var start = _received;
        _received += data.Length;
        if (_scanner is null)
        {
            // Nothing to parse: every write is as good a place to start as any.
            _shift ??= ringOffset - start;
            _joinPoints.Add(ringOffset);
            return data;
        }

        _found.Clear();
        _scanner.Feed(data.Span, start, _found);
        var output = data;
        if (_shift is null)
        {
            if (!_waitsForJoinPoint)
            {
                _shift = ringOffset - start;
            }
            else if (_found.Count == 0)
            {
                Hold(data.Span);
                return ReadOnlyMemory<byte>.Empty;
            }
            else
            {
                // Listeners of the ring hear the stream from its first join point, after the header they need for it.
                var first = _found[0];
                var prefix = _inheritedHeader.Span;
                output = first >= start && prefix.IsEmpty
                    ? data[(int)(first - start)..]
                    : first >= start
                        ? (byte[])[.. prefix, .. data.Span[(int)(first - start)..]]
                        : (byte[])[.. prefix, .. _held.AsSpan(_held.Length - (int)(start - first)), .. data.Span];
                _shift = ringOffset + prefix.Length - first;
                _held = [];
            }
        }
        foreach (var joinPoint in _found)
            _joinPoints.Add(joinPoint + _shift!.Value);
        return output;
    }

    /// <summary>Keeps what a join point confirmed later may start in.</summary>
    private void Hold(ReadOnlySpan<byte> data)
    {
        var heldTail = _scanner!.LongestUnconfirmed;
        byte[] all = [.. _held, .. data];
        _held = all.Length > heldTail ? all[^heldTail..] : all;
    }
}
