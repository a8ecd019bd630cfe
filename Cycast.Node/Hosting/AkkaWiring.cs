using Akka;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Node.Connections;
using Cycast.Node.Observability;
using Cycast.Node.Tls;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Node.Hosting;

/// <summary>Starts the node's ActorSystem with Akka.Hosting: HOCON from hocon/, the address from config.hcl.</summary>
public static class AkkaWiring
{
    public const string SystemName = "cycast";

    /// <summary>The mounts' shard region: at /system/sharding/mount on every node.</summary>
    private const string MountRegion = "mount";

    /// <summary>HOCON in this variable overrides hocon/cycast.hocon: for tests, or a deployment's own timeouts.</summary>
    public const string HoconOverrideVariable = "CYCAST_AKKA_HOCON";

    /// <summary>Shards per cluster: a handful per node, so mounts spread out and move in small groups.</summary>
    private const int MountShards = 30;

    /// <summary>
    /// Remoting on the cluster's address; with <c>cluster.secret</c>, over mutual TLS that admits only nodes holding the
    /// secret (<see cref="ClusterCertificate"/>), and says so, with the peer's address, for every one it refuses.
    /// </summary>
    private static RemoteOptions Remoting(Shared.Config.ClusterSettings cluster, IServiceProvider services)
    {
        var remoting = new RemoteOptions { HostName = cluster.Hostname, Port = cluster.Port };
        if (cluster.Secret is not { } secret)
            return remoting;
        remoting.EnableSsl = true;
        remoting.Ssl = new SslOptions
        {
            X509Certificate = ClusterCertificate.Issue(secret, cluster.NodeName),
            // The chain of a node's own certificate leads nowhere; the secret's proof in it is what is checked.
            SuppressValidation = true,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = (certificate, _, peer, _, _) =>
            {
                if (ClusterCertificate.Admits(certificate, secret))
                    return true;
                // Logged once a minute per address as every refusal is (a misconfigured node retries its join for
                // ever), and counted once, when Akka reports the failed handshake. Straight to the node's log: a
                // refused handshake can stop the ActorSystem (Akka's TLS failure reason) before Akka's logging actor
                // has written anything. Resolved only now: the refusals' metrics need the ActorSystem being built.
                services.GetRequiredService<Refusals>().Refused(Refusals.ClusterHandshake, AddressOf(peer),
                    $"Refused a cluster connection from {LogText.Of(peer)}: it does not hold the cluster's secret", counted: false);
                return false;
            },
        };
        return remoting;
    }

    /// <summary>The IP address in a peer as the TLS transport names it (<c>host:port</c>), if it is one.</summary>
    private static System.Net.IPAddress? AddressOf(string peer) =>
        System.Net.IPEndPoint.TryParse(peer, out var endpoint) ? endpoint.Address : null;

    /// <summary>
    /// A node alone in its cluster has nobody to hand its mounts to: the region's graceful hand-off would only wait out
    /// its phase's timeout for shard homes no coordinator gives any more. Stopping the region first ends it at once.
    /// </summary>
    private static void StopMountsAtOnceWhenAlone(ActorSystem system, IActorRef region)
    {
        var cluster = Cluster.Get(system);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "stop-mounts-when-alone", async () =>
        {
            if (cluster.State.Members.All(member => member.UniqueAddress == cluster.SelfUniqueAddress))
                await region.GracefulStop(TimeSpan.FromSeconds(3));
            return Done.Instance;
        });
    }

    public static IServiceCollection AddCycastActors(this IServiceCollection services, CycastSettings station)
    {
        var cluster = station.Cluster;
        var hocon = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "cycast.hocon"));
        return services.AddAkka(SystemName, (akka, provider) =>
        {
            var directory = provider.GetRequiredService<MountDirectory>();
            var listeners = provider.GetRequiredService<ListenerRegistry>();
            var stopping = provider.GetRequiredService<NodeStopping>();
            var runningHere = provider.GetRequiredService<RunningEntities>();
            akka.AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend)
                .AddHocon(ConfigurationFactory.ParseString($"akka.loglevel = {(station.Advanced.VerboseLogging ? "DEBUG" : "INFO")}"), HoconAddMode.Prepend)
                .AddHocon(ConfigurationFactory.ParseString(Environment.GetEnvironmentVariable(HoconOverrideVariable) ?? ""), HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLogger<AkkaLogForwarder>();
                })
                .WithRemoting(Remoting(cluster, provider))
                .WithClustering(new ClusterOptions
                {
                    // Over TLS remoting's protocol is akka.ssl.tcp, and seeds are named by it.
                    SeedNodes = cluster.SeedNodes.Select(seed => $"{(cluster.Secret is null ? "akka.tcp" : "akka.ssl.tcp")}://{SystemName}@{seed}").ToArray(),
                })
                .WithShardRegion<MountActor>(MountRegion, path => MountActor.Props(directory, path, station, runningHere),
                    new MountMessageExtractor(MountShards),
                    new ShardOptions
                    {
                        // A mount is cheap to start again where it is next asked for, and a playlist must never idle out.
                        RememberEntities = false,
                        ShouldPassivateIdleEntities = false,
                        // A mount that moves tells its source and replicas before it stops, so they carry on with its next entity.
                        HandOffStopMessage = MountHandOff.Instance,
                        // The coordinator's allocations live in Distributed Data, written to and read from a majority of the
                        // nodes, so the next coordinator (its singleton moves with a leaving oldest node) knows every shard's
                        // home. Akka's default, persistence, would need a journal all nodes share; with none, each
                        // coordinator starts empty and may give a shard to a second region: two writers for one mount.
                        StateStoreMode = StateStoreMode.DData,
                    })
                .WithActors((system, registry, resolver) =>
                {
                    if (cluster.SeedNodes.Count == 0)
                        Cluster.Get(system).Join(Cluster.Get(system).SelfAddress);
                    var region = registry.Get<MountActor>();
                    registry.Register<MountRouter>(system.ActorOf(MountRouter.Props(directory, station, region), MountRouter.Name));
                    system.ActorOf(ListenerReporter.Props(listeners, cluster.NodeName), ListenerReporter.Name);
                    system.ActorOf(FallbackMoves.Props(directory, resolver.GetService<ListenerCensus>()), FallbackMoves.Name);
                    StopMountsAtOnceWhenAlone(system, region);
                    // After the mounts are handed over and the node has left, not before: listeners elsewhere keep playing.
                    CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseClusterExiting, "close-connections", () =>
                    {
                        stopping.Signal();
                        return Task.FromResult(Done.Instance);
                    });
                    if (!station.Advanced.VerboseLogging)
                        QuietOnceLoggingStops(system);
                });
        });
    }

    /// <summary>
    /// Once the node's own logging has stopped, Akka prints its last lines itself, in a format of its own and at the
    /// node's level: remoting's and its transport's routine goodbyes. Only an error still matters by then.
    /// </summary>
    private static void QuietOnceLoggingStops(ActorSystem system) =>
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "quiet-last-lines", () =>
        {
            system.EventStream.SetLogLevel(Akka.Event.LogLevel.ErrorLevel);
            return Task.FromResult(Done.Instance);
        });
}
