using System.Text.Json;
using Akka.Actor;
using Cycast.Actors.Clustering;

namespace Cycast.Node.Api;

/// <summary>
/// <c>GET /api/cluster</c>: the members, this node's inter-node traffic, and for every mount the node its entity runs
/// on and its listeners per node. Any node answers for the whole cluster: the entities know every replica.
/// </summary>
public static class ClusterEndpoint
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void MapClusterApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cluster", async (ActorSystem system, MountInspection mounts) =>
            Results.Json(await ClusterAsync(system, mounts), Json));

    private static async Task<ClusterResponse> ClusterAsync(ActorSystem system, MountInspection mounts)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var members = cluster.State.Members
            .Select(member => new ClusterMember(member.Address.ToString(), member.Status.ToString()))
            .ToArray();
        var traffic = InterNodeTraffic.For(system);
        var mountViews = (await mounts.AllAsync()).Select(mount => mount is { Status: { } status, Nodes: { } spread }
                ? new ClusterMount(mount.Path, EntityAnswering: true, spread.EntityNode, status.SourceConnected, status.Listeners, spread.ListenersByNode)
                : new ClusterMount(mount.Path, EntityAnswering: false, EntityNode: null, SourceConnected: false, Listeners: 0,
                    new Dictionary<string, int>()))
            .ToArray();
        return new ClusterResponse(cluster.SelfAddress.ToString(), members,
            new InterNodeBytes(traffic.BytesSent, traffic.BytesReceived, traffic.AudioBytesReceived), mountViews);
    }
}
