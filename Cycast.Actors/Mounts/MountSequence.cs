using Cycast.Actors.Messages;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The stream a mount's entity sequences: one byte offset, carried on from the entity before it, and each write as it
/// goes to every replica (<see cref="MountAudio"/>) with its join points. Each write's bytes are the ones it was given
/// (the source's chunk, a slice of the playlist's file), not a copy. It keeps its latest writes by reference
/// (<see cref="RecentWrites"/>) for a subscribing replica's burst, or for its catch-up on a stream that carries on a
/// moved mount's. Plain state, no actor: the entity feeds it the bytes of its source or playlist and sends what it returns.
/// </summary>
public sealed class MountSequence
{
    /// <summary>A replica that carries a moved stream on is sent the new entity's writes so far, if there are not more than this.</summary>
    private const int MaxCatchUp = 1024 * 1024;

    private readonly string _path;
    private readonly RecentWrites _recent;
    private IncomingStream? _incoming;

    /// <param name="firstOffset">The mount's offset this entity's stream begins at.</param>
    public MountSequence(string path, BufferSettings buffer, long firstOffset)
    {
        _path = path;
        _recent = new RecentWrites(Math.Min(buffer.SizeBytes, Math.Max(2 * MaxCatchUp, 2 * buffer.BurstSize)), buffer.BurstSize, firstOffset);
    }

    /// <summary>The mount's offset the next write goes at.</summary>
    public long Offset => _recent.WriteOffset;

    /// <summary>Whether a stream is being sequenced (a live source's, or the playlist's once its first track started).</summary>
    public bool Streaming => _incoming is not null;

    /// <summary>What finds the current stream's frames or pages (none for a passthrough stream, or no stream).</summary>
    public IJoinPointScanner? Scanner => _incoming?.Scanner;

    /// <summary>Whether the last write held a frame or page a listener can start on: noise is not audio.</summary>
    public bool LastWriteHeldAudio => _incoming?.JoinPoints.Count > 0;

    /// <summary>Where a newcomer may join the stream at the earliest; <see cref="long.MaxValue"/> while it cannot.</summary>
    public long EarliestJoin => _recent.EarliestJoin;

    /// <summary>The codec header a listener joining the stream needs first (an Ogg stream's header pages); empty for MP3.</summary>
    public ReadOnlyMemory<byte> StreamHeader => _incoming?.StreamHeader ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// A resumed source that carries its stream on, when nothing has been sent since the previous entity's stream
    /// ended at the offset this one goes on from: its next bytes are that stream's, sent as they come, even mid-frame.
    /// False (nothing changes) otherwise: the source's stream is to be begun afresh.
    /// </summary>
    public bool TryCarryOn(string contentType, SourceResume resume)
    {
        if (!resume.Continues || _incoming is not null || Offset != resume.StreamOffset)
            return false;
        _incoming = IncomingStream.Continue(_recent, contentType, resume.StreamHeader);
        return true;
    }

    /// <summary>
    /// A new stream, which a listener may join only from its own first join point on; one that began elsewhere
    /// (<paramref name="streamHeader"/> is its codec header) is taken up at its first join point.
    /// </summary>
    public void Begin(string contentType, byte[] streamHeader) =>
        _incoming = streamHeader.Length == 0
            ? IncomingStream.Begin(_recent, contentType)
            : IncomingStream.Rejoin(_recent, contentType, streamHeader);

    /// <summary>The stream ends (its source went): nothing more is sent until the next one begins.</summary>
    public void End() => _incoming = null;

    /// <summary>
    /// The stream's next bytes: the write to send every replica, with the join points among it, or null while the
    /// stream waits for its first join point. The write carries <paramref name="bytes"/> themselves (or, where the stream
    /// is taken up, their tail), by reference: nobody writes to them again.
    /// </summary>
    public MountAudio? Write(ReadOnlyMemory<byte> bytes, long epoch)
    {
        var offset = Offset;
        var audio = _incoming!.Accept(bytes);
        if (audio.IsEmpty)
            return null;
        var write = new MountAudio(_path, offset, audio, [.. _incoming.JoinPoints], epoch);
        _recent.Add(write);
        return write;
    }

    /// <summary>
    /// What a replica that subscribes is sent after the stream's state: every byte since <paramref name="state"/>'s
    /// origin when the replica holds the previous entity's stream to its end and this one carries that on (so it goes
    /// on seamlessly), else a newcomer's burst from a join point; null when there is nothing to send.
    /// </summary>
    public MountAudio? BurstFor(bool replicaHoldsHandOver, MountStreamState state, long epoch)
    {
        var catchUp = replicaHoldsHandOver && state.Continuation && _recent.Holds(state.Origin) && Offset - state.Origin <= MaxCatchUp;
        var from = catchUp ? state.Origin : _recent.NewcomerStart();
        return from < Offset
            ? new MountAudio(_path, from, _recent.CopyFrom(from), catchUp ? [] : [from], epoch)
            : null;
    }
}
