using System.Runtime.InteropServices;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;
using Cycast.Tests.Support;

namespace Cycast.Tests.Mounts;

/// <summary>
/// The stream a mount's entity sequences: its offsets go on from where the previous entity's ended, a stream carried on
/// is sent from its very next byte, and a subscribing replica gets a burst or, holding the old stream to its end, a catch-up.
/// </summary>
public sealed class MountSequenceTests
{
    private const long Ended = 50_000;
    private static readonly BufferSettings Buffer = new(SizeMb: 4, BurstSize: 2 * Mp3Frames.FrameLength, QueueSize: 1 << 20);
    private static readonly StreamHeadFields Head = new("audio/mpeg", "Test", null, null, null, false, null, null);

    private readonly MountSequence _sequence = new("/stream", Buffer, firstOffset: Ended);

    [Fact]
    public void A_new_stream_goes_out_from_its_first_frame_at_the_mounts_offset_where_the_last_one_ended()
    {
        var frames = Mp3Frames.Make(6);
        _sequence.Begin("audio/mpeg", []);

        var first = _sequence.Write(frames.AsMemory(100, 1000), epoch: 9)!;
        Assert.Equal(Ended, first.Offset);
        Assert.Equal(frames[Mp3Frames.FrameLength..1100], first.Data.ToArray());
        Assert.Equal(9, first.Epoch);
        var second = _sequence.Write(frames.AsMemory(1100), epoch: 9)!;
        Assert.Equal(first.Offset + first.Data.Length, second.Offset);
        Assert.All(second.JoinPoints, point => Assert.InRange(point, Ended, _sequence.Offset));
        Assert.True(_sequence.LastWriteHeldAudio);
    }

    [Fact]
    public void A_resumed_source_carries_the_stream_on_only_from_exactly_where_it_ended_with_nothing_sent_since()
    {
        var frames = Mp3Frames.Make(4);
        Assert.False(_sequence.TryCarryOn("audio/mpeg", Resume(Ended - 1)));
        Assert.False(_sequence.TryCarryOn("audio/mpeg", Resume(Ended) with { Continues = false }));
        Assert.True(_sequence.TryCarryOn("audio/mpeg", Resume(Ended)));

        // Mid-frame, at once: listeners already hear the stream up to here.
        var carried = _sequence.Write(frames.AsMemory(300), epoch: 1)!;
        Assert.Equal(Ended, carried.Offset);
        Assert.Equal(frames[300..], carried.Data.ToArray());
        Assert.False(_sequence.TryCarryOn("audio/mpeg", Resume(_sequence.Offset)));
    }

    [Fact]
    public void A_replica_holding_the_old_stream_catches_up_from_the_origin_and_any_other_gets_a_burst_from_a_frame()
    {
        var frames = Mp3Frames.Make(8);
        _sequence.TryCarryOn("audio/mpeg", Resume(Ended));
        _sequence.Write(frames.AsMemory(300), epoch: 1);
        var state = new MountStreamState("/stream", 1, long.MaxValue, [], Head, TrackTitle.None, SourceLive: true, Continuation: true, Origin: Ended);

        var catchUp = _sequence.BurstFor(replicaHoldsHandOver: true, state, epoch: 1)!;
        Assert.Equal(Ended, catchUp.Offset);
        Assert.Equal(frames[300..], catchUp.Data.ToArray());
        Assert.Empty(catchUp.JoinPoints);

        var burst = _sequence.BurstFor(replicaHoldsHandOver: false, state, epoch: 1)!;
        Assert.Equal([burst.Offset], burst.JoinPoints);
        Assert.Equal(_sequence.Offset, burst.Offset + burst.Data.Length);
        Assert.InRange(burst.Data.Length, 1, Buffer.BurstSize);
    }

    [Fact]
    public void A_write_carries_the_sources_own_chunk_and_a_burst_is_cut_from_the_writes_it_kept()
    {
        var frames = Mp3Frames.Make(8);
        _sequence.Begin("audio/mpeg", []);
        // Chunks that end mid-frame, as an encoder's writes may: the burst is cut across two of them.
        int[] bounds = [0, 2 * Mp3Frames.FrameLength - 100, 4 * Mp3Frames.FrameLength - 200, 6 * Mp3Frames.FrameLength + 300, frames.Length];
        var chunks = bounds.Zip(bounds.Skip(1), (from, to) => frames[from..to]).ToArray();

        var writes = chunks.Select(chunk => _sequence.Write(chunk, epoch: 1)!).ToArray();
        // No copy for the replicas: each write is the chunk itself.
        Assert.All(writes.Zip(chunks), pair =>
        {
            Assert.True(MemoryMarshal.TryGetArray(pair.First.Data, out var carried));
            Assert.Same(pair.Second, carried.Array);
        });

        var state = new MountStreamState("/stream", 1, long.MaxValue, [], Head, TrackTitle.None);
        var burst = _sequence.BurstFor(replicaHoldsHandOver: false, state, epoch: 1)!;
        Assert.Equal(_sequence.Offset - Buffer.BurstSize, burst.Offset);
        Assert.Equal(frames[^Buffer.BurstSize..], burst.Data.ToArray());
    }

    private static SourceResume Resume(long streamOffset) => new(300, TrackTitle.None, [], Continues: true, streamOffset);
}
