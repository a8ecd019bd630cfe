namespace Cycast.Shared.Protocol;

/// <summary>
/// What an encoder says about its stream in its request head. libshout and ffmpeg send <c>ice-*</c>, Shoutcast-era
/// tools send <c>icy-*</c>; either overrides the station's own metadata while that source is live. Its
/// <c>User-Agent</c> names the encoder, for the admin.
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
}
