using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cycast.Actors.Listeners;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cluster;

/// <summary>
/// Any node's <c>/api/stats</c>, <c>/api/status</c> and status page count the whole cluster's listeners, per mount and
/// per node (named by cluster.node_name, never by address), and a dead node holds none of them up.
/// </summary>
[StartsFirst]
public sealed class ClusterStatusTests
{
    private static readonly TimeSpan MovePatience = TimeSpan.FromSeconds(30);

    // The census and the entity are each given 2 s, side by side; the rest is room for a busy machine.
    private static readonly TimeSpan ReplyBound = TimeSpan.FromSeconds(4);

    private static readonly StationOptions WithPlaylist = new()
    {
        ExtraBlocks = $$"""
            playlist { directory = "{{RepoMusic.Directory}}" }
            """,
    };

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
        var perNode = cluster.Nodes.Select(node => $"{node.Name}: {On(node)}").Order(StringComparer.Ordinal).ToArray();
        var perMount = Mounts.Select(mount => $"{mount}: {placed.Count(listener => listener.Mount == mount)} ("
            + string.Join(", ", cluster.Nodes.Select(node => $"{node.Name}={On(node, mount)}").Order(StringComparer.Ordinal)) + ")").ToArray();
        var everyListener = placed.Select(listener => $"{listener.Node.Name} {listener.Mount}").Order(StringComparer.Ordinal).ToArray();

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
        {
            Assert.Contains($"<tr data-node=\"{node.Name}\"><th scope=\"row\">{node.Name}</th>"
                + string.Concat(Mounts.Select(mount => $"<td>{On(node, mount)}</td>")) + $"<td>{On(node)}</td></tr>", page);
        }

        Assert.Contains("<tr><th scope=\"row\">Cluster</th><td>3</td><td>4</td><td>7</td></tr>", page);

        // Public views name nodes by cluster.node_name and keep listeners' addresses and players to /admin.
        foreach (var path in new[] { "/api/status", "/api/stats", "/api/history", "/status-json.xsl", "/" })
        {
            var view = await http.GetStringAsync($"http://127.0.0.1:{first.ListenPort}{path}");
            Assert.DoesNotContain("akka.", view);
            Assert.DoesNotContain("cycast-tests", view);
            if (path != "/status-json.xsl")
                Assert.All(cluster.Nodes, node => Assert.Contains(node.Name, view));
        }

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
        // Not the node of the main mount's entity: losing that one is the next test's.
        var entity = await cluster.EntityNodeAsync("/stream");
        var victim = cluster.Nodes.First(node => node != entity);
        var survivor = cluster.Nodes.First(node => node != victim);
        var survivors = cluster.Nodes.Where(node => node != victim).Select(node => $"{node.Name}: 1").Order(StringComparer.Ordinal).ToArray();
        // A node names a member that stops answering by the name it last heard from it: here, in this status.
        using (await GetJsonAsync(survivor, "/api/status"))
        {
        }
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
        Assert.Equal([victim.Name], stats.RootElement.GetProperty("nodes_not_answering").EnumerateArray().Select(node => node.GetString()));
        Assert.Equal(2, stats.RootElement.GetProperty("total_listeners").GetInt32());
        Assert.Equal(survivors, PerNode(stats.RootElement));
        Assert.Contains($"<p id=\"not-answering\" class=\"off\">Not answering: <span>{victim.Name}</span></p>", page);

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

