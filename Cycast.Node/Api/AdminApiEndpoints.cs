using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;
using Cycast.Actors.Streaming;
using Cycast.Shared.AdminApi;

namespace Cycast.Node.Api;

/// <summary>
/// The JSON admin API under <c>/admin/api</c>, for the <c>cycast</c> command line and the admin page: what Icecast's
/// XML admin does not show (members, shards, where each mount and listener is), and leave and down. Only the
/// <c>admin</c> block's user gets in. Commands Icecast has (killclient, killsource, metadata, moveclients) stay Icecast's.
/// </summary>
public static class AdminApiEndpoints
{
    public static void MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").AddEndpointFilter<AdminOnly>();

        api.MapGet(AdminApiJson.Cluster, async (ClusterInspection cluster) => Json(await cluster.MembersAsync()));
        api.MapPost(AdminApiJson.Leave, (HttpContext http, ActorSystem system, ILogger<ClusterInspection> log) =>
            OnMember(http, system, log, "leave", (cluster, address) => cluster.Leave(address)));
        api.MapPost(AdminApiJson.Down, (HttpContext http, ActorSystem system, ILogger<ClusterInspection> log) =>
            OnMember(http, system, log, "down", (cluster, address) => cluster.Down(address)));
        api.MapGet(AdminApiJson.Shards, async (ClusterInspection cluster) => Json(await cluster.ShardsAsync()));

        api.MapGet(AdminApiJson.Mounts, async (MountInspection mounts, RunningEntities runningHere) =>
            Json((await mounts.AllAsync()).Select(mount => Summary(mount) is var summary && runningHere.TryGetEpoch(mount.Path, out var epoch)
                ? summary with { EntityHere = true, EntityEpoch = epoch }
                : summary).ToArray()));
        api.MapGet(AdminApiJson.Mount, async (string? mount, MountInspection mounts) =>
        {
            if (mount is null || !mounts.Knows(mount))
                return Error(StatusCodes.Status404NotFound, $"no mount {mount}");
            var inspected = await mounts.OneAsync(mount);
            return inspected is { Status: { } status, Nodes: { } nodes }
                ? Json(Detail(status, nodes))
                : Error(StatusCodes.Status503ServiceUnavailable, $"{mount}'s entity did not answer: it is moving to another node");
        });

        api.MapGet(AdminApiJson.Memory, () =>
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return Json(new MemoryView(GC.GetTotalMemory(forceFullCollection: true), RingMemory.HeldBytes, process.WorkingSet64,
                Directory.GetFileSystemEntries("/proc/self/fd").Length, process.Threads.Count));
        });

        api.MapGet(AdminApiJson.Listeners, async (string? mount, string? node, ListenerCensus census, MountInspection mounts) =>
        {
            if (mount is not null && !mounts.Knows(mount))
                return Error(StatusCodes.Status404NotFound, $"no mount {mount}");
            var listeners = (await census.TakeAsync(withEntries: true)).Nodes
                .Where(answer => node is null || NodeMatches(answer.Node, node))
                .SelectMany(answer => answer.Listeners
                    .Where(listener => mount is null || listener.MountPath == mount)
                    .Select(listener => new ListenerView(listener.Id, listener.MountPath, answer.Node, listener.Address, listener.UserAgent,
                        listener.ConnectedSeconds, listener.BytesSent, answer.Name)))
                .OrderBy(listener => listener.Id)
                .ToArray();
            return Json(listeners);
        });
    }

    /// <summary>A node named by its full address (<c>akka.tcp://cycast@host:port</c>) or by its <c>host:port</c>.</summary>
    private static bool NodeMatches(string address, string name) =>
        address == name || address.EndsWith("@" + name, StringComparison.Ordinal);

    /// <summary>
    /// Akka's own leave or down, on this node, of the member named by <c>?address=</c>. A leaving node hands its mounts
    /// over, runs its coordinated shutdown and exits; a downed one is removed at once.
    /// </summary>
    private static IResult OnMember(HttpContext http, ActorSystem system, ILogger log, string action, Action<Cluster, Address> apply)
    {
        string? text = http.Request.Query["address"];
        Address address;
        try
        {
            address = Address.Parse(text ?? "");
        }
        catch (UriFormatException)
        {
            return Error(StatusCodes.Status400BadRequest, $"not a member address: '{text}' (expected akka.tcp://cycast@host:port)");
        }
        var cluster = Cluster.Get(system);
        if (!cluster.State.Members.Any(member => member.Address == address))
            return Error(StatusCodes.Status404NotFound, $"no member {address} in the cluster");
        log.LogInformation("Admin asked {Address} to {Action} the cluster", address, action);
        apply(cluster, address);
        return Json(new MemberAction(address.ToString(), action));
    }

    private static MountSummary Summary(InspectedMount mount) => mount is { Status: { } status, Nodes: { } nodes }
        ? new MountSummary(mount.Path, nodes.EntityNode, EntityAnswering: true, status.SourceConnected, InspectedMount.SourceStatusOf(status),
            status.Title.StreamTitle, status.Listeners)
        : new MountSummary(mount.Path, EntityNode: null, EntityAnswering: false, SourceConnected: false, "Disconnected", "", 0);

    private static MountDetail Detail(Actors.Messages.MountStatus status, Actors.Messages.MountNodes nodes) => new(
        status.MountPath,
        nodes.EntityNode,
        EntityAnswering: true,
        status.SourceConnected,
        InspectedMount.SourceStatusOf(status),
        status.SourcePeer,
        status.SourceUserAgent,
        status.Head.ContentType,
        status.Head.Bitrate,
        status.Title.StreamTitle,
        new MountBuffer(status.BufferAvailable, status.BufferCapacity, Math.Round(100.0 * status.BufferAvailable / status.BufferCapacity, 1)),
        status.Listeners,
        nodes.ListenersByNode);

    private static IResult Json<T>(T value) => Results.Json(value, AdminApiJson.Options);

    private static IResult Error(int status, string message) => Results.Json(new AdminError(message), AdminApiJson.Options, statusCode: status);
}
