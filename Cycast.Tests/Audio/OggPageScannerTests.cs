using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

public class OggPageScannerTests
{
    [Fact]
    public void AudioPages_AreJoinPoints_HeaderPagesAreTheStreamHeader()
    {
        var ogg = SyntheticOgg.VorbisStream(7, 44100, "First", audioPages: 5, out var headerPages);
        var stream = ogg.Bytes;
        var scanner = new OggPageScanner();

        var joinPoints = Feeding.InPieces(scanner, stream, 1000);

        Assert.Equal(ogg.PageOffsets.Skip(headerPages).Select(o => (long)o), joinPoints);
        Assert.Equal(stream[..ogg.PageOffsets[headerPages]], scanner.StreamHeader.ToArray());
        Assert.Equal(new StreamTags("First", "Synth", null), scanner.CurrentTags);
        Assert.Equal(1, scanner.TagsVersion);
    }

    [Fact]
    public void JoinPoints_DoNotDependOnPieceSizes()
    {
        byte[] stream = [.. SyntheticOgg.Filler(9, 100), .. SyntheticOgg.VorbisStream(7, 44100, "First", audioPages: 4, out _).Bytes];
        var expected = Feeding.InPieces(new OggPageScanner(), stream, stream.Length);
        Assert.Equal(4, expected.Count);

        foreach (var pieceSize in Enumerable.Range(1, 300).Concat([1000, 4096, 65_000, 65_307, 70_000]))
        {
            var scanner = new OggPageScanner();
            Assert.Equal(expected, Feeding.InPieces(scanner, stream, pieceSize));
            Assert.Equal(new StreamTags("First", "Synth", null), scanner.CurrentTags);
        }
        for (var seed = 0; seed < 30; seed++)
            Assert.Equal(expected, Feeding.InRandomPieces(new OggPageScanner(), stream, seed, maxPieceSize: 20_000));
    }

    [Fact]
    public void PageWithBadCrc_IsNotAJoinPoint()
    {
        var ogg = SyntheticOgg.VorbisStream(7, 44100, "First", audioPages: 4, out var headerPages);
        var stream = ogg.Bytes;
        var corrupted = headerPages + 1;
        stream[ogg.PageOffsets[corrupted] + 40] ^= 0x01;

        var joinPoints = Feeding.InPieces(new OggPageScanner(), stream, 777);

        var expected = ogg.PageOffsets.Skip(headerPages).Where((_, i) => i != 1).Select(o => (long)o);
        Assert.Equal(expected, joinPoints);
    }

    [Fact]
    public void PagesBeforeAnyBeginOfStream_AreNotJoinPoints()
    {
        var ogg = SyntheticOgg.VorbisStream(7, 44100, "First", audioPages: 4, out var headerPages);
        var stream = ogg.Bytes;
        var joinedAt = ogg.PageOffsets[headerPages];
        var scanner = new OggPageScanner();

        var joinPoints = Feeding.InPieces(scanner, stream[joinedAt..], 500);

        Assert.Empty(joinPoints);
        Assert.True(scanner.StreamHeader.IsEmpty);
        Assert.Null(scanner.CurrentTags);
    }

    [Fact]
    public void ChainedStream_ReplacesHeaderAndTags()
    {
        var first = SyntheticOgg.VorbisStream(7, 44100, "First", audioPages: 3, out var headerPages);
        var second = SyntheticOgg.VorbisStream(8, 22050, "Second", audioPages: 3, out _);
        byte[] stream = [.. first.Bytes, .. second.Bytes];
        var scanner = new OggPageScanner();
        var joinPoints = new List<long>();

        scanner.Feed(first.Bytes, 0, joinPoints);
        Assert.Equal(first.Bytes[..first.PageOffsets[headerPages]], scanner.StreamHeader.ToArray());
        Assert.Equal("First", scanner.CurrentTags?.Title);

        scanner.Feed(second.Bytes, first.Bytes.Length, joinPoints);

        Assert.Equal(second.Bytes[..second.PageOffsets[headerPages]], scanner.StreamHeader.ToArray());
        Assert.Equal("Second", scanner.CurrentTags?.Title);
        Assert.Equal(2, scanner.TagsVersion);
        var expected = first.PageOffsets.Skip(headerPages).Concat(second.PageOffsets.Skip(headerPages).Select(o => o + first.Bytes.Length));
        Assert.Equal(expected.Select(o => (long)o), joinPoints);
        Assert.Equal(joinPoints, Feeding.InPieces(new OggPageScanner(), stream, 1234));
    }

