namespace Cycast.Shared.Protocol;

/// <summary>
/// What an encoder says about its stream in its request head, or an upstream server in its answer to a relay. libshout
/// and ffmpeg send <c>ice-*</c>, Shoutcast-era tools and servers <c>icy-*</c>; either overrides the station's own
/// metadata while that source is live. Its <c>User-Agent</c> (a relay's: its <c>Server</c>) names the encoder, for the admin.
/// </summary>
public sealed record SourceProperties(
    string ContentType,
    string? Name,
    string? Genre,
    string? Description,
    string? Url,
    bool? Public,
    string? Bitrate,
    string? AudioInfo,
    string? UserAgent)
{
    public const string DefaultContentType = "audio/mpeg";

    /// <summary>
    /// Reads the properties from a head's headers (<paramref name="header"/> looks one up by name, case-insensitively),
    /// as text only: they go into every listener's reply head, the API and the log.
    /// </summary>
    /// <param name="agentHeader">The header that names the other side: an encoder's <c>User-Agent</c>, a server's <c>Server</c>.</param>
    public static SourceProperties FromHeaders(Func<string, string?> header, string agentHeader = "User-Agent")
    {
        string? Text(string name) => PlainText.OfOptional(header(name));
        string? Either(string suffix) => Text("ice-" + suffix) ?? Text("icy-" + suffix);
        var isPublic = Either("public") ?? Text("icy-pub");
        return new SourceProperties(
            ContentType: MediaType(Text("Content-Type")) ?? DefaultContentType,
            Name: Either("name"),
            Genre: Either("genre"),
            Description: Either("description"),
            Url: Either("url"),
            Public: isPublic is null ? null : isPublic.Trim() is "1" or "true" or "yes",
            Bitrate: Either("bitrate") ?? Text("icy-br"),
            AudioInfo: Text("ice-audio-info"),
            UserAgent: Text(agentHeader));
    }

    private static string? MediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(mediaType) ? null : mediaType;
    }
}
