namespace Cycast.Actors.Streaming;

/// <summary>
/// The mount's audio history: one array of <c>buffer.size_mb</c>, allocated once and written round and round.
/// A single writer appends; any number of listeners read what was already written, by stream offset, without locks:
/// bytes below <see cref="WriteOffset"/> do not change until the writer laps them, and the lag budget cuts a listener
/// off long before that (it is validated to be at most half the ring).
/// </summary>
public sealed class AudioRing
{
    private readonly byte[] _buffer;
    private long _writeOffset;

    public AudioRing(int capacity) => _buffer = GC.AllocateUninitializedArray<byte>(capacity, pinned: true);

    public int Capacity => _buffer.Length;

    /// <summary>Offset one past the newest byte written.</summary>
    public long WriteOffset => Volatile.Read(ref _writeOffset);

    /// <summary>Offset of the oldest byte still held.</summary>
    public long OldestOffset => Math.Max(0, WriteOffset - Capacity);

    /// <summary>Bytes held, for the stats API.</summary>
    public int Available => (int)Math.Min(WriteOffset, Capacity);

    /// <summary>Copies <paramref name="data"/> in at the write offset, wrapping past the end of the array when it must.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data.Length > Capacity / 2)
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, "a write must be non-empty and at most half the ring");

        var start = _writeOffset;
        var position = (int)(start % Capacity);
        var firstLength = Math.Min(data.Length, Capacity - position);
        data[..firstLength].CopyTo(_buffer.AsSpan(position));
        data[firstLength..].CopyTo(_buffer);
        // Publish after the copy, so a reader that sees the new offset also sees the bytes.
        Volatile.Write(ref _writeOffset, start + data.Length);
    }

    /// <summary>
    /// The longest contiguous run of held bytes starting at <paramref name="from"/> and ending at or before
    /// <paramref name="to"/>; call again from its end to get the rest after a wrap.
    /// </summary>
    public ReadOnlyMemory<byte> Read(long from, long to)
    {
        if (from < OldestOffset || to > WriteOffset || from > to)
            throw new ArgumentOutOfRangeException(nameof(from), $"[{from}, {to}) is not held: ring holds [{OldestOffset}, {WriteOffset})");
        var position = (int)(from % Capacity);
        var length = (int)Math.Min(to - from, Capacity - position);
        return _buffer.AsMemory(position, length);
    }

    public bool Holds(long offset) => offset >= OldestOffset;
}
