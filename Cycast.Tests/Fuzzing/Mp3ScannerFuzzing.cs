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
        Fuzz.Check(Gen.Select(Streams, Pieces.Lengths, Gen.Long[0, 1L << 40]), input =>
        {
            var (bytes, lengths, origin) = input;
            List<long> whole = [];
            Fuzz.AssertAllocatesAtMost(16L * bytes.Length + 64 * 1024, () => new Mp3FrameScanner().Feed(bytes, origin, whole));
            var split = Pieces.Feed(new Mp3FrameScanner(), bytes, lengths, origin);

            Assert.Equal(whole, split);
            Assert.Equal(whole.Order().Distinct(), whole);
            foreach (var point in whole.Select(p => (int)(p - origin)))
            {
                Assert.True(Mp3FrameHeader.TryParse(bytes.AsSpan(point), out var header));
                Assert.True(Mp3FrameHeader.TryParse(bytes.AsSpan(point + header.FrameLength), out var next) && header.IsConsistentWith(next));
            }
        }, input => Pieces.Print(input.Item1, input.Item2) + $" from offset {input.Item3}", Fuzz.Iterations());

    [Fact]
    public void A_stream_with_gaps_gives_join_points_only_inside_what_was_fed() =>
        Fuzz.Check(Gen.Select(Streams, Pieces.Lengths, Weighted.Of((2, Gen.Const(0)), (1, Gen.Int[1, 5000])).Array[1, 8]), input =>
        {
            var (bytes, lengths, gaps) = input;
            var scanner = new Mp3FrameScanner();
            var points = new List<long>();
            var fed = new List<(long From, long To)>();
            long offset = 0;
            var i = 0;
            foreach (var piece in Pieces.Cut(bytes, lengths))
            {
                offset += gaps[i++ % gaps.Length];
                scanner.Feed(piece, offset, points);
                fed.Add((offset, offset + piece.Length));
                offset += piece.Length;
            }
            Assert.All(points, point => Assert.Contains(fed, range => point >= range.From && point < range.To));
        }, input => Pieces.Print(input.Item1, input.Item2) + $" with gaps [{string.Join(", ", input.Item3)}]", Fuzz.Iterations());

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
