using Cycast.Shared.Audio;
using Cycast.Shared.Icy;

namespace Cycast.Tests.Audio;

/// <summary>MP3 parsing against files produced by a real encoder (ffmpeg with LAME).</summary>
public class Mp3EncodedFileTests
{
    private static readonly TimeSpan OneFrame = TimeSpan.FromTicks(1152 * TimeSpan.TicksPerSecond / 44100);

    [Fact]
    public void Cbr128_FramesAre417Or418BytesAndLastTwoSeconds()
    {
        var file = TestAudio.Cbr128Mp3;
        var id3 = Id3Reader.Read(file);

        var frames = Mp3FileInfo.Frames(file, id3.AudioStart, id3.AudioEnd).ToList();
        var audio = frames.Where(f => !f.IsInfoFrame).ToList();

        Assert.Equal(id3.AudioStart, frames[0].Offset);
        Assert.All(audio, f => Assert.Contains(f.Length, new[] { 417, 418 }));
        Assert.Equal(id3.AudioEnd, frames[^1].Offset + frames[^1].Length);
        var total = TimeSpan.FromTicks(audio.Sum(f => f.Duration.Ticks));
        // LAME prepends its encoder delay (576 + 529 samples) and pads the end to a whole frame, which the frames
        // carry as audio; so the total is 2 s plus at most that delay and one frame.
        Assert.InRange(total, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + TimeSpan.FromTicks(1105 * TimeSpan.TicksPerSecond / 44100) + OneFrame);
    }

    [Fact]
    public void Cbr_InfoFrameOfFfmpeg_IsFlagged()
    {
        var file = TestAudio.Cbr128Mp3;
        var id3 = Id3Reader.Read(file);

        var frames = Mp3FileInfo.Frames(file, id3.AudioStart, id3.AudioEnd).ToList();

        Assert.True(frames[0].IsInfoFrame);
        Assert.Single(frames, f => f.IsInfoFrame);
    }

    [Fact]
    public void Vbr_XingFrameIsFlaggedAndAudioLastsTwoSeconds()
    {
        var file = TestAudio.VbrMp3;
        var id3 = Id3Reader.Read(file);

        var frames = Mp3FileInfo.Frames(file, id3.AudioStart, id3.AudioEnd).ToList();

        Assert.True(frames[0].IsInfoFrame);
        Assert.All(frames.Skip(1), f => Assert.False(f.IsInfoFrame));
        Assert.True(frames.Select(f => f.Length).Distinct().Count() > 2, "a VBR file should have frames of several sizes");
        var total = TimeSpan.FromTicks(frames.Skip(1).Sum(f => f.Duration.Ticks));
        Assert.InRange(total, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + TimeSpan.FromTicks(1105 * TimeSpan.TicksPerSecond / 44100) + OneFrame);
    }

    [Fact]
    public void ScannerJoinPoints_AreTheFramesFoundIndependently()
    {
        foreach (var file in new[] { TestAudio.Cbr128Mp3, TestAudio.VbrMp3 })
        {
            var id3 = Id3Reader.Read(file);
            var frameOffsets = Mp3FileInfo.Frames(file, id3.AudioStart, id3.AudioEnd).Select(f => (long)f.Offset).ToList();

            var joinPoints = Feeding.InPieces(new Mp3FrameScanner(), file, 4096);

            Assert.InRange(joinPoints.Count, 70, 90);
            // The scanner sees the whole file, ID3 tags included, yet finds nothing before the audio; the last frame
            // has no successor header to confirm it.
            Assert.Equal(frameOffsets.SkipLast(1), joinPoints);
        }
    }

    [Fact]
    public void ScannerJoinPoints_DoNotDependOnPieceSizes()
    {
        var file = TestAudio.Cbr128Mp3;
        var expected = Feeding.InPieces(new Mp3FrameScanner(), file, file.Length);

        for (var pieceSize = 1; pieceSize <= 3000; pieceSize++)
            Assert.Equal(expected, Feeding.InPieces(new Mp3FrameScanner(), file, pieceSize));
        for (var seed = 0; seed < 20; seed++)
            Assert.Equal(expected, Feeding.InRandomPieces(new Mp3FrameScanner(), file, seed, maxPieceSize: 6000));
    }

    [Fact]
    public void RandomPrefix_YieldsNoFalseJoinPoints()
    {
        var file = TestAudio.VbrMp3;
        var prefix = new byte[100_000];
        new Random(5).NextBytes(prefix);
        var alone = Feeding.InPieces(new Mp3FrameScanner(), file, 1500);

        var joinPoints = Feeding.InPieces(new Mp3FrameScanner(), [.. prefix, .. file], 1500);

        Assert.Equal(alone.Select(o => o + prefix.Length), joinPoints);
    }

    [Fact]
    public void Id3v23_AsciiTextIsLatin1AndTagBoundsAreFound()
    {
        var file = TestAudio.Cbr128Mp3;

        var info = Id3Reader.Read(file);

        Assert.Equal(new StreamTags(TestAudio.Title, TestAudio.Artist, TestAudio.Album), info.Tags);
        Assert.Equal("Cycast - Sine Wave", TrackTitle.FromTags(info.Tags)!.StreamTitle);
        Assert.True(Mp3FrameHeader.TryParse(file.AsSpan(info.AudioStart), out _), "audio should start right after the ID3v2 tag");
        Assert.Equal(file.Length - 128, info.AudioEnd);
        Assert.True(file.AsSpan(info.AudioEnd).StartsWith("TAG"u8));
    }

    [Fact]
    public void Id3v23_NonAsciiTextIsUtf16WithBom()
    {
        var info = Id3Reader.Read(TestAudio.Utf16Id3Mp3);

        Assert.Equal(new StreamTags("Ünïcødé ☃", "Björk", "Ærø"), info.Tags);
    }

    [Fact]
    public void Id3v24_NonAsciiTextIsUtf8()
    {
        var file = TestAudio.Utf8Id3Mp3;
        Assert.Equal(4, file[3]);

        var info = Id3Reader.Read(file);

        Assert.Equal(new StreamTags("Ünïcødé ☃", "Björk", "Ærø"), info.Tags);
        Assert.Equal(file.Length, info.AudioEnd);
    }
}
