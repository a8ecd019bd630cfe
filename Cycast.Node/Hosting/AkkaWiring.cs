using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;

namespace Cycast.Node.Hosting;

/// <summary>Starts the node's ActorSystem with Akka.Hosting: HOCON from hocon/, the address from config.hcl.</summary>
public static class AkkaWiring
{
    public const string SystemName = "cycast";

    public static IServiceCollection AddCycastActors(this IServiceCollection services, CycastSettings station)
    {
        var cluster = station.Cluster;
        var hocon = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "hocon", "cycast.hocon"));
        return services.AddAkka(SystemName, (akka, provider) =>
        {
            akka.AddHocon(ConfigurationFactory.ParseString(hocon), HoconAddMode.Prepend)
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
                .WithActors((system, registry) =>
                {
                    if (cluster.SeedNodes.Count == 0)
                        Cluster.Get(system).Join(Cluster.Get(system).SelfAddress);
                    var catalog = provider.GetRequiredService<MountCatalog>();
                    registry.Register<MountDirectory>(system.ActorOf(MountDirectory.Props(catalog, station), "mounts"));
                });
        });
    }
}
