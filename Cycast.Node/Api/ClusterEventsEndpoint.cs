using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Cycast.Shared.AdminApi;

namespace Cycast.Node.Api;

/// <summary>
/// <c>GET /admin/api/cluster/events</c>, admin only: the cluster's member events as this node sees them, pushed as
/// server-sent events the moment Akka publishes them (<c>cycast cluster tail</c>), the current members first.
/// </summary>
public static class ClusterEventsEndpoint
{
    public static void MapClusterEvents(this IEndpointRouteBuilder app) =>
        app.MapGet(AdminApiJson.ClusterEvents, async (HttpContext http, ActorSystem system) =>
        {
            var events = Channel.CreateBounded<MemberEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
            var forwarder = system.ActorOf(MemberEventForwarder.Props(events.Writer));
            try
            {
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                // nginx would otherwise hold the events back in its buffer.
                http.Response.Headers["X-Accel-Buffering"] = "no";
                await http.Response.Body.FlushAsync(http.RequestAborted);
                await foreach (var change in events.Reader.ReadAllAsync(http.RequestAborted))
                {
                    await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(change, StatusEndpoints.Json)}\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The watcher hung up.
            }
            finally
            {
                forwarder.Tell(PoisonPill.Instance);
            }
        }).AddEndpointFilter<AdminOnly>();
}
