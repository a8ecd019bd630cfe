namespace Cycast.Shared.Protocol;

/// <summary>
/// The paths a node serves pages, the API, metrics and health on. A mount by one of these names would take the
/// request before the page does (the Icecast middleware sees every head first), so no mount may have one.
/// </summary>
public static class ServerPaths
{
    /// <summary>Served as they are: Prometheus, Icecast's JSON status (and the status page at /).</summary>
    private static readonly string[] Pages = ["/metrics", "/status-json.xsl"];

    /// <summary>Served with everything under them: the JSON API, the admin page and commands, the health checks.</summary>
    private static readonly string[] Trees = ["/api", "/admin", "/health"];

    public const string Rule = "none of the server's own pages (/, /metrics, /status-json.xsl, anything under /api, /admin or /health)";

    /// <summary>
    /// Whether <paramref name="path"/> names one of the server's pages as ASP.NET routes it: case-insensitively, and
    /// with or without trailing slashes.
    /// </summary>
    public static bool IsReserved(string path)
    {
        var trimmed = path.TrimEnd('/');
        // Nothing left: the status page, /.
        if (trimmed.Length == 0)
            return true;
        return Pages.Contains(trimmed, StringComparer.OrdinalIgnoreCase)
            || Trees.Any(tree => trimmed.Equals(tree, StringComparison.OrdinalIgnoreCase)
                || trimmed.StartsWith(tree + "/", StringComparison.OrdinalIgnoreCase));
    }
}
