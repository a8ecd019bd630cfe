using System.Diagnostics;
using System.Text.Json;
using Cycast.Actors.Listeners;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cluster;

/// <summary>
/// Any node's <c>/api/stats</c>, <c>/api/status</c> and status page count the whole cluster's listeners, per mount and
/// per node, and a dead node holds none of them up.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class ClusterStatusTests
{
    private static readonly StationOptions TwoMounts = new()
    {
        ExtraBlocks = $$"""
            playlist { directory = "{{Path.Combine(Path.GetTempPath(), "cycast-no-music")}}" }
            mount "/two" { }
            """,
    };

    private static readonly string[] Mounts = ["/stream", "/two"];

    [Fact]
    public async Task Every_node_reports_the_same_listeners_per_mount_and_per_node_and_lists_them_all()
    {
        await using var cluster = await TestCluster.StartAsync(TwoMounts);
        var (first, second, third) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        // A different count on each node and mount, so a figure reported for the wrong node or mount shows.
        (ClusterNode Node, string Mount)[] placed =
            [(first, "/stream"), (second, "/stream"), (second, "/stream"), (second, "/two"), (third, "/two"), (third, "/two"), (third, "/two")];
        var listeners = new List<RawClient>();
        foreach (var (node, mount) in placed)
        {
            var (listener, head) = await TestListener.ConnectAsync(node.ListenPort, mount);
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            listeners.Add(listener);
        }
        int On(ClusterNode node, string? mount = null) => placed.Count(listener => listener.Node == node && (mount is null || listener.Mount == mount));
        var perNode = cluster.Nodes.Select(node => $"{node.Address}: {On(node)}").Order(StringComparer.Ordinal).ToArray();
        var perMount = Mounts.Select(mount => $"{mount}: {placed.Count(listener => listener.Mount == mount)} ("
            + string.Join(", ", cluster.Nodes.Select(node => $"{node.Address}={On(node, mount)}").Order(StringComparer.Ordinal)) + ")").ToArray();
        var everyListener = placed.Select(listener => $"{listener.Node.Address} {listener.Mount}").Order(StringComparer.Ordinal).ToArray();

        foreach (var node in cluster.Nodes)
        {
            using var stats = await GetJsonAsync(node, "/api/stats");
            var root = stats.RootElement;
            Assert.Equal(placed.Length, root.GetProperty("total_listeners").GetInt32());
            Assert.Equal(perNode, PerNode(root));
            Assert.Equal(perMount, PerMount(root));
            Assert.Empty(root.GetProperty("nodes_not_answering").EnumerateArray());
            var entries = root.GetProperty("listeners").EnumerateArray().ToArray();
            Assert.Equal(everyListener, entries.Select(entry => $"{entry.GetProperty("node").GetString()} {entry.GetProperty("mount").GetString()}")
                .Order(StringComparer.Ordinal));
            Assert.Equal(entries.Length, entries.Select(entry => (entry.GetProperty("node").GetString(), entry.GetProperty("id").GetInt64())).Distinct().Count());

            using var status = await GetJsonAsync(node, "/api/status");
            Assert.Equal(placed.Length, status.RootElement.GetProperty("listeners").GetInt32());
            Assert.Equal(perNode, PerNode(status.RootElement));
            Assert.Equal(perMount, PerMount(status.RootElement));
        }

        // The status page's table: a row per node with its count on each mount and in all, then the cluster's totals.
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://127.0.0.1:{third.ListenPort}/");
        foreach (var node in cluster.Nodes)
            Assert.Contains($"<tr data-node=\"{node.Address}\"><th scope=\"row\">{node.Address}</th>"
                + string.Concat(Mounts.Select(mount => $"<td>{On(node, mount)}</td>")) + $"<td>{On(node)}</td></tr>", page);
        Assert.Contains("<tr><th scope=\"row\">Cluster</th><td>3</td><td>4</td><td>7</td></tr>", page);

        foreach (var listener in listeners)
            await listener.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_node_holds_no_request_up_it_is_named_as_not_answering_until_the_cluster_removes_it()
    {
        await using var cluster = await TestCluster.StartAsync(TwoMounts);
        var listeners = new List<RawClient>();
        foreach (var node in cluster.Nodes)
            listeners.Add((await TestListener.ConnectAsync(node.ListenPort)).Client);
        // Not the node of the main mount's entity: the spec's fields of the main mount need it, and moving it takes its own while.
        var entity = await cluster.EntityNodeAsync("/stream");
        var victim = cluster.Nodes.First(node => node != entity);
        var survivor = cluster.Nodes.First(node => node != victim);
        var survivors = cluster.Nodes.Where(node => node != victim).Select(node => $"{node.Address}: 1").Order(StringComparer.Ordinal).ToArray();
        victim.Process.Kill();
        await victim.Process.ExitCodeAsync(TimeSpan.FromSeconds(10));

        // Still a member, so asked, and given up on after the census's timeout: the answer counts whoever answered.
        using var http = new HttpClient();
        var asked = Stopwatch.StartNew();
        var statsAsked = GetJsonAsync(survivor, "/api/stats");
        var pageAsked = http.GetStringAsync($"http://127.0.0.1:{survivor.ListenPort}/");
        using var stats = await statsAsked;
        var page = await pageAsked;
        Assert.InRange(asked.Elapsed, TimeSpan.Zero, ListenerCensus.AskTimeout + TimeSpan.FromSeconds(3));
        Assert.Equal([victim.Address], stats.RootElement.GetProperty("nodes_not_answering").EnumerateArray().Select(node => node.GetString()));
        Assert.Equal(2, stats.RootElement.GetProperty("total_listeners").GetInt32());
        Assert.Equal(survivors, PerNode(stats.RootElement));
        Assert.Contains($"<p id=\"not-answering\" class=\"off\">Not answering: <span>{victim.Address}</span></p>", page);

        // Once the split brain resolver has downed it and it has left the membership, it is no longer missed.
        await survivor.WaitUntilAsync(async () =>
        {
            using var status = await GetJsonAsync(survivor, "/api/status");
            return status.RootElement.GetProperty("nodes_not_answering").GetArrayLength() == 0;
        }, TimeSpan.FromSeconds(60));
        using var after = await GetJsonAsync(survivor, "/api/status");
        Assert.Equal(2, after.RootElement.GetProperty("listeners").GetInt32());
        Assert.Equal(survivors, PerNode(after.RootElement));

        foreach (var listener in listeners)
            await listener.DisposeAsync();
    }

    private static async Task<JsonDocument> GetJsonAsync(ClusterNode node, string path)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}{path}"));
    }

    private static string[] PerNode(JsonElement root) => root.GetProperty("nodes").EnumerateArray()
        .Select(node => $"{node.GetProperty("node").GetString()}: {node.GetProperty("listeners").GetInt32()}").ToArray();

    private static string[] PerMount(JsonElement root) => root.GetProperty("mounts").EnumerateArray()
        .Select(mount => $"{mount.GetProperty("mount").GetString()}: {mount.GetProperty("listeners").GetInt32()} ("
            + string.Join(", ", mount.GetProperty("listeners_by_node").EnumerateObject().Select(node => $"{node.Name}={node.Value.GetInt32()}")) + ")")
        .ToArray();
}
