using Cycast.Actors.Messages;

namespace Cycast.Node.Api;

/// <summary>
/// One mount as Icecast's stats describe a source: the values status-json.xsl and /admin/stats share, in Icecast's
/// field order. What an encoder sent (ice-name, ice-genre, ...) is the mount's stream head while it is live.
/// </summary>
public sealed record IcecastSource(MountStatus Mount, string ListenUrl)
{
    public static IcecastSource From(MountStatus mount, HttpRequest request) =>
        new(mount, $"{request.Scheme}://{request.Host}{mount.MountPath}");

    /// <summary>Icecast's own words for what nobody said.</summary>
    public string Genre => Mount.Head.Genre ?? "various";

    public string ServerName => Mount.Head.Name ?? "Unspecified name";

    public string ServerDescription => Mount.Head.Description ?? "Unspecified description";

    /// <summary>The kbit/s the encoder announced, when it announced a number.</summary>
    public int? Bitrate => int.TryParse(Mount.Head.Bitrate, out var kbits) ? kbits : null;

    public string? Title => Mount.Title.StreamTitle is { Length: > 0 } title ? title : null;
}
