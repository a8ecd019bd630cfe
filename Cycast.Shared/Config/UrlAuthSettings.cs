namespace Cycast.Shared.Config;

/// <summary>
/// <c>auth { type = "url" listener_add = "..." }</c>: Icecast's URL authentication. Each listener is POSTed to
/// <see cref="ListenerAdd"/> with Icecast's form fields and let in only when the reply carries <see cref="AuthHeader"/>;
/// when it leaves, <see cref="ListenerRemove"/> (if set) is told, with how long it listened.
/// </summary>
/// <param name="AuthHeader">The reply header line that admits, Icecast's <c>auth_header</c> option: <c>icecast-auth-user: 1</c>.</param>
/// <param name="Username">Basic credentials for the backend itself (Icecast's <c>username</c>/<c>password</c> options); null sends the listener's own.</param>
/// <param name="Timeout">How long a backend may take to answer before the listener is refused.</param>
public sealed record UrlAuthSettings(
    Uri ListenerAdd,
    Uri? ListenerRemove,
    string AuthHeader,
    string? Username,
    string? Password,
    TimeSpan Timeout) : ListenerAuthSettings
{
    public const string DefaultAuthHeader = "icecast-auth-user: 1";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
}
