using Cycast.Node.Http;

namespace Cycast.Node.ListenerAuth;

public static class ListenerAuthServices
{
    /// <summary>The authenticators, and the pooled HTTP client the url backend is asked through.</summary>
    public static IServiceCollection AddListenerAuth(this IServiceCollection services)
    {
        services.AddHttpClient(UrlAuthBackend.ClientName, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(IcecastResponse.ServerName);
            // Each request has the mount's own timeout; this one must not cut it shorter.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        // A line per listener would drown the log: what matters (refusals, failures) Cycast logs itself.
        services.AddLogging(logging => logging.AddFilter($"System.Net.Http.HttpClient.{UrlAuthBackend.ClientName}", LogLevel.Warning));
        return services.AddSingleton<UrlAuthBackend>().AddSingleton<ListenerAuthenticator>();
    }
}
