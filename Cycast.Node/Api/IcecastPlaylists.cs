using System.Security;
using System.Text;
using Cycast.Actors.Mounts;
using Cycast.Node.Http;
using Cycast.Node.ListenerAuth;
using Cycast.Node.Observability;

namespace Cycast.Node.Api;

/// <summary>
/// Icecast 2.4's generated playlists, <c>/&lt;mount&gt;.m3u</c> and <c>/&lt;mount&gt;.xspf</c>, byte for byte as icecast2
/// 2.4.4 writes them: players and directories link to these rather than to the stream. As Icecast, the m3u is written
/// for any name (it only points at the stream) and the xspf lists the mount only while it is on the air. For a mount
/// with listener auth, a playlist asked for with <c>?token=</c> points at the stream with the same token, so a shared
/// link plays; and <c>/admin/buildm3u</c> is Icecast's login playlist, the credentials given in the stream's URL.
/// </summary>
public static class IcecastPlaylists
{
    public static void MapIcecastPlaylists(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{**file:regex(\\.m3u$)}", (HttpContext http, string file, ClientAddress addresses, MountDirectory directory, IcecastCounters counters) =>
        {
            counters.FileServed();
            NoCache(http);
            return Results.Text(StreamUrl(http, addresses, directory, "/" + file[..^".m3u".Length]) + "\r\n", "audio/x-mpegurl");
        });

        app.MapGet("/{**file:regex(\\.xspf$)}", async (HttpContext http, string file, ClientAddress addresses, MountDirectory directory, IcecastCounters counters,
            StationStatus status) =>
        {
            counters.FileServed();
            NoCache(http);
            var path = "/" + file[..^".xspf".Length];
            var mount = (await status.MountsOnAirAsync()).FirstOrDefault(mount => mount.MountPath == path);
            var source = mount is null ? null : new IcecastSource(mount, StreamUrl(http, addresses, directory, path));
            // As bytes: a text result would write the charset in lower case, where icecast2 writes UTF-8.
            return Results.Bytes(Encoding.UTF8.GetBytes(Xspf(source)), "application/xspf+xml; charset=UTF-8");
        });
    }

    /// <summary>The stream's URL, with the playlist request's token when the mount asks its listeners for one.</summary>
    private static string StreamUrl(HttpContext http, ClientAddress addresses, MountDirectory directory, string path)
    {
        var url = PublicUrl.Of(http, addresses, path);
        return http.Request.Query[ListenerCredentials.TokenParameter].FirstOrDefault() is { } token && directory.TryGet(path, out var mount) && mount.Auth is not null
            ? $"{url}?{ListenerCredentials.TokenParameter}={Uri.EscapeDataString(token)}"
            : url;
    }

    /// <summary>
    /// Icecast's <c>/admin/buildm3u?username=&amp;password=&amp;mount=</c>, what its auth.xsl login form asks for: no
    /// admin login needed, and the playlist's URL carries the credentials given, which players send as Basic auth.
    /// </summary>
    public static void MapIcecastLoginPlaylist(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/buildm3u", (HttpContext http, ClientAddress addresses, IcecastCounters counters) =>
        {
            var query = http.Request.Query;
            if (query["username"].FirstOrDefault() is not { } user || query["password"].FirstOrDefault() is not { } password
                || query["mount"].FirstOrDefault() is not { } mount)
            {
                return IcecastAdminReplies.BadRequest("Missing parameter");
            }
            counters.FileServed();
            NoCache(http);
            http.Response.Headers.ContentDisposition = "attachment; filename=listen.m3u";
            var url = PublicUrl.Of(http, addresses, mount);
            var scheme = url.IndexOf("://", StringComparison.Ordinal) + "://".Length;
            return Results.Text($"{url[..scheme]}{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{url[scheme..]}\r\n", "audio/x-mpegurl");
        });

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
