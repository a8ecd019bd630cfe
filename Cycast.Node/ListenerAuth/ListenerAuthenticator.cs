using System.Collections.Concurrent;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Node.ListenerAuth;

/// <summary>
/// Decides, for a mount with an <c>auth</c> block, whether a listener may have it, and says when an admitted one has
/// gone. It runs on whichever node the listener connected to, with the station's settings: every node asks the same
/// file or backend, so the answer does not depend on the node a load balancer picked.
/// </summary>
public sealed class ListenerAuthenticator(UrlAuthBackend url, ILogger<HtpasswdFile> htpasswdLog)
{
    private readonly ConcurrentDictionary<string, HtpasswdFile> _files = new(StringComparer.Ordinal);

    public async Task<AuthVerdict> AdmitAsync(ListenerAuthSettings settings, ListenerAuthRequest request) => settings switch
    {
        HtpasswdAuthSettings htpasswd => Htpasswd(htpasswd, request),
        UrlAuthSettings backend => await url.AddAsync(backend, request),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.GetType().Name, "no authenticator for this type"),
    };

    /// <summary>An admitted listener has gone after <paramref name="listened"/>: the url backend's <c>listener_remove</c>.</summary>
    public void Left(ListenerAuthSettings settings, ListenerAuthRequest request, TimeSpan listened)
    {
        if (settings is UrlAuthSettings backend)
            url.Remove(backend, request, listened);
    }

    private AuthVerdict Htpasswd(HtpasswdAuthSettings settings, ListenerAuthRequest request)
    {
        if (request.Credentials is not { } credentials)
            return AuthVerdict.Unauthorized("no credentials");
        var file = _files.GetOrAdd(settings.Filename, path => new HtpasswdFile(path, htpasswdLog));
        return file.Admits(credentials)
            ? AuthVerdict.Admit
            : AuthVerdict.Unauthorized($"wrong user or password for {LogText.Of(credentials.User)} (htpasswd {file.Path})");
    }
}
