using System.Text.Json;
using Cycast.Shared.Config;

namespace Cycast.Node.Api;

/// <summary>
/// <c>GET /api/status</c> and <c>GET /api/stats</c>, field for field as the spec defines them, for the whole cluster:
/// any node counts every node's listeners, and adds how they spread over mounts and nodes.
/// </summary>
public static class StatusEndpoints
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", async (StationStatus status) => Results.Json(await StatusAsync(status), Json));
        app.MapGet("/api/stats", async (StationStatus status, LiveSettings live) =>
            live.Current.Advanced.EnableStats
                ? Results.Json(await StatsAsync(status), Json)
                : Results.NotFound(new { error = "statistics are disabled (advanced.enable_stats = false)" }));
    }

    public static async Task<StatusResponse> StatusAsync(StationStatus status)
    {
        var (main, entityAnswering, census) = await status.SnapshotAsync(withEntries: false);
        var uptime = status.Uptime;
        var settings = status.DefaultMountSettings;
        return new StatusResponse(
            main.SourceConnected,
            InspectedMount.SourceStatusOf(main),
            new TrackMetadata(main.Title.Title, main.Title.Artist),
            census.Total,
            (long)uptime.TotalSeconds,
            $"{(int)uptime.TotalHours}h {uptime.Minutes}m",
            // While a source is live, its own ice-name, ice-genre, ice-description and ice-url are the station's, as
            // its listeners hear them.
            main.Head.Name ?? settings.StationName,
            main.Head.Genre ?? settings.StationGenre,
            status.PublicSpread(census),
            ListenerSpread.PerNode(census),
            census.NotAnsweringNames,
            entityAnswering,
            main.Head.Description ?? settings.StationDescription,
            main.Head.Url ?? settings.StationUrl);
    }

    public static async Task<StatsResponse> StatsAsync(StationStatus status)
    {
        var (main, entityAnswering, census) = await status.SnapshotAsync(withEntries: true);
        var listeners = census.Nodes
            .SelectMany(node => node.Listeners.Where(listener => !status.IsHidden(listener.MountPath)).Select(listener =>
                new ListenerStats(listener.Id, listener.BytesSent, listener.ConnectedSeconds, Active: true, node.Name, listener.MountPath)))
            .ToArray();
        return new StatsResponse(
            listeners.Length,
            census.BytesSent,
            listeners,
            new BufferStats(main.BufferAvailable, main.BufferCapacity, Math.Round(100.0 * main.BufferAvailable / main.BufferCapacity, 1)),
            status.PublicSpread(census),
            ListenerSpread.PerNode(census),
            census.NotAnsweringNames,
            entityAnswering);
    }
}
