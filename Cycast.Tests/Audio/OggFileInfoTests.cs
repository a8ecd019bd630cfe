using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

public class OggFileInfoTests
{
    [Fact]
    public void Pages_ReportHeadersFlagsAndTimeFromGranules()
    {
        var ogg = SyntheticOgg.VorbisStream(7, 1024, "First", audioPages: 3, out var headerPages);

        var pages = OggFileInfo.Pages(ogg.Bytes).ToList();

        Assert.Equal(ogg.PageOffsets, pages.Select(p => p.Offset));
        Assert.Equal([true, true, true, false, false, false], pages.Select(p => p.IsHeader));
        Assert.True(pages[0].IsBeginOfStream);
        Assert.True(pages[^1].IsEndOfStream);
        Assert.All(pages, p => Assert.Equal(7u, p.Serial));
        // Granule i * 1024 at 1024 Hz is i seconds.
        Assert.Equal([0, 0, 0, 1, 2, 3], pages.Select(p => p.EndTime.TotalSeconds));
        Assert.Equal(ogg.Bytes.Length, pages[^1].Offset + pages[^1].Length);
        Assert.Equal(3, headerPages);
    }

    [Fact]
    public void A_granule_past_any_real_length_saturates_the_clock_of_the_streams_chained_after_it()
    {
        // Found by OggFuzzing: the second stream's time, added to the first stream's end, overflowed TimeSpan.
        var first = new SyntheticOgg(1);
        first.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.VorbisIdentification(1));
        first.AddPage(0, long.MaxValue, SyntheticOgg.Filler(1, 10));
        var second = new SyntheticOgg(2);
        second.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.VorbisIdentification(1));
        second.AddPage(0, 1000, SyntheticOgg.Filler(2, 10));

        var times = OggFileInfo.Pages((byte[])[.. first.Bytes, .. second.Bytes]).Select(p => p.EndTime).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue], times);
    }

    [Fact]
    public void A_negative_granule_other_than_none_keeps_the_previous_time()
    {
        var ogg = new SyntheticOgg(1);
        ogg.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.VorbisIdentification(1000));
        ogg.AddPage(0, 2000, SyntheticOgg.Filler(1, 10));
        ogg.AddPage(0, long.MinValue, SyntheticOgg.Filler(2, 10));

        Assert.Equal([0, 2, 2], OggFileInfo.Pages(ogg.Bytes).Select(p => p.EndTime.TotalSeconds));
    }

    [Fact]
    public void PageWithoutGranule_KeepsThePreviousTime()
    {
        var ogg = new SyntheticOgg(3);
        ogg.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.OpusHead(0));
        ogg.AddPage(0, 0, SyntheticOgg.Comments("OpusTags"u8));
        ogg.AddPage(0, 48000, SyntheticOgg.Filler(1, 100));
        ogg.AddPage(0, -1, [SyntheticOgg.Filler(2, 255)], lastPacketEnds: false);
        ogg.AddPage(SyntheticOgg.Continued | SyntheticOgg.EndOfStream, 96000, SyntheticOgg.Filler(3, 10));

        var times = OggFileInfo.Pages(ogg.Bytes).Select(p => p.EndTime.TotalSeconds).ToList();

        Assert.Equal([0, 0, 1, 1, 2], times);
    }

    [Fact]
    public void Opus_TimeSubtractsPreSkip()
    {
        var ogg = new SyntheticOgg(3);
        ogg.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.OpusHead(312));
        ogg.AddPage(0, 0, SyntheticOgg.Comments("OpusTags"u8, "title=T"));
        ogg.AddPage(SyntheticOgg.EndOfStream, 48312, SyntheticOgg.Filler(1, 100));

        var pages = OggFileInfo.Pages(ogg.Bytes).ToList();

        Assert.Equal(TimeSpan.FromSeconds(1), pages[^1].EndTime);
        Assert.Equal("opus", OggFileInfo.CodecName(ogg.Bytes));
        Assert.Equal(new StreamTags("T", null, null), OggFileInfo.ReadTags(ogg.Bytes));
    }

    [Fact]
    public void ChainedFile_TimeContinuesAcrossStreams()
    {
        var first = SyntheticOgg.VorbisStream(7, 1024, "First", audioPages: 2, out _);
        var second = SyntheticOgg.VorbisStream(8, 2048, "Second", audioPages: 4, out _);

        var pages = OggFileInfo.Pages(new byte[][] { first.Bytes, second.Bytes }.SelectMany(b => b).ToArray()).ToList();

        Assert.Equal(12, pages.Count);
        Assert.Equal(2, pages.Count(p => p.IsBeginOfStream));
        Assert.Equal(TimeSpan.FromSeconds(2), pages[5].EndTime);
        Assert.Equal(TimeSpan.FromSeconds(4), pages[^1].EndTime);
        Assert.Equal(6, pages.Count(p => p.IsHeader));
    }

    [Fact]
    public void VorbisTagsSpanningPages_AreReassembled()
    {
        var ogg = SyntheticOgg.VorbisStream(7, 44100, "Long Comment", audioPages: 1, out _);

        Assert.Equal(new StreamTags("Long Comment", "Synth", null), OggFileInfo.ReadTags(ogg.Bytes));
        Assert.Equal("vorbis", OggFileInfo.CodecName(ogg.Bytes));
    }

    [Fact]
    public void GarbageAndCorruptPages_AreSkipped()
    {
        var ogg = SyntheticOgg.VorbisStream(7, 1024, "First", audioPages: 3, out _);
        var stream = ogg.Bytes;
        stream[ogg.PageOffsets[4] + 30] ^= 0x80;
        byte[] file = [.. "OggS"u8, 0, 0, .. SyntheticOgg.Filler(5, 200), .. stream];

        var offsets = OggFileInfo.Pages(file).Select(p => p.Offset - 206).ToList();

        Assert.Equal(ogg.PageOffsets.Where((_, i) => i != 4), offsets);
    }

    [Fact]
    public void UnknownCodec_HasNoNameTagsOrTime()
    {
        var ogg = new SyntheticOgg(3);
        ogg.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.Filler(1, 50));
        ogg.AddPage(SyntheticOgg.EndOfStream, 1000, SyntheticOgg.Filler(2, 50));

        Assert.Null(OggFileInfo.CodecName(ogg.Bytes));
        Assert.Null(OggFileInfo.ReadTags(ogg.Bytes));
        Assert.All(OggFileInfo.Pages(ogg.Bytes), p => Assert.Equal(TimeSpan.Zero, p.EndTime));
    }
}
