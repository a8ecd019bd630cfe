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
    public async Task The_intro_goes_between_the_head_and_the_stream_header_and_counts_as_audio_for_icy_blocks()
    {
        using var sockets = await SocketPair.ConnectAsync();
        var (ring, feed) = Feed();
        ring.Append(Bytes(0, 100));
        var head = Encoding.ASCII.GetBytes("HEAD\r\n\r\n");
        var intro = Bytes(500, 650);
        var streamHeader = Encoding.ASCII.GetBytes("CODEC");
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, new IcyInterleaver(100), head, burstStart: 0, lagBudget: 1 << 20)
        {
            Intro = intro,
            StreamHeader = streamHeader,
        };

        session.Wake(ring.WriteOffset);
        var block = feed.NowPlaying.IcyBlock.ToArray();
        byte[] expected = [.. head, .. intro[..100], .. block, .. intro[100..], .. streamHeader, .. Bytes(0, 50), 0, .. Bytes(50, 100)];
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

    [Fact]
    public async Task Audio_its_icy_block_more_audio_and_the_rings_wrap_around_go_out_in_one_send()
    {
        using var sockets = await SocketPair.ConnectAsync();
        var (ring, feed) = Feed(capacity: 1000);
        for (var offset = 0; offset < 1100; offset += 100)
            ring.Append(Bytes(offset, offset + 100));
        // From 900: 100 bytes to the ring's end, 20 more to the block, the block, then the 80 up to the edge.
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, new IcyInterleaver(120), ReadOnlyMemory<byte>.Empty,
            burstStart: 900, lagBudget: 1 << 20);

        session.Wake(ring.WriteOffset);
        var block = feed.NowPlaying.IcyBlock.ToArray();
        byte[] expected = [.. Bytes(900, 1020), .. block, .. Bytes(1020, 1100)];
        Assert.Equal(expected, await sockets.ReadAsync(expected.Length));
        Assert.Equal(1, session.Sends);
    }

    [Fact]
    public async Task Keeping_a_listener_fed_allocates_nothing()
    {
        using var sockets = await SocketPair.ConnectAsync();
        var (ring, feed) = Feed(capacity: 1000);
        var session = new ListenerSession(1, "/stream", "peer", sockets.Server, feed, new IcyInterleaver(150), ReadOnlyMemory<byte>.Empty,
            burstStart: 0, lagBudget: 1 << 20);
        var write = Bytes(0, 100);
        void FeedOnce()
        {
            ring.Append(write);
            session.Wake(ring.WriteOffset);
        }
        // Warmed up past the first title block and a wrap-around; what follows stays well inside the kernel's buffers,
        // so every send completes on this thread and the count sees it all.
        for (var i = 0; i < 20; i++)
            FeedOnce();

        var (bytesBefore, sendsBefore) = (session.BytesSent, session.Sends);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            FeedOnce();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        // 10 000 bytes of audio from offset 2 000, with an empty block after every 150: one send per wake, blocks and all.
        Assert.Equal(10_000 + (12_000 / 150 - 2_000 / 150), session.BytesSent - bytesBefore);
        Assert.Equal(100, session.Sends - sendsBefore);
    }

    private (AudioRing Ring, MountFeed Feed) Feed(int capacity = 1 << 20)
    {
        var ring = new AudioRing(capacity);
        return (ring, new MountFeed(ring, LiveFanOut.Start(ring, Sys.Materializer(), TimeSpan.Zero), Head));
    }

    /// <summary>Bytes whose value says where in the stream they are, so a test sees exactly which it got.</summary>
    private static byte[] Bytes(int from, int to) => Enumerable.Range(from, to - from).Select(offset => (byte)(offset % 251)).ToArray();
}
