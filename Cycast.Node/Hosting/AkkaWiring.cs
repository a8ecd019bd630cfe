using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;

namespace Cycast.Node.Hosting;

/// <summary>Starts the node's ActorSystem with Akka.Hosting: HOCON from hocon/, the address from config.hcl.</summary>
public static class AkkaWiring
{
    public const string SystemName = "cycast";

    /// <summary>The mounts' shard region: at /system/sharding/mount on every node.</summary>
    public const string MountRegion = "mount";

    /// <summary>HOCON in this variable overrides hocon/cycast.hocon: for tests, or a deployment's own timeouts.</summary>
    public const string HoconOverrideVariable = "CYCAST_AKKA_HOCON";

    /// <summary>Shards per cluster: a handful per node, so mounts spread out and move in small groups.</summary>
    private const int MountShards = 30;

    public static IServiceCollection AddCycastActors(this IServiceCollection services, CycastSettings station)
    {
        var cluster = station.Cluster;
        var hocon = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "cycast.hocon"));
        return services.AddAkka(SystemName, (akka, provider) =>
        {
            var directory = provider.GetRequiredService<MountDirectory>();
            var listeners = provider.GetRequiredService<ListenerRegistry>();
            akka.AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend)
                .AddHocon(ConfigurationFactory.ParseString(Environment.GetEnvironmentVariable(HoconOverrideVariable) ?? ""), HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .WithRemoting(new RemoteOptions { HostName = cluster.Hostname, Port = cluster.Port })
                .WithClustering(new ClusterOptions
                {
                    SeedNodes = cluster.SeedNodes.Select(seed => $"akka.tcp://{SystemName}@{seed}").ToArray(),
                })
                .WithShardRegion<MountActor>(MountRegion, path => MountActor.Props(directory.GetOrAdd(path), station),
                    new MountMessageExtractor(MountShards),
                    // A mount is cheap to start again where it is next asked for, and a playlist must never idle out.
                    // A mount that moves tells its source and replicas before it stops, so they carry on with its next entity.
                    new ShardOptions { RememberEntities = false, ShouldPassivateIdleEntities = false, HandOffStopMessage = MountHandOff.Instance })
                .WithActors((system, registry) =>
                {
                    if (cluster.SeedNodes.Count == 0)
                        Cluster.Get(system).Join(Cluster.Get(system).SelfAddress);
                    var region = registry.Get<MountActor>();
                    registry.Register<MountRouter>(system.ActorOf(MountRouter.Props(directory, station, region), MountRouter.Name));
                    system.ActorOf(ListenerReporter.Props(listeners), ListenerReporter.Name);
                });
        });
    }
}
