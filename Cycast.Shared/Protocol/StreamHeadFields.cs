namespace Cycast.Shared.Protocol;

/// <summary>The values a listener's stream head announces.</summary>
public sealed record StreamHeadFields(
    string ContentType, string? Name, string? Genre, string? Description, string? Url, bool Public, string? Bitrate, string? AudioInfo);
