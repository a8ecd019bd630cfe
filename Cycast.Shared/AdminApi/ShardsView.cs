namespace Cycast.Shared.AdminApi;

/// <summary>
/// <c>GET /admin/api/shards</c>: every mount shard with the node whose region holds it and the mount entities in it,
/// from each member's region (Akka's <c>GetShardRegionState</c>); members whose region did not answer are named.
/// </summary>
public sealed record ShardsView(IReadOnlyList<ShardView> Shards, IReadOnlyList<string> NodesNotAnswering);

public sealed record ShardView(string Shard, string Node, IReadOnlyList<string> Entities);
