using Cycast.Actors.Messages;
using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Mounts;

/// <summary>
/// Puts a mount's stream into this node's ring, whichever entity sequences it. The ring also holds what the node
/// played while it heard no entity (its own playlist), so the mount's offsets and the ring's differ: the splicer maps
/// one onto the other. A new entity's stream is taken up at its first join point (after its codec header when that
/// is behind it), so listeners hear one decodable stream; a stream that carries on the one the ring holds to its very
/// end (a mount that moved with its live source) is appended right there, byte for byte. Plain code, no actor: the
/// replica feeds it what the entity sends.
/// </summary>
public sealed class EntityStreamSplicer(StreamHistory history, IRingWriter writer)
{
    private readonly List<MountAudio> _waiting = new();
    // The entity's offsets plus this shift are the ring's. Null while the ring does not carry the entity's stream (a new
    // entity not yet taken up, or this node's playlist meanwhile).
    private long? _shift;
    // The entity's offset from which the ring carries its stream: join points before it are not in the ring.
    private long _takenUpAt;
    private int _streamNumber;
    // While the mount hands over: the ring's write offset where the previous entity's stream ended, if the ring holds
    // all of it and nothing since, and the mount's offset there.
    private long? _handOverAt;
    private long _handOverOffset;
    // Where newcomers could join the ring's stream before a moved mount carried it on; null for any other stream.
    private long? _carriedEarliestJoin;

    /// <summary>What the current entity last said of its stream.</summary>
    public MountStreamState? State { get; private set; }

    /// <summary>Whether the ring ends exactly where the last entity's stream ended, ready for a successor to carry it on.</summary>
    public bool HoldsHandOver => _handOverAt == history.Ring.WriteOffset;

    /// <summary>How far into the mount's stream the entities' writes have reached, as far as this node heard.</summary>
    public long HeardUpTo { get; private set; }

    /// <summary>The entity stops at the mount's offset <paramref name="endOffset"/> and hands the mount over.</summary>
    public void HandOver(long endOffset)
    {
        _handOverAt = _shift is { } shift && endOffset + shift == history.Ring.WriteOffset ? history.Ring.WriteOffset : null;
        _handOverOffset = endOffset;
    }

    /// <summary>Something else fills the ring now (this node's playlist): the entity's stream is to be taken up afresh.</summary>
    public void Detach()
    {
        _shift = null;
        _handOverAt = null;
        _waiting.Clear();
    }

    /// <summary>
    /// The entity's stream state; <paramref name="fromNewEntity"/> when it comes from an entity not heard before.
    /// Returns true when that new entity carries on the stream the ring holds.
    /// </summary>
    public bool OnState(MountStreamState state, bool fromNewEntity)
    {
        var carriedOn = false;
        if (fromNewEntity)
        {
            _waiting.Clear();
            // Carried on from exactly where the ring's stream ended: the same offsets, the same shift.
            if (state.Continuation && HoldsHandOver && state.Origin == _handOverOffset)
            {
                CarryOn(state);
                carriedOn = true;
            }
            else
            {
                _shift = null;
                _carriedEarliestJoin = null;
            }
            _handOverAt = null;
        }
        State = state;
        // Until the ring takes the entity's stream up, what it holds (this node's playlist, say) is not the entity's.
        if (_shift is null)
            return carriedOn;
        if (state.StreamNumber != _streamNumber)
        {
            _streamNumber = state.StreamNumber;
            history.BeginStream();
            _carriedEarliestJoin = null;
        }
        history.MarkLive(state.SourceLive);
        writer.ShowTitle(state.Title);
        MapEarliestJoin();
        return carriedOn;
    }

    /// <summary>The entity's next write.</summary>
    public void OnAudio(MountAudio audio)
    {
        HeardUpTo = Math.Max(HeardUpTo, audio.Offset + audio.Data.Length);
        if (_shift is null)
            AwaitJoinPoint(audio);
        else
            Take(audio.Offset, audio.Data.Span, audio.JoinPoints);
    }

