using Cycast.Node.Protocol;

namespace Cycast.Node.Api;

/// <summary>
/// Lets only the <c>admin</c> block's user through to an endpoint group (Icecast's XML admin, the JSON admin API, the
/// admin page): anyone else gets Icecast's 401 with its realm, so a browser asks for the login, and a log line.
/// </summary>
public sealed class AdminOnly(AdminAccess access, ILogger<AdminOnly> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? authorization = http.Request.Headers.Authorization;
        if (access.Allow(authorization))
            return await next(context);
        log.RefusedCredentials("admin request " + http.Request.Path, null, http.Connection.RemoteIpAddress?.ToString(), authorization);
        return IcecastAdminReplies.Unauthorized(http);
    }
}
