using System.Buffers.Binary;

namespace Cycast.Bench;

/// <summary>
/// A 16-byte pattern the feeder writes into every MP3 frame's payload (never the header, so frame
/// parsers in the server keep their sync) and listeners search for: 12 magic bytes that do not
/// occur in encoded audio, then the frame's sequence number, which maps back to its write time.
/// </summary>
internal static class LatencyMarker
{
    public const int Length = 16;
    public static ReadOnlySpan<byte> Magic => "CYCAST-MARK:"u8;

    public static void Write(Span<byte> destination, int sequence)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[Magic.Length..], sequence);
    }

    /// <summary>The first complete marker in <paramref name="data"/>, and where the search goes on after it.</summary>
    public static bool Find(ReadOnlySpan<byte> data, out int sequence, out int end)
    {
        var start = data.IndexOf(Magic);
        end = start + Length;
        sequence = 0;
        return start >= 0 && TryRead(data[start..], out sequence);
    }

    /// <summary>Reads a marker that starts at the beginning of <paramref name="data"/>, if it is complete there.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out int sequence)
    {
        sequence = data.Length >= Length ? BinaryPrimitives.ReadInt32LittleEndian(data.Slice(Magic.Length, 4)) : 0;
        return data.Length >= Length;
    }
}
