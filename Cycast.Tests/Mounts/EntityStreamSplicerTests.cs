using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;
using Cycast.Tests.Support;

namespace Cycast.Tests.Mounts;

/// <summary>How a node's ring takes a mount entity's stream: at a join point for a new stream, byte for byte for a carried-on one.</summary>
public sealed class EntityStreamSplicerTests
{
    private static readonly StreamHeadFields Head = new("audio/mpeg", "Test", null, null, null, false, null, null);
    private static readonly TrackTitle Title = new("Artist", "Song");

    private readonly StreamHistory _history = new(1 << 20, burstSize: 0);
    private readonly Writer _writer;
    private readonly EntityStreamSplicer _splicer;

    public EntityStreamSplicerTests()
    {
        _writer = new Writer(_history);
        _splicer = new EntityStreamSplicer(_history, _writer);
    }

    [Fact]
    public void A_new_entitys_stream_is_taken_up_at_its_first_join_point_after_its_header()
    {
        byte[] header = [1, 2, 3];
        var frames = Mp3Frames.Make(4);
        // The entity's burst starts mid-frame at its offset 1000; its first whole frame is confirmed at 1000 + 100.
        _splicer.OnState(State(streamNumber: 1, earliestJoin: 0) with { StreamHeader = header }, fromNewEntity: true);
        _splicer.OnAudio(new MountAudio("/stream", 1000, (byte[])[.. new byte[100], .. frames], [1100, 1100 + Mp3Frames.FrameLength]));

        Assert.Equal([.. header, .. frames], Ring());
        Assert.Equal(1, _writer.TakeUps);
        Assert.Equal(Title, _writer.Titles.Last());
    }

    [Fact]
    public void A_write_without_a_join_point_waits_for_one_named_by_a_later_write()
    {
        var frames = Mp3Frames.Make(3);
        _splicer.OnState(State(streamNumber: 1, earliestJoin: 0), fromNewEntity: true);
        _splicer.OnAudio(new MountAudio("/stream", 0, frames[..500], []));
        Assert.Empty(Ring());
        // The scanner confirms frame 0 only once frame 1's header has arrived.
        _splicer.OnAudio(new MountAudio("/stream", 500, frames[500..], [0, Mp3Frames.FrameLength]));
        Assert.Equal(frames, Ring());
    }

    [Fact]
    public void After_a_hand_over_the_next_entitys_continuing_stream_is_appended_byte_for_byte()
    {
        var frames = Mp3Frames.Make(6);
        _splicer.OnState(State(streamNumber: 1, earliestJoin: 0), fromNewEntity: true);
        _splicer.OnAudio(new MountAudio("/stream", 0, frames[..1000], [0, Mp3Frames.FrameLength]));
        _splicer.HandOver(endOffset: 1000);
        Assert.True(_splicer.HoldsHandOver);

        // The successor goes on at the mount's offset where its predecessor stopped, in the middle of frame 2.
        Assert.True(_splicer.OnState(State(streamNumber: 1, earliestJoin: long.MaxValue) with { Continuation = true, Origin = 1000 }, fromNewEntity: true));
        _splicer.OnAudio(new MountAudio("/stream", 1000, frames[1000..], []));

        Assert.Equal(frames, Ring());
        Assert.Equal(1, _writer.TakeUps);
        // Newcomers may still join where they could before the move.
        Assert.Equal(0, _history.EarliestJoin);
    }

    [Fact]
    public void A_continuation_from_another_offset_than_the_rings_end_is_taken_up_at_a_join_point()
    {
        var frames = Mp3Frames.Make(6);
        _splicer.OnState(State(streamNumber: 1, earliestJoin: 0), fromNewEntity: true);
        _splicer.OnAudio(new MountAudio("/stream", 0, frames[..1000], [0, Mp3Frames.FrameLength]));
        _splicer.HandOver(endOffset: 1000);

        // The successor goes on from further on (what came between never reached this node): no seamless carrying on.
        Assert.False(_splicer.OnState(State(streamNumber: 1, earliestJoin: long.MaxValue) with { Continuation = true, Origin = 1200 }, fromNewEntity: true));
        _splicer.OnAudio(new MountAudio("/stream", 1200, frames[1200..], [3 * Mp3Frames.FrameLength]));

        Assert.Equal([.. frames[..1000], .. frames[(3 * Mp3Frames.FrameLength)..]], Ring());
    }

    [Fact]
    public void A_successor_that_does_not_carry_the_stream_on_is_taken_up_at_a_join_point()
    {
        var before = Mp3Frames.Make(2);
        var after = Mp3Frames.Make(2, firstIndex: 50);
        _splicer.OnState(State(streamNumber: 1, earliestJoin: 0), fromNewEntity: true);
        _splicer.OnAudio(new MountAudio("/stream", 0, before, [0, Mp3Frames.FrameLength]));
        _splicer.HandOver(endOffset: before.Length);

        Assert.False(_splicer.OnState(State(streamNumber: 1, earliestJoin: 0), fromNewEntity: true));
        _splicer.OnAudio(new MountAudio("/stream", 0, (byte[])[.. new byte[10], .. after], [10]));

        Assert.Equal([.. before, .. after], Ring());
        Assert.Equal(2, _writer.TakeUps);
    }

    [Fact]
    public void A_lost_write_leaves_no_hole_the_ring_goes_on_from_the_next()
    {
        var frames = Mp3Frames.Make(4);
        _splicer.OnState(State(streamNumber: 1, earliestJoin: 0), fromNewEntity: true);
        _splicer.OnAudio(new MountAudio("/stream", 0, frames[..834], [0, Mp3Frames.FrameLength]));
        _splicer.OnAudio(new MountAudio("/stream", 1251, frames[1251..], []));
        Assert.Equal([.. frames[..834], .. frames[1251..]], Ring());
    }

    private byte[] Ring() => _history.Ring.WriteOffset == 0 ? [] : _history.Ring.Read(0, _history.Ring.WriteOffset).ToArray();

    private static MountStreamState State(int streamNumber, long earliestJoin) =>
        new("/stream", streamNumber, earliestJoin, [], Head, Title, SourceLive: true);

    private sealed class Writer(StreamHistory history) : IRingWriter
    {
        public int TakeUps { get; private set; }
        public List<TrackTitle> Titles { get; } = [];

        public void Append(ReadOnlySpan<byte> bytes) => history.Ring.Append(bytes);

        public void ShowTitle(TrackTitle title) => Titles.Add(title);

        public void TakingUpEntityStream() => TakeUps++;
    }
}
