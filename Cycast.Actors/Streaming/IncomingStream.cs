using Cycast.Shared.Audio;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Streaming;

/// <summary>
/// The stream currently writing into a mount's ring, a live source or a playlist, seen through its join-point scanner:
/// it records the join points and the earliest join in the mount's <see cref="StreamHistory"/> and says which bytes
/// go into the ring. The scanner counts bytes from the stream's own start and the ring from the mount's, so one fixed
/// shift maps the first onto the second. An MP3 stream is held back until its first confirmed frame: an encoder's
/// first bytes may be an ID3 tag or part of a frame, and a listener already hearing the mount must get the new stream
/// from a frame on.
/// </summary>
public sealed class IncomingStream
{
    /// <summary>An unconfirmed frame start lies at most one frame and the next header before the end of what was fed.</summary>
    private const int HeldTail = Mp3FrameHeader.MaxFrameLength + Mp3FrameHeader.Length;

    private readonly StreamHistory _history;
    private readonly IJoinPointScanner? _scanner;
    private readonly List<long> _found = new();
    private readonly List<long> _joinPoints = new();
    private readonly bool _waitsForFrame;
    private readonly ReadOnlyMemory<byte> _inheritedHeader;
    private byte[] _held = [];
    private long _received;
    private long? _shift;

    private IncomingStream(StreamHistory history, IJoinPointScanner? scanner, bool waitsForFrame, ReadOnlyMemory<byte> inheritedHeader)
    {
        _history = history;
        _scanner = scanner;
        _waitsForFrame = waitsForFrame;
        _inheritedHeader = inheritedHeader;
    }

    /// <summary>Begins a stream of <paramref name="contentType"/> on <paramref name="history"/>: a listener may join it only from its own first join point on.</summary>
    public static IncomingStream Begin(StreamHistory history, string contentType)
    {
        history.BeginStream();
        var scanner = ScannerFor(contentType);
        return new IncomingStream(history, scanner, waitsForFrame: scanner is Mp3FrameScanner, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>
    /// Carries on a stream that another writer began (a mount that moved to this node with its live source): its next
    /// bytes go into the ring as they come, even in the middle of a frame or page, since listeners already hear the
    /// stream up to them. The scanner is first shown the stream's codec header (<paramref name="streamHeader"/>, an
    /// Ogg stream's header pages), so it knows the logical stream whose pages follow.
    /// </summary>
    public static IncomingStream Continue(StreamHistory history, string contentType, ReadOnlyMemory<byte> streamHeader)
    {
        history.BeginStream();
        var stream = new IncomingStream(history, ScannerFor(contentType), waitsForFrame: false, streamHeader);
        if (!streamHeader.IsEmpty)
        {
            // Fed as the bytes just before the stream's first, so what follows is read as their continuation.
            stream._scanner?.Feed(streamHeader.Span, -streamHeader.Length, stream._found);
            stream._found.Clear();
        }
        return stream;
    }

    public IJoinPointScanner? Scanner => _scanner;

    /// <summary>The codec header a listener joining this stream needs first (an Ogg stream's header pages); empty for MP3.</summary>
    public ReadOnlyMemory<byte> StreamHeader => _scanner?.StreamHeader is { IsEmpty: false } header ? header : _inheritedHeader;

    /// <summary>The ring offsets of the join points among the bytes the last <see cref="Accept"/> returned.</summary>
    public IReadOnlyList<long> JoinPoints => _joinPoints;

    /// <summary>
    /// Takes the stream's next bytes, to be written at the ring's write offset, and records their join points. Returns
    /// what to write (empty while an MP3 stream waits for its first frame).
    /// </summary>
    public ReadOnlySpan<byte> Accept(ReadOnlySpan<byte> data)
    {
        _joinPoints.Clear();
        var output = Scan(data, _history.Ring.WriteOffset);
        foreach (var joinPoint in _joinPoints)
            _history.AddJoinPoint(joinPoint);
        // Not before the codec header a newcomer is sent applies.
        _history.EarliestJoin = _shift is { } shift ? shift + (_scanner?.StreamHeaderAppliesFrom ?? 0) : long.MaxValue;
        return output;
    }

    private ReadOnlySpan<byte> Scan(ReadOnlySpan<byte> data, long ringOffset)
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
        _scanner.Feed(data, start, _found);
        var output = data;
        if (_shift is null)
        {
            if (!_waitsForFrame)
            {
                _shift = ringOffset - start;
            }
            else if (_found.Count == 0)
            {
                Hold(data);
                return ReadOnlySpan<byte>.Empty;
            }
            else
            {
                var first = _found[0];
                output = first >= start ? data[(int)(first - start)..] : (byte[])[.. _held.AsSpan(_held.Length - (int)(start - first)), .. data];
                _shift = ringOffset - first;
                _held = [];
            }
        }
        foreach (var joinPoint in _found)
            _joinPoints.Add(joinPoint + _shift!.Value);
        return output;
    }

    private void Hold(ReadOnlySpan<byte> data)
    {
        byte[] all = [.. _held, .. data];
        _held = all.Length > HeldTail ? all[^HeldTail..] : all;
    }

    private static IJoinPointScanner? ScannerFor(string contentType) =>
        MediaTypes.IsOgg(contentType) ? new OggPageScanner()
        : MediaTypes.IsMp3(contentType) ? new Mp3FrameScanner()
        : null;
}
