using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

/// <summary>Feeds a whole stream to a scanner the way the live mount would: in pieces, with running offsets.</summary>
internal static class Feeding
{
    public static List<long> InPieces(IJoinPointScanner scanner, byte[] stream, int pieceSize)
    {
        var joinPoints = new List<long>();
        for (var offset = 0; offset < stream.Length; offset += pieceSize)
            scanner.Feed(stream.AsSpan(offset, Math.Min(pieceSize, stream.Length - offset)), offset, joinPoints);
        return joinPoints;
    }

    public static List<long> InRandomPieces(IJoinPointScanner scanner, byte[] stream, int seed, int maxPieceSize)
    {
        var random = new Random(seed);
        var joinPoints = new List<long>();
        for (var offset = 0; offset < stream.Length;)
        {
            var size = Math.Min(random.Next(0, maxPieceSize + 1), stream.Length - offset);
            scanner.Feed(stream.AsSpan(offset, size), offset, joinPoints);
            offset += size;
        }
        return joinPoints;
    }
}