    [Fact]
    public void ChainedStream_KeepsOldHeaderUntilTheNewStreamsFirstJoinPoint()
    {
        var first = SyntheticOgg.VorbisStream(7, 44100, "First", audioPages: 3, out var headerPages);
        var second = SyntheticOgg.VorbisStream(8, 22050, "Second", audioPages: 3, out _);
        var secondAudio = second.PageOffsets[headerPages];
        var scanner = new OggPageScanner();
        var joinPoints = new List<long>();

        scanner.Feed(first.Bytes, 0, joinPoints);
        var firstHeaderAppliesFrom = scanner.StreamHeaderAppliesFrom;
        scanner.Feed(second.Bytes.AsSpan(0, secondAudio), first.Bytes.Length, joinPoints);

        // Only the first stream's join points exist yet, so its header must still be the one handed out.
        Assert.Equal(first.PageOffsets[headerPages], firstHeaderAppliesFrom);
        Assert.Equal(firstHeaderAppliesFrom, scanner.StreamHeaderAppliesFrom);
        Assert.Equal(first.Bytes[..first.PageOffsets[headerPages]], scanner.StreamHeader.ToArray());
        Assert.Equal("First", scanner.CurrentTags?.Title);

        scanner.Feed(second.Bytes.AsSpan(secondAudio), first.Bytes.Length + secondAudio, joinPoints);

        Assert.Equal(first.Bytes.Length + secondAudio, scanner.StreamHeaderAppliesFrom);
        Assert.Equal(second.Bytes[..secondAudio], scanner.StreamHeader.ToArray());
        Assert.Equal("Second", scanner.CurrentTags?.Title);
    }

    [Fact]
    public void ChainedStreamWithSameTags_DoesNotBumpTagsVersion()
    {
        var first = SyntheticOgg.VorbisStream(7, 44100, "Same", audioPages: 2, out _);
        var second = SyntheticOgg.VorbisStream(8, 44100, "Same", audioPages: 2, out _);
        var scanner = new OggPageScanner();

        Feeding.InPieces(scanner, [.. first.Bytes, .. second.Bytes], 4096);

        Assert.Equal(1, scanner.TagsVersion);
    }

    [Fact]
    public void OpusStream_HasTwoHeaderPackets()
    {
        var ogg = new SyntheticOgg(3);
        ogg.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.OpusHead(312));
        ogg.AddPage(0, 0, SyntheticOgg.Comments("OpusTags"u8, "TITLE=Opus Song", "ALBUM=Opus Album"));
        ogg.AddPage(0, 960, SyntheticOgg.Filler(1, 100));
        ogg.AddPage(SyntheticOgg.EndOfStream, 1920, SyntheticOgg.Filler(2, 100));
        var scanner = new OggPageScanner();

        var joinPoints = Feeding.InPieces(scanner, ogg.Bytes, 50);

        Assert.Equal(ogg.PageOffsets.Skip(2).Select(o => (long)o), joinPoints);
        Assert.Equal(ogg.Bytes[..ogg.PageOffsets[2]], scanner.StreamHeader.ToArray());
        Assert.Equal(new StreamTags("Opus Song", null, "Opus Album"), scanner.CurrentTags);
    }

    [Fact]
    public void A_stream_whose_headers_never_end_costs_no_more_than_the_cap_and_the_next_stream_plays()
    {
        // Found while writing OggFuzzing's generators: every header page was kept, twice, for as long as the source sent them.
        var start = new SyntheticOgg(5);
        start.AddPage(SyntheticOgg.BeginOfStream, 0, SyntheticOgg.VorbisIdentification(44100));
        start.AddPage(0, -1, [new byte[255 * 255]], lastPacketEnds: false);
        var endless = new SyntheticOgg(5);
        endless.AddPage(SyntheticOgg.Continued, -1, [new byte[255 * 255]], lastPacketEnds: false);
        var page = endless.Bytes;
        var scanner = new OggPageScanner();
        var joinPoints = new List<long>();
        scanner.Feed(start.Bytes, 0, joinPoints);
        long offset = start.Bytes.Length;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++, offset += page.Length)
            scanner.Feed(page, offset, joinPoints);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 4L * OggPageScanner.MaxStreamHeader);
        Assert.Empty(joinPoints);
        var next = SyntheticOgg.VorbisStream(6, 44100, "Next", audioPages: 2, out var headerPages);
        scanner.Feed(next.Bytes, offset, joinPoints);
        Assert.Equal(next.PageOffsets.Skip(headerPages).Select(o => offset + o), joinPoints);
        Assert.Equal(new StreamTags("Next", "Synth", null), scanner.CurrentTags);
    }
}
