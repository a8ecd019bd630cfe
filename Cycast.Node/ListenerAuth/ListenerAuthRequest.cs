namespace Cycast.Node.ListenerAuth;

/// <summary>
/// What an authenticator is told about a listener asking for a mount: the fields of Icecast's <c>listener_add</c> POST.
/// </summary>
/// <param name="ClientId">The listener's id on this node, as the admin's listclients shows it (Icecast's <c>client</c>).</param>
/// <param name="Target">The request target as sent, query included (Icecast's <c>mount</c> field carries it so).</param>
/// <param name="Server">The host name the player asked for (its <c>Host</c> header), else the address it connected to.</param>
/// <param name="Port">The port the player connected to.</param>
public sealed record ListenerAuthRequest(
    long ClientId,
    string Mount,
    string Target,
    ListenerCredentials? Credentials,
    string Address,
    string? UserAgent,
    string Server,
    int Port);
