using Cycast.Actors.Messages;
using Cycast.Actors.Streaming;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The latest writes of the stream a mount's entity sequences, kept by reference, with the stream's join points: what
/// a subscribing replica's burst or catch-up is cut from. The bytes are the ones every replica is sent (a source's own
/// chunks, slices of the playlist's loaded files), which nobody writes to again, so keeping them copies nothing.
/// </summary>
/// <param name="capacity">Bytes kept at least, while the stream has that many.</param>
/// <param name="firstOffset">The mount's offset the entity's stream begins at.</param>
public sealed class RecentWrites(int capacity, int burstSize, long firstOffset) : IJoinPointLog
{
    private readonly Queue<MountAudio> _writes = new();
    private readonly StreamJoins _joins = new();
    private long _held;

    public long WriteOffset { get; private set; } = firstOffset;

    /// <summary>The oldest offset still held.</summary>
    public long OldestOffset => WriteOffset - _held;

    public long EarliestJoin => _joins.EarliestJoin;

    /// <inheritdoc cref="StreamJoins.BeginStream"/>
    public void BeginStream() => _joins.BeginStream();

    public void AddJoinPoint(long offset) => _joins.AddJoinPoint(offset);

    /// <inheritdoc cref="StreamJoins.OpenFrom"/>
    public void OpenFrom(long earliestJoin, ReadOnlyMemory<byte> streamHeader) => _joins.OpenFrom(earliestJoin, streamHeader);

    /// <summary>The stream's next write, at <see cref="WriteOffset"/>; the oldest go once more than the capacity is held without them.</summary>
    public void Add(MountAudio write)
    {
        if (write.Offset != WriteOffset)
            throw new ArgumentException($"a write at {write.Offset} does not follow the last, which ended at {WriteOffset}", nameof(write));
        _writes.Enqueue(write);
        _held += write.Data.Length;
        WriteOffset += write.Data.Length;
        while (_held - _writes.Peek().Data.Length >= capacity)
            _held -= _writes.Dequeue().Data.Length;
    }

    public bool Holds(long offset) => offset >= OldestOffset;

    /// <summary>Where a newcomer's burst starts: a join point of the current stream (<see cref="StreamJoins.Newcomer"/>).</summary>
    public long NewcomerStart() => _joins.Newcomer(OldestOffset, WriteOffset, burstSize).Start;

    /// <summary>
    /// The bytes from <paramref name="from"/> to the newest in one array: a subscribing replica's burst, once per replica,
    /// as one write it can take up at once.
    /// </summary>
    public byte[] CopyFrom(long from)
    {
        var copy = new byte[WriteOffset - from];
        var offset = OldestOffset;
        foreach (var write in _writes)
        {
            var end = offset + write.Data.Length;
            if (end > from)
            {
                var skip = (int)Math.Max(0, from - offset);
                write.Data.Span[skip..].CopyTo(copy.AsSpan((int)(offset + skip - from)));
            }
            offset = end;
        }
        return copy;
    }
}
