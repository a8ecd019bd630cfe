namespace Cycast.Tests.Support;

/// <summary>
/// One Cycast node as its own process, on free loopback ports, joined to the cluster through the given seeds. It can
/// leave gracefully and be started again on the same ports, as in a rolling restart.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    /// <summary>Loopback timings: a killed node is downed within seconds rather than the production defaults.</summary>
    private const string LoopbackHocon = "akka.cluster.split-brain-resolver.stable-after = 2s";

    /// <summary>Test clusters run as deployed ones should: over mutual TLS between nodes that share a secret.</summary>
    public const string Secret = "cycast-tests-cluster-secret";

    private static readonly HttpClient Http = new();

    private readonly string _config;
    private readonly string? _cgroup;
    private readonly string? _program;

    private ClusterNode(string config, string host, int sourcePort, int listenPort, int akkaPort, bool secured, string? cgroup, string? program)
    {
        _config = config;
        _cgroup = cgroup;
        _program = program;
        Host = host;
        Address = $"{(secured ? "akka.ssl.tcp" : "akka.tcp")}://cycast@{host}:{akkaPort}";
        Name = NameFor(akkaPort);
        SourcePort = sourcePort;
        ListenPort = listenPort;
        AkkaPort = akkaPort;
        Process = Launch();
    }

    /// <summary>The loopback address the node binds its ports and remoting to.</summary>
    public string Host { get; }

    public int SourcePort { get; }
    public int ListenPort { get; }
    public int AkkaPort { get; }
    public ExternalProgram Process { get; private set; }
    public string Address { get; }

    /// <summary>Its <c>cluster.node_name</c>, what public pages call it: one of its own, unlike the host name all test nodes share.</summary>
    public string Name { get; }

    private static string NameFor(int akkaPort) => $"studio-{akkaPort}";

    /// <summary>
    /// Starts a node on <paramref name="akkaPort"/> whose seeds are <paramref name="seedPorts"/>, the same list on every
    /// node as docs/cluster.md says; with none it joins itself. <paramref name="secret"/> is its cluster.secret (null: none).
    /// </summary>
    public static ClusterNode Start(StationOptions options, int akkaPort, IReadOnlyList<int> seedPorts, string? secret = Secret) =>
        Start(options, "127.0.0.1", akkaPort, seedPorts.Select(seed => $"127.0.0.1:{seed}").ToArray(), secret);

    /// <summary>
    /// Starts a node bound to <paramref name="host"/> (a loopback address of its own) whose seeds are
    /// <paramref name="seeds"/> (<c>host:port</c>). With <paramref name="cgroup"/> (a cgroup v2 path under
    /// /sys/fs/cgroup) the node's process runs in that cgroup from its first instruction, so firewall rules can tell
    /// its sockets from other nodes'. With <paramref name="program"/> (a published node's executable) that program runs
    /// instead of this build's Cycast.Node.dll.
    /// </summary>
    public static ClusterNode Start(StationOptions options, string host, int akkaPort, IReadOnlyList<string> seeds, string? secret = Secret,
        string? cgroup = null, string? program = null)
    {
        var (sourcePort, listenPort) = (FreePort.Next(), FreePort.Next());
        var seedList = seeds.Count > 0 ? $"seed_nodes = [{string.Join(", ", seeds.Select(seed => $"\"{seed}\""))}]" : "";
        var config = Path.Combine(Path.GetTempPath(), $"cycast-node-{Guid.NewGuid():N}.hcl");
        File.WriteAllText(config, options.ToHcl(sourcePort, listenPort, host) + $$"""

            cluster {
              hostname = "{{host}}"
              port = {{akkaPort}}
              node_name = "{{NameFor(akkaPort)}}"
              {{seedList}}
              {{(secret is null ? "" : $"secret = \"{secret}\"")}}
            }
            """);
        return new ClusterNode(config, host, sourcePort, listenPort, akkaPort, secret is not null, cgroup, program);
    }

    private ExternalProgram Launch()
    {
        var environment = new Dictionary<string, string>
        {
            ["CYCAST_AKKA_HOCON"] = LoopbackHocon,
            // Tests read the console's default format, even when the suite itself runs in a systemd unit.
            ["INVOCATION_ID"] = "",
            ["JOURNAL_STREAM"] = "",
        };
        if (_program is not null)
            return ExternalProgram.StartWith(environment, _program, "-c", _config);
        var node = Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll");
        return _cgroup is null
            ? ExternalProgram.StartWith(environment, "dotnet", node, "-c", _config)
            : ExternalProgram.StartWith(environment, "sh", "-c", $"echo $$ > /sys/fs/cgroup/{_cgroup}/cgroup.procs && exec dotnet '{node}' -c '{_config}'");
    }

    /// <summary>SIGTERM, and the node's own graceful exit: it hands its mounts over, leaves the cluster and exits 0.</summary>
    public async Task LeaveAsync(TimeSpan patience)
    {
        Process.Terminate();
        Assert.Equal(0, await Process.ExitCodeAsync(patience));
    }

    /// <summary>Starts the node again, on the same ports with the same configuration, once it has exited.</summary>
    public async Task RestartAsync()
    {
        await Process.DisposeAsync();
        Process = Launch();
    }

    /// <summary>Rewrites the node's configuration file as an operator would before <c>systemctl reload</c>.</summary>
    public Task RewriteConfigAsync(Func<string, string> edit) => File.WriteAllTextAsync(_config, edit(File.ReadAllText(_config)));

    /// <summary>The node's configuration file, as its error lines name it.</summary>
    public string ConfigPath => _config;

    public Task WaitForLogAsync(string text, TimeSpan patience) => Process.WaitForLineAsync(line => line.Contains(text), patience);

    /// <summary>
    /// Asks again every 200 ms, a bounded number of times, about state the node shows over HTTP (a process outside
    /// the test sends it no events); fails at once if the node exits meanwhile.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        for (var deadline = DateTime.UtcNow + patience; !await condition(); await Task.Delay(200))
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"node {Address} exited:\n{Process.StandardOutput}\n{Process.StandardError}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"node {Address} did not get there within {patience}:\n{Process.StandardOutput}");
        }
    }

    /// <summary>Completes once the node answers <c>/health/live</c>: its ports are open and its actor system runs.</summary>
    public Task WhenServingAsync(TimeSpan patience) => WaitUntilAsync(async () =>
    {
        try
        {
            using var reply = await Http.GetAsync($"http://{Host}:{ListenPort}/health/live");
            return reply.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, patience);

    /// <summary>Whether an encoder for <paramref name="mount"/> is connected to this node, as its metrics say.</summary>
    public async Task<bool> HoldsEncoderAsync(string mount) =>
        (await MetricsAsync()).GetValueOrDefault(("cycast_source_connected", $"mount=\"{mount}\"")) == 1;

    /// <summary>Whether this node runs <paramref name="mount"/>'s entity, as its own metrics say.</summary>
    public async Task<bool> RunsEntityAsync(string mount) =>
        (await MetricsAsync()).GetValueOrDefault(("cycast_mount_entity", $"mount=\"{mount}\"")) == 1;

    /// <summary>Every sample of the node's <c>/metrics</c>, by name and labels as written.</summary>
    public async Task<IReadOnlyDictionary<(string Name, string Labels), double>> MetricsAsync() =>
        PrometheusText.Parse(await Http.GetStringAsync($"http://{Host}:{ListenPort}/metrics"));

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        File.Delete(_config);
    }
}
