using Cycast.Actors.Streaming;

namespace Cycast.Tests.Streaming;

/// <summary>The mount's ring on its own: what is written is read back by offset, across the wrap, until it is lapped.</summary>
public sealed class AudioRingTests
{
    [Fact]
    public void Written_bytes_are_read_back_by_stream_offset_and_a_read_stops_at_the_end_of_the_array()
    {
        var ring = new AudioRing(10);
        ring.Append([1, 2, 3, 4, 5]);
        ring.Append([6, 7, 8]);
        Assert.Equal(8, ring.WriteOffset);
        Assert.Equal([3, 4, 5, 6], ring.Read(2, 6).ToArray());

        // The next write wraps: bytes 8 and 9 end the array, 10 to 12 start it again.
        ring.Append([9, 10, 11, 12, 13]);
        Assert.Equal(13, ring.WriteOffset);
        Assert.Equal([7, 8, 9, 10], ring.Read(6, 13).ToArray());
        Assert.Equal([11, 12, 13], ring.Read(10, 13).ToArray());
    }

    [Fact]
    public void Lapped_bytes_are_no_longer_held_and_reading_them_is_refused()
    {
        var ring = new AudioRing(10);
        for (byte i = 0; i < 4; i++)
            ring.Append([i, i, i, i]);
        Assert.Equal(6, ring.OldestOffset);
        Assert.Equal(10, ring.Available);
        Assert.False(ring.Holds(5));
        Assert.True(ring.Holds(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Read(5, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Read(14, 17));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_write_must_be_non_empty_and_at_most_half_the_ring(int length)
    {
        var ring = new AudioRing(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Append(new byte[length]));
        Assert.Equal(0, ring.WriteOffset);
    }
}
