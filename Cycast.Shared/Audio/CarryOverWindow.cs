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
    private readonly byte[] buffer;
    private int start;
    private int length;
    private long offset;

    public CarryOverWindow(int capacity) => buffer = new byte[capacity];

    /// <summary>Forgets the carried bytes; used when the stream is discontinuous, so old bytes cannot join new ones.</summary>
    public void Reset(long streamOffset)
    {
        start = 0;
        length = 0;
        offset = streamOffset;
    }

    /// <summary>Gets the <paramref name="count"/> bytes at absolute <paramref name="position"/>, or false if they have not arrived yet.</summary>
    public bool TryRead(long position, int count, ReadOnlySpan<byte> piece, long pieceOffset, out ReadOnlySpan<byte> bytes)
    {
        if (position >= pieceOffset)
        {
            long relative = position - pieceOffset;
            bool available = relative + count <= piece.Length;
            bytes = available ? piece.Slice((int)relative, count) : default;
            return available;
        }

        DiscardBefore(position);
        int missing = count - length;
        if (missing > 0)
        {
            int appended = AppendFrom(piece, pieceOffset, missing);
            if (appended < missing)
            {
                bytes = default;
                return false;
            }
        }
        bytes = buffer.AsSpan(start, count);
        return true;
    }

    /// <summary>Keeps the bytes from <paramref name="position"/> to the end of the piece for the next Feed call.</summary>
    public void KeepFrom(long position, ReadOnlySpan<byte> piece, long pieceOffset)
    {
        if (position >= pieceOffset)
        {
            ReadOnlySpan<byte> tail = piece[(int)(position - pieceOffset)..];
            tail.CopyTo(buffer);
            start = 0;
            length = tail.Length;
            offset = position;
            return;
        }

        DiscardBefore(position);
        AppendFrom(piece, pieceOffset, int.MaxValue);
    }

    private void DiscardBefore(long position)
    {
        int discarded = (int)(position - offset);
        start += discarded;
        length -= discarded;
        offset = position;
    }

    private int AppendFrom(ReadOnlySpan<byte> piece, long pieceOffset, int wanted)
    {
        int alreadyCarried = (int)(offset + length - pieceOffset);
        int count = Math.Min(wanted, piece.Length - alreadyCarried);
        if (start + length + count > buffer.Length)
        {
            buffer.AsSpan(start, length).CopyTo(buffer);
            start = 0;
        }
        piece.Slice(alreadyCarried, count).CopyTo(buffer.AsSpan(start + length));
        length += count;
        return count;
    }
}
