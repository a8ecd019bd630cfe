using Cycast.Shared.Protocol;

namespace Cycast.Node.Http;

/// <summary>Reads what an encoder says about its stream from its request head.</summary>
public static class SourceHeaders
{
    /// <summary>
    /// libshout and ffmpeg send <c>ice-*</c>, Shoutcast-era tools <c>icy-*</c>: either is taken, as text only (they go
    /// into every listener's reply head, the API and the log).
    /// </summary>
    public static SourceProperties Read(RequestHead head)
    {
        string? Text(string name) => PlainText.OfOptional(head.Header(name));
        string? Either(string suffix) => Text("ice-" + suffix) ?? Text("icy-" + suffix);
        var isPublic = Either("public") ?? Text("icy-pub");
        return new SourceProperties(
            ContentType: MediaType(Text("Content-Type")) ?? SourceProperties.DefaultContentType,
            Name: Either("name"),
            Genre: Either("genre"),
            Description: Either("description"),
            Url: Either("url"),
            Public: isPublic is null ? null : isPublic.Trim() is "1" or "true" or "yes",
            Bitrate: Either("bitrate") ?? Text("icy-br"),
            AudioInfo: Text("ice-audio-info"),
            UserAgent: Text("User-Agent"));
    }

    private static string? MediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(mediaType) ? null : mediaType;
    }
}
