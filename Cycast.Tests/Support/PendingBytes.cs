namespace Cycast.Tests.Support;

/// <summary>Received bytes not yet taken by the test, in one growable array (tests read megabytes).</summary>
internal sealed class PendingBytes
{
    private byte[] _buffer = new byte[128 * 1024];
    private int _start;
    private int _end;

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, Count);

    public Memory<byte> FreeSpace(int atLeast)
    {
        if (_buffer.Length - _end < atLeast)
        {
            var bigger = new byte[Math.Max(_buffer.Length, (Count + atLeast) * 2)];
            Span.CopyTo(bigger);
            _buffer = bigger;
            _end = Count;
            _start = 0;
        }
        return _buffer.AsMemory(_end);
    }

    public void Added(int count) => _end += count;

    public byte[] Take(int count)
    {
        var taken = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        if (_start == _end)
            _start = _end = 0;
        return taken;
    }
}
