using System.Text.Json;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cli;

/// <summary>Three node processes with an admin block, shared by the command line's proofs that leave the cluster as it was.</summary>
public sealed class AdminCluster : IAsyncLifetime
{
    public const string Password = "cli-secret";

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(new StationOptions
    {
        ExtraBlocks = $$"""
            playlist { directory = "{{RepoMusic.Directory}}" }
            mount "/two" { }
            admin { password = "{{Password}}" }
            """,
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// The <c>cycast</c> command line, run as its own process against three node processes: what it shows, what it does,
/// and how it fails (one line, non-zero exit).
/// </summary>
[StartsFirst]
public sealed class CliClusterTests(AdminCluster shared) : IClassFixture<AdminCluster>
{
    private const string Password = AdminCluster.Password;
    private readonly TestCluster _cluster = shared.Cluster;

    private ClusterNode First => _cluster.Nodes[0];
    private ClusterNode Third => _cluster.Nodes[2];

    [Fact]
    public async Task Cluster_show_lists_the_three_members_up_as_a_table_and_as_json()
    {
        var table = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "show");
        Assert.Equal(0, table.ExitCode);
        // The table calls each node by its node_name, as the pages do; the address is only in --json.
        foreach (var node in _cluster.Nodes.Take(3))
            Assert.Contains(table.Stdout.Split('\n'), line => line.Contains($" {node.Name} ") && line.Contains(" Up "));
        Assert.DoesNotContain("akka.tcp://", table.Stdout);

        var json = await CycastCli.RunAsync(Third.ListenPort, Password, "cluster", "show", "--json");
        Assert.Equal(0, json.ExitCode);
        using var cluster = JsonDocument.Parse(json.Stdout);
        // Only Up members: a fourth node that the leave proof started may still be on its way out.
        var members = cluster.RootElement.GetProperty("members").EnumerateArray().Where(member => member.GetProperty("status").GetString() == "Up").ToArray();
        Assert.Equal(_cluster.Nodes.Take(3).Select(node => node.Address).Order(), members.Select(member => member.GetProperty("address").GetString()).Order());
        Assert.All(members, member => Assert.True(member.GetProperty("reachable").GetBoolean()));
        Assert.Single(members, member => member.GetProperty("leader").GetBoolean());
        Assert.Single(members, member => member.GetProperty("oldest").GetBoolean());
        Assert.Equal(Third.Address, cluster.RootElement.GetProperty("self").GetString());
        Assert.Equal(_cluster.Nodes.Take(3).Select(node => $"{node.Address} {node.Name}").Order(),
            members.Select(member => $"{member.GetProperty("address").GetString()} {member.GetProperty("name").GetString()}").Order());
        // The mount entity runs on exactly one member, and that member says it hosts it.
        var entity = await _cluster.EntityNodeAsync("/stream");
        Assert.Equal([entity.Address], members.Where(member => member.GetProperty("mounts").EnumerateArray().Any(mount => mount.GetString() == "/stream"))
            .Select(member => member.GetProperty("address").GetString()));
    }

    [Fact]
    public async Task Cluster_sharding_shows_pbms_regions_region_stats_and_shard_stats_and_shards_stays_a_hidden_alias()
    {
        var entity = await _cluster.EntityNodeAsync("/stream");
        var shardStats = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "sharding", "shard-stats", "mount");
        Assert.Equal(0, shardStats.ExitCode);
        Assert.Contains(shardStats.Stdout.Split('\n'), line => line.Contains(entity.Address) && line.Contains("/stream"));

        var regionStats = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "sharding", "region-stats");
        Assert.Equal(0, regionStats.ExitCode);
        Assert.Contains(regionStats.Stdout.Split('\n'), line => line.Contains(entity.Address));

        var regions = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "sharding", "regions");
        Assert.Equal(0, regions.ExitCode);
        Assert.Contains(regions.Stdout.Split('\n'), line => line.Contains(" mount "));

        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "sharding", "shard-stats", "nope"),
            "no shard region nope: Cycast's one region is \"mount\"");

        var help = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "--help");
        Assert.Contains("down-unreachable", help.Stdout);
        Assert.Contains("sharding", help.Stdout);
        Assert.DoesNotContain(help.Stdout.Split('\n'), line => line.TrimStart().StartsWith("shards", StringComparison.Ordinal));
    }

    /// <summary>The tail is pushed, not polled: a node that joins shows in it while it joins, and SIGTERM ends it quietly.</summary>
    [Fact]
    public async Task Cluster_tail_prints_the_members_then_a_node_joining_and_leaving_as_it_happens()
    {
        await using var tail = ExternalProgram.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "cycast.dll"),
            "--node", $"http://127.0.0.1:{First.ListenPort}", "--password", Password, "cluster", "tail");
        foreach (var node in _cluster.Nodes.Take(3))
            await tail.WaitForLineAsync(line => line.Contains(" MemberUp ") && line.Contains($" {node.Name} "), TimeSpan.FromSeconds(15));

        var joining = (await _cluster.AddNodesAsync(1)).Single();
        // A member still joining may not have told the node its name yet: its address stands in until it has.
        await tail.WaitForLineAsync(line => line.Contains(" MemberUp ") && (line.Contains($" {joining.Name} ") || line.Contains(joining.Address)), TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "leave", joining.Address)).ExitCode);
        await tail.WaitForLineAsync(line => line.Contains(" MemberLeft ") && line.Contains($" {joining.Name} "), TimeSpan.FromSeconds(30));
        Assert.Equal(0, await joining.Process.ExitCodeAsync(TimeSpan.FromSeconds(30)));

        tail.Terminate();
        var (code, _, errors) = await tail.ExitAsync();
        Assert.True(code is 0 or 130 or 143, $"exit {code}: {errors}");
        Assert.DoesNotContain("   at ", errors);
    }

    [Fact]
    public async Task Cluster_down_unreachable_downs_nobody_while_every_member_is_reachable()
    {
        var result = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "down-unreachable");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("no member is unreachable: nothing to down", result.Stdout.Trim());
        var show = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "show");
        foreach (var node in _cluster.Nodes.Take(3))
            Assert.Contains(show.Stdout.Split('\n'), line => line.Contains($" {node.Name} ") && line.Contains(" Up "));
    }

    [Fact]
    public async Task Mount_list_and_cluster_shards_name_the_node_of_the_streams_entity()
    {
        var entity = await _cluster.EntityNodeAsync("/stream");
        var json = await CycastCli.RunAsync(First.ListenPort, Password, "mount", "list", "--json");
        Assert.Equal(0, json.ExitCode);
        using var mounts = JsonDocument.Parse(json.Stdout);
        Assert.Equal(["/stream", "/two"], mounts.RootElement.EnumerateArray().Select(mount => mount.GetProperty("mount").GetString()));
        var stream = mounts.RootElement.EnumerateArray().First();
        Assert.Equal(entity.Address, stream.GetProperty("entity_node").GetString());
        Assert.False(stream.GetProperty("source_connected").GetBoolean());
        Assert.Equal(JsonValueKind.Number, stream.GetProperty("listeners").ValueKind);

        var table = await CycastCli.RunAsync(First.ListenPort, Password, "mount", "list");
        Assert.Contains(table.Stdout.Split('\n'), line => line.Contains("/stream") && line.Contains(entity.Name) && line.Contains("Playlist"));
        Assert.DoesNotContain(entity.Address, table.Stdout);

        var shards = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "shards");
        Assert.Equal(0, shards.ExitCode);
        Assert.Contains(shards.Stdout.Split('\n'), line => line.Contains(entity.Address) && line.Contains("/stream"));
    }

    [Fact]
    public async Task Listener_list_through_node_1_finds_a_listener_on_node_3_and_listener_kick_through_node_1_disconnects_it()
    {
        var (listener, head) = await TestListener.ConnectAsync(Third.ListenPort);
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);

        var json = await CycastCli.RunAsync(First.ListenPort, Password, "listener", "list", "--json", "--member", Third.Address, "--mount", "/stream");
        Assert.Equal(0, json.ExitCode);
        using var listeners = JsonDocument.Parse(json.Stdout);
        var entry = Assert.Single(listeners.RootElement.EnumerateArray());
        Assert.Equal(["id", "mount", "node", "ip", "user_agent", "connected_seconds", "bytes_sent", "node_name"], entry.EnumerateObject().Select(field => field.Name));
        Assert.Equal((Third.Address, Third.Name), (entry.GetProperty("node").GetString(), entry.GetProperty("node_name").GetString()));
        Assert.Equal("/stream", entry.GetProperty("mount").GetString());
        Assert.Equal("127.0.0.1", entry.GetProperty("ip").GetString());
        Assert.Equal("cycast-tests", entry.GetProperty("user_agent").GetString());
        var id = entry.GetProperty("id").GetInt64();

        var table = await CycastCli.RunAsync(First.ListenPort, Password, "listener", "list", "--mount", "/stream");
        Assert.Contains(table.Stdout.Split('\n'), line => line.Contains($" {id} ") && line.Contains($" {Third.Name} ") && line.Contains("cycast-tests"));

        var kick = await CycastCli.RunAsync(First.ListenPort, Password, "listener", "kick", id.ToString());
        Assert.Equal((0, $"Client {id} removed"), (kick.ExitCode, kick.Stdout));
        await listener.ReadToEndAsync();

        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, Password, "listener", "kick", id.ToString()), $"no listener {id}");
    }

    [Fact]
    public async Task Listener_move_moves_a_listener_on_another_node_to_the_other_mount_on_the_same_connection()
    {
        var second = _cluster.Nodes[1];
        var (listener, head) = await TestListener.ConnectAsync(second.ListenPort, "/two");
        await using var _ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);

        var move = await CycastCli.RunAsync(First.ListenPort, Password, "listener", "move", "--from", "/two", "--to", "/stream");
        Assert.Equal((0, "Clients moved from /two to /stream"), (move.ExitCode, move.Stdout));
        // The move is under way once asked; the listener is on /stream as soon as its session there has started.
        await second.WaitUntilAsync(async () =>
        {
            var listeners = await CycastCli.RunAsync(First.ListenPort, Password, "listener", "list", "--json", "--member", second.Address);
            using var list = JsonDocument.Parse(listeners.Stdout);
            return list.RootElement.EnumerateArray().Select(entry => entry.GetProperty("mount").GetString()).SequenceEqual(["/stream"]);
        }, TimeSpan.FromSeconds(15));
        Assert.NotEmpty(await listener.ReadSomeAsync());

        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, Password, "listener", "move", "--from", "/two", "--to", "/nope"),
            "No such destination");
    }

    [Fact]
    public async Task A_live_sources_peer_and_user_agent_show_and_titles_and_source_kick_go_through_any_node()
    {
        var entity = await _cluster.EntityNodeAsync("/stream");
        var sourceNode = _cluster.Nodes.Take(3).First(node => node != entity);
        var (encoder, reply) = await TestEncoder.SourceAsync(sourceNode.SourcePort, extraHeaders: "User-Agent: butt 0.1.40\r\nice-bitrate: 128\r\n");
        await using var _ = encoder;
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        var asked = _cluster.Nodes.Take(3).First(node => node != entity && node != sourceNode);

        using (var mount = JsonDocument.Parse((await CycastCli.RunAsync(asked.ListenPort, Password, "mount", "show", "/stream", "--json")).Stdout))
        {
            var root = mount.RootElement;
            Assert.True(root.GetProperty("source_connected").GetBoolean());
            Assert.Equal("butt 0.1.40", root.GetProperty("source_user_agent").GetString());
            Assert.StartsWith("127.0.0.1:", root.GetProperty("source_peer").GetString());
            Assert.Equal("128", root.GetProperty("bitrate").GetString());
            Assert.Subset(root.GetProperty("listeners_by_node").EnumerateObject().Select(node => node.Name).ToHashSet(),
                _cluster.Nodes.Take(3).Select(node => node.Address).ToHashSet());
        }

        var title = await CycastCli.RunAsync(asked.ListenPort, Password, "metadata", "set", "/stream", "Artist - Song");
        Assert.Equal((0, "Metadata update successful"), (title.ExitCode, title.Stdout));
        var shown = await CycastCli.RunAsync(asked.ListenPort, Password, "mount", "show", "/stream");
        Assert.Contains(shown.Stdout.Split('\n'), line => line.Contains("Entity node") && line.Contains(entity.Name));
        foreach (var node in _cluster.Nodes.Take(3))
            Assert.Contains($" {node.Name} ", shown.Stdout);
        Assert.DoesNotContain("akka.", shown.Stdout);
        var list = await CycastCli.RunAsync(asked.ListenPort, Password, "mount", "list");
        Assert.Contains(list.Stdout.Split('\n'), line => line.Contains("/stream") && line.Contains("Connected") && line.Contains("Artist - Song"));

        var kick = await CycastCli.RunAsync(asked.ListenPort, Password, "source", "kick", "/stream");
        Assert.Equal((0, "Source Removed"), (kick.ExitCode, kick.Stdout));
        await encoder.ReadToEndAsync();
        CycastCli.AssertOneLineError(await CycastCli.RunAsync(asked.ListenPort, Password, "source", "kick", "/stream"), "Source does not exist");
    }

    [Fact]
    public async Task Top_draws_listeners_per_node_and_mount_from_api_live()
    {
        var json = await CycastCli.RunAsync(First.ListenPort, Password, "top", "-n", "1", "--json");
        Assert.Equal(0, json.ExitCode);
        using var status = JsonDocument.Parse(Assert.Single(json.Stdout.Split('\n')));
        Assert.Subset(status.RootElement.GetProperty("nodes").EnumerateArray().Select(node => node.GetProperty("node").GetString()!).ToHashSet(),
            _cluster.Nodes.Take(3).Select(node => node.Name).ToHashSet());

        var table = await CycastCli.RunAsync(First.ListenPort, Password, "top", "-n", "1");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(table.Stdout.Split('\n'), line => line.Contains("/stream"));
        Assert.All(_cluster.Nodes.Take(3), node => Assert.Contains(node.Name, table.Stdout));
    }

    [Fact]
    public async Task Wrong_credentials_an_unreachable_node_and_unknown_names_end_in_one_line_and_a_non_zero_exit()
    {
        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, "wrong", "cluster", "show"), "wrong user or password");
        CycastCli.AssertOneLineError(await CycastCli.RunAsync(["--node", $"http://127.0.0.1:{FreePort.Next()}", "--password", Password,
            "mount", "list"]), "cannot reach");
        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, Password, "mount", "show", "/nope"), "no mount /nope");
        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, Password, "listener", "list", "--mount", "/nope"), "no mount /nope");
        CycastCli.AssertOneLineError(await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "leave", "127.0.0.1:1"), "no member");
        // The environment's credentials, when no option gives them.
        await using var withEnvironment = ExternalProgram.StartWith(new Dictionary<string, string>
        {
            ["CYCAST_NODE"] = $"http://127.0.0.1:{First.ListenPort}",
            ["CYCAST_ADMIN_USER"] = "admin",
            ["CYCAST_ADMIN_PASSWORD"] = Password,
        }, "dotnet", Path.Combine(AppContext.BaseDirectory, "cycast.dll"), "cluster", "show", "--json");
        var (code, stdout, _) = await withEnvironment.ExitAsync();
        Assert.Equal(0, code);
        Assert.Contains(First.Address, stdout);
    }

    /// <summary>
    /// A fourth node joins and is asked to leave through node 1, so the shared three stay as they were: Akka's leave,
    /// the node's own exit (code 0) within 30 s, and the cluster no longer lists it Up.
    /// </summary>
    [Fact]
    public async Task Cluster_leave_makes_the_node_exit_on_its_own_and_cluster_show_no_longer_lists_it_up()
    {
        var leaving = (await _cluster.AddNodesAsync(1)).Single();
        var leave = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "leave", leaving.Address);
        Assert.Equal(0, leave.ExitCode);
        Assert.Contains(leaving.Address, leave.Stdout);
        Assert.Equal(0, await leaving.Process.ExitCodeAsync(TimeSpan.FromSeconds(30)));

        var show = await CycastCli.RunAsync(First.ListenPort, Password, "cluster", "show", "--json");
        using var cluster = JsonDocument.Parse(show.Stdout);
        Assert.DoesNotContain(cluster.RootElement.GetProperty("members").EnumerateArray(),
            member => member.GetProperty("address").GetString() == leaving.Address && member.GetProperty("status").GetString() == "Up");
    }
}