    [Fact]
    public async Task While_the_main_mount_moves_off_a_killed_node_the_others_answer_status_stats_cluster_and_page_from_their_own_view()
    {
        await using var cluster = await TestCluster.StartAsync(WithPlaylist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var survivor = cluster.Nodes.First(node => node != entity);
        // The survivor's replica has heard the playlist, so its own view has a title and bytes to show.
        await survivor.WaitUntilAsync(async () =>
        {
            using var status = await GetJsonAsync(survivor, "/api/status");
            return status.RootElement.GetProperty("metadata").GetProperty("title").GetString() is { Length: > 0 };
        }, MovePatience);
        entity.Process.Kill();
        await entity.Process.ExitCodeAsync(TimeSpan.FromSeconds(10));

        // Until the mount runs again on a survivor, every request is answered, promptly, with the spec's fields; those
        // the entity did not answer say so and show the node's own view: no source, the last title it heard, its own ring.
        string[] paths = ["/api/status", "/api/stats", "/", "/api/cluster"];
        var ownViews = paths.ToDictionary(path => path, _ => 0);
        for (var deadline = DateTime.UtcNow + MovePatience; ;)
        {
            var replies = await Task.WhenAll(paths.Select(path => GetPromptlyAsync(survivor, path)));
            using var status = JsonDocument.Parse(replies[0]);
            using var stats = JsonDocument.Parse(replies[1]);
            var page = replies[2];
            using var clusterView = JsonDocument.Parse(replies[3]);
            var main = TestCluster.MountView(clusterView, "/stream");
            if (!main.GetProperty("entity_answering").GetBoolean())
            {
                ownViews["/api/cluster"]++;
                Assert.Equal(JsonValueKind.Null, main.GetProperty("entity_node").ValueKind);
            }
            AssertSpecStatus(status.RootElement);
            AssertSpecStats(stats.RootElement);
            Assert.Equal(WithPlaylist.SizeMb * 1024 * 1024, stats.RootElement.GetProperty("buffer").GetProperty("space").GetInt64());
            Assert.Contains("<dd id=\"source\"", page);
            if (!status.RootElement.GetProperty("mount_entity_answering").GetBoolean())
            {
                ownViews["/api/status"]++;
                Assert.False(status.RootElement.GetProperty("source_connected").GetBoolean());
                // The cluster has music: meanwhile the node plays its own copy of the playlist.
                Assert.Equal("Playlist", status.RootElement.GetProperty("source_status").GetString());
                Assert.NotEqual("", status.RootElement.GetProperty("metadata").GetProperty("title").GetString());
            }
            if (!stats.RootElement.GetProperty("mount_entity_answering").GetBoolean())
            {
                ownViews["/api/stats"]++;
                Assert.True(stats.RootElement.GetProperty("buffer").GetProperty("available").GetInt64() > 0);
            }
            if (page.Contains("<p id=\"entity-moving\" class=\"off\">"))
                ownViews["/"]++;
            if (status.RootElement.GetProperty("mount_entity_answering").GetBoolean())
                break;
            Assert.True(DateTime.UtcNow < deadline, $"/stream did not run again within {MovePatience}");
        }
        Assert.All(ownViews, view => Assert.True(view.Value > 0, $"{view.Key} never showed the node's own view while the mount moved"));

        // The restarted entity answers again with its own figures, its playlist once it has begun.
        await survivor.WaitUntilAsync(async () =>
        {
            using var status = await GetJsonAsync(survivor, "/api/status");
            return status.RootElement.GetProperty("mount_entity_answering").GetBoolean()
                && status.RootElement.GetProperty("source_status").GetString() == "Playlist";
        }, MovePatience);
    }

    /// <summary>A reply that is 200 and comes within <see cref="ReplyBound"/>.</summary>
    private static async Task<string> GetPromptlyAsync(ClusterNode node, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var asked = Stopwatch.StartNew();
        using var reply = await http.GetAsync($"http://127.0.0.1:{node.ListenPort}{path}");
        var body = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)reply.StatusCode} after {asked.Elapsed}");
        Assert.InRange(asked.Elapsed, TimeSpan.Zero, ReplyBound);
        return body;
    }

    /// <summary>Reads each of the spec's <c>/api/status</c> fields as its JSON type: one missing or of another type throws.</summary>
    private static void AssertSpecStatus(JsonElement status)
    {
        status.GetProperty("source_connected").GetBoolean();
        Assert.Contains(status.GetProperty("source_status").GetString(), new[] { "Connected", "Playlist", "Disconnected" });
        status.GetProperty("metadata").GetProperty("title").GetString();
        status.GetProperty("metadata").GetProperty("artist").GetString();
        status.GetProperty("listeners").GetInt32();
        status.GetProperty("uptime_seconds").GetInt64();
        status.GetProperty("uptime_formatted").GetString();
        status.GetProperty("station_name").GetString();
        status.GetProperty("station_genre").GetString();
    }

    /// <summary>The same for <c>/api/stats</c>.</summary>
    private static void AssertSpecStats(JsonElement stats)
    {
        stats.GetProperty("total_listeners").GetInt32();
        stats.GetProperty("total_bytes_sent").GetInt64();
        Assert.Equal(JsonValueKind.Array, stats.GetProperty("listeners").ValueKind);
        var buffer = stats.GetProperty("buffer");
        buffer.GetProperty("available").GetInt64();
        buffer.GetProperty("space").GetInt64();
        buffer.GetProperty("fill_percentage").GetDouble();
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
