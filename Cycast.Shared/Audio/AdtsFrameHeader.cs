namespace Cycast.Shared.Audio;

/// <summary>
/// The header of an AAC frame in ADTS (ISO/IEC 13818-7, 14496-3): 7 bytes, 9 with a CRC, which the frame's length
/// includes. Encoders streaming AAC to Icecast (<c>audio/aac</c>, <c>audio/aacp</c>) send ADTS.
/// </summary>
public readonly struct AdtsFrameHeader : IFrameHeader<AdtsFrameHeader>
{
    /// <summary>The fixed part read to parse a header; a CRC, when present, follows it.</summary>
    public const int Length = 7;

    /// <summary>The 13-bit frame length's largest value.</summary>
    public const int MaxFrameLength = 8191;

    private const int LastSampleRateIndex = 12;

    private static ReadOnlySpan<int> SampleRates => [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    static int IFrameHeader<AdtsFrameHeader>.HeaderLength => Length;
    static int IFrameHeader<AdtsFrameHeader>.LongestFrame => MaxFrameLength;
    static string IFrameHeader<AdtsFrameHeader>.Unit => "AAC (ADTS) frame";

    private AdtsFrameHeader(bool mpeg2, int profile, int sampleRateIndex, int channelConfiguration, int frameLength, int rawDataBlocks)
    {
        Mpeg2 = mpeg2;
        Profile = profile;
        SampleRateIndex = sampleRateIndex;
        ChannelConfiguration = channelConfiguration;
        FrameLength = frameLength;
        RawDataBlocks = rawDataBlocks;
    }

    /// <summary>The ID bit: MPEG-2 AAC rather than MPEG-4.</summary>
    public bool Mpeg2 { get; }
    /// <summary>The audio object type less one (1 = AAC LC).</summary>
    public int Profile { get; }
    public int SampleRateIndex { get; }
    public int SampleRate => SampleRates[SampleRateIndex];
    /// <summary>0 when an in-band program config element says.</summary>
    public int ChannelConfiguration { get; }
    /// <summary>Bytes, including the header.</summary>
    public int FrameLength { get; }
    /// <summary>AAC frames in this ADTS frame (1024 samples each).</summary>
    public int RawDataBlocks { get; }

    public TimeSpan Duration => TimeSpan.FromTicks(RawDataBlocks * 1024L * TimeSpan.TicksPerSecond / SampleRate);

    public static bool TryParse(ReadOnlySpan<byte> bytes, out AdtsFrameHeader header)
    {
        header = default;
        // Sync word 0xFFF, then layer 00: MPEG audio's layer is never 00, so MP3 frames are never taken for ADTS.
        if (bytes.Length < Length || bytes[0] != 0xFF || (bytes[1] & 0xF6) != 0xF0)
            return false;
        var crc = (bytes[1] & 1) == 0;
        var sampleRateIndex = (bytes[2] >> 2) & 0xF;
        var frameLength = ((bytes[3] & 3) << 11) | (bytes[4] << 3) | (bytes[5] >> 5);
        // A frame must hold more than its header; it is also what keeps a scan moving forward.
        if (sampleRateIndex > LastSampleRateIndex || frameLength <= Length + (crc ? 2 : 0))
            return false;
        header = new AdtsFrameHeader(
            mpeg2: ((bytes[1] >> 3) & 1) == 1,
            profile: bytes[2] >> 6,
            sampleRateIndex,
            channelConfiguration: ((bytes[2] & 1) << 2) | (bytes[3] >> 6),
            frameLength,
            rawDataBlocks: (bytes[6] & 3) + 1);
        return true;
    }

    public bool IsConsistentWith(AdtsFrameHeader next) =>
        next.Mpeg2 == Mpeg2 && next.Profile == Profile && next.SampleRateIndex == SampleRateIndex
        && next.ChannelConfiguration == ChannelConfiguration;
}
