using System.Text;
using System.Web;

namespace Cycast.Node.Http;

/// <summary>
/// A query string kept as bytes until a parameter is read, because Icecast's <c>charset</c> parameter decides how
/// <c>song</c> is decoded, and ASP.NET's own query parsing always assumes UTF-8.
/// </summary>
public sealed class RawQuery
{
    private readonly Dictionary<string, string> _encoded = new(StringComparer.Ordinal);

    private RawQuery() { }

    public static RawQuery Parse(string? queryString)
    {
        var query = new RawQuery();
        foreach (var pair in (queryString ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = HttpUtility.UrlDecode(equals < 0 ? pair : pair[..equals], Encoding.UTF8);
            query._encoded.TryAdd(name, equals < 0 ? "" : pair[(equals + 1)..]);
        }
        return query;
    }

    public string? Text(string name, Encoding encoding) =>
        _encoded.TryGetValue(name, out var value) ? HttpUtility.UrlDecode(value, encoding) : null;
}
