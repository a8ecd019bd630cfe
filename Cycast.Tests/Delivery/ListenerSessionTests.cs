using System.Text;
using Akka.Streams;
using Cycast.Actors.Delivery;
using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;
using Cycast.Tests.Support;

namespace Cycast.Tests.Delivery;

/// <summary>One listener's session on a real loopback socket, woken by hand: what it sends, in which order, and when it gives up.</summary>
public sealed class ListenerSessionTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly StreamHeadFields Head = new("audio/mpeg", "Test", null, null, null, false, null, null);

    [Fact]
    public async Task A_session_sends_its_prefix_then_the_ring_from_its_start_to_the_edge_and_counts_what_it_sent()
    {
        using var sockets = await SocketPair.ConnectAsync();
        var (ring, feed) = Feed();
        ring.Append(Bytes(0, 300));
        var prefix = Encoding.ASCII.GetBytes("HEAD\r\n\r\n");
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, icy: null, prefix, burstStart: 100, lagBudget: 1 << 20);

        session.Wake(ring.WriteOffset);
        byte[] expected = [.. prefix, .. Bytes(100, 300)];
        Assert.Equal(expected, await sockets.ReadAsync(prefix.Length + 200));
        ring.Append(Bytes(300, 350));
        session.Wake(ring.WriteOffset);
        Assert.Equal(Bytes(300, 350), await sockets.ReadAsync(50));
        await AwaitConditionAsync(() => Task.FromResult(session.BytesSent == prefix.Length + 250));
    }

    [Fact]
    public async Task An_icy_listener_gets_a_block_after_every_metaint_audio_bytes_the_title_once_then_empty_blocks()
    {
        using var sockets = await SocketPair.ConnectAsync();
        var (ring, feed) = Feed();
        ring.Append(Bytes(0, 250));
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, new IcyInterleaver(100), ReadOnlyMemory<byte>.Empty,
            burstStart: 0, lagBudget: 1 << 20);

        session.Wake(ring.WriteOffset);
        var block = feed.NowPlaying.IcyBlock.ToArray();
        Assert.StartsWith("StreamTitle='';", Encoding.UTF8.GetString(block, 1, block.Length - 1));
        byte[] expected = [.. Bytes(0, 100), .. block, .. Bytes(100, 200), 0, .. Bytes(200, 250)];
        Assert.Equal(expected, await sockets.ReadAsync(expected.Length));
    }

    [Fact]
    public async Task A_listener_that_takes_nothing_while_more_than_its_lag_budget_waits_is_cut_off()
    {
        using var sockets = await SocketPair.ConnectAsync(playerReceiveBuffer: 4096, serverSendBuffer: 4096);
        var (ring, feed) = Feed(capacity: 8 << 20);
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, icy: null, ReadOnlyMemory<byte>.Empty,
            burstStart: 0, lagBudget: 64 * 1024);
        // The player never reads: the kernel's buffers fill, a send stays pending, and the backlog grows past the budget.
        // The encoder goes on writing in real time meanwhile, and each write wakes the session, as the fan-out would.
        using var patience = new CancellationTokenSource(MountEvents.Patience);
        while (!session.Ended.IsCompleted && !patience.IsCancellationRequested)
        {
            ring.Append(new byte[16 * 1024]);
            session.Wake(ring.WriteOffset);
            await Task.WhenAny(session.Ended, Task.Delay(50));
        }
        Assert.StartsWith("cut off: its connection took nothing", await session.Ended);
    }

    [Fact]
    public async Task A_listener_the_ring_has_lapped_is_cut_off_with_how_far_behind_it_fell()
    {
        using var sockets = await SocketPair.ConnectAsync();
        var (ring, feed) = Feed(capacity: 1000);
        for (var i = 0; i < 5; i++)
            ring.Append(new byte[400]);
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, icy: null, ReadOnlyMemory<byte>.Empty,
            burstStart: 0, lagBudget: 1 << 20);

        session.Wake(ring.WriteOffset);
        Assert.Equal("cut off: fell 2000 bytes behind, past the oldest audio the ring holds", await session.Ended.WaitAsync(MountEvents.Patience));
    }

    private (AudioRing Ring, MountFeed Feed) Feed(int capacity = 1 << 20)
    {
        var ring = new AudioRing(capacity);
        return (ring, new MountFeed("/stream", ring, LiveFanOut.Start(ring, Sys.Materializer(), TimeSpan.Zero), Head));
    }

    /// <summary>Bytes whose value says where in the stream they are, so a test sees exactly which it got.</summary>
    private static byte[] Bytes(int from, int to) => Enumerable.Range(from, to - from).Select(offset => (byte)(offset % 251)).ToArray();
}
