using Cycast.Actors.Delivery;
using Cycast.Shared.Config;

namespace Cycast.Actors.Messages;

// A node's listeners and its replica of their mount: these never leave the node.

/// <summary>A listener asks to join. Answered with <see cref="ListenerAttached"/> or <see cref="ListenerRefused"/>.</summary>
public sealed record AttachListener(string MountPath, long ListenerId) : IMountMessage;

/// <summary>
/// Where a new listener starts: its burst is the ring from <see cref="BurstStart"/> (a join point) to the live
/// edge, after <see cref="StreamHeader"/> (Ogg codec headers; empty for MP3). <see cref="Mount"/> is the mount's
/// settings as the node knows them now (a reload may have changed them), for the limits the listener is served under.
/// </summary>
public sealed record ListenerAttached(MountFeed Feed, long BurstStart, ReadOnlyMemory<byte> StreamHeader, MountSettings Mount);

/// <param name="Full">Refused because the mount has its <c>max_listeners</c>: Icecast's <c>fallback_when_full</c> case.</param>
public sealed record ListenerRefused(string MountPath, string Reason, bool Full = false);

public sealed record DetachListener(string MountPath, long ListenerId) : IMountMessage;

/// <summary>
/// Asks this node's replica of a mount what it last heard from the entity, for when the entity itself does not
/// answer. Answered with <see cref="MountStatus"/>. Never leaves the node.
/// </summary>
public sealed record GetReplicaStatus(string MountPath) : IMountMessage;
