using Cycast.Actors.Streaming;

namespace Cycast.Tests.Streaming;

/// <summary>Where a newcomer starts in a mount's ring, and which header it gets first.</summary>
public sealed class StreamHistoryTests
{
    [Fact]
    public void A_newcomer_starts_at_the_first_join_point_of_its_burst()
    {
        var history = new StreamHistory(1000, burstSize: 100);
        history.Ring.Append(new byte[300]);
        foreach (var point in new long[] { 0, 150, 210, 260 })
            history.AddJoinPoint(point);
        history.OpenFrom(0, ReadOnlyMemory<byte>.Empty);

        // The burst reaches back 100 bytes from the live edge at 300: its first join point is 210.
        Assert.Equal(210, history.Newcomer().Start);
    }

    [Fact]
    public void Without_a_join_point_in_the_burst_a_newcomer_starts_at_the_latest_one()
    {
        var history = new StreamHistory(1000, burstSize: 100);
        history.Ring.Append(new byte[400]);
        history.AddJoinPoint(50);
        history.OpenFrom(0, ReadOnlyMemory<byte>.Empty);
        Assert.Equal(50, history.Newcomer().Start);
    }

    [Fact]
    public void A_stream_not_yet_joinable_puts_newcomers_at_the_live_edge()
    {
        var history = new StreamHistory(1000, burstSize: 100);
        history.Ring.Append(new byte[200]);
        history.AddJoinPoint(150);
        history.OpenFrom(0, ReadOnlyMemory<byte>.Empty);

        history.BeginStream();
        history.Ring.Append(new byte[50]);
        Assert.Equal((250, 0), (history.Newcomer().Start, history.Newcomer().StreamHeader.Length));
    }

    [Fact]
    public void A_newcomer_never_starts_before_the_current_stream_opens_and_gets_that_streams_header()
    {
        var history = new StreamHistory(1000, burstSize: 500);
        history.Ring.Append(new byte[300]);
        history.BeginStream();
        foreach (var point in new long[] { 100, 200, 250 })
            history.AddJoinPoint(point);
        byte[] header = [0x4F, 0x67, 0x67, 0x53];
        // Pages before 200 belong to a chained stream's predecessor: its header is not theirs.
        history.OpenFrom(200, header);

        var (start, streamHeader) = history.Newcomer();
        Assert.Equal(200, start);
        Assert.Equal(header, streamHeader.ToArray());
    }

    [Fact]
    public void Join_points_the_ring_has_lapped_are_skipped()
    {
        var history = new StreamHistory(1000, burstSize: 2000);
        history.OpenFrom(0, ReadOnlyMemory<byte>.Empty);
        for (var write = 0; write < 6; write++)
        {
            history.AddJoinPoint(history.Ring.WriteOffset);
            history.Ring.Append(new byte[300]);
        }
        // The ring holds [800, 1800): the join point at 600 is gone, 900 is the oldest still held.
        Assert.Equal(900, history.Newcomer().Start);
    }
}
