namespace Cycast.Bench;

/// <summary>An MP3 file split into frames, so a feeder can send it at the speed it plays.</summary>
internal sealed class Mp3Stream
{
    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] Mpeg1SampleRates = [44100, 48000, 32000];

    public byte[] Data { get; }
    public IReadOnlyList<(int Offset, int Length)> Frames { get; }
    public TimeSpan FrameDuration { get; }

    private Mp3Stream(byte[] data, List<(int, int)> frames, TimeSpan frameDuration)
    {
        Data = data;
        Frames = frames;
        FrameDuration = frameDuration;
    }

    /// <summary>Reads a constant-bitrate Layer III file; every frame then lasts the same time.</summary>
    public static Mp3Stream Load(string path)
    {
        var data = File.ReadAllBytes(path);
        var frames = new List<(int, int)>();
        var offset = SkipId3v2(data);
        var frameDuration = TimeSpan.Zero;
        while (offset + 4 <= data.Length)
        {
            if (!TryParseHeader(data.AsSpan(offset, 4), out var length, out var duration))
            {
                offset++;
                continue;
            }
            if (offset + length > data.Length) break;
            frames.Add((offset, length));
            frameDuration = duration;
            offset += length;
        }
        if (frames.Count == 0) throw new InvalidDataException($"{path} holds no MPEG Layer III frames");
        return new Mp3Stream(data, frames, frameDuration);
    }

    private static int SkipId3v2(byte[] data)
    {
        if (data.Length < 10 || data[0] != 'I' || data[1] != 'D' || data[2] != '3') return 0;
        // The tag size is a 28-bit "syncsafe" integer: 7 bits per byte.
        return 10 + (data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]);
    }

    private static bool TryParseHeader(ReadOnlySpan<byte> header, out int length, out TimeSpan duration)
    {
        length = 0;
        duration = TimeSpan.Zero;
        if (header[0] != 0xFF || (header[1] & 0xE0) != 0xE0) return false;
        var versionBits = (header[1] >> 3) & 0x3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        var layerBits = (header[1] >> 1) & 0x3;   // 1 = Layer III
        var bitrateIndex = header[2] >> 4;
        var sampleRateIndex = (header[2] >> 2) & 0x3;
        var padding = (header[2] >> 1) & 0x1;
        if (versionBits == 1 || layerBits != 1 || bitrateIndex is 0 or 15 || sampleRateIndex == 3) return false;

        var isMpeg1 = versionBits == 3;
        var sampleRate = Mpeg1SampleRates[sampleRateIndex] / (isMpeg1 ? 1 : versionBits == 2 ? 2 : 4);
        var bitrate = (isMpeg1 ? Mpeg1Layer3Kbps : Mpeg2Layer3Kbps)[bitrateIndex] * 1000;
        var samplesPerFrame = isMpeg1 ? 1152 : 576;
        length = samplesPerFrame / 8 * bitrate / sampleRate + padding;
        duration = TimeSpan.FromSeconds(samplesPerFrame / (double)sampleRate);
        return length > 4;
    }
}
