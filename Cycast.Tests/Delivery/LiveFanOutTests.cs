using Akka.Streams;
using Cycast.Actors.Delivery;
using Cycast.Actors.Streaming;
using Cycast.Shared.Protocol;
using Cycast.Tests.Support;

namespace Cycast.Tests.Delivery;

/// <summary>A node's ring and its fan-out: every write to the ring reaches every listener, with no wake by hand.</summary>
public sealed class LiveFanOutTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly StreamHeadFields Head = new("audio/mpeg", "Test", null, null, null, false, null, null);

    [Fact]
    public async Task Each_write_to_the_nodes_ring_reaches_every_listener_from_where_it_joined()
    {
        var history = new StreamHistory(1 << 20, burstSize: 0);
        var fanOut = LiveFanOut.Start(history.Ring, Sys.Materializer(), TimeSpan.Zero);
        var ring = new NodeRing(history, new MountFeed(history.Ring, fanOut, Head));
        using var early = await SocketPair.ConnectAsync();
        using var late = await SocketPair.ConnectAsync();
        var frames = Mp3Frames.Make(20);

        fanOut.Add(Session(early, ring, burstStart: 0));
        ring.Append(frames.AsSpan(0, 5000));
        fanOut.Add(Session(late, ring, burstStart: 5000));
        foreach (var piece in frames[5000..].Chunk(700))
            ring.Append(piece);

        Assert.Equal(frames, await early.ReadAsync(frames.Length));
        Assert.Equal(frames[5000..], await late.ReadAsync(frames.Length - 5000));
    }

    private static ListenerSession Session(SocketPair sockets, NodeRing ring, long burstStart) =>
        new(1, "/stream", "peer", sockets.Server, ring.Feed, icy: null, ReadOnlyMemory<byte>.Empty, burstStart, lagBudget: 1 << 20);
}
