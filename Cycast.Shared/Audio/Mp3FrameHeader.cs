namespace Cycast.Shared.Audio;

/// <summary>The 4-byte header of an MPEG-1/2/2.5 Layer I/II/III audio frame.</summary>
public readonly struct Mp3FrameHeader : IFrameHeader<Mp3FrameHeader>
{
    public const int Length = 4;

    /// <summary>MPEG-2.5 Layer II at 160 kbps and 8 kHz with padding; the window a scanner needs to confirm a frame.</summary>
    public const int MaxFrameLength = 2881;

    private const int BitratesPerRow = 14;

    static int IFrameHeader<Mp3FrameHeader>.HeaderLength => Length;
    static int IFrameHeader<Mp3FrameHeader>.LongestFrame => MaxFrameLength;
    static string IFrameHeader<Mp3FrameHeader>.Unit => "MP3 frame";

    // Rows: V1 L1, V1 L2, V1 L3, V2/2.5 L1, V2/2.5 L2+L3; columns: bitrate index 1..14.
    private static ReadOnlySpan<short> BitratesKbps =>
    [
        32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
        32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
        32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
        32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
        8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160,
    ];

    private static ReadOnlySpan<int> Mpeg1SampleRates => [44100, 48000, 32000];

    private Mp3FrameHeader(int version, int layer, int bitrateKbps, int sampleRate, bool padding, int channels)
    {
        Version = version;
        Layer = layer;
        BitrateKbps = bitrateKbps;
        SampleRate = sampleRate;
        Padding = padding;
        Channels = channels;
        SamplesPerFrame = layer == 1 ? 384 : layer == 3 && version != 1 ? 576 : 1152;
        var pad = padding ? 1 : 0;
        FrameLength = layer == 1
            ? (12 * bitrateKbps * 1000 / sampleRate + pad) * 4
            : SamplesPerFrame / 8 * bitrateKbps * 1000 / sampleRate + pad;
    }

    /// <summary>1, 2, or 25 for MPEG-2.5.</summary>
    public int Version { get; }
    public int Layer { get; }
    public int BitrateKbps { get; }
    public int SampleRate { get; }
    public int SamplesPerFrame { get; }
    /// <summary>Bytes, including the header.</summary>
    public int FrameLength { get; }
    public bool Padding { get; }
    public int Channels { get; }

    public TimeSpan Duration => TimeSpan.FromTicks(SamplesPerFrame * TimeSpan.TicksPerSecond / SampleRate);

    public static bool TryParse(ReadOnlySpan<byte> fourBytes, out Mp3FrameHeader header)
    {
        header = default;
        if (fourBytes.Length < Length || fourBytes[0] != 0xFF || (fourBytes[1] & 0xE0) != 0xE0)
            return false;

        var versionBits = (fourBytes[1] >> 3) & 3;
        var layerBits = (fourBytes[1] >> 1) & 3;
        var bitrateIndex = fourBytes[2] >> 4;
        var sampleRateIndex = (fourBytes[2] >> 2) & 3;
        // Free-format frames (bitrate index 0) have no computable length, so the following header could not be checked.
        // Reserved emphasis is rejected too: it never occurs in real streams and halves false syncs in non-audio bytes.
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || sampleRateIndex == 3 || (fourBytes[3] & 3) == 2)
            return false;

        var version = versionBits switch { 3 => 1, 2 => 2, _ => 25 };
        var layer = 4 - layerBits;
        var row = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int bitrate = BitratesKbps[row * BitratesPerRow + bitrateIndex - 1];
        var sampleRate = Mpeg1SampleRates[sampleRateIndex] >> (version == 1 ? 0 : version == 2 ? 1 : 2);
        var padding = ((fourBytes[2] >> 1) & 1) == 1;
        var channels = fourBytes[3] >> 6 == 3 ? 1 : 2;
        header = new Mp3FrameHeader(version, layer, bitrate, sampleRate, padding, channels);
        return true;
    }

    /// <summary>Whether <paramref name="next"/> can plausibly be the frame after this one in the same stream.</summary>
    public bool IsConsistentWith(Mp3FrameHeader next) =>
        next.Version == Version && next.Layer == Layer && next.SampleRate == SampleRate;
}
