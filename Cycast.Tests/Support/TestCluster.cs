using System.Text.Json;

namespace Cycast.Tests.Support;

/// <summary>Three Cycast node processes on loopback with real remoting, formed into one cluster.</summary>
public sealed class TestCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private TestCluster(IReadOnlyList<ClusterNode> nodes) => Nodes = nodes;

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public static async Task<TestCluster> StartAsync(StationOptions options)
    {
        var seed = ClusterNode.Start(options, seedPort: null);
        var nodes = new[] { seed, ClusterNode.Start(options, seed.AkkaPort), ClusterNode.Start(options, seed.AkkaPort) };
        var cluster = new TestCluster(nodes);
        try
        {
            foreach (var node in nodes)
                await node.WaitForLogAsync("Application started", StartPatience);
            // Whichever node leads logs who it moves up, so ask each node instead until it sees all three up.
            foreach (var node in nodes)
                await node.WaitUntilAsync(async () => await UpMembersAsync(node) == nodes.Length, StartPatience);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>The node a mount's entity runs on, as any node's <c>/api/cluster</c> reports it (asking starts it).</summary>
    public async Task<ClusterNode> EntityNodeAsync(string mount, ClusterNode? askedNode = null)
    {
        using var cluster = await ClusterApiAsync(askedNode ?? Nodes[0]);
        var entity = cluster.RootElement.GetProperty("mounts").EnumerateArray()
            .Single(view => view.GetProperty("mount").GetString() == mount).GetProperty("entity_node").GetString();
        return Nodes.Single(node => node.Address == entity);
    }

    private static async Task<int> UpMembersAsync(ClusterNode node)
    {
        using var cluster = await ClusterApiAsync(node);
        return cluster.RootElement.GetProperty("members").EnumerateArray().Count(member => member.GetProperty("status").GetString() == "Up");
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
