namespace Cycast.Shared.Audio;

/// <summary>
/// Lets a scanner examine a unit (frame, page) that began in an earlier Feed piece. Only the unconsumed tail of earlier
/// pieces is kept, and it is topped up from the current piece just far enough to make a straddling unit contiguous;
/// units lying wholly inside the current piece are read in place, so the stream is not copied wholesale.
/// </summary>
/// <remarks>
/// Callers read ranges whose start never moves backwards, and only stop scanning at a unit that is incomplete, so the
/// carried tail never exceeds the largest unit, which is the capacity.
/// </remarks>
internal sealed class CarryOverWindow
{
    private readonly byte[] _buffer;
    private int _start;
    private int _length;
    private long _offset;
    private long _expectedOffset = -1;

    public CarryOverWindow(int capacity) => _buffer = new byte[capacity];

    /// <summary>
    /// Takes the next piece, <paramref name="length"/> bytes from <paramref name="streamOffset"/>; returns where the scan
    /// goes on: at <paramref name="position"/>, where it stopped, or, when the piece does not follow the last one, at
    /// the piece's first byte, with the carried bytes forgotten so that old bytes cannot join new ones.
    /// </summary>
    public long Continue(long position, long streamOffset, int length)
    {
        var follows = streamOffset == _expectedOffset;
        _expectedOffset = streamOffset + length;
        if (follows)
            return position;
        _start = 0;
        _length = 0;
        _offset = streamOffset;
        return streamOffset;
    }

    /// <summary>Gets the <paramref name="count"/> bytes at absolute <paramref name="position"/>, or false if they have not arrived yet.</summary>
    public bool TryRead(long position, int count, ReadOnlySpan<byte> piece, long pieceOffset, out ReadOnlySpan<byte> bytes)
    {
        if (position >= pieceOffset)
        {
            var relative = position - pieceOffset;
            var available = relative + count <= piece.Length;
            bytes = available ? piece.Slice((int)relative, count) : default;
            return available;
        }

        DiscardBefore(position);
        var missing = count - _length;
        if (missing > 0)
        {
            var appended = AppendFrom(piece, pieceOffset, missing);
            if (appended < missing)
            {
                bytes = default;
                return false;
            }
        }
        bytes = _buffer.AsSpan(_start, count);
        return true;
    }

    /// <summary>Keeps the bytes from <paramref name="position"/> to the end of the piece for the next Feed call.</summary>
    public void KeepFrom(long position, ReadOnlySpan<byte> piece, long pieceOffset)
    {
        if (position >= pieceOffset)
        {
            var tail = piece[(int)(position - pieceOffset)..];
            tail.CopyTo(_buffer);
            _start = 0;
            _length = tail.Length;
            _offset = position;
            return;
        }

        DiscardBefore(position);
        AppendFrom(piece, pieceOffset, int.MaxValue);
    }

    private void DiscardBefore(long position)
    {
        var discarded = (int)(position - _offset);
        _start += discarded;
        _length -= discarded;
        _offset = position;
    }

    private int AppendFrom(ReadOnlySpan<byte> piece, long pieceOffset, int wanted)
    {
        var alreadyCarried = (int)(_offset + _length - pieceOffset);
        var count = Math.Min(wanted, piece.Length - alreadyCarried);
        if (_start + _length + count > _buffer.Length)
        {
            _buffer.AsSpan(_start, _length).CopyTo(_buffer);
            _start = 0;
        }
        piece.Slice(alreadyCarried, count).CopyTo(_buffer.AsSpan(_start + _length));
        _length += count;
        return count;
    }
}
