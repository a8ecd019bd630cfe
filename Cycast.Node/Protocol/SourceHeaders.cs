using Cycast.Shared.Protocol;

namespace Cycast.Node.Protocol;

/// <summary>Reads what an encoder says about its stream from its request head.</summary>
public static class SourceHeaders
{
    /// <summary>libshout and ffmpeg send <c>ice-*</c>, Shoutcast-era tools <c>icy-*</c>: either is taken.</summary>
    public static SourceProperties Read(RequestHead head)
    {
        string? Either(string suffix) => head.Header("ice-" + suffix) ?? head.Header("icy-" + suffix);
        var isPublic = Either("public") ?? head.Header("icy-pub");
        return new SourceProperties(
            ContentType: MediaType(head.Header("Content-Type")) ?? SourceProperties.DefaultContentType,
            Name: Either("name"),
            Genre: Either("genre"),
            Description: Either("description"),
            Url: Either("url"),
            Public: isPublic is null ? null : isPublic.Trim() is "1" or "true" or "yes",
            Bitrate: Either("bitrate") ?? head.Header("icy-br"),
            AudioInfo: head.Header("ice-audio-info"),
            UserAgent: head.Header("User-Agent"));
    }

    private static string? MediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(mediaType) ? null : mediaType;
    }
}
