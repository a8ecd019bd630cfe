using Cycast.Shared.Audio;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The stream currently writing into a mount, a live source or the playlist, seen through its join-point scanner.
/// The scanner counts bytes from the stream's own start and the ring from the mount's, so one fixed shift maps the
/// first onto the second. An MP3 stream is held back until its first confirmed frame: an encoder's first bytes may be
/// an ID3 tag or part of a frame, and a listener already hearing the mount must get the new stream from a frame on.
/// </summary>
public sealed class IncomingStream(IJoinPointScanner? scanner)
{
    /// <summary>An unconfirmed frame start lies at most one frame and the next header before the end of what was fed.</summary>
    private const int HeldTail = Mp3FrameHeader.MaxFrameLength + Mp3FrameHeader.Length;

    private readonly List<long> _found = new();
    private readonly bool _waitsForFrame = scanner is Mp3FrameScanner;
    private byte[] _held = [];
    private long _received;
    private long? _shift;

    public IJoinPointScanner? Scanner => scanner;

    /// <summary>Where in the ring a new listener may start at the earliest: not before the codec header it is sent applies.</summary>
    public long EarliestJoin => _shift is { } shift ? shift + (scanner?.StreamHeaderAppliesFrom ?? 0) : long.MaxValue;

    /// <summary>
    /// Takes the stream's next bytes, to be written at <paramref name="ringOffset"/>. Returns what to write (empty
    /// while an MP3 stream waits for its first frame) and adds the ring offsets of the join points found.
    /// </summary>
    public ReadOnlySpan<byte> Accept(ReadOnlySpan<byte> data, long ringOffset, List<long> joinPoints)
    {
        var start = _received;
        _received += data.Length;
        if (scanner is null)
        {
            // Nothing to parse: every write is as good a place to start as any.
            _shift ??= ringOffset - start;
            joinPoints.Add(ringOffset);
            return data;
        }

        _found.Clear();
        scanner.Feed(data, start, _found);
        var output = data;
        if (_shift is null)
        {
            if (!_waitsForFrame)
                _shift = ringOffset - start;
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
            joinPoints.Add(joinPoint + _shift!.Value);
        return output;
    }

    private void Hold(ReadOnlySpan<byte> data)
    {
        byte[] all = [.. _held, .. data];
        _held = all.Length > HeldTail ? all[^HeldTail..] : all;
    }
}
