namespace Cycast.Actors.Streaming;

/// <summary>
/// The most recent places in the stream where a decoder can start (MP3 frame starts, Ogg page starts), so that a
/// new listener's burst begins on one. Kept in a <see cref="StreamHistory"/> by its single writer.
/// </summary>
public sealed class JoinPointIndex(int capacity)
{
    private readonly long[] _offsets = new long[capacity];
    private int _count;
    private int _next;

    public void Add(long offset)
    {
        if (_count > 0 && offset <= _offsets[(_next - 1 + _offsets.Length) % _offsets.Length])
            return;
        _offsets[_next] = offset;
        _next = (_next + 1) % _offsets.Length;
        _count = Math.Min(_count + 1, _offsets.Length);
    }

    public void Clear() => _count = 0;

    /// <summary>The earliest join point at or after <paramref name="offset"/>, if one is known.</summary>
    public long? FirstAtOrAfter(long offset)
    {
        var (oldest, index) = Search(offset);
        return index < _count ? _offsets[(oldest + index) % _offsets.Length] : null;
    }

    /// <summary>The latest join point at or before <paramref name="offset"/>, if one is known.</summary>
    public long? LastAtOrBefore(long offset)
    {
        var (oldest, index) = Search(offset + 1);
        return index > 0 ? _offsets[(oldest + index - 1) % _offsets.Length] : null;
    }

    /// <summary>Where the oldest entry is, and how many entries after it lie below <paramref name="offset"/>.</summary>
    private (int Oldest, int Below) Search(long offset)
    {
        // Join points are appended in order, so the ring of them is sorted from its oldest entry on.
        var oldest = (_next - _count + _offsets.Length) % _offsets.Length;
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_offsets[(oldest + middle) % _offsets.Length] < offset)
                low = middle + 1;
            else
                high = middle;
        }
        return (oldest, low);
    }
}
