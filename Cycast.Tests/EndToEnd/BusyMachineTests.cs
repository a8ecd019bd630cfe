using Cycast.Tests.Cluster;
using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// A slow machine never drops a live encoder: a node process with an encoder sending in real time and a listener, while
/// busy loops take every core for seconds. The encoder stays connected and the listener gets every frame, in order.
/// </summary>
public sealed class BusyMachineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BusySpell = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_live_encoder_stays_connected_and_heard_while_every_core_is_busy()
    {
        await using var node = ClusterNode.Start(new StationOptions(), FreePort.Next(), []);
        await node.WhenServingAsync(Patience);
        var (listener, head) = await TestListener.ConnectAsync(node.ListenPort);
        Assert.StartsWith("HTTP/1.0 200 OK\r\n", head);
        await using var recording = ListenerRecording.Start(listener);
        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort);
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
        await using var streamer = FrameStreamer.Start(encoder);

        using (Hogs.OnEveryCore())
            await Task.Delay(BusySpell);
        var sent = streamer.FramesSent;
        await streamer.StopAsync();

        await recording.WaitForBytesAsync((long)sent * Mp3Frames.FrameLength).WaitAsync(Patience);
        Continuity.AssertEveryFrameOnceInOrder(recording.Received);
        Assert.True(await node.HoldsEncoderAsync("/stream"), "the node dropped the encoder while the machine was busy");
    }

    /// <summary>Busy loops, one per core and one more, until disposed: a machine with no core to spare.</summary>
    private sealed class Hogs : IDisposable
    {
        private volatile bool _stop;
        private readonly Thread[] _threads;

        private Hogs()
        {
            _threads = Enumerable.Range(0, Environment.ProcessorCount + 1).Select(_ => new Thread(Spin) { IsBackground = true }).ToArray();
            foreach (var thread in _threads)
                thread.Start();
        }

        public static Hogs OnEveryCore() => new();

        private void Spin()
        {
            while (!_stop)
            {
            }
        }

        public void Dispose()
        {
            _stop = true;
            foreach (var thread in _threads)
                thread.Join();
        }
    }
}
