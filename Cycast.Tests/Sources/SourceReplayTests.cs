using Cycast.Actors.Sources;

namespace Cycast.Tests.Sources;

/// <summary>What a source's session keeps for a mount that may move: every piece it has not seen confirmed, no more.</summary>
public sealed class SourceReplayTests
{
    [Fact]
    public void Pieces_stay_until_the_mount_has_taken_all_of_them_and_are_replayed_from_any_byte()
    {
        var replay = new SourceReplay(capacity: 1 << 20);
        var pieces = new[] { Piece(0, 100), Piece(100, 50), Piece(150, 200) };
        foreach (var piece in pieces)
            Assert.Equal(0, replay.Add(piece));
        Assert.Equal(350, replay.Held);

        // Byte 120 lies inside the second piece: it is sent again whole, the mount skips what it has.
        Assert.Equal(pieces[1..], replay.From(120));
        Assert.Equal(pieces, replay.From(0));
        Assert.Empty(replay.From(350));

        replay.Release(149);
        Assert.Equal(pieces[1..], replay.From(0));
        replay.Release(150);
        Assert.Equal(pieces[2..], replay.From(0));
        Assert.Equal(200, replay.Held);
    }

    [Fact]
    public void Past_its_capacity_it_forgets_the_oldest_pieces_and_says_how_much()
    {
        var replay = new SourceReplay(capacity: 250);
        replay.Add(Piece(0, 100));
        replay.Add(Piece(100, 100));
        Assert.Equal(100, replay.Add(Piece(200, 100)));
        Assert.Equal(200, replay.Held);
        Assert.Equal(100, replay.From(0).First().Position);

        replay.Clear();
        Assert.Equal(0, replay.Held);
        Assert.Empty(replay.From(0));
    }

    private static SourcePiece Piece(long position, int length) => new(position, new byte[length], length);
}
