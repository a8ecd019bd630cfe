using System.Buffers;
using CsCheck;
using Cycast.Shared.Audio;
using Cycast.Tests.Support;

namespace Cycast.Tests.Fuzzing;

/// <summary>How the network cuts a stream into reads: piece lengths, used in turn and cycled until the input is used up.</summary>
internal static class Pieces
{
    public static Gen<int[]> Lengths { get; } = Weighted.Of((3, Gen.Int[1, 64]), (1, Gen.Int[65, 4096])).Array[1, 16];

    public static IEnumerable<byte[]> Cut(byte[] bytes, int[] lengths)
    {
        for (int offset = 0, i = 0; offset < bytes.Length; i++)
        {
            var length = Math.Min(lengths[i % lengths.Length], bytes.Length - offset);
            yield return bytes[offset..(offset + length)];
            offset += length;
        }
    }

    /// <summary>The bytes as one sequence of several segments, as a pipe holds several reads.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, int[] lengths) => Segments.Of([.. Cut(bytes, lengths)]);

    /// <summary>Feeds a join-point scanner the pieces in turn, from <paramref name="origin"/> on; returns every join point it found.</summary>
    public static List<long> Feed(IJoinPointScanner scanner, byte[] bytes, int[] lengths, long origin)
    {
        var points = new List<long>();
        var offset = origin;
        foreach (var piece in Cut(bytes, lengths))
        {
            scanner.Feed(piece, offset, points);
            offset += piece.Length;
        }
        return points;
    }

    public static string Print(byte[] bytes, int[] lengths) => $"{Fuzz.Hex(bytes)}\ncut into pieces of [{string.Join(", ", lengths)}]";
}