    /// <summary>
    /// Holds the entity's writes until one names a join point among them, then takes its stream up there. A scanner
    /// confirms a page or frame only once it has all of it, so the join point usually lies in an earlier write.
    /// </summary>
    private void AwaitJoinPoint(MountAudio audio)
    {
        if (State is null)
            return;
        if (_waiting.Count > 0 && _waiting[^1].Offset + _waiting[^1].Data.Length != audio.Offset)
            _waiting.Clear();
        _waiting.Add(audio);
        var joinPoint = audio.JoinPoints.Where(point => point >= _waiting[0].Offset).DefaultIfEmpty(-1).First();
        if (joinPoint < 0)
        {
            // A stream with no join point for this long is not one to take up: keep only its newest writes.
            while (_waiting.Sum(write => write.Data.Length) > history.Ring.Capacity / 4)
                _waiting.RemoveAt(0);
            return;
        }
        TakeUp(joinPoint);
        foreach (var write in _waiting.Where(write => write.Offset + write.Data.Length > joinPoint))
        {
            var from = Math.Max(write.Offset, joinPoint);
            Take(from, write.Data.Span[(int)(from - write.Offset)..], write.JoinPoints);
        }
        _waiting.Clear();
    }

    /// <summary>Writes the entity's bytes from its offset <paramref name="offset"/> into the ring, with their join points.</summary>
    private void Take(long offset, ReadOnlySpan<byte> data, long[] joinPoints)
    {
        // A gap (a write lost on the way): carry on from here rather than leave a hole in the ring.
        if (offset + _shift != history.Ring.WriteOffset)
        {
            _shift = history.Ring.WriteOffset - offset;
            _takenUpAt = offset;
        }
        foreach (var joinPoint in joinPoints)
        {
            if (joinPoint >= _takenUpAt)
                history.AddJoinPoint(joinPoint + _shift!.Value);
        }
        MapEarliestJoin();
        writer.Append(data);
    }

    /// <summary>
    /// The ring takes the entity's stream up where a new listener would: at a join point, after the codec header when
    /// the stream's own is already behind it.
    /// </summary>
    private void TakeUp(long joinPoint)
    {
        writer.TakingUpEntityStream();
        var state = State!;
        _streamNumber = state.StreamNumber;
        history.BeginStream();
        history.MarkLive(state.SourceLive);
        _carriedEarliestJoin = null;
        if (state.StreamHeader.Length > 0 && joinPoint >= state.EarliestJoin)
            writer.Append(state.StreamHeader);
        writer.ShowTitle(state.Title);
        _takenUpAt = joinPoint;
        _shift = history.Ring.WriteOffset - joinPoint;
    }

    /// <summary>The new entity's origin is the ring's write offset: the stream goes on as if the mount had never moved.</summary>
    private void CarryOn(MountStreamState state)
    {
        _shift = history.Ring.WriteOffset - state.Origin;
        _carriedEarliestJoin = history.EarliestJoin;
        _takenUpAt = state.Origin;
        _streamNumber = state.StreamNumber;
    }

    private void MapEarliestJoin()
    {
        var mapped = State is null || _shift is null || State.EarliestJoin == long.MaxValue
            ? long.MaxValue
            : State.EarliestJoin + _shift.Value;
        // A stream carried on from a moved mount is still the stream the ring held: newcomers may join it where they could before.
        history.OpenFrom(Math.Min(mapped, _carriedEarliestJoin ?? long.MaxValue), State?.StreamHeader ?? ReadOnlyMemory<byte>.Empty);
    }
}

/// <summary>What the splicer's owner does with the ring: append (and tell listeners), show a title, stop its own playlist.</summary>
public interface IRingWriter
{
    void Append(ReadOnlySpan<byte> bytes);

    void ShowTitle(TrackTitle title);

    /// <summary>Called just before the entity's stream is taken up, so whatever filled the ring meanwhile stops between two writes.</summary>
    void TakingUpEntityStream();
}
