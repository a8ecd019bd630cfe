using System.Text.Json;

namespace Cycast.Tests.Support;

/// <summary>Cycast node processes on loopback with real remoting, formed into one cluster: three to begin with.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    // Starts the cluster's node of a given index (its first two are every node's seeds).
    private readonly Func<int, ClusterNode> _startNode;
    private readonly List<ClusterNode> _nodes = new();

    private TestCluster(Func<int, ClusterNode> startNode)
    {
        _startNode = startNode;
        Writers = OneWriterChecker.Watch(() => { lock (_nodes) return _nodes.ToArray(); });
    }

    /// <summary>Watches every node for two writers of one mount from the start; the cluster's disposal fails if it saw any.</summary>
    public OneWriterChecker Writers { get; }

    /// <summary>Every node ever started, including those that have left since.</summary>
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>
    /// Starts three nodes. The first two are every node's seeds, as docs/cluster.md's recipe has it, so any node, the first
    /// included, can be restarted and rejoin the running cluster rather than form a new one.
    /// </summary>
    public static Task<TestCluster> StartAsync(StationOptions options)
    {
        int[] seedPorts = [FreePort.Next(), FreePort.Next()];
        return StartAsync(new TestCluster(index => ClusterNode.Start(options, index < seedPorts.Length ? seedPorts[index] : FreePort.Next(), seedPorts)), 3);
    }

    /// <summary>
    /// Starts one node per entry of <paramref name="placement"/>, each bound to its own loopback address and, where
    /// given, in its own cgroup (so that firewall rules can cut the cluster in two). The last and the first are the
    /// seeds, in that order: only the first seed forms a cluster by itself when no other seed answers, so the first node,
    /// restarted after a partition, only ever rejoins.
    /// </summary>
    public static Task<TestCluster> StartOnOwnAddressesAsync(StationOptions options, IReadOnlyList<(string Host, string? Cgroup)> placement)
    {
        var ports = placement.Select(_ => FreePort.Next()).ToArray();
        string[] seeds = [$"{placement[^1].Host}:{ports[^1]}", $"{placement[0].Host}:{ports[0]}"];
        return StartAsync(new TestCluster(index => ClusterNode.Start(options, placement[index].Host, ports[index], seeds, cgroup: placement[index].Cgroup)),
            placement.Count);
    }

    private static async Task<TestCluster> StartAsync(TestCluster cluster, int count)
    {
        try
        {
            await cluster.AddNodesAsync(count);
        }
        catch
        {
            // What failed to start is the failure to report, not what the checker saw of it.
            await cluster.Writers.DisposeAsync();
            await cluster.StopNodesAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts <paramref name="count"/> more nodes and waits until every running node sees them all Up.</summary>
    public async Task<IReadOnlyList<ClusterNode>> AddNodesAsync(int count)
    {
        var added = Enumerable.Range(_nodes.Count, count).Select(_startNode).ToArray();
        lock (_nodes)
            _nodes.AddRange(added);
        foreach (var node in added)
            await node.WhenServingAsync(StartPatience);
        await WaitUntilUpAsync(_nodes.Where(node => !node.Process.HasExited).ToArray());
        return added;
    }

    /// <summary>Waits until each of <paramref name="running"/> sees exactly them as the cluster's Up members.</summary>
    public static async Task WaitUntilUpAsync(IReadOnlyList<ClusterNode> running)
    {
        var expected = running.Select(node => node.Address).Order().ToArray();
        // Whichever node leads logs who it moves up, so ask each node instead until it sees all of them up.
        foreach (var node in running)
            await node.WaitUntilAsync(async () => (await UpMembersAsync(node)).SequenceEqual(expected), StartPatience);
    }

    /// <summary>The node a mount's entity runs on, as any node's <c>/api/cluster</c> reports it (asking starts it).</summary>
    public async Task<ClusterNode> EntityNodeAsync(string mount, ClusterNode? askedNode = null)
    {
        using var cluster = await ClusterApiAsync(askedNode ?? Nodes[0]);
        var entity = MountView(cluster, mount).GetProperty("entity_node").GetString();
        return Nodes.Single(node => node.Address == entity);
    }

    /// <summary>
    /// Completes when <paramref name="mount"/>'s entity runs on one of <paramref name="nodes"/> and every one of their
    /// replicas has subscribed to it, as the first node's <c>/api/cluster</c> shows: from then on, what an encoder sends
    /// reaches the listeners on all of them.
    /// </summary>
    public static Task WhenMountServesAsync(string mount, IReadOnlyList<ClusterNode> nodes, TimeSpan patience)
    {
        var addresses = nodes.Select(node => node.Address).ToHashSet();
        return nodes[0].WaitUntilAsync(async () =>
        {
            using var cluster = await ClusterApiAsync(nodes[0]);
            var view = MountView(cluster, mount);
            return view.GetProperty("entity_node").GetString() is { } entity && addresses.Contains(entity)
                && addresses.IsSubsetOf(view.GetProperty("listeners_by_node").EnumerateObject().Select(node => node.Name));
        }, patience);
    }

    /// <summary>The node an encoder for <paramref name="mount"/> is connected to, once exactly one node's metrics say so.</summary>
    public async Task<ClusterNode> EncoderNodeAsync(string mount)
    {
        var running = Nodes.Where(node => !node.Process.HasExited).ToArray();
        ClusterNode[] holding = [];
        await running[0].WaitUntilAsync(async () =>
        {
            var holds = await Task.WhenAll(running.Select(node => node.HoldsEncoderAsync(mount)));
            holding = running.Where((_, index) => holds[index]).ToArray();
            return holding.Length == 1;
        }, StartPatience);
        return holding[0];
    }

    private static async Task<string[]> UpMembersAsync(ClusterNode node)
    {
        using var cluster = await ClusterApiAsync(node);
        return cluster.RootElement.GetProperty("members").EnumerateArray()
            .Where(member => member.GetProperty("status").GetString() == "Up")
            .Select(member => member.GetProperty("address").GetString()!)
            .Order()
            .ToArray();
    }

    public static async Task<JsonDocument> ClusterApiAsync(ClusterNode node)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync($"http://{node.Host}:{node.ListenPort}/api/cluster"));
    }

    /// <summary>One mount's entry in an <c>/api/cluster</c> answer.</summary>
    public static JsonElement MountView(JsonDocument cluster, string mount) =>
        cluster.RootElement.GetProperty("mounts").EnumerateArray().Single(view => view.GetProperty("mount").GetString() == mount);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Writers.VerifyAsync();
        }
        finally
        {
            await StopNodesAsync();
        }
    }

    private async Task StopNodesAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
    }
}
