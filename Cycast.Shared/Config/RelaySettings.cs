namespace Cycast.Shared.Config;

/// <summary>
/// <c>relay { url = "..." }</c> in a mount block: the mount pulls its audio from another server's mount, as Icecast's
/// <c>&lt;relay&gt;</c> does, instead of waiting for an encoder. Icecast's <c>server</c>, <c>port</c>, <c>mount</c>
/// and <c>tls</c> make up <see cref="Url"/>; its other options keep their meaning.
/// </summary>
/// <param name="Url">The upstream mount, http:// or https://: an Icecast, SHOUTcast v1 or Cycast server.</param>
/// <param name="Username">Basic credentials for the upstream (Icecast's <c>username</c>/<c>password</c>); null sends none.</param>
/// <param name="RelayMetadata">
/// Icecast's <c>relay-shoutcast-metadata</c>: ask the upstream for ICY metadata blocks and serve their titles as this
/// mount's. Off, the request carries no <c>Icy-MetaData: 1</c> and the mount's title is left alone.
/// </param>
/// <param name="OnDemand">Icecast's <c>on-demand</c>: pull only while the mount has a listener somewhere in the cluster.</param>
/// <param name="RetryFirst">How long after a failed or dropped pull the next attempt starts; each failure doubles it…</param>
/// <param name="RetryMax">…up to this.</param>
/// <param name="CaFile">
/// A PEM file of the certificate authorities an https upstream's certificate must chain to, instead of the system's
/// (a station's own CA); null trusts the system's.
/// </param>
public sealed record RelaySettings(
    Uri Url,
    string? Username,
    string? Password,
    bool RelayMetadata,
    bool OnDemand,
    TimeSpan RetryFirst,
    TimeSpan RetryMax,
    string? CaFile)
{
    /// <summary>The upstream as logs and the status show it: never with credentials.</summary>
    public string Upstream => Url.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
}
