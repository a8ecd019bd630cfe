using System.Globalization;
using System.Text;
using Cycast.Shared.Protocol;

namespace Cycast.Node.Http;

/// <summary>
/// Response heads written straight to a raw connection, laid out as Icecast 2.4 lays them out (checked against a
/// running icecast2): HTTP/1.0 status line whatever the request's version, no chunking, connection closed after.
/// </summary>
public static class IcecastResponse
{
    public const string ServerName = "Cycast/1.0";

    private const string NoCache = "Cache-Control: no-cache, no-store\r\nExpires: Mon, 26 Jul 1997 05:00:00 GMT\r\nPragma: no-cache\r\n";

    /// <summary>Lets a web player on another origin play the stream and read its icy-* headers.</summary>
    public const string Cors =
        "Access-Control-Allow-Origin: *\r\n" +
        "Access-Control-Allow-Headers: Origin, Accept, X-Requested-With, Content-Type, Icy-MetaData, Range\r\n" +
        "Access-Control-Allow-Methods: GET, OPTIONS, HEAD\r\n" +
        "Access-Control-Expose-Headers: Icy-Br, Icy-Description, Icy-Genre, Icy-MetaInt, Icy-Name, Icy-Pub, Icy-Url\r\n";

    /// <summary>What Icecast answers a source it accepts with <c>Expect: 100-continue</c> (ffmpeg's default PUT).</summary>
    public static readonly byte[] SourceContinue = "HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\nHTTP/1.0 200 OK\r\n\r\n"u8.ToArray();

    /// <summary>What Icecast answers a source it accepts without <c>Expect</c> (SOURCE, libshout, butt).</summary>
    public static readonly byte[] SourceOk = "HTTP/1.0 200 OK\r\n\r\n"u8.ToArray();

    /// <summary>Icecast's 401, whose realm makes a player or browser ask for a login; <paramref name="body"/> says why.</summary>
    public static byte[] Unauthorized(string body = "You need to authenticate\r\n") =>
        Text(401, "Authentication Required", body, "WWW-Authenticate: Basic realm=\"Icecast2 Server\"\r\n");

    /// <summary>For an address that gave too many wrong passwords: it may try again once <paramref name="wait"/> has passed.</summary>
    public static byte[] TooManyGuesses(TimeSpan wait) =>
        Text(429, "Too Many Requests", "Too many wrong passwords, try again later\r\n", $"Retry-After: {RetryAfterSeconds(wait)}\r\n");

    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static byte[] Text(int status, string reason, string body, string extraHeaders = "") =>
        Build(status, reason, "text/plain; charset=utf-8", extraHeaders, body);

    public static byte[] Build(int status, string reason, string contentType, string extraHeaders, string body)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.0 {status} {reason}\r\n")
            .Append($"Server: {ServerName}\r\nConnection: Close\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:R}\r\n")
            .Append($"Content-Type: {contentType}\r\n")
            .Append(extraHeaders)
            .Append(NoCache)
            .Append("\r\n")
            .Append(body);
        return Encoding.UTF8.GetBytes(head.ToString());
    }

    /// <summary>
    /// The head of a listener's stream. Header values come from encoders and config: any CR or LF is dropped so
    /// that nobody can inject headers into a listener's reply.
    /// </summary>
    public static byte[] StreamHead(StreamHeadFields fields, int? icyMetaint)
    {
        var icy = new StringBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                icy.Append(name).Append(':').Append(value.Replace("\r", "").Replace("\n", "")).Append("\r\n");
        }
        Add("icy-br", fields.Bitrate);
        if (fields.AudioInfo is not null)
            icy.Append("ice-audio-info: ").Append(fields.AudioInfo.Replace("\r", "").Replace("\n", "")).Append("\r\n");
        Add("icy-description", fields.Description);
        Add("icy-genre", fields.Genre);
        Add("icy-name", fields.Name);
        Add("icy-pub", fields.Public ? "1" : "0");
        Add("icy-url", fields.Url);
        if (icyMetaint is { } metaint)
            Add("icy-metaint", metaint.ToString(CultureInfo.InvariantCulture));
        return Splice(Build(200, "OK", fields.ContentType, Cors, ""), icy.ToString());
    }

    /// <summary>Icecast puts the icy-* lines last, after the no-cache lines: keep that order for byte-level parity.</summary>
    private static byte[] Splice(byte[] headEndingInBlankLine, string lines)
    {
        var extra = Encoding.UTF8.GetBytes(lines);
        var result = new byte[headEndingInBlankLine.Length + extra.Length];
        var cut = headEndingInBlankLine.Length - 2;
        headEndingInBlankLine.AsSpan(0, cut).CopyTo(result);
        extra.CopyTo(result.AsSpan(cut));
        "\r\n"u8.CopyTo(result.AsSpan(cut + extra.Length));
        return result;
    }
}
