namespace Cycast.Node.Protocol;

/// <summary>
/// The head of one request as Icecast clients send it: HTTP/1.x, or the legacy <c>SOURCE /mount ICE/1.0</c>
/// that ffmpeg, libshout and butt still use. Header names are case-insensitive.
/// </summary>
public sealed class RequestHead
{
    private readonly Dictionary<string, string> _headers;

    public RequestHead(string method, string target, string version, Dictionary<string, string> headers)
    {
        Method = method;
        Target = target;
        Version = version;
        _headers = headers;
        var queryStart = target.IndexOf('?');
        RawPath = queryStart < 0 ? target : target[..queryStart];
        RawQuery = queryStart < 0 ? "" : target[(queryStart + 1)..];
        Path = Uri.UnescapeDataString(RawPath);
    }

    public string Method { get; }

    /// <summary>The request target exactly as sent, query included.</summary>
    public string Target { get; }

    public string Version { get; }

    public string RawPath { get; }

    /// <summary>Percent-decoded path without the query string.</summary>
    public string Path { get; }

    /// <summary>The query string without its '?', still percent-encoded (the charset is the caller's to decide).</summary>
    public string RawQuery { get; }

    public IReadOnlyDictionary<string, string> Headers => _headers;

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public bool IsHttp11 => Version == "HTTP/1.1";
}
