using System.Security;
using System.Text;
using Cycast.Node.Http;
using Cycast.Node.Observability;

namespace Cycast.Node.Api;

/// <summary>
/// Icecast 2.4's generated playlists, <c>/&lt;mount&gt;.m3u</c> and <c>/&lt;mount&gt;.xspf</c>, byte for byte as icecast2
/// 2.4.4 writes them: players and directories link to these rather than to the stream. As Icecast, the m3u is written
/// for any name (it only points at the stream) and the xspf lists the mount only while it is on the air.
/// </summary>
public static class IcecastPlaylists
{
    public static void MapIcecastPlaylists(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{**file:regex(\\.m3u$)}", (HttpContext http, string file, ClientAddress addresses, IcecastCounters counters) =>
        {
            counters.FileServed();
            NoCache(http);
            return Results.Text(PublicUrl.Of(http, addresses, "/" + file[..^".m3u".Length]) + "\r\n", "audio/x-mpegurl");
        });

        app.MapGet("/{**file:regex(\\.xspf$)}", async (HttpContext http, string file, ClientAddress addresses, IcecastCounters counters, StationStatus status) =>
        {
            counters.FileServed();
            NoCache(http);
            var path = "/" + file[..^".xspf".Length];
            var mount = (await status.MountsOnAirAsync()).FirstOrDefault(mount => mount.MountPath == path);
            var source = mount is null ? null : new IcecastSource(mount, PublicUrl.Of(http, addresses, path));
            // As bytes: a text result would write the charset in lower case, where icecast2 writes UTF-8.
            return Results.Bytes(Encoding.UTF8.GetBytes(Xspf(source)), "application/xspf+xml; charset=UTF-8");
        });
    }

    /// <summary>As Icecast's admin/xspf.xsl renders the mount's stats through libxslt (indent="yes").</summary>
    private static string Xspf(IcecastSource? source)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<playlist xmlns=\"http://xspf.org/ns/0/\" version=\"1\">\n  <title/>\n  <creator/>\n");
        if (source is null)
            return xml.Append("  <trackList/>\n</playlist>\n").ToString();
        var mount = source.Mount;
        var annotation = new StringBuilder()
            .Append("Stream Title: ").Append(source.ServerName).Append('\n')
            .Append("Stream Description: ").Append(source.ServerDescription).Append('\n')
            .Append("Content Type:").Append(mount.Head.ContentType).Append('\n');
        if (source.Bitrate is { } bitrate)
            annotation.Append("Bitrate: ").Append(bitrate).Append('\n');
        annotation
            .Append("Current Listeners: ").Append(mount.Listeners).Append('\n')
            .Append("Peak Listeners: ").Append(mount.ListenerPeak).Append('\n')
            .Append("Stream Genre: ").Append(source.Genre);
        xml.Append("  <trackList>\n    <track>\n")
            .Append("      <location>").Append(Escape(source.ListenUrl)).Append("</location>\n")
            .Append(source.Title is { } title ? $"      <title>{Escape(title)}</title>\n" : "      <title/>\n")
            .Append("      <annotation>").Append(Escape(annotation.ToString())).Append("</annotation>\n");
        if (mount.Head.Url is { } url)
            xml.Append("      <info>").Append(Escape(url)).Append("</info>\n");
        return xml.Append("    </track>\n  </trackList>\n</playlist>\n").ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text).Replace("&apos;", "'", StringComparison.Ordinal).Replace("&quot;", "\"", StringComparison.Ordinal);

    /// <summary>Icecast's headers on everything it generates: a playlist follows the mount, so no cache keeps it.</summary>
    private static void NoCache(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers.Expires = "Mon, 26 Jul 1997 05:00:00 GMT";
        http.Response.Headers.Pragma = "no-cache";
    }
}
