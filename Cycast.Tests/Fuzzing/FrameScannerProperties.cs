using CsCheck;
using Cycast.Shared.Audio;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// The properties every scanner of self-delimiting frames (MP3, ADTS) must have on any bytes: no exception, join
/// points only where a frame starts that the next frame's header confirms, the same join points however a source's
/// writes cut the stream, and none outside what was fed when the stream jumps.
/// </summary>
internal static class FrameScannerProperties<THeader, TScanner>
    where THeader : struct, IFrameHeader<THeader>
    where TScanner : PairedFrameScanner<THeader>, new()
{
    public static void JoinPointsAreCheckedFramesWhateverTheCuts(Gen<byte[]> streams) =>
        Fuzz.Check(Gen.Select(streams, Pieces.Lengths, Gen.Long[0, 1L << 40]), input =>
        {
            var (bytes, lengths, origin) = input;
            List<long> whole = [];
            Fuzz.AssertAllocatesAtMost(16L * bytes.Length + 64 * 1024, () => new TScanner().Feed(bytes, origin, whole));
            var split = Pieces.Feed(new TScanner(), bytes, lengths, origin);

            Assert.Equal(whole, split);
            Assert.Equal(whole.Order().Distinct(), whole);
            foreach (var point in whole.Select(p => (int)(p - origin)))
            {
                Assert.True(THeader.TryParse(bytes.AsSpan(point), out var header));
                Assert.True(THeader.TryParse(bytes.AsSpan(point + header.FrameLength), out var next) && header.IsConsistentWith(next));
            }
        }, input => Pieces.Print(input.Item1, input.Item2) + $" from offset {input.Item3}", Fuzz.Iterations());

    public static void JoinPointsLieInsideWhatWasFed(Gen<byte[]> streams) =>
        Fuzz.Check(Gen.Select(streams, Pieces.Lengths, Weighted.Of((2, Gen.Const(0)), (1, Gen.Int[1, 5000])).Array[1, 8]), input =>
        {
            var (bytes, lengths, gaps) = input;
            var scanner = new TScanner();
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
}
