using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// A real encoder (ffmpeg, which never reconnects) stays live while nodes join and leave under it, and its node's
/// listener never hears a silence past the bar.
/// </summary>
[StartsLast]
public sealed class JoinAndLeaveContinuityTests(ITestOutputHelper output)
{
    private static readonly StationOptions FourMounts = StationOptions.WithRepoMp3Playlist with
    {
        ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + """
            mount "/one" {}
            mount "/two" {}
            mount "/three" {}
            """,
    };

    [Fact]
    public async Task An_ffmpeg_encoder_stays_live_while_two_nodes_join_and_three_leave_one_by_one()
    {
        await using var cluster = await TestCluster.StartAsync(FourMounts);
        var entity = await cluster.EntityNodeAsync("/stream");
        var encoderNode = cluster.Nodes.First(node => node != entity);
        // ffmpeg never reconnects: if the station closed its connection once, ffmpeg would exit.
        await using var ffmpeg = ExternalProgram.Ffmpeg("ffmpeg",
            "-loglevel error -re -f lavfi -i sine=frequency=440:sample_rate=44100:duration=600 -c:a libmp3lame -b:a 128k " +
            $"-content_type audio/mpeg -f mp3 icecast://source:{TestStation.Password}@127.0.0.1:{encoderNode.SourcePort}/stream");
        await encoderNode.WaitUntilAsync(async () => (await Continuity.StatusAsync(encoderNode)).Status == "Connected", Continuity.LeavePatience);
        var recording = (await Continuity.ListenOnAsync([encoderNode])).Single();
        await using var _ = recording;
        await using var sampler = StatusSampler.Start(encoderNode.ListenPort);
        var entities = new HashSet<string> { entity.Address };

        var joinedAt = Stopwatch.GetTimestamp();
        await cluster.AddNodesAsync(2);
        Continuity.Measure(output, "two nodes join", recording, joinedAt);
        entities.Add((await cluster.EntityNodeAsync("/stream", encoderNode)).Address);

        var running = cluster.Nodes.ToList();
        for (var leave = 1; leave <= 3; leave++)
        {
            // The entity's node first, and again whenever the entity is not on the encoder's node.
            var current = await cluster.EntityNodeAsync("/stream", encoderNode);
            var leaving = current != encoderNode ? current : running.First(node => node != encoderNode);
            var leftAt = Stopwatch.GetTimestamp();
            await leaving.LeaveAsync(Continuity.LeavePatience);
            running.Remove(leaving);
            await encoderNode.WaitUntilAsync(async () => await Continuity.EntityAddressAsync(encoderNode) is { } now && now != leaving.Address, Continuity.LeavePatience);
            entities.Add((await cluster.EntityNodeAsync("/stream", encoderNode)).Address);
            // The listener keeps listening for 15 s after each leave began, as the issue's operator would.
            await Task.Delay(TimeSpan.FromSeconds(15) - Stopwatch.GetElapsedTime(leftAt) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
            Continuity.Measure(output, $"leave {leave} ({(leaving == entity ? "the entity's first node" : leaving == current ? "the entity's node" : "another node")})", recording, leftAt);
            Assert.False(ffmpeg.HasExited, $"ffmpeg exited: {ffmpeg.StandardError}");
        }

        Assert.True(entities.Count > 1, "the mount's entity never moved");
        Assert.All(sampler.Answers, answer => Assert.Equal("Connected", answer.Status));
        Assert.NotEmpty(sampler.Answers);
        Assert.Equal(2, running.Count);
    }
}
