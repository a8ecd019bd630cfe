using Akka.Actor;
using Cycast.Actors.Streaming;
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
/// <see cref="Offset"/> is how far into the mount's stream the replica has heard: a new entity's stream goes on from
/// no lower an offset, so the mount's offsets only grow, whichever node sequences it.
/// </summary>
public sealed record SubscribeReplica(string MountPath, IActorRef Replica, int Listeners, bool SourceWasLive = false, bool Continues = false,
    long Epoch = 0, long Offset = 0) : IMountMessage, IClusterMessage;

public sealed record ReplicaSubscribed(string MountPath) : IClusterMessage;

/// <summary>A replica's listener count changed.</summary>
public sealed record ReplicaListeners(string MountPath, IActorRef Replica, int Listeners) : IMountMessage, IClusterMessage;

/// <summary>
/// The mount's next bytes, at <see cref="Offset"/> of its stream, with the join points among them (in the same
/// offsets). The mount's offsets go on from one entity to the next, so a moved mount whose stream carries on is just
/// its next bytes. Every replica, the one on the entity's own node too, is sent the same message and is the only
/// writer of its ring: it maps the mount's offsets onto its ring, which also holds what its node played meanwhile.
/// <see cref="Data"/> is the one copy of the write made for every replica; nobody writes to it again.
/// <see cref="Epoch"/> is the sequencing entity's fencing number (<c>MountEpoch</c>): a replica takes no bytes from
/// an entity below the highest it has accepted.
/// </summary>
public sealed record MountAudio(string MountPath, long Offset, ReadOnlyMemory<byte> Data, long[] JoinPoints, long Epoch = 0) : IClusterMessage;

/// <summary>
/// Everything about the entity's stream but its bytes: sent on subscription and whenever any of it changes.
/// <see cref="StreamNumber"/> changes when a new stream begins (a source, or the playlist, takes over);
/// <see cref="EarliestJoin"/> is in the mount's offsets, <see cref="long.MaxValue"/> while not yet known.
/// <see cref="Continuation"/>: the stream, from the offset <see cref="Origin"/> (where this entity began), is the next
/// bytes of the stream the mount's previous entity sent up to there when it handed over (a live source that followed
/// the mount). <see cref="Epoch"/> is the entity's fencing number (<c>MountEpoch</c>): a replica follows
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
/// The entity hands the mount over to another node: it sent the stream up to offset <see cref="EndOffset"/> and sends
/// no more. A replica that has every byte up to there waits for the next entity to carry the stream on.
/// </summary>
public sealed record MountMoving(string MountPath, long EndOffset) : IClusterMessage;

/// <summary>
/// To the node's mount router from a mount's entity that starts on this node: the node's replica of the mount starts
/// now if it has not, so the node serves the mount as soon as it sequences it and its first listener finds the burst
/// waiting. Never leaves the node.
/// </summary>
public sealed record StartReplica(string MountPath);

/// <summary>
/// Asks the node's replica of a mount for the node's ring, which the mount's recorder reads (never writes). Answered
/// with <see cref="NodeRingOpened"/>. Never leaves the node.
/// </summary>
public sealed record OpenNodeRing(string MountPath);

public sealed record NodeRingOpened(StreamHistory History);

/// <summary>
/// A mount an encoder created goes away: no source and no listener for <c>advanced.mount_idle_timeout</c>. The entity
/// tells every node's mount router; a replica with no listener stops, freeing its ring, and the node forgets the mount
/// (and publishes this on its event stream).
/// </summary>
public sealed record MountRetired(string MountPath) : IClusterMessage;
