using System.Text.Json;
using Cycast.Shared.Config;

namespace Cycast.Node.Api;

/// <summary><c>GET /api/status</c> and <c>GET /api/stats</c>, field for field as the spec defines them.</summary>
public static class StatusEndpoints
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void MapStatusApi(this IEndpointRouteBuilder app, CycastSettings station)
    {
        app.MapGet("/api/status", async (StationStatus status) => Results.Json(await StatusAsync(status), Json));
        app.MapGet("/api/stats", async (StationStatus status) =>
            station.Advanced.EnableStats
                ? Results.Json(await StatsAsync(status), Json)
                : Results.NotFound(new { error = "statistics are disabled (advanced.enable_stats = false)" }));
    }

    public static async Task<StatusResponse> StatusAsync(StationStatus status)
    {
        var mounts = await status.MountsAsync();
        // The catalog always holds server.mount_point, so one round of asks serves both the totals and the main mount.
        var main = mounts.Single(mount => mount.MountPath == status.DefaultMount);
        var uptime = status.Uptime;
        var settings = status.DefaultMountSettings;
        return new StatusResponse(
            main.SourceConnected,
            main.SourceConnected ? "Connected" : main.PlayingFallback ? "Playlist" : "Disconnected",
            new TrackMetadata(main.Title.Title, main.Title.Artist),
            mounts.Sum(mount => mount.Listeners),
            (long)uptime.TotalSeconds,
            $"{(int)uptime.TotalHours}h {uptime.Minutes}m",
            settings.StationName,
            settings.StationGenre);
    }

    public static async Task<StatsResponse> StatsAsync(StationStatus status)
    {
        var main = await status.DefaultMountAsync();
        var now = DateTimeOffset.UtcNow;
        var listeners = status.Listeners.Sessions
            .OrderBy(session => session.Id)
            .Select(session => new ListenerStats(session.Id, session.BytesSent, (long)(now - session.ConnectedAt).TotalSeconds, Active: true))
            .ToArray();
        return new StatsResponse(
            listeners.Length,
            status.Listeners.TotalBytesSent,
            listeners,
            new BufferStats(main.BufferAvailable, main.BufferCapacity, Math.Round(100.0 * main.BufferAvailable / main.BufferCapacity, 1)));
    }
}
