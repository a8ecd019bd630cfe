using CsCheck;
using Cycast.Shared.Audio;
using Cycast.Tests.Audio;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// The live MP3 scanner and the file walker on any bytes: no exception, join points only where a checked frame starts,
/// and the same join points however a source's writes cut the stream.
/// </summary>
public sealed class Mp3ScannerFuzzing
{
    /// <summary>Frame headers of other versions, layers and rates, so mutants mix frames of several streams.</summary>
    private static readonly byte[][] Tokens =
    [
        SyntheticMp3.Header(padding: false), SyntheticMp3.Header(padding: true), [0xFF, 0xF3, 0x40, 0xC4], [0xFF, 0xFD, 0x14, 0x00],
        [0xFF, 0xE3, 0xE0, 0x00], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xE0], "ID3"u8.ToArray(), "Xing"u8.ToArray(),
    ];

    private static readonly Gen<byte[]> ValidStreams = Gen.Int[1, 12].Select(count => SyntheticMp3.Frames(count, out _));

    private static readonly Gen<byte[]> Streams = Mutations.Around(ValidStreams, Tokens);

    [Fact]
    public void Join_points_are_checked_frames_and_do_not_depend_on_how_the_stream_was_cut() =>
        FrameScannerProperties<Mp3FrameHeader, Mp3FrameScanner>.JoinPointsAreCheckedFramesWhateverTheCuts(Streams);

    [Fact]
    public void A_stream_with_gaps_gives_join_points_only_inside_what_was_fed() =>
        FrameScannerProperties<Mp3FrameHeader, Mp3FrameScanner>.JoinPointsLieInsideWhatWasFed(Streams);

    [Fact]
    public void A_files_frames_lie_inside_it_one_after_another() =>
        Fuzz.Check(Gen.Select(Streams, Gen.Int[0, 200], Gen.Int[0, 200]), input =>
        {
            var (bytes, skipStart, skipEnd) = input;
            var (start, end) = (Math.Min(skipStart, bytes.Length), Math.Max(0, bytes.Length - skipEnd));
            var previousEnd = start;
            foreach (var frame in Mp3FileInfo.Frames(bytes, start, end))
            {
                Assert.InRange(frame.Offset, previousEnd, end - frame.Length);
                Assert.True(frame.Duration > TimeSpan.Zero);
                previousEnd = frame.Offset + frame.Length;
            }
        }, input => $"{Fuzz.Hex(input.Item1)} from {input.Item2} to {input.Item3} before its end", Fuzz.Iterations());
}
