using System.Buffers.Binary;

namespace Cycast.Shared.Audio;

/// <summary>
/// Follows the codec header packets at the start of one Ogg logical stream: which codec it carries, how its granule
/// positions map to time, its tags, and on which page the headers end. Packets may span pages, so segments are
/// reassembled via the lacing values; only the two packets whose content matters are buffered.
/// </summary>
internal sealed class OggStreamHeaders
{
    private const int OpusGranuleRate = 48000;
    private const int BufferedPackets = 2;

    private byte[] packet = new byte[256];
    private int packetLength;
    private int completedPackets;
    // Until the identification packet names the codec, only it is known to be a header.
    private int headerPackets = 1;
    private int vorbisSampleRate;
    private int opusPreSkip;

    public OggStreamHeaders(uint serial) => Serial = serial;

    public uint Serial { get; }
    public string? Codec { get; private set; }
    public StreamTags? Tags { get; private set; }
    public bool IsComplete => completedPackets >= headerPackets;

    /// <summary>Audio time at a granule position, or null when the codec (and so the clock) is unknown.</summary>
    public TimeSpan? TimeAt(long granulePosition) => Codec switch
    {
        "vorbis" when vorbisSampleRate > 0 => TimeSpan.FromTicks((long)((double)granulePosition * TimeSpan.TicksPerSecond / vorbisSampleRate)),
        "opus" => TimeSpan.FromTicks((long)((double)Math.Max(0, granulePosition - opusPreSkip) * TimeSpan.TicksPerSecond / OpusGranuleRate)),
        _ => null,
    };

    /// <summary>Consumes a page of this stream whose start still lies within the headers.</summary>
    public void AcceptPage(ReadOnlySpan<byte> page, OggPageHeader header)
    {
        // A packet whose continuation was lost must not be glued onto an unrelated one.
        if (!header.IsContinued)
            packetLength = 0;
        int bodyOffset = header.HeaderLength;
        for (int segment = 0; segment < header.SegmentCount && !IsComplete; segment++)
        {
            int lacing = page[OggPageHeader.FixedLength + segment];
            if (completedPackets < BufferedPackets)
                Append(page.Slice(bodyOffset, lacing));
            bodyOffset += lacing;
            if (lacing < 255)
            {
                OnPacketComplete(packet.AsSpan(0, packetLength));
                completedPackets++;
                packetLength = 0;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> segment)
    {
        if (packetLength + segment.Length > packet.Length)
            Array.Resize(ref packet, Math.Max(packet.Length * 2, packetLength + segment.Length));
        segment.CopyTo(packet.AsSpan(packetLength));
        packetLength += segment.Length;
    }

    private void OnPacketComplete(ReadOnlySpan<byte> content)
    {
        if (completedPackets == 0)
            Identify(content);
        else if (completedPackets == 1 && Codec == "vorbis" && content.StartsWith("\x03vorbis"u8))
            Tags = VorbisComments.Parse(content[7..]);
        else if (completedPackets == 1 && Codec == "opus" && content.StartsWith("OpusTags"u8))
            Tags = VorbisComments.Parse(content[8..]);
    }

    private void Identify(ReadOnlySpan<byte> identification)
    {
        if (identification.Length >= 16 && identification.StartsWith("\x01vorbis"u8))
        {
            Codec = "vorbis";
            headerPackets = 3;
            vorbisSampleRate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(identification[12..]));
        }
        else if (identification.Length >= 19 && identification.StartsWith("OpusHead"u8))
        {
            Codec = "opus";
            headerPackets = 2;
            opusPreSkip = BinaryPrimitives.ReadUInt16LittleEndian(identification[10..]);
        }
    }
}
