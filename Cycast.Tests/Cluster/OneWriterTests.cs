using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// One writer per mount, under the faults that once broke it: the oldest node (the shard coordinator's, holding the
/// mounts' entities) leaving a cluster whose nodes started together, by SIGTERM and by <c>cycast cluster leave</c>;
/// and the coordinator's node killed while a mount's entity moves. Every <see cref="TestCluster"/> runs the
/// <see cref="OneWriterChecker"/> over every node from start to end; here each trial also checks, once the cluster is
/// at rest, that exactly one node says it runs each mount and that every staying node shows the encoder live.
/// </summary>
[StartsFirst]
public sealed class OneWriterTests(ITestOutputHelper output)
{
    private const string Password = "one-writer-admin";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly string[] Mounts = ["/stream", "/two"];

    private static readonly StationOptions Station = new()
    {
        ExtraBlocks = $$"""
            playlist { directory = "{{RepoMusic.Directory}}" }
            mount "/two" { }
            admin { password = "{{Password}}" }
            """,
    };

    /// <summary>Trials of the leave in the suite; <c>CYCAST_LEAVE_TRIALS</c> asks for more (docs/cluster.md has a run of 20).</summary>
    private static int Trials => int.TryParse(Environment.GetEnvironmentVariable("CYCAST_LEAVE_TRIALS"), out var trials) ? trials : 4;

    [Fact]
    public async Task The_oldest_node_leaving_by_sigterm_or_by_the_cli_leaves_one_writer_per_mount_and_the_encoder_live()
    {
        for (var trial = 1; trial <= Trials; trial++)
        {
            var byCli = trial % 2 == 0;
            await using var cluster = await TestCluster.StartAsync(Station);
            var oldest = await OldestAsync(cluster);
            var entity = await cluster.EntityNodeAsync("/stream");
            var staying = cluster.Nodes.Where(node => node != oldest).ToArray();
            // The encoder on a node that runs no entity, when there is one: its audio then crosses to the entity.
            var encoderNode = staying.FirstOrDefault(node => node != entity) ?? staying[0];
            var recordings = await Continuity.ListenOnAsync(staying);
            var (encoder, reply) = await TestEncoder.SourceAsync(encoderNode.SourcePort);
            Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
            await using var streamer = FrameStreamer.Start(encoder);
            await encoderNode.WaitUntilAsync(async () => (await Continuity.StatusAsync(encoderNode)).Status == "Connected", Patience);

            if (byCli)
            {
                var leave = await CycastCli.RunAsync(staying[0].ListenPort, Password, "cluster", "leave", oldest.Address);
                Assert.Equal(0, leave.ExitCode);
                Assert.Equal(0, await oldest.Process.ExitCodeAsync(Patience));
            }
            else
            {
                await oldest.LeaveAsync(Patience);
            }

            await AtRestWithOneWriterAsync(staying);
            await streamer.StopAsync();
            foreach (var recording in recordings)
                await recording.DisposeAsync();
            output.WriteLine($"trial {trial}: the oldest node left by {(byCli ? "cycast cluster leave" : "SIGTERM")}, " +
                $"/stream's entity was {(entity == oldest ? "on it" : "elsewhere")}; one writer per mount throughout, the encoder live on every staying node");
        }
    }

    /// <summary>
    /// Five nodes; the mount's entity leaves with its node (a hand-over under way) and the shard coordinator's node is
    /// killed at that moment: the survivors run the mount once, with the encoder live, and never two writers.
    /// </summary>
    [Fact]
    public async Task Killing_the_coordinators_node_while_a_mount_moves_leaves_one_writer()
    {
        await using var cluster = await TestCluster.StartAsync(Station);
        await cluster.AddNodesAsync(2);
        var oldest = await OldestAsync(cluster);
        var entity = await cluster.EntityNodeAsync("/stream");
        var encoderNode = cluster.Nodes.First(node => node != oldest && node != entity);
        var (encoder, reply) = await TestEncoder.SourceAsync(encoderNode.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);
        await encoderNode.WaitUntilAsync(async () => (await Continuity.StatusAsync(encoderNode)).Status == "Connected", Patience);
        var survivors = cluster.Nodes.Where(node => node != oldest && node != entity).ToArray();
        var recordings = await Continuity.ListenOnAsync(survivors);

        // The mount starts to move (its node hands it over as it leaves); then the coordinator's node dies.
        var moving = entity == oldest ? oldest : entity;
        moving.Process.Terminate();
        await moving.WaitForLogAsync("hands over to its next entity", Patience);
        oldest.Process.Kill();
        var killedAt = System.Diagnostics.Stopwatch.GetTimestamp();

        await TestCluster.WaitUntilUpAsync(survivors);
        await AtRestWithOneWriterAsync(survivors);
        await Task.WhenAll(recordings.Select(recording => recording.WaitForBytesAsync(recording.Count + 40 * Mp3Frames.FrameLength)));
        await streamer.StopAsync();
        foreach (var recording in recordings)
        {
            await using var _ = recording;
            output.WriteLine($"coordinator's node killed mid-move: a survivor's listener's longest silence {recording.LongestGapSince(killedAt).TotalMilliseconds:0} ms");
        }
        output.WriteLine($"the entity's node {(entity == oldest ? "was the coordinator's: killed during its own hand-over" : "left, the coordinator's was killed during the hand-over")}");
    }

    /// <summary>
    /// Once the fault is over: every mount runs on one of <paramref name="nodes"/>, each of them shows the encoder live,
    /// and exactly one of them says it runs each mount's entity.
    /// </summary>
    private static async Task AtRestWithOneWriterAsync(IReadOnlyList<ClusterNode> nodes)
    {
        foreach (var mount in Mounts)
            await TestCluster.WhenMountServesAsync(mount, nodes, Patience);
        foreach (var node in nodes)
            await node.WaitUntilAsync(async () => (await Continuity.StatusAsync(node)).Status == "Connected", Patience);
        foreach (var mount in Mounts)
            Assert.Single(await Task.WhenAll(nodes.Select(node => node.RunsEntityAsync(mount))), runs => runs);
    }

    /// <summary>The oldest Up member, where Akka runs the shard coordinator, as the admin API says.</summary>
    private static async Task<ClusterNode> OldestAsync(TestCluster cluster)
    {
        var asked = cluster.Nodes[0];
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}")));
        using var view = JsonDocument.Parse(await http.GetStringAsync($"http://{asked.Host}:{asked.ListenPort}/admin/api/cluster"));
        var oldest = view.RootElement.GetProperty("oldest").GetString();
        return cluster.Nodes.Single(node => node.Address == oldest);
    }
}
