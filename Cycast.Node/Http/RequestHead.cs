namespace Cycast.Node.Http;

/// <summary>
/// The head of one request as Icecast clients send it: HTTP/1.x, or the legacy <c>SOURCE /mount ICE/1.0</c>
/// that ffmpeg, libshout and butt still use. Header names are case-insensitive.
/// </summary>
public sealed class RequestHead(string method, string target, string version, Dictionary<string, string> headers)
{
    public string Method => method;

    /// <summary>The request line as the client sent it (<c>GET /stream?x=1 HTTP/1.1</c>), for the access log.</summary>
    public string RequestLine => $"{method} {target} {version}";

    /// <summary>The request target as the client sent it, path and query, still percent-encoded.</summary>
    public string Target => target;

    /// <summary>Percent-decoded path without the query string.</summary>
    public string Path { get; } = Uri.UnescapeDataString(target.Split('?', 2)[0]);

    public string? Header(string name) => headers.TryGetValue(name, out var value) ? value : null;
}
