using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// A real partition: five nodes, each on its own loopback address, cut into {.11, .12} and {.13, .14, .15} by nftables
/// (<see cref="LoopbackPartition"/>), with an encoder on each side. The split brain resolver keeps the majority: the
/// two down themselves and exit (closing their encoder's connection, so it would reconnect through a balancer to a live
/// node), the three keep every mount with their encoder live; the minority never shows a source it cannot hear; the
/// one-writer checker holds throughout. Healed and restarted, the two rejoin and the cluster has five members again.
/// </summary>
[StartsFirst]
public sealed class PartitionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly StationOptions Station = new()
    {
        ExtraBlocks = $$"""
            playlist { directory = "{{RepoMusic.Directory}}" }
            mount "/two" { }
            """,
    };

    [Fact]
    public async Task A_partition_ends_with_the_majority_side_serving_every_mount_and_the_minority_gone_until_it_rejoins()
    {
        var (partition, whyNot) = await LoopbackPartition.PrepareAsync();
        if (partition is null)
        {
            output.WriteLine($"not run here: {whyNot}");
            return;
        }
        await using var _ = partition;
        await using var cluster = await TestCluster.StartOnOwnAddressesAsync(Station,
        [
            ("127.0.0.11", partition.SideA), ("127.0.0.12", partition.SideA),
            ("127.0.0.13", partition.SideB), ("127.0.0.14", partition.SideB), ("127.0.0.15", partition.SideB),
        ]);
        var minority = cluster.Nodes.Take(2).ToArray();
        var majority = cluster.Nodes.Skip(2).ToArray();

        // The main mount's encoder on the majority side, /two's on the minority side.
        var (majorityEncoder, reply) = await TestEncoder.SourceAsync(majority[1].SourcePort, "/stream", host: majority[1].Host);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var majorityStreamer = FrameStreamer.Start(majorityEncoder);
        var (minorityEncoder, minorityReply) = await TestEncoder.SourceAsync(minority[1].SourcePort, "/two", host: minority[1].Host);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", minorityReply);
        await using var minorityStreamer = FrameStreamer.Start(minorityEncoder);
        foreach (var node in cluster.Nodes)
            await node.WaitUntilAsync(async () => (await Continuity.StatusAsync(node)).Status == "Connected", Patience);
        var recordings = new List<ListenerRecording>();
        foreach (var node in majority)
        {
            var (listener, head) = await TestListener.ConnectAsync(node.ListenPort, "/stream", host: node.Host);
            Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
            recordings.Add(ListenerRecording.Start(listener));
        }

        await partition.CutAsync(minority.Select(node => node.AkkaPort), majority.Select(node => node.AkkaPort));
        var cutAt = Stopwatch.GetTimestamp();

        // The minority: once it has noticed, it never shows the main mount's source (on the other side) as connected,
        // then it downs itself and exits, closing its encoder's connection.
        var seenOnMinority = await StatusesUntilExitAsync(minority[0]);
        Assert.Contains("Playlist", seenOnMinority);
        Assert.DoesNotContain("Connected", seenOnMinority.SkipWhile(status => status != "Playlist"));
        foreach (var node in minority)
            await node.Process.ExitCodeAsync(Patience);
        await minorityEncoder.ReadToEndAsync();

        // The majority keeps every mount, its encoder live.
        await TestCluster.WaitUntilUpAsync(majority);
        foreach (var mount in new[] { "/stream", "/two" })
            await TestCluster.WhenMountServesAsync(mount, majority, Patience);
        foreach (var node in majority)
            await node.WaitUntilAsync(async () => (await Continuity.StatusAsync(node)).Status == "Connected", Patience);
        await Task.WhenAll(recordings.Select(recording => recording.WaitForBytesAsync(recording.Count + 40 * Mp3Frames.FrameLength)));
        foreach (var recording in recordings)
        {
            await using var __ = recording;
            output.WriteLine($"partition: a majority-side listener's longest silence {recording.LongestGapSince(cutAt).TotalMilliseconds:0} ms");
        }
        await majorityStreamer.StopAsync();

        // Healed, the two start again and rejoin: five members.
        await partition.HealAsync();
        foreach (var node in minority)
            await node.RestartAsync();
        foreach (var node in minority)
            await node.WhenServingAsync(Patience);
        await TestCluster.WaitUntilUpAsync(cluster.Nodes);
        output.WriteLine(cluster.Writers.History);
    }

    /// <summary>Every main-mount source status the node answers, four times a second, until its process exits.</summary>
    private static async Task<List<string>> StatusesUntilExitAsync(ClusterNode node)
    {
        var statuses = new List<string>();
        for (var deadline = DateTime.UtcNow + Patience; !node.Process.HasExited && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            try
            {
                statuses.Add((await Continuity.StatusAsync(node)).Status);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The node is on its way out.
            }
        }
        return statuses;
    }
}
