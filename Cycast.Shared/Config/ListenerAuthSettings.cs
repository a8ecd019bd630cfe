namespace Cycast.Shared.Config;

/// <summary>
/// A mount's listener authentication, Icecast's <c>&lt;authentication type="..."&gt;</c> inside <c>&lt;mount&gt;</c>:
/// configured by the block <c>auth { type = "htpasswd" | "url" ... }</c> inside <c>mount "/path" { }</c>. A mount
/// without one lets every listener in, as in Icecast.
/// </summary>
public abstract record ListenerAuthSettings;
