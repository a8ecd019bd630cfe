namespace Cycast.Shared.Config;

/// <summary>
/// <c>auth { type = "htpasswd" filename = "..." }</c>: a listener is let in when its user name is in the file and its
/// password matches the line's hash (bcrypt, or the hex MD5 Icecast's own htpasswd auth writes).
/// </summary>
/// <param name="Filename">The file of <c>user:hash</c> lines, as written in the config (relative to the working directory).</param>
public sealed record HtpasswdAuthSettings(string Filename) : ListenerAuthSettings;
