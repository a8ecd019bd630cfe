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
    // The mapping's 13 bytes, a metadata block header and STREAMINFO's 34 bytes.
    private const int FlacMappingLength = 13 + 4 + 34;

    private byte[] _packet = new byte[256];
    private int _packetLength;
    private int _completedPackets;
    // Until the identification packet names the codec, only it is known to be a header.
    private int _headerPackets = 1;
    private int _sampleRate;
    private int _opusPreSkip;

    public OggStreamHeaders(uint serial) => Serial = serial;

    public uint Serial { get; }
    public string? Codec { get; private set; }
    public StreamTags? Tags { get; private set; }
    public bool IsComplete => _completedPackets >= _headerPackets;

    /// <summary>
    /// Audio time at a granule position, or null when the codec (and so the clock) is unknown or the granule is negative,
    /// which no page of a valid stream carries (-1 means "no packet ends here").
    /// </summary>
    public TimeSpan? TimeAt(long granulePosition) => granulePosition < 0 ? null : Codec switch
    {
        "vorbis" or "flac" when _sampleRate > 0 => TimeSpan.FromTicks((long)((double)granulePosition * TimeSpan.TicksPerSecond / _sampleRate)),
        "opus" => TimeSpan.FromTicks((long)((double)Math.Max(0, granulePosition - _opusPreSkip) * TimeSpan.TicksPerSecond / OpusGranuleRate)),
        _ => null,
    };

    /// <summary>Consumes a page of this stream whose start still lies within the headers.</summary>
    public void AcceptPage(ReadOnlySpan<byte> page, OggPageHeader header)
    {
        // A packet whose continuation was lost must not be glued onto an unrelated one.
        if (!header.IsContinued)
            _packetLength = 0;
        var bodyOffset = header.HeaderLength;
        for (var segment = 0; segment < header.SegmentCount && !IsComplete; segment++)
        {
            int lacing = page[OggPageHeader.FixedLength + segment];
            if (_completedPackets < BufferedPackets)
                Append(page.Slice(bodyOffset, lacing));
            bodyOffset += lacing;
            if (lacing < 255)
            {
                OnPacketComplete(_packet.AsSpan(0, _packetLength));
                _completedPackets++;
                _packetLength = 0;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> segment)
    {
        if (_packetLength + segment.Length > _packet.Length)
            Array.Resize(ref _packet, Math.Max(_packet.Length * 2, _packetLength + segment.Length));
        segment.CopyTo(_packet.AsSpan(_packetLength));
        _packetLength += segment.Length;
    }

    private void OnPacketComplete(ReadOnlySpan<byte> content)
    {
        if (_completedPackets == 0)
            Identify(content);
        else if (_completedPackets == 1 && Codec == "vorbis" && content.StartsWith("\x03vorbis"u8))
            Tags = VorbisComments.Parse(content[7..]);
        else if (_completedPackets == 1 && Codec == "opus" && content.StartsWith("OpusTags"u8))
            Tags = VorbisComments.Parse(content[8..]);
        // Ogg FLAC's second packet is a VORBIS_COMMENT metadata block: its type (4) and 24-bit length, then the list.
        else if (_completedPackets == 1 && Codec == "flac" && content.Length >= 4 && (content[0] & 0x7F) == 4)
            Tags = VorbisComments.Parse(content[4..]);
    }

    private void Identify(ReadOnlySpan<byte> identification)
    {
        if (identification.Length >= 16 && identification.StartsWith("\x01vorbis"u8))
        {
            Codec = "vorbis";
            _headerPackets = 3;
            _sampleRate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(identification[12..]));
        }
        else if (identification.Length >= 19 && identification.StartsWith("OpusHead"u8))
        {
            Codec = "opus";
            _headerPackets = 2;
            _opusPreSkip = BinaryPrimitives.ReadUInt16LittleEndian(identification[10..]);
        }
        else if (identification.Length >= FlacMappingLength && identification.StartsWith("\u007FFLAC"u8))
        {
            // The Ogg FLAC mapping: 0x7F "FLAC", version, the count of header packets after this one (0: unknown, but
            // the comment block always comes), "fLaC", then the STREAMINFO block, whose 20-bit sample rate is the clock.
            Codec = "flac";
            _headerPackets = 1 + Math.Max(1, (int)BinaryPrimitives.ReadUInt16BigEndian(identification[7..]));
            _sampleRate = (identification[27] << 12) | (identification[28] << 4) | (identification[29] >> 4);
        }
    }
}
