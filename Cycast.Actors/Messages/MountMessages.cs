using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Messages;

// Asked of a mount's entity through the shard region, from any node.

/// <summary>A title update (Icecast's admin/metadata). Answered with <see cref="MetadataUpdated"/> or <see cref="MetadataRefused"/>.</summary>
public sealed record UpdateMetadata(string MountPath, TrackTitle Title) : IMountMessage, IClusterMessage;

public sealed record MetadataUpdated(string MountPath) : IClusterMessage;

public sealed record MetadataRefused(string MountPath, string Reason) : IClusterMessage;

public sealed record GetMountStatus(string MountPath) : IMountMessage, IClusterMessage;

public sealed record MountStatus(
    string MountPath,
    bool SourceConnected,
    bool PlayingFallback,
    TrackTitle Title,
    int Listeners,
    StreamHeadFields Head,
    long BytesReceived,
    int BufferAvailable,
    int BufferCapacity,
    int ListenerPeak,
    DateTimeOffset StreamStart,
    string? SourcePeer,
    string? SourceUserAgent) : IClusterMessage;

/// <summary>Icecast's killsource: disconnects the mount's live source; answered with <see cref="SourceKilled"/>.</summary>
public sealed record KillSource(string MountPath) : IMountMessage, IClusterMessage;

/// <summary>Whether the mount had a live source, now disconnected (its playlist takes over).</summary>
public sealed record SourceKilled(string MountPath, bool Found) : IClusterMessage;

/// <summary>Asks the entity where its listeners are. Answered with <see cref="MountNodes"/>.</summary>
public sealed record GetMountNodes(string MountPath) : IMountMessage, IClusterMessage;

/// <summary>The node the entity runs on, and each node's listener count for the mount (nodes by address).</summary>
public sealed record MountNodes(string MountPath, string EntityNode, IReadOnlyDictionary<string, int> ListenersByNode) : IClusterMessage;

/// <summary>Starts the mount entity if it is not running, so a configured mount's playlist is on air before anyone asks.</summary>
public sealed record WakeMount(string MountPath) : IMountMessage, IClusterMessage;

/// <summary>
/// What the shard region sends an entity to stop it when its shard moves to another node (its hand-off stop
/// message), so the entity can tell its source and replicas first. Never leaves the node.
/// </summary>
public sealed record MountHandOff
{
    public static MountHandOff Instance { get; } = new();
}

/// <summary>To this node's mount router: a reload configured these mounts, so their playlists go on air as at start-up.</summary>
public sealed record MountsAdded(IReadOnlyList<string> MountPaths);
