using System.Buffers.Binary;

namespace Cycast.Shared.Audio;

/// <summary>The Ogg page checksum: CRC-32, polynomial 0x04c11db7, not reflected, initial value 0.</summary>
internal static class OggCrc
{
    private const uint Polynomial = 0x04c11db7;
    private const int ChecksumOffset = 22;

    private static readonly uint[] Table = BuildTable();

    private static ReadOnlySpan<byte> ZeroedChecksum => [0, 0, 0, 0];

    /// <summary>The checksum is computed over the whole page with its own checksum field zeroed.</summary>
    public static bool IsValidPage(ReadOnlySpan<byte> page)
    {
        var crc = Update(0, page[..ChecksumOffset]);
        crc = Update(crc, ZeroedChecksum);
        crc = Update(crc, page[(ChecksumOffset + 4)..]);
        return crc == BinaryPrimitives.ReadUInt32LittleEndian(page[ChecksumOffset..]);
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            crc = (crc << 8) ^ Table[(int)((crc >> 24) ^ b)];
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
                r = (r & 0x80000000) != 0 ? (r << 1) ^ Polynomial : r << 1;
            table[i] = r;
        }
        return table;
    }
}
