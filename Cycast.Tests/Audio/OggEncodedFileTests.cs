using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

/// <summary>Ogg parsing against files produced by real encoders (ffmpeg with libvorbis, libopus and flac).</summary>
public class OggEncodedFileTests
{
    private static readonly StreamTags ExpectedTags = new(TestAudio.Title, TestAudio.Artist, TestAudio.Album);

    [Fact]
    public void Vorbis_ThreeHeaderPacketsTagsAndDuration()
    {
        var file = TestAudio.VorbisOgg;

        var pages = OggFileInfo.Pages(file).ToList();

        Assert.Equal("vorbis", OggFileInfo.CodecName(file));
        Assert.Equal(ExpectedTags, OggFileInfo.ReadTags(file));
        Assert.True(pages[0].IsBeginOfStream && pages[0].IsHeader);
        Assert.True(pages[^1].IsEndOfStream);
        Assert.Equal(file.Length, pages.Sum(p => p.Length));
        Assert.InRange(pages[^1].EndTime.TotalSeconds, 1.99, 2.01);
        Assert.True(pages.Zip(pages.Skip(1)).All(pair => pair.First.EndTime <= pair.Second.EndTime), "time must not go backwards");
    }

    [Fact]
    public void Opus_TwoHeaderPacketsTagsAndDuration()
    {
        var file = TestAudio.Opus;

        var pages = OggFileInfo.Pages(file).ToList();

        Assert.Equal("opus", OggFileInfo.CodecName(file));
        Assert.Equal(ExpectedTags, OggFileInfo.ReadTags(file));
        Assert.Equal(2, pages.Count(p => p.IsHeader));
        Assert.Equal(file.Length, pages.Sum(p => p.Length));
        Assert.InRange(pages[^1].EndTime.TotalSeconds, 1.99, 2.01);
    }

    [Fact]
    public void Flac_MappingHeaderCommentBlockTagsAndDuration()
    {
        var file = TestAudio.OggFlac;

        var pages = OggFileInfo.Pages(file).ToList();

        Assert.Equal("flac", OggFileInfo.CodecName(file));
        Assert.Equal(ExpectedTags, OggFileInfo.ReadTags(file));
        Assert.True(pages.Count(p => p.IsHeader) >= 2);
        Assert.Equal(file.Length, pages.Sum(p => p.Length));
        Assert.InRange(pages[^1].EndTime.TotalSeconds, 1.99, 2.01);
    }

    [Fact]
    public void Scanner_JoinPointsAreTheNonHeaderPagesAndHeaderIsTheHeaderPages()
    {
        foreach (var file in new[] { TestAudio.VorbisOgg, TestAudio.Opus, TestAudio.OggFlac })
        {
            var pages = OggFileInfo.Pages(file).ToList();
            var headerEnd = pages.Where(p => p.IsHeader).Max(p => p.Offset + p.Length);
            var scanner = new OggPageScanner();

            var joinPoints = Feeding.InPieces(scanner, file, 4096);

            Assert.True(joinPoints.Count >= 2, $"expected several audio pages, got {joinPoints.Count}");
            Assert.Equal(pages.Where(p => !p.IsHeader).Select(p => (long)p.Offset), joinPoints);
            Assert.Equal(file[..headerEnd], scanner.StreamHeader.ToArray());
            Assert.Equal(ExpectedTags, scanner.CurrentTags);
            Assert.Equal(1, scanner.TagsVersion);
        }
    }

    [Fact]
    public void Scanner_JoinPointsDoNotDependOnPieceSizes()
    {
        var file = TestAudio.VorbisOgg;
        var expected = Feeding.InPieces(new OggPageScanner(), file, file.Length);

        for (var pieceSize = 1; pieceSize <= 1500; pieceSize++)
            Assert.Equal(expected, Feeding.InPieces(new OggPageScanner(), file, pieceSize));
        for (var seed = 0; seed < 20; seed++)
            Assert.Equal(expected, Feeding.InRandomPieces(new OggPageScanner(), file, seed, maxPieceSize: 8000));
    }

    [Fact]
    public void Scanner_CorruptedPageIsNotAJoinPointButTheRestAre()
    {
        var file = (byte[])TestAudio.VorbisOgg.Clone();
        var pages = OggFileInfo.Pages(file).ToList();
        var victim = pages.First(p => !p.IsHeader);
        file[victim.Offset + victim.Length - 1] ^= 0x55;

        var joinPoints = Feeding.InPieces(new OggPageScanner(), file, 1000);

        Assert.Equal(pages.Where(p => !p.IsHeader && p != victim).Select(p => (long)p.Offset), joinPoints);
    }

    [Fact]
    public void Scanner_ChainedStreamReplacesHeaderAndTags()
    {
        var first = TestAudio.VorbisOgg;
        var second = TestAudio.SecondVorbisOgg;
        var chained = TestAudio.ChainedOgg;
        var secondHeaderEnd = OggFileInfo.Pages(second).Where(p => p.IsHeader).Max(p => p.Offset + p.Length);
        var scanner = new OggPageScanner();
        var joinPoints = new List<long>();

        scanner.Feed(chained.AsSpan(0, first.Length), 0, joinPoints);
        var firstHeader = scanner.StreamHeader.ToArray();
        scanner.Feed(chained.AsSpan(first.Length), first.Length, joinPoints);

        Assert.Equal(OggFileInfo.Pages(first).Where(p => p.IsHeader).Sum(p => p.Length), firstHeader.Length);
        Assert.Equal(second[..secondHeaderEnd], scanner.StreamHeader.ToArray());
        Assert.Equal(new StreamTags("Second", "Other", "B-Sides"), scanner.CurrentTags);
        Assert.Equal(2, scanner.TagsVersion);
        var chainedPages = OggFileInfo.Pages(chained).ToList();
        Assert.Equal(chainedPages.Where(p => !p.IsHeader).Select(p => (long)p.Offset), joinPoints);
        Assert.InRange(chainedPages[^1].EndTime.TotalSeconds, 3.98, 4.02);
    }
}
