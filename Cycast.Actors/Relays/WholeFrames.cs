using Cycast.Shared.Audio;

namespace Cycast.Actors.Relays;

/// <summary>
/// Holds back the end of a relay's audio that is not yet a whole frame or page, so that wherever a pull ends (the
/// upstream drops mid-frame, the mount's entity moves to another node) the mount's stream ends on a boundary, and its
/// listeners decode what follows, the fallback or the next pull, without a broken frame. A frame goes on once the
/// scanner has confirmed where the next one starts, which costs about two frames of latency (some 50 ms of MP3).
/// </summary>
internal sealed class WholeFrames
{
    private readonly IJoinPointScanner? _scanner;
    private readonly List<long> _found = new();
    private readonly byte[] _held;
    private int _heldLength;
    private long _received;

    /// <param name="contentType">The stream's type; one the server cannot find frames in (allow_passthrough) is passed on as it comes.</param>
    public WholeFrames(string contentType)
    {
        _scanner = JoinPointScanners.For(contentType);
        _held = new byte[_scanner?.LongestUnconfirmed ?? 0];
    }

    /// <summary>The most that is ever held: room a read's buffer leaves before the new bytes.</summary>
    public int MaxHeld => _held.Length;

    /// <summary>Puts what is held at the start of <paramref name="buffer"/>, for the next read to follow; returns its length.</summary>
    public int Restore(Span<byte> buffer)
    {
        _held.AsSpan(0, _heldLength).CopyTo(buffer);
        return _heldLength;
    }

    /// <summary>
    /// <paramref name="buffer"/> holds what <see cref="Restore"/> put there, then new audio, <paramref name="total"/>
    /// bytes in all. Returns how many of them, from the start, end on a frame or page boundary and may go on; keeps the rest.
    /// </summary>
    public int Cut(ReadOnlySpan<byte> buffer, int total)
    {
        if (_scanner is null)
            return total;
        var start = _received - _heldLength;
        var fresh = buffer[_heldLength..total];
        _found.Clear();
        _scanner.Feed(fresh, _received, _found);
        _received += fresh.Length;
        var cut = _found.Count == 0 ? 0 : (int)Math.Max(0, _found[^1] - start);
        // What no frame can take in any more is not audio, and goes on as it came, as the mount would take it.
        cut = Math.Max(cut, total - _held.Length);
        buffer[cut..total].CopyTo(_held);
        _heldLength = total - cut;
        return cut;
    }
}
