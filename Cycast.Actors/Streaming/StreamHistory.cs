namespace Cycast.Actors.Streaming;

/// <summary>
/// A node's ring of a mount's stream together with where decoders may join it and what they need first. Each node's
/// replica keeps one, the copy its listeners read, and is its one writer; the node's listeners ask where a newcomer
/// starts from any thread (<see cref="StreamJoins"/>).
/// </summary>
public sealed class StreamHistory(int capacity, int burstSize) : IJoinPointLog
{
    private readonly StreamJoins _joins = new();

    public AudioRing Ring { get; } = new(capacity);

    public long WriteOffset => Ring.WriteOffset;

    /// <summary>Where in the ring a newcomer may start at the earliest; <see cref="long.MaxValue"/> while no stream is joinable.</summary>
    public long EarliestJoin => _joins.EarliestJoin;

    /// <inheritdoc cref="StreamJoins.BeginStream"/>
    public void BeginStream() => _joins.BeginStream(Ring.WriteOffset);

    /// <inheritdoc cref="StreamJoins.MarkLive"/>
    public void MarkLive(bool live) => _joins.MarkLive(live);

    public void AddJoinPoint(long offset) => _joins.AddJoinPoint(offset);

    /// <inheritdoc cref="StreamJoins.OpenFrom"/>
    public void OpenFrom(long earliestJoin, ReadOnlyMemory<byte> streamHeader) => _joins.OpenFrom(earliestJoin, streamHeader);

    /// <summary>Where a newcomer starts in the ring, and the header it gets first (<see cref="StreamJoins.Newcomer"/>).</summary>
    public (long Start, ReadOnlyMemory<byte> StreamHeader) Newcomer() => Newcomer(burstSize);

    /// <summary>As <see cref="Newcomer()"/>, for a mount whose own burst size is <paramref name="burst"/> bytes.</summary>
    public (long Start, ReadOnlyMemory<byte> StreamHeader) Newcomer(int burst) => _joins.Newcomer(Ring.OldestOffset, Ring.WriteOffset, burst);

    /// <summary>
    /// The current stream for a reader copying it in whole frames or pages (<see cref="StreamJoins.Snapshot"/>). The
    /// write offset is read first: a stream begun after that begins after these bytes, so they belong to this one or
    /// to an earlier one.
    /// </summary>
    public StreamSnapshot Snapshot(long from)
    {
        var written = Ring.WriteOffset;
        return _joins.Snapshot(from, Ring.OldestOffset, written);
    }
}
