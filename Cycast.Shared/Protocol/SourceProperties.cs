namespace Cycast.Shared.Protocol;

/// <summary>
/// What an encoder says about its stream in its request head. libshout and ffmpeg send <c>ice-*</c>, Shoutcast-era
/// tools send <c>icy-*</c>; either overrides the station's own metadata while that source is live.
/// </summary>
public sealed record SourceProperties(
    string ContentType,
    string? Name,
    string? Genre,
    string? Description,
    string? Url,
    bool? Public,
    string? Bitrate,
    string? AudioInfo)
{
    public const string DefaultContentType = "audio/mpeg";

    public static SourceProperties FromHead(RequestHead head)
    {
        string? Either(string suffix) => head.Header("ice-" + suffix) ?? head.Header("icy-" + suffix);
        var isPublic = Either("public") ?? head.Header("icy-pub");
        return new SourceProperties(
            ContentType: MediaType(head.Header("Content-Type")) ?? DefaultContentType,
            Name: Either("name"),
            Genre: Either("genre"),
            Description: Either("description"),
            Url: Either("url"),
            Public: isPublic is null ? null : isPublic.Trim() is "1" or "true" or "yes",
            Bitrate: Either("bitrate") ?? head.Header("icy-br"),
            AudioInfo: head.Header("ice-audio-info"));
    }

    private static string? MediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(mediaType) ? null : mediaType;
    }
}
