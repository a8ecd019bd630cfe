using Cycast.Actors.Delivery;

namespace Cycast.Tests.Delivery;

public sealed class GatheredSendTests
{
    [Fact]
    public void What_the_socket_took_leaves_the_front_and_the_rest_stays_in_order()
    {
        var send = new GatheredSend();
        send.Add(new byte[] { 1, 2, 3 });
        send.Add(new byte[] { 4 });
        send.Add(new byte[] { 5, 6 });

        send.Taken(4);

        Assert.Equal(2, send.Length);
        Assert.Equal([5, 6], send.Pieces.SelectMany(piece => piece).ToArray());
        send.Taken(1);
        Assert.Equal([6], send.Pieces.SelectMany(piece => piece).ToArray());
        send.Taken(1);
        Assert.True(send.IsEmpty);
        Assert.Empty(send.Pieces);
    }

    [Fact]
    public void A_piece_the_socket_took_in_part_keeps_its_tail()
    {
        var send = new GatheredSend();
        send.Add(new byte[] { 1, 2, 3 });
        send.Add(new byte[] { 4, 5 });

        send.Taken(2);

        Assert.Equal([3, 4, 5], send.Pieces.SelectMany(piece => piece).ToArray());
        Assert.Equal(3, send.Length);
    }

    [Fact]
    public void It_holds_at_most_a_wakes_pieces_and_skips_empty_ones()
    {
        var send = new GatheredSend();
        send.Add(ReadOnlyMemory<byte>.Empty);
        for (var i = 0; i < GatheredSend.MaxPieces; i++)
            send.Add(new byte[] { (byte)i });

        Assert.True(send.IsFull);
        Assert.Equal(GatheredSend.MaxPieces, send.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => send.Taken(GatheredSend.MaxPieces + 1));
    }
}
