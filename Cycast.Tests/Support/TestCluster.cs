using System.Text.Json;

namespace Cycast.Tests.Support;

/// <summary>Cycast node processes on loopback with real remoting, formed into one cluster: three to begin with.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly StationOptions _options;
    private readonly int[] _seedPorts;
    private readonly List<ClusterNode> _nodes = new();

    private TestCluster(StationOptions options, int[] seedPorts)
    {
        _options = options;
        _seedPorts = seedPorts;
    }

    /// <summary>Every node ever started, including those that have left since.</summary>
    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>
    /// Starts three nodes. The first two are every node's seeds, as the README's recipe has it, so any node, the first
    /// included, can be restarted and rejoin the running cluster rather than form a new one.
    /// </summary>
    public static async Task<TestCluster> StartAsync(StationOptions options)
    {
        var cluster = new TestCluster(options, [FreePort.Next(), FreePort.Next()]);
        try
        {
            await cluster.AddNodesAsync(3);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts <paramref name="count"/> more nodes and waits until every running node sees them all Up.</summary>
    public async Task<IReadOnlyList<ClusterNode>> AddNodesAsync(int count)
    {
        var added = Enumerable.Range(_nodes.Count, count)
            .Select(index => ClusterNode.Start(_options, index < _seedPorts.Length ? _seedPorts[index] : FreePort.Next(), _seedPorts))
            .ToArray();
        _nodes.AddRange(added);
        foreach (var node in added)
            await node.WaitForLogAsync("Application started", StartPatience);
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
        var entity = cluster.RootElement.GetProperty("mounts").EnumerateArray()
            .Single(view => view.GetProperty("mount").GetString() == mount).GetProperty("entity_node").GetString();
        return Nodes.Single(node => node.Address == entity);
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
        return JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}/api/cluster"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();
    }
}
