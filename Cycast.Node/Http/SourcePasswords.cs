using Cycast.Actors.Mounts;
using Cycast.Shared.Config;

namespace Cycast.Node.Http;

/// <summary>
/// Who may feed or retitle a mount: user <c>source</c> with the mount's own <c>source_password</c>, else the
/// station's. One rule for the source port and for <c>/admin/metadata</c>.
/// </summary>
public sealed class SourcePasswords(LiveSettings live, MountDirectory directory)
{
    public bool Allow(string mountPath, string? authorization)
    {
        var password = directory.TryGet(mountPath, out var mount) ? mount.SourcePassword : live.Current.Server.SourcePassword;
        return BasicCredentials.TryParse(authorization, out var credentials) && credentials.Matches("source", password);
    }
}
