using System.Text.Json.Nodes;

namespace Cycast.Node.Api;

/// <summary>
/// <c>GET /status-json.xsl</c>, the JSON that "now playing" widgets and dashboards read from Icecast 2.4: the same
/// field names, types and date formats as icecast2 2.4.4 (Cycast.Tests/Fixtures/icecast-2.4.4), for every mount of
/// the cluster on the air. Like Icecast, <c>source</c> is an object for one mount and an array for several.
/// </summary>
public static class IcecastStatusJson
{
    public const string ServerId = "Cycast (Icecast 2.4 compatible)";

    public static void MapIcecastStatusJson(this IEndpointRouteBuilder app) =>
        app.MapGet("/status-json.xsl", async (HttpContext http, StationStatus status) =>
        {
            var sources = (await status.PublicMountsOnAirAsync()).Select(mount => IcecastSource.From(mount, http.Request)).ToArray();
            var icestats = new JsonObject
            {
                ["admin"] = status.AdminContact,
                ["host"] = http.Request.Host.Host,
                ["location"] = status.Location,
                ["server_id"] = ServerId,
                ["server_start"] = IcecastTime.Rfc822(status.StartedAt),
                ["server_start_iso8601"] = IcecastTime.Iso8601(status.StartedAt),
            };
            if (sources.Length == 1)
                icestats["source"] = Source(sources[0]);
            else if (sources.Length > 1)
                icestats["source"] = new JsonArray(sources.Select(source => (JsonNode)Source(source)).ToArray());
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Text(new JsonObject { ["icestats"] = icestats }.ToJsonString(), "application/json; charset=UTF-8");
        });

    private static JsonObject Source(IcecastSource source)
    {
        var json = new JsonObject();
        if (source.Mount.Head.AudioInfo is { } audioInfo)
            json["audio_info"] = audioInfo;
        if (source.Bitrate is { } bitrate)
            json["bitrate"] = bitrate;
        json["genre"] = source.Genre;
        json["listener_peak"] = source.Mount.ListenerPeak;
        json["listeners"] = source.Mount.Listeners;
        json["listenurl"] = source.ListenUrl;
        json["server_description"] = source.ServerDescription;
        json["server_name"] = source.ServerName;
        json["server_type"] = source.Mount.Head.ContentType;
        // Icecast writes it only when the encoder sent ice-url.
        if (source.Mount.Head.Url is { } url)
            json["server_url"] = url;
        json["stream_start"] = IcecastTime.Rfc822(source.Mount.StreamStart);
        json["stream_start_iso8601"] = IcecastTime.Iso8601(source.Mount.StreamStart);
        if (source.Title is { } title)
            json["title"] = title;
        // Icecast's XSL template ends every source with it, and some parsers written against Icecast expect it.
        json["dummy"] = null;
        return json;
    }
}
