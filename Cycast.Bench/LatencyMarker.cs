using System.Buffers.Binary;
using System.Text;

namespace Cycast.Bench;

/// <summary>
/// A 16-byte pattern the feeder writes into an MP3 frame payload (never the header, so frame
/// parsers in the server keep their sync) and listeners search for: 12 magic bytes that do not
/// occur in encoded audio, then a sequence number that maps back to the write timestamp.
/// </summary>
internal static class LatencyMarker
{
    public const int Length = 16;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("CYCAST-MARK:");

    public static void Write(Span<byte> destination, int sequence)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[Magic.Length..], sequence);
    }

    /// <summary>Calls <paramref name="onMarker"/> for every complete marker in <paramref name="data"/>.</summary>
    public static void FindAll(ReadOnlySpan<byte> data, Action<int> onMarker)
    {
        var offset = 0;
        while (true)
        {
            var found = data[offset..].IndexOf(Magic);
            if (found < 0) return;
            var start = offset + found;
            if (start + Length > data.Length) return;
            onMarker(BinaryPrimitives.ReadInt32LittleEndian(data.Slice(start + Magic.Length, 4)));
            offset = start + Length;
        }
    }
}
