using Cycast.Actors.Streaming;
using Cycast.Tests.Audio;
using Cycast.Tests.Support;

namespace Cycast.Tests.Mounts;

/// <summary>
/// The stream writing into a mount's ring: a new one is joinable only from its first frame, a continued one (a mount
/// that moved with its source) goes on from its very next byte.
/// </summary>
public sealed class IncomingStreamTests
{
    private const int Cut = 200;

    [Fact]
    public void A_new_mp3_stream_starts_at_its_first_frame()
    {
        var history = new StreamHistory(1 << 20, burstSize: 0);
        var stream = IncomingStream.Begin(history, "audio/mpeg");
        var data = Mp3Frames.Make(10)[Cut..];

        var written = stream.Accept(data).ToArray();

        Assert.Equal(data[(Mp3Frames.FrameLength - Cut)..], written);
        Assert.Equal(0, stream.JoinPoints[0]);
    }

    [Fact]
    public void A_continued_mp3_stream_goes_on_from_its_next_byte_even_mid_frame_and_finds_the_frames_after()
    {
        var history = new StreamHistory(1 << 20, burstSize: 0);
        var stream = IncomingStream.Continue(history, "audio/mpeg", ReadOnlyMemory<byte>.Empty);
        var data = Mp3Frames.Make(10)[Cut..];

        var written = stream.Accept(data).ToArray();

        Assert.Equal(data, written);
        // Every frame whose successor's header has arrived, in ring offsets (the ring starts at byte 200 of frame 0).
        var expected = Enumerable.Range(1, 8).Select(frame => (long)(frame * Mp3Frames.FrameLength - Cut));
        Assert.Equal(expected, stream.JoinPoints);
    }

    [Fact]
    public void A_continued_ogg_stream_keeps_its_codec_header_and_joins_at_the_next_whole_page()
    {
        var ogg = SyntheticOgg.VorbisStream(serial: 7, sampleRate: 44100, "Title", audioPages: 6, out var headerPages);
        var bytes = ogg.Bytes;
        var header = bytes[..ogg.PageOffsets[headerPages]];
        // The previous entity stopped ten bytes before the second audio page.
        var resumedAt = ogg.PageOffsets[headerPages + 1] - 10;
        var history = new StreamHistory(1 << 20, burstSize: 0);
        var stream = IncomingStream.Continue(history, "audio/ogg", header);
        Assert.Equal(header, stream.StreamHeader.ToArray());

        var written = stream.Accept(bytes.AsMemory(resumedAt)).ToArray();

        Assert.Equal(bytes[resumedAt..], written);
        Assert.Equal(10, stream.JoinPoints[0]);
        Assert.Equal(header, stream.StreamHeader.ToArray());
    }

    [Fact]
    public void A_rejoined_mp3_stream_goes_into_the_ring_from_its_first_whole_frame()
    {
        var history = new StreamHistory(1 << 20, burstSize: 1 << 20);
        history.Ring.Append(new byte[50]);
        var stream = IncomingStream.Rejoin(history, "audio/mpeg", ReadOnlyMemory<byte>.Empty);
        var data = Mp3Frames.Make(10)[Cut..];

        // The first piece ends before the second frame's successor: nothing is confirmed yet, so nothing is written.
        Assert.True(stream.Accept(data.AsMemory(0, Mp3Frames.FrameLength)).IsEmpty);
        var written = stream.Accept(data.AsMemory(Mp3Frames.FrameLength)).ToArray();

        Assert.Equal(data[(Mp3Frames.FrameLength - Cut)..], written);
        Assert.Equal(50, stream.JoinPoints[0]);
        history.Ring.Append(written);
        Assert.Equal(50, history.Newcomer().Start);
    }

    [Fact]
    public void A_rejoined_ogg_stream_goes_into_the_ring_as_its_header_then_its_next_whole_page()
    {
        var ogg = SyntheticOgg.VorbisStream(serial: 7, sampleRate: 44100, "Title", audioPages: 6, out var headerPages);
        var bytes = ogg.Bytes;
        var header = bytes[..ogg.PageOffsets[headerPages]];
        var nextPage = ogg.PageOffsets[headerPages + 2];
        // The ring holds something else (this node's playlist); the source's stream is taken up ten bytes into a page.
        var history = new StreamHistory(1 << 20, burstSize: 1 << 20);
        history.Ring.Append(new byte[100]);
        var stream = IncomingStream.Rejoin(history, "audio/ogg", header);

        var written = stream.Accept(bytes.AsMemory(nextPage - 10)).ToArray();

        Assert.Equal([.. header, .. bytes[nextPage..]], written);
        Assert.Equal(100 + header.Length, stream.JoinPoints[0]);
        history.Ring.Append(written);
        // A newcomer gets the header from the history and starts on the page after the header in the ring.
        var (start, streamHeader) = history.Newcomer();
        Assert.Equal(100 + header.Length, start);
        Assert.Equal(header, streamHeader.ToArray());
    }

    [Fact]
    public void A_new_ogg_streams_header_pages_are_what_newcomers_get_first()
    {
        var ogg = SyntheticOgg.VorbisStream(serial: 9, sampleRate: 48000, "Title", audioPages: 3, out var headerPages);
        var history = new StreamHistory(1 << 20, burstSize: 1 << 20);
        var stream = IncomingStream.Begin(history, "application/ogg");

        var written = stream.Accept(ogg.Bytes).ToArray();
        history.Ring.Append(written);

        Assert.Equal(ogg.Bytes, written);
        var (start, streamHeader) = history.Newcomer();
        Assert.Equal(ogg.PageOffsets[headerPages], start);
        Assert.Equal(ogg.Bytes[..ogg.PageOffsets[headerPages]], streamHeader.ToArray());
    }
}
