using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Clustering;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;

namespace Cycast.Node.Clustering;

/// <summary>
/// <c>GET /api/cluster</c>: the members, this node's inter-node traffic, and for every mount the node its entity runs
/// on and its listeners per node. Any node answers for the whole cluster: the entities know every replica.
/// </summary>
public static class ClusterEndpoint
{
    // As for /api/status: a request is never held up longer than the listener census would be.
    private static readonly TimeSpan AskTimeout = ListenerCensus.AskTimeout;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void MapClusterApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cluster", async (ActorSystem system, MountDirectory directory, IRequiredActor<MountRouter> router) =>
            Results.Json(await ClusterAsync(system, directory, await router.GetAsync()), Json));

    private static async Task<ClusterResponse> ClusterAsync(ActorSystem system, MountDirectory directory, IActorRef mounts)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var members = cluster.State.Members
            .Select(member => new ClusterMember(member.Address.ToString(), member.Status.ToString()))
            .ToArray();
        var traffic = InterNodeTraffic.For(system);
        var mountViews = await Task.WhenAll(directory.All.Select(async mount =>
        {
            var status = mounts.Ask<MountStatus>(new GetMountStatus(mount.Path), AskTimeout);
            var nodes = mounts.Ask<MountNodes>(new GetMountNodes(mount.Path), AskTimeout);
            try
            {
                var (entity, spread) = (await status, await nodes);
                return new ClusterMount(mount.Path, EntityAnswering: true, spread.EntityNode, entity.SourceConnected, entity.Listeners,
                    spread.ListenersByNode);
            }
            catch (AskTimeoutException)
            {
                return new ClusterMount(mount.Path, EntityAnswering: false, EntityNode: null, SourceConnected: false, Listeners: 0,
                    new Dictionary<string, int>());
            }
        }));
        return new ClusterResponse(cluster.SelfAddress.ToString(), members,
            new InterNodeBytes(traffic.BytesSent, traffic.BytesReceived, traffic.AudioBytesReceived), mountViews);
    }
}
