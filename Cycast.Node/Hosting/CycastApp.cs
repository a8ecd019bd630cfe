using System.Net;
using Akka.Actor;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;
using Cycast.Node.Api;
using Cycast.Node.Connections;
using Cycast.Node.Http;
using Cycast.Node.ListenerAuth;
using Cycast.Node.Observability;
using Cycast.Node.Pages;
using Cycast.Node.Reload;
using Cycast.Node.Tls;
using Cycast.Shared.Config;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prometheus;

namespace Cycast.Node.Hosting;

/// <summary>Builds a Cycast node: Kestrel on the two ports, the ActorSystem, the API and pages.</summary>
public static class CycastApp
{
    /// <param name="configPath">The file <paramref name="loaded"/> came from, which SIGHUP reads again (null: the built-in defaults).</param>
    public static WebApplication Build(LoadedSettings loaded, string[]? args = null, Action<ILoggingBuilder>? logging = null, string? configPath = null)
    {
        var station = loaded.Settings;
        var live = new LiveSettings(station);
        var levels = new LogLevelSwitch(live);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            EnvironmentName = station.Advanced.FlaskDebug ? Environments.Development : Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Debug reaches the filter, which decides by the level the node runs with now: a reload may change it.
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFilter((category, level) => levels.Allows(category, level));
        // A failing probe is the prober's news, in its reply: a node still joining fails readiness every few seconds.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        ConsoleLogFormat.Configure(builder.Logging, builder.Configuration);
        logging?.Invoke(builder.Logging);
        // Under systemd (deploy/cycast.service, Type=notify): READY=1 once the host has started, Kestrel's ports
        // included, STOPPING=1 at shutdown; elsewhere it does nothing.
        builder.Host.UseSystemd();

        // The slim builder leaves regex route constraints out; Icecast's playlists (/<mount>.m3u) are matched by one.
        builder.Services.AddRouting(options => options.SetParameterPolicy<Microsoft.AspNetCore.Routing.Constraints.RegexInlineRouteConstraint>("regex"));
        builder.Services
            .AddSingleton(station)
            .AddSingleton(live)
            .AddSingleton(levels)
            .AddSingleton(new ConfigFile(configPath))
            .AddSingleton(new NodeStart(DateTimeOffset.UtcNow))
            .AddSingleton<NodeStopping>()
            .AddSingleton<MountDirectory>()
            .AddSingleton<RunningEntities>()
            .AddSingleton(new ListenerRegistry(station.Advanced.MaxListeners))
            .AddSingleton<ConfigReload>()
            .AddSingleton<ServerCertificates>()
            .AddSingleton<SourcePasswords>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<PasswordGuesses>()
            .AddSingleton<AdminAccess>()
            .AddSingleton<ClientAddress>()
            .AddSingleton<SourceConnectionHandler>()
            .AddSingleton<ListenerConnectionHandler>()
            .AddSingleton<IntroFiles>()
            .AddSingleton<IcecastConnectionMiddleware>()
            .AddSingleton<ListenerCensus>()
            .AddSingleton<StationStatus>()
            .AddSingleton<SourceTraffic>()
            .AddSingleton<NodeMetrics>()
            .AddSingleton<IcecastCounters>()
            .AddSingleton<Refusals>()
            .AddSingleton<MountInspection>()
            .AddSingleton<ClusterInspection>()
            // Before the actors: hosted services stop in reverse, so the access log outlives the listeners' last lines.
            .AddSingleton<AccessLog>()
            .AddHostedService(services => services.GetRequiredService<AccessLog>())
            .AddListenerAuth()
            .AddCycastActors(station);
        // After the actors: the feed starts once the ActorSystem it watches has.
        builder.Services.AddSingleton<LiveStatusFeed>().AddHostedService(services => services.GetRequiredService<LiveStatusFeed>());
        builder.Services.AddHostedService(services => services.GetRequiredService<ConfigReload>());
        // Live answers whenever ASP.NET does; ready also asks the cluster and the main mount.
        // The timeout bounds the wait for the mount router itself, which the check's own ask timeout does not cover.
        builder.Services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("cluster and main mount", tags: [ReadinessCheck.Tag], timeout: TimeSpan.FromSeconds(3));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The Icecast middleware holds every head to these limits before Kestrel sees it; Kestrel's own are set to
            // match, so no request reaches the pages on looser terms.
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestHeadParser.MaxHeadBytes;
            kestrel.Limits.MaxRequestHeaderCount = RequestHeadParser.MaxHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = station.Advanced.HeaderTimeout;
            // Validation has made sure host is an IP address.
            var address = IPAddress.Parse(station.Server.Host);
            kestrel.Listen(address, station.Server.SourcePort, port => port.Use(Middleware(port, PortRole.Source)));
            kestrel.Listen(address, station.Server.ListenPort, port => port.Use(Middleware(port, PortRole.Listen)));
            if (station.Tls is { } tls)
            {
                kestrel.Listen(address, tls.HttpsPort, port => Https(port, PortRole.Listen));
                if (tls.SourceHttpsPort > 0)
                    kestrel.Listen(address, tls.SourceHttpsPort, port => Https(port, PortRole.Source));
            }
        });

        var app = builder.Build();
        // The host stops Kestrel before the ActorSystem, and Kestrel waits for its connections to end. The node's leave
        // must come first: its connections close once its mounts are handed over (NodeStopping), not at Kestrel's timeout.
        app.Lifetime.ApplicationStopping.Register(() =>
            CoordinatedShutdown.Get(app.Services.GetRequiredService<ActorSystem>()).Run(CoordinatedShutdown.ClrExitReason.Instance));
        foreach (var notice in loaded.Notices)
            app.Logger.LogInformation("{Notice}", notice);
        if (station.Cluster.Secret is null && !IsLoopback(station.Cluster.Hostname))
        {
            app.Logger.LogWarning("cluster.secret is not set: any host that reaches {Host}:{Port} can join this cluster (docs/cluster.md, \"Who may join\")",
                station.Cluster.Hostname, station.Cluster.Port);
        }
        if (station.Admin is null)
            app.Logger.LogInformation("No admin block in the configuration: /admin/* answers 401, except /admin/metadata with a source password");
        if (station.Advanced.FlaskDebug)
            app.UseDeveloperExceptionPage();
        // Icecast closes every connection after one reply; doing the same means a player's request for a mount
        // always arrives on a fresh connection, where the Icecast middleware sees it first. A WebSocket (/api/live)
        // upgrades its connection instead.
        app.UseWebSockets();
        app.Use((http, next) =>
        {
            // HTTP/2 has no Connection header: its streams end on their own, and a mount's request never comes over it.
            if (!http.WebSockets.IsWebSocketRequest && !HttpProtocol.IsHttp2(http.Request.Protocol))
                http.Response.Headers.Connection = "close";
            return next(http);
        });
        app.UseHttpsRules();
        app.MapStatusPage();
        app.MapStatusApi();
        app.MapAdminMetadata();
        app.MapIcecastAdmin();
        app.MapAdminApi();
        app.MapAdminPage();
        app.MapLiveApi();
        app.MapIcecastStatusJson();
        app.MapIcecastPlaylists();
        app.MapIcecastLoginPlaylist();
        app.MapIcecastXslPages();
        app.MapClusterEvents();
        app.MapClusterApi();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<NodeMetrics>().Registry);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessCheck.Tag) });
        return app;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);

    /// <summary>
    /// An HTTPS port serves what its plain port serves, after TLS: the same Icecast middleware reads HTTP/1.x heads, so
    /// players and encoders are handled as on the plain ports. A connection that chose HTTP/2 (browsers, for pages) goes
    /// straight to ASP.NET, whose HTTP/2 parser the middleware cannot stand in for.
    /// </summary>
    private static void Https(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions port, PortRole role)
    {
        port.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
        var certificates = port.ApplicationServices.GetRequiredService<ServerCertificates>();
        port.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, _) => certificates.Current,
        });
        var icecast = Middleware(port, role);
        port.Use(next =>
        {
            var handled = icecast(next);
            return connection => IsHttp2(connection) ? next(connection) : handled(connection);
        });
    }

    private static bool IsHttp2(ConnectionContext connection) =>
        connection.Features.Get<Microsoft.AspNetCore.Server.Kestrel.Core.Features.ITlsApplicationProtocolFeature>()?.ApplicationProtocol.Span
            .SequenceEqual(System.Net.Security.SslApplicationProtocol.Http2.Protocol.Span) == true;

    private static Func<ConnectionDelegate, ConnectionDelegate> Middleware(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions port, PortRole role) =>
        port.ApplicationServices.GetRequiredService<IcecastConnectionMiddleware>().For(role);
}
