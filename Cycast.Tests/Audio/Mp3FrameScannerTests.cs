using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

public class Mp3FrameScannerTests
{
    [Fact]
    public void EveryFrameWithAConfirmingSuccessor_IsAJoinPoint()
    {
        var stream = SyntheticMp3.Frames(10, out var offsets);

        var joinPoints = Feeding.InPieces(new Mp3FrameScanner(), stream, stream.Length);

        // The last frame has no successor to confirm it yet.
        Assert.Equal(offsets.Take(9).Select(o => (long)o), joinPoints);
    }

    [Fact]
    public void JoinPoints_DoNotDependOnPieceSizes()
    {
        byte[] stream = [.. SyntheticMp3.SyncFreeGarbage(700, seed: 1), .. SyntheticMp3.Frames(12, out _)];
        var expected = Feeding.InPieces(new Mp3FrameScanner(), stream, stream.Length);

        for (var pieceSize = 1; pieceSize <= stream.Length; pieceSize++)
            Assert.Equal(expected, Feeding.InPieces(new Mp3FrameScanner(), stream, pieceSize));
        for (var seed = 0; seed < 50; seed++)
            Assert.Equal(expected, Feeding.InRandomPieces(new Mp3FrameScanner(), stream, seed, maxPieceSize: 1000));
    }

    [Fact]
    public void LoneSyncWordsInGarbage_AreNotJoinPoints()
    {
        // Each fake header is valid on its own but is not followed by another header one frame later.
        var garbage = SyntheticMp3.SyncFreeGarbage(5000, seed: 2);
        for (var at = 100; at < 4500; at += 611)
            SyntheticMp3.Header(padding: false).CopyTo(garbage, at);
        byte[] stream = [.. garbage, .. SyntheticMp3.Frames(3, out var offsets)];

        var joinPoints = Feeding.InPieces(new Mp3FrameScanner(), stream, 1000);

        Assert.Equal([garbage.Length + offsets[0], garbage.Length + offsets[1]], joinPoints);
    }

    [Fact]
    public void AfterGarbageMidStream_ScanningResyncs()
    {
        var frames = SyntheticMp3.Frames(4, out var offsets);
        var garbage = SyntheticMp3.SyncFreeGarbage(333, seed: 3);
        byte[] stream = [.. frames, .. garbage, .. frames];

        var joinPoints = Feeding.InPieces(new Mp3FrameScanner(), stream, 100);

        long resumed = frames.Length + garbage.Length;
        // The frame just before the garbage is not confirmed: where its successor should start there is garbage.
        Assert.Equal([offsets[0], offsets[1], offsets[2], resumed + offsets[0], resumed + offsets[1], resumed + offsets[2]], joinPoints);
    }

    [Fact]
    public void ADiscontinuousOffset_ForgetsTheBytesBeforeTheGap()
    {
        var frames = SyntheticMp3.Frames(3, out var offsets);
        var scanner = new Mp3FrameScanner();
        var joinPoints = new List<long>();

        // Half a frame, then the stream jumps ahead: the half frame must not be paired with the later bytes.
        scanner.Feed(frames.AsSpan(0, 200), 0, joinPoints);
        scanner.Feed(frames, 10_000, joinPoints);

        Assert.Equal([10_000L + offsets[0], 10_000L + offsets[1]], joinPoints);
    }

    [Fact]
    public void StreamHeader_IsEmptyAndAppliesToEveryJoinPoint()
    {
        IJoinPointScanner scanner = new Mp3FrameScanner();

        Assert.True(scanner.StreamHeader.IsEmpty);
        Assert.Equal(0, scanner.StreamHeaderAppliesFrom);
    }
}
