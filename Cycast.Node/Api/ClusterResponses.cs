namespace Cycast.Node.Api;

/// <summary><c>GET /api/cluster</c>: the cluster as this node sees it.</summary>
public sealed record ClusterResponse(string Self, IReadOnlyList<ClusterMember> Members, InterNodeBytes Traffic, IReadOnlyList<ClusterMount> Mounts);

public sealed record ClusterMember(string Address, string Status);

/// <summary>What this node's Cycast messages cost between nodes since it started.</summary>
public sealed record InterNodeBytes(long BytesSent, long BytesReceived, long AudioBytesReceived);

/// <summary>
/// One mount: where its entity runs, and its listeners on every node. While the entity moves off a dead node it does
/// not answer: <see cref="EntityAnswering"/> is false, and the node, source and counts are unknown (null, false, 0, {}).
/// </summary>
public sealed record ClusterMount(string Mount, bool EntityAnswering, string? EntityNode, bool SourceConnected, int Listeners,
    IReadOnlyDictionary<string, int> ListenersByNode);
