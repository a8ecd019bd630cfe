namespace Cycast.Node.Clustering;

/// <summary><c>GET /api/cluster</c>: the cluster as this node sees it.</summary>
public sealed record ClusterResponse(string Self, IReadOnlyList<ClusterMember> Members, InterNodeBytes Traffic, IReadOnlyList<ClusterMount> Mounts);

public sealed record ClusterMember(string Address, string Status);

/// <summary>What this node's Cycast messages cost between nodes since it started.</summary>
public sealed record InterNodeBytes(long BytesSent, long BytesReceived, long AudioBytesReceived);

/// <summary>One mount: where its entity runs, and its listeners on every node.</summary>
public sealed record ClusterMount(string Mount, string EntityNode, bool SourceConnected, int Listeners, IReadOnlyDictionary<string, int> ListenersByNode);
