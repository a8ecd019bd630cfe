using Akka.Actor;
using Cycast.Actors.Delivery;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Messages;

// Between a mount's entity and each node's replica of it: the stream and its state.

/// <summary>
/// A node's replica of a mount asks the mount entity for its stream. Answered with <see cref="MountStreamState"/>,
/// the burst as <see cref="MountAudio"/>, then <see cref="ReplicaSubscribed"/>; from then on every change and every
/// write. <see cref="Listeners"/> is how many listeners the replica serves, so a moved entity knows them at once.
/// <see cref="SourceWasLive"/>: the mount's last entity had a live source, so a new entity should wait for that
/// source's session to resume before it plays the playlist. <see cref="Continues"/>: the replica holds the previous
/// entity's stream to its very end and nothing since, so it can carry on with a continuing stream byte for byte.
/// <see cref="Epoch"/> is the highest fencing number the replica has accepted: an entity with a lower one is stale.
/// </summary>
public sealed record SubscribeReplica(string MountPath, IActorRef Replica, int Listeners, bool SourceWasLive = false, bool Continues = false,
    long Epoch = 0) : IMountMessage, IClusterMessage;

public sealed record ReplicaSubscribed(string MountPath) : IClusterMessage;

/// <summary>A replica's listener count changed.</summary>
public sealed record ReplicaListeners(string MountPath, IActorRef Replica, int Listeners) : IMountMessage, IClusterMessage;

/// <summary>
/// Bytes the entity wrote at <see cref="Offset"/> of its own stream, with the join points among them (also in the
/// entity's offsets). Each replica on another node maps the entity's offsets onto its own ring, which outlives any one
/// entity. <see cref="Data"/> is the one copy of the write made for every other node; nobody writes to it again.
/// <see cref="Epoch"/> is the writing entity's fencing number (<c>MountEpoch</c>).
/// </summary>
public sealed record MountAudio(string MountPath, long Offset, ReadOnlyMemory<byte> Data, long[] JoinPoints, long Epoch = 0) : IClusterMessage;

/// <summary>
/// Everything about the entity's stream but its bytes: sent on subscription and whenever any of it changes.
/// <see cref="StreamNumber"/> changes when a new stream begins (a source, or the playlist, takes over);
/// <see cref="EarliestJoin"/> is in the entity's offsets, <see cref="long.MaxValue"/> while not yet known.
/// <see cref="Continuation"/>: the stream, from the entity's offset <see cref="Origin"/> (where it began to write), is
/// the next bytes of the stream the mount's previous entity was writing when it handed over (a live source that
/// followed the mount). <see cref="Epoch"/> is the entity's fencing number (<c>MountEpoch</c>): a replica follows
/// the entity with the highest it has seen, and tells one with a lower number that it is fenced off.
/// </summary>
public sealed record MountStreamState(
    string MountPath,
    int StreamNumber,
    long EarliestJoin,
    byte[] StreamHeader,
    StreamHeadFields Head,
    TrackTitle Title,
    bool SourceLive = false,
    bool Continuation = false,
    long Origin = 0,
    long Epoch = 0) : IClusterMessage;

/// <summary>
/// A replica's answer to an entity whose fencing number is lower than one it has accepted: a newer entity of the mount
/// runs elsewhere (<see cref="Epoch"/> is its number), so this one is stale and must stop writing.
/// </summary>
public sealed record MountFenced(string MountPath, long Epoch) : IClusterMessage;

/// <summary>
/// The entity hands the mount over to another node: it wrote up to its offset <see cref="EndOffset"/> and writes no
/// more. A replica that has every byte up to there waits for the next entity to carry the stream on.
/// </summary>
public sealed record MountMoving(string MountPath, long EndOffset) : IClusterMessage;

/// <summary>
/// A mount's entity that starts on this node asks the node's replica of the mount for its ring, to write into it
/// directly: a node keeps one ring per mount. Answered with <see cref="RingLent"/>. Never leaves the node.
/// </summary>
public sealed record ClaimRing(string MountPath) : IMountMessage;

/// <summary>
/// The node's ring, lent to the entity until it stops: the replica writes nothing into it meanwhile.
/// <see cref="HoldsHandOver"/>: the ring ends exactly where the mount's previous entity stopped writing, so a stream
/// that carries on from there may be appended as it comes. <see cref="Epoch"/> is the highest fencing number the
/// replica has accepted, so the entity takes a higher one.
/// </summary>
public sealed record RingLent(NodeRing Ring, bool HoldsHandOver, long Epoch = 0);

/// <summary>
/// A mount an encoder created goes away: no source and no listener for <c>advanced.mount_idle_timeout</c>. The entity
/// tells every node's mount router; a replica with no listener stops, freeing its ring, and the node forgets the mount
/// (and publishes this on its event stream).
/// </summary>
public sealed record MountRetired(string MountPath) : IClusterMessage;
