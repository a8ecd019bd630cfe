using Cycast.Shared.Config;

namespace Cycast.Node.Http;

/// <summary>
/// Who opens Icecast's <c>/admin/*</c>: only the <c>admin</c> block's user, as in Icecast, where source credentials
/// open <c>/admin/metadata</c> alone. Without the block nobody does.
/// </summary>
public sealed class AdminAccess(LiveSettings live)
{
    public bool Configured => live.Current.Admin is not null;

    public bool Allow(string? authorization) =>
        live.Current.Admin is { } admin
        && BasicCredentials.TryParse(authorization, out var credentials)
        && credentials.Matches(admin.User, admin.Password);
}
