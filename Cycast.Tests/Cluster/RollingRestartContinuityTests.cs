using System.Diagnostics;
using Cycast.Tests.Support;
using Xunit.Abstractions;

namespace Cycast.Tests.Cluster;

/// <summary>
/// A rolling restart behind nginx: the encoder's connection and the listeners on other nodes play on, and the
/// listeners a restarting node cut reconnect through nginx to audio at once.
/// </summary>
[StartsLast]
public sealed class RollingRestartContinuityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_rolling_restart_behind_nginx_keeps_the_encoder_and_other_nodes_listeners_and_brings_the_cut_ones_back_at_once()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + NginxProxy.TrustedByNodes,
        });
        await using var nginx = await NginxProxy.StartAsync(cluster.Nodes);
        var (encoder, reply) = await TestEncoder.SourceAsync(nginx.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);
        var encoderNode = await cluster.EncoderNodeAsync("/stream");
        var recordings = new List<ListenerRecording>();
        for (var i = 0; i < 6; i++)
            recordings.Add(await Continuity.ListenThroughAsync(nginx));

        foreach (var restarting in cluster.Nodes.Where(node => node != encoderNode).ToArray())
        {
            var stoppedAt = Stopwatch.GetTimestamp();
            var stopping = restarting.LeaveAsync(Continuity.LeavePatience);
            // Listeners on the restarting node lose their connection, and a player reconnects through nginx at once;
            // the others go on receiving audio.
            var outcomes = await Task.WhenAll(recordings.Select(async recording =>
            {
                await Task.WhenAny(recording.Reading, stopping);
                if (!recording.Reading.IsCompleted)
                    await Task.WhenAny(recording.Reading, recording.WaitForBytesAsync(recording.Count + 2000));
                if (!recording.Reading.IsCompleted)
                    return (Before: recording, After: recording);
                await recording.DisposeAsync();
                var reconnecting = Stopwatch.GetTimestamp();
                var back = await Continuity.ListenThroughAsync(nginx);
                await back.WaitForBytesAsync(1);
                var firstAudio = Stopwatch.GetElapsedTime(reconnecting);
                output.WriteLine($"restart of a node: a cut listener reconnected through nginx and had audio after {firstAudio.TotalMilliseconds:0} ms");
                Assert.True(firstAudio < TimeSpan.FromSeconds(2), $"a reconnected listener waited {firstAudio.TotalSeconds:0.00} s for audio");
                return (Before: recording, After: back);
            }));
            var playing = outcomes.Where(outcome => outcome.Before == outcome.After).Select(outcome => outcome.Before).ToArray();
            recordings = outcomes.Select(outcome => outcome.After).ToList();
            await stopping;
            Assert.InRange(playing.Length, 1, recordings.Count - 1);
            await restarting.RestartAsync();
            await restarting.WhenServingAsync(Continuity.LeavePatience);
            await TestCluster.WaitUntilUpAsync(cluster.Nodes);
            foreach (var recording in playing)
                Continuity.Measure(output, "restart of a node without the encoder (its listeners elsewhere)", recording, stoppedAt);
        }

        await streamer.StopAsync();
        foreach (var recording in recordings)
        {
            await using var _ = recording;
            // Whoever was never cut heard the encoder from its first frame to its last, nothing lost or repeated.
            if (recording.Received.AsSpan().IndexOf(Mp3Frames.Make(1, 0)) >= 0)
                Continuity.AssertEveryFrameOnceInOrder(recording.Received);
        }
    }
}
