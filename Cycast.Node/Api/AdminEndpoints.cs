using System.Net;
using System.Text;
using System.Xml.Linq;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Node.Http;
using Cycast.Node.Observability;

namespace Cycast.Node.Api;

/// <summary>
/// Icecast 2.4's XML admin endpoints, for the whole cluster from any node: stats, listmounts, listclients, killclient,
/// killsource and moveclients, with icecast2 2.4.4's element names and layout. Only the <c>admin</c> block's user gets in;
/// <c>/admin/metadata</c> (its own endpoint) also takes source credentials.
/// </summary>
public static class AdminEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static void MapIcecastAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminOnly>();

        // Icecast 2.4 answers stats.xml as stats: monitoring plugins ask for either.
        foreach (var stats in new[] { "/stats", "/stats.xml" })
            admin.MapGet(stats, StatsAsync);

        admin.MapGet("/listmounts", async (StationStatus status) =>
            IcecastAdminReplies.Document(new XElement("icestats", (await status.MountsOnAirAsync()).Select(ListedMount))));

        admin.MapGet("/listclients", async (HttpContext http, MountDirectory directory, ListenerCensus census) =>
        {
            if (MountOf(http, directory) is not { } mount)
                return IcecastAdminReplies.BadRequest("Source does not exist");
            var listeners = (await census.TakeAsync(withEntries: true)).Nodes
                .SelectMany(node => node.Listeners)
                .Where(listener => listener.MountPath == mount)
                .OrderBy(listener => listener.Id)
                .ToArray();
            return IcecastAdminReplies.Document(new XElement("icestats",
                new XElement("source", new XAttribute("mount", mount),
                    new XElement("Listeners", listeners.Length),
                    listeners.Select(listener => new XElement("listener",
                        new XElement("IP", listener.Address),
                        new XElement("UserAgent", listener.UserAgent),
                        new XElement("Connected", listener.ConnectedSeconds),
                        new XElement("ID", listener.Id))))));
        });

        admin.MapGet("/killclient", async (HttpContext http, MountDirectory directory, ListenerCensus census, ILoggerFactory logs) =>
        {
            if (MountOf(http, directory) is null)
                return IcecastAdminReplies.BadRequest("Source does not exist");
            if (!long.TryParse(Query(http, "id"), out var id))
                return IcecastAdminReplies.BadRequest("Missing parameter");
            if (!await census.KickAsync(id))
                return IcecastAdminReplies.Response($"Client {id} not found", 0);
            logs.CreateLogger(typeof(AdminEndpoints)).LogInformation("Admin kicked listener {Id}", id);
            return IcecastAdminReplies.Response($"Client {id} removed", 1);
        });

        admin.MapGet("/killsource", async (HttpContext http, MountDirectory directory, IRequiredActor<MountRouter> router) =>
        {
            if (MountOf(http, directory) is not { } mount)
                return IcecastAdminReplies.BadRequest("Source does not exist");
            var mounts = await router.GetAsync();
            var killed = await mounts.Ask<SourceKilled>(new KillSource(mount), AskTimeout);
            return killed.Found
                ? IcecastAdminReplies.Response("Source Removed", 1)
                : IcecastAdminReplies.BadRequest("Source does not exist");
        });

        admin.MapGet("/moveclients", async (HttpContext http, MountDirectory directory, StationStatus status, ListenerCensus census, ILoggerFactory logs) =>
        {
            if (MountOf(http, directory) is not { } mount)
                return IcecastAdminReplies.BadRequest("Source does not exist");
            // Without a destination Icecast lists where the mount's listeners could go.
            if (Query(http, "destination") is not { } destination)
            {
                return IcecastAdminReplies.Document(new XElement("icestats", new XElement("current_source", mount),
                    (await status.MountsOnAirAsync()).Where(other => other.MountPath != mount).Select(ListedMount)));
            }
            if (!directory.TryGet(destination, out _))
                return IcecastAdminReplies.BadRequest("No such destination");
            if (destination == mount)
                return IcecastAdminReplies.BadRequest("supplied mountpoints are identical");
            var moving = await census.MoveAsync(mount, destination);
            logs.CreateLogger(typeof(AdminEndpoints)).LogInformation("Admin moved {Count} listeners from {Mount} to {Destination}", moving, mount, destination);
            return IcecastAdminReplies.Response($"Clients moved from {mount} to {destination}", 1);
        });

        // Whatever else an admin asks for.
        admin.MapGet("/{**command}", () => IcecastAdminReplies.BadRequest("Unrecognised command"));
    }

    /// <summary>Every element icecast2 2.4.4's stats has, in its (alphabetical) order; the counters are this node's.</summary>
    private static async Task<IResult> StatsAsync(HttpContext http, StationStatus status, ListenerCensus census, IcecastCounters counters, NodeMetrics metrics)
    {
        var mounts = await status.MountsOnAirAsync();
        var listeners = (await census.TakeAsync(withEntries: false)).Total;
        return IcecastAdminReplies.Document(new XElement("icestats",
            new XElement("admin", status.AdminContact),
            new XElement("client_connections", counters.ClientConnections),
            new XElement("clients", counters.Clients),
            new XElement("connections", counters.Connections),
            new XElement("file_connections", counters.FileConnections),
            new XElement("host", http.Request.Host.Host),
            new XElement("listener_connections", counters.ListenerConnections),
            new XElement("listeners", listeners),
            new XElement("location", status.Location),
            new XElement("server_id", IcecastStatusJson.ServerId),
            new XElement("server_start", IcecastTime.Rfc822(status.StartedAt)),
            new XElement("server_start_iso8601", IcecastTime.Iso8601(status.StartedAt)),
            new XElement("source_client_connections", counters.SourceClientConnections),
            new XElement("source_relay_connections", counters.SourceRelayConnections),
            new XElement("source_total_connections", counters.SourceTotalConnections),
            new XElement("sources", mounts.Count),
            new XElement("stats", counters.Stats),
            new XElement("stats_connections", counters.StatsConnections),
            mounts.Select(mount => StatsSource(IcecastSource.From(mount, http.Request), metrics))));
    }

    /// <summary>A mount as listmounts (and moveclients without a destination) list it.</summary>
    private static XElement ListedMount(MountStatus mount) => new("source", new XAttribute("mount", mount.MountPath),
        new XElement("fallback", ""),
        new XElement("listeners", mount.Listeners),
        new XElement("Connected", (long)(DateTimeOffset.UtcNow - mount.StreamStart).TotalSeconds),
        new XElement("content-type", mount.Head.ContentType));

    private static XElement StatsSource(IcecastSource source, NodeMetrics metrics)
    {
        var mount = source.Mount;
        var element = new XElement("source", new XAttribute("mount", mount.MountPath));
        if (mount.Head.AudioInfo is { } audioInfo)
            element.Add(new XElement("audio_info", audioInfo));
        if (source.Bitrate is { } bitrate)
            element.Add(new XElement("bitrate", bitrate));
        element.Add(
            new XElement("genre", source.Genre),
            new XElement("listener_peak", mount.ListenerPeak),
            new XElement("listeners", mount.Listeners),
            new XElement("listenurl", source.ListenUrl),
            new XElement("max_listeners", "unlimited"),
            new XElement("public", mount.Head.Public ? 1 : 0),
            new XElement("server_description", source.ServerDescription),
            new XElement("server_name", source.ServerName),
            new XElement("server_type", mount.Head.ContentType));
        if (mount.Head.Url is { } url)
            element.Add(new XElement("server_url", url));
        element.Add(new XElement("slow_listeners", metrics.SlowListeners(mount.MountPath)));
        if (mount.SourcePeer is { } peer)
            element.Add(new XElement("source_ip", IPEndPoint.TryParse(peer, out var endPoint) ? endPoint.Address.ToString() : peer));
        element.Add(
            new XElement("stream_start", IcecastTime.Rfc822(mount.StreamStart)),
            new XElement("stream_start_iso8601", IcecastTime.Iso8601(mount.StreamStart)));
        if (source.Title is { } title)
            element.Add(new XElement("title", title));
        element.Add(
            new XElement("total_bytes_read", mount.BytesReceived),
            new XElement("total_bytes_sent", metrics.BytesSentTo(mount.MountPath)));
        // As Icecast, the encoder's own name for itself, when it gave one.
        if (mount.SourceConnected && mount.SourceUserAgent is { Length: > 0 } userAgent)
            element.Add(new XElement("user_agent", userAgent));
        return element;
    }

    private static string? Query(HttpContext http, string name) =>
        RawQuery.Parse(http.Request.QueryString.Value).Text(name, Encoding.UTF8);

    private static string? MountOf(HttpContext http, MountDirectory directory) =>
        Query(http, "mount") is { } mount && directory.TryGet(mount, out _) ? mount : null;
}
