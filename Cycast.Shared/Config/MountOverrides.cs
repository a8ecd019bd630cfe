namespace Cycast.Shared.Config;

/// <summary>
/// What a mount says of itself whatever its encoder sends, as Icecast's <c>&lt;mount&gt;</c> does: <c>stream_name</c>,
/// <c>stream_description</c>, <c>stream_url</c>, <c>genre</c> and <c>public</c> replace the encoder's <c>ice-*</c>
/// headers in the <c>icy-*</c> headers listeners get and in every status; null leaves the encoder's value (and, when
/// it sends none, the mount's <c>station_*</c>). <c>hidden</c> keeps the mount out of the public status pages and
/// lists (it stays playable and the admin sees it); <c>charset</c> is what titles sent to <c>/admin/metadata</c>
/// without a <c>charset</c> parameter are decoded from (legacy SOURCE clients send Latin-1).
/// </summary>
public sealed record MountOverrides(
    string? StreamName = null,
    string? StreamDescription = null,
    string? StreamUrl = null,
    string? Genre = null,
    bool? Public = null,
    bool Hidden = false,
    string? Charset = null)
{
    public static readonly MountOverrides None = new();
}
