using System.Buffers.Binary;

namespace Cycast.Shared.Audio;

/// <summary>The fixed part of an Ogg page header; the segment table that follows gives the body length.</summary>
internal readonly struct OggPageHeader
{
    public const int FixedLength = 27;
    public const int MaxPageLength = FixedLength + 255 + 255 * 255;

    private const byte ContinuedFlag = 0x01;
    private const byte BeginOfStreamFlag = 0x02;
    private const byte EndOfStreamFlag = 0x04;

    private readonly byte _flags;

    private OggPageHeader(byte flags, long granulePosition, uint serial, int segmentCount)
    {
        _flags = flags;
        GranulePosition = granulePosition;
        Serial = serial;
        SegmentCount = segmentCount;
    }

    /// <summary>The page's first segment continues a packet begun on an earlier page.</summary>
    public bool IsContinued => (_flags & ContinuedFlag) != 0;
    public bool IsBeginOfStream => (_flags & BeginOfStreamFlag) != 0;
    public bool IsEndOfStream => (_flags & EndOfStreamFlag) != 0;
    public long GranulePosition { get; }
    public uint Serial { get; }
    public int SegmentCount { get; }
    public int HeaderLength => FixedLength + SegmentCount;

    /// <summary>Reads the fixed part; <paramref name="bytes"/> must hold at least <see cref="FixedLength"/> bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out OggPageHeader header)
    {
        if (!bytes[..4].SequenceEqual("OggS"u8) || bytes[4] != 0)
        {
            header = default;
            return false;
        }
        header = new OggPageHeader(
            bytes[5],
            BinaryPrimitives.ReadInt64LittleEndian(bytes[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[14..]),
            bytes[26]);
        return true;
    }

    /// <summary>Header plus body; <paramref name="headerBytes"/> must hold at least <see cref="HeaderLength"/> bytes.</summary>
    public int PageLength(ReadOnlySpan<byte> headerBytes)
    {
        var bodyLength = 0;
        foreach (var lacing in headerBytes.Slice(FixedLength, SegmentCount))
            bodyLength += lacing;
        return HeaderLength + bodyLength;
    }
}
