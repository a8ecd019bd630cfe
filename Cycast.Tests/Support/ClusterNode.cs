namespace Cycast.Tests.Support;

/// <summary>One Cycast node as its own process, on free loopback ports, joined to the cluster whose seed is given.</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    /// <summary>Loopback timings: a killed node is downed within seconds rather than the production defaults.</summary>
    private const string LoopbackHocon = "akka.cluster.split-brain-resolver.stable-after = 2s";

    private readonly string _config;

    private ClusterNode(string config, int sourcePort, int listenPort, int akkaPort, ExternalProgram process)
    {
        _config = config;
        SourcePort = sourcePort;
        ListenPort = listenPort;
        AkkaPort = akkaPort;
        Process = process;
    }

    public int SourcePort { get; }
    public int ListenPort { get; }
    public int AkkaPort { get; }
    public ExternalProgram Process { get; }
    public string Address => $"akka.tcp://cycast@127.0.0.1:{AkkaPort}";

    /// <summary>Starts the node; with no seed it is the seed, joining itself.</summary>
    public static ClusterNode Start(StationOptions options, int? seedPort)
    {
        var (sourcePort, listenPort, akkaPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var seeds = seedPort is { } seed ? $"seed_nodes = [\"127.0.0.1:{seed}\"]" : "";
        var config = Path.Combine(Path.GetTempPath(), $"cycast-node-{Guid.NewGuid():N}.hcl");
        File.WriteAllText(config, options.ToHcl(sourcePort, listenPort) + $$"""

            cluster {
              hostname = "127.0.0.1"
              port = {{akkaPort}}
              {{seeds}}
            }
            """);
        var process = ExternalProgram.StartWith(new Dictionary<string, string> { ["CYCAST_AKKA_HOCON"] = LoopbackHocon },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "-c", config);
        return new ClusterNode(config, sourcePort, listenPort, akkaPort, process);
    }

    public Task WaitForLogAsync(string text, TimeSpan patience) => Process.WaitForLineAsync(line => line.Contains(text), patience);

    /// <summary>Asks again every 200 ms, a bounded number of times, for what the node does not log reliably.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        for (var deadline = DateTime.UtcNow + patience; !await condition(); await Task.Delay(200))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"node {Address} did not get there within {patience}:\n{Process.StandardOutput}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        File.Delete(_config);
    }
}
