using Cycast.Actors.Mounts;
using Cycast.Shared.Config;
using Microsoft.AspNetCore.Http.Features;

namespace Cycast.Node.Tls;

/// <summary>What changes for a request that came over HTTPS.</summary>
public static class HttpsRules
{
    /// <summary>RFC 9113's HTTP_1_1_REQUIRED: the client retries the request over HTTP/1.1, as browsers and curl do.</summary>
    private const int Http11Required = 0xd;

    /// <summary>
    /// A mount asked for over HTTP/2 is answered with HTTP_1_1_REQUIRED: streams are plain HTTP/1.x responses as players
    /// expect (written from the ring, with ICY blocks), and the browser asks again over HTTP/1.1 on a connection of its
    /// own. With <c>tls.hsts</c>, HTTPS replies carry Strict-Transport-Security.
    /// </summary>
    public static void UseHttpsRules(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!http.Request.IsHttps)
            return next(http);
        var services = http.RequestServices;
        if (HttpProtocol.IsHttp2(http.Request.Protocol) && services.GetRequiredService<MountDirectory>().TryGet(http.Request.Path.Value ?? "", out _)
            && http.Features.Get<IHttpResetFeature>() is { } reset)
        {
            reset.Reset(Http11Required);
            return Task.CompletedTask;
        }
        if (services.GetRequiredService<LiveSettings>().Current.Tls?.Hsts == true)
            http.Response.Headers.StrictTransportSecurity = "max-age=31536000";
        return next(http);
    });
}
