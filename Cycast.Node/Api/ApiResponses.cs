namespace Cycast.Node.Api;

// The spec's JSON documents. Property names become snake_case (source_connected, uptime_seconds, ...). Fields the spec
// does not name come after its own, so a client that reads only the spec's fields sees them unchanged.
// MountEntityAnswering is false when the main mount's entity did not answer (it is moving off a dead node): the spec's
// fields of the main mount are then this node's last view of it, with no source connected.

public sealed record StatusResponse(
    bool SourceConnected,
    string SourceStatus,
    TrackMetadata Metadata,
    int Listeners,
    long UptimeSeconds,
    string UptimeFormatted,
    string StationName,
    string StationGenre,
    IReadOnlyList<MountListeners> Mounts,
    IReadOnlyList<NodeListenerTotals> Nodes,
    IReadOnlyList<string> NodesNotAnswering,
    bool MountEntityAnswering,
    string StationDescription,
    string StationUrl);

public sealed record TrackMetadata(string Title, string Artist);

public sealed record StatsResponse(
    int TotalListeners,
    long TotalBytesSent,
    IReadOnlyList<ListenerStats> Listeners,
    BufferStats Buffer,
    IReadOnlyList<MountListeners> Mounts,
    IReadOnlyList<NodeListenerTotals> Nodes,
    IReadOnlyList<string> NodesNotAnswering,
    bool MountEntityAnswering);

/// <summary>One listener; <see cref="Node"/> is its node's public name (<c>cluster.node_name</c>), never an address.</summary>
public sealed record ListenerStats(long Id, long BytesSent, long ConnectedSeconds, bool Active, string Node, string Mount);

public sealed record BufferStats(long Available, long Space, double FillPercentage);

/// <summary>A mount's listeners over the cluster, and how many of them each node serves (every answering node, 0 included).</summary>
public sealed record MountListeners(string Mount, int Listeners, IReadOnlyDictionary<string, int> ListenersByNode);

/// <summary>A node's listeners over all mounts, and the bytes it has sent to listeners since it started.</summary>
public sealed record NodeListenerTotals(string Node, int Listeners, long BytesSent);
