namespace Cycast.Actors.Streaming;

/// <summary>
/// What an <see cref="IncomingStream"/> writes into: a node's ring (<see cref="StreamHistory"/>), or the mount entity's
/// record of its recent writes. It learns there where the stream's next byte goes and records the stream's join points.
/// </summary>
public interface IJoinPointLog
{
    /// <summary>Offset one past the newest byte written.</summary>
    long WriteOffset { get; }

    /// <inheritdoc cref="StreamJoins.BeginStream"/>
    void BeginStream();

    void AddJoinPoint(long offset);

    /// <inheritdoc cref="StreamJoins.OpenFrom"/>
    void OpenFrom(long earliestJoin, ReadOnlyMemory<byte> streamHeader);
}
