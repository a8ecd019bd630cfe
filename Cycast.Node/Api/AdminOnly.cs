using Cycast.Node.Http;
using Cycast.Node.Observability;

namespace Cycast.Node.Api;

/// <summary>
/// Lets only the <c>admin</c> block's user through to an endpoint group (Icecast's XML admin, the JSON admin API, the
/// admin page): anyone else gets Icecast's 401 with its realm, so a browser asks for the login, and a log line.
/// </summary>
public sealed class AdminOnly(AdminAccess access, PasswordGuesses guesses, ClientAddress addresses, Refusals refusals) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string? authorization = http.Request.Headers.Authorization;
        var address = addresses.Of(http);
        var verdict = guesses.Check(address, authorization, access.Allow);
        if (verdict == CredentialVerdict.Allowed)
            return await next(context);
        refusals.Credentials(verdict, "admin request " + http.Request.Path, null, address, address.ToString(), authorization);
        return verdict == CredentialVerdict.Waiting ? IcecastAdminReplies.TooManyGuesses(http, guesses.WaitLeft(address)) : IcecastAdminReplies.Unauthorized(http);
    }
}
