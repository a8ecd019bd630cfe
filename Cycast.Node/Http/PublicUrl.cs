namespace Cycast.Node.Http;

/// <summary>
/// The scheme and host a client used to reach the station, for URLs handed back to it (playlists). Behind a proxy
/// the request says the proxy's own; its <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are believed, but only
/// from a peer in <c>admin.trusted_proxies</c>, as <see cref="ClientAddress"/> believes its <c>X-Forwarded-For</c>.
/// </summary>
public static class PublicUrl
{
    public static string Of(HttpContext http, ClientAddress addresses, string path)
    {
        var request = http.Request;
        var scheme = request.Scheme;
        var host = request.Host.HasValue ? request.Host.Value : null;
        if (addresses.IsTrustedProxy(http.Connection.RemoteIpAddress))
        {
            // A chain of proxies lists each hop's; the first is what the client itself asked for.
            if (First(request.Headers["X-Forwarded-Proto"]) is { } forwardedScheme && forwardedScheme is "http" or "https")
                scheme = forwardedScheme;
            if (First(request.Headers["X-Forwarded-Host"]) is { } forwardedHost && HostString.FromUriComponent(forwardedHost).HasValue)
                host = forwardedHost;
        }
        // An HTTP/1.0 client may name no host: the address it connected to is what reached us.
        host ??= http.Connection.LocalIpAddress is { } local
            ? new System.Net.IPEndPoint(ClientAddress.Normalized(local), http.Connection.LocalPort).ToString()
            : "localhost";
        return $"{scheme}://{host}{path}";
    }

    private static string? First(string? header) =>
        header?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant() is { Length: > 0 } value ? value : null;
}
