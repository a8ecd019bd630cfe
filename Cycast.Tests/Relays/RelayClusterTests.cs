using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Relays;

/// <summary>
/// A three-node cluster relaying one icecast2 mount: icecast2 sees exactly one client, the node where the mount's
/// entity runs, and after that node leaves, exactly one again, the entity's next node, while the listeners on the
/// nodes that stay keep their connections.
/// </summary>
[StartsLast]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // icecast2 is Debian's
public sealed class RelayClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [FactWhenInstalled("/usr/bin/icecast2", "icecast2")]
    public async Task Exactly_one_node_pulls_the_upstream_before_and_after_the_entity_node_leaves()
    {
        await using var icecast = await RunningIcecast.StartAsync();
        await using var encoder = await FfmpegStation.LiveMp3EncoderAsync(icecast, "/live", seconds: 600);
        await using var cluster = await TestCluster.StartAsync(RelayTests.Relaying(icecast));
        var entity = await cluster.EntityNodeAsync("/relay");
        await entity.WaitForLogAsync("Relay /relay is live from", Patience);
        Assert.Equal(1, await icecast.ListenerCountAsync("/live"));
        var staying = cluster.Nodes.Where(node => node != entity).ToArray();
        var recordings = new List<ListenerRecording>();
        foreach (var node in staying)
        {
            var (listener, head) = await TestListener.ConnectAsync(node.ListenPort, "/relay");
            Assert.Contains(" 200 OK\r\n", head);
            recordings.Add(ListenerRecording.Start(listener));
        }

        var leftAt = Stopwatch.GetTimestamp();
        await entity.LeaveAsync(Patience);
        ClusterNode? next = null;
        await staying[0].WaitUntilAsync(async () =>
        {
            next = await cluster.EntityNodeAsync("/relay", staying[0]);
            return next != entity;
        }, Patience);
        await next!.WaitForLogAsync("Relay /relay is live from", Patience);
        await RelayTests.UpstreamListenersAsync(icecast, 1);
        // Only the entity's nodes ever pulled: the third node never did.
        Assert.All(staying.Where(node => node != next), node => Assert.DoesNotContain("Relay /relay is live from", node.Process.StandardOutput));
        foreach (var recording in recordings)
        {
            await using var _ = recording;
            await recording.WaitForBytesAsync(recording.Count + 32 * 1024);
            output.WriteLine($"entity's node left: a listener on a staying node heard nothing for at most {recording.LongestGapSince(leftAt).TotalMilliseconds:0} ms");
            await FfmpegStation.AssertMp3DecodesAsync(await recording.StopAsync());
        }
        Assert.Equal(1, await icecast.ListenerCountAsync("/live"));
    }
}
