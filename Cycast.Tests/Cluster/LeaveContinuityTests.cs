using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// The broadcast goes on when the mount's node leaves: the encoder on another node is never cut, and listeners on
/// nodes that stay hear every frame of the live stream once, in order, while status keeps showing it live.
/// </summary>
[StartsLast]
public sealed class LeaveContinuityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_mount_leaving_with_its_node_carries_its_live_stream_on_without_a_lost_or_repeated_byte()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist);
        var entity = await cluster.EntityNodeAsync("/stream");
        var staying = cluster.Nodes.Where(node => node != entity).ToArray();
        var encoderNode = staying[0];
        var recordings = await Continuity.ListenOnAsync(staying);
        var (encoder, reply) = await TestEncoder.SourceAsync(encoderNode.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);
        await TestEncoder.SetTitleAsync(encoderNode.SourcePort, Continuity.LiveTitle);
        await encoderNode.WaitUntilAsync(async () => (await Continuity.StatusAsync(encoderNode)) == ("Connected", "Live Show"), Continuity.LeavePatience);
        await using var sampler = StatusSampler.Start(encoderNode.ListenPort);

        var leftAt = Stopwatch.GetTimestamp();
        await entity.LeaveAsync(Continuity.LeavePatience);
        await encoderNode.WaitUntilAsync(async () => await Continuity.EntityAddressAsync(encoderNode) is { } moved && moved != entity.Address, Continuity.LeavePatience);
        // Two more seconds of the live stream through the moved mount.
        await Task.WhenAll(recordings.Select(recording => recording.WaitForBytesAsync(recording.Count + 80 * Mp3Frames.FrameLength)));
        await streamer.StopAsync();

        foreach (var recording in recordings)
        {
            await using var _ = recording;
            var silence = recording.LongestGapSince(leftAt);
            output.WriteLine($"graceful leave of the entity's node: longest silence {silence.TotalMilliseconds:0} ms");
            Assert.True(silence < Continuity.LongestSilence, $"a listener heard nothing for {silence.TotalSeconds:0.00} s");
            Continuity.AssertEveryFrameOnceInOrder(recording.Received);
        }
        Assert.All(sampler.Answers, answer => Assert.Equal(("Connected", "Live Show"), answer));
        Assert.NotEmpty(sampler.Answers);
    }
}
