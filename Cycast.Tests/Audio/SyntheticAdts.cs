namespace Cycast.Tests.Audio;

/// <summary>Builds ADTS frames (MPEG-4 AAC LC, 44.1 kHz, stereo, no CRC) in code, so ADTS logic is tested without an encoder.</summary>
internal static class SyntheticAdts
{
    /// <summary>A 7-byte header for a frame of <paramref name="frameLength"/> bytes, header included.</summary>
    public static byte[] Header(int frameLength, int sampleRateIndex = 4) =>
    [
        0xFF, 0xF1, (byte)(0x40 | (sampleRateIndex << 2)), (byte)(0x80 | (frameLength >> 11)),
        (byte)(frameLength >> 3), (byte)(((frameLength & 7) << 5) | 0x1F), 0xFC,
    ];

    /// <summary>Frames of varying lengths, as a VBR encoder writes them; the payload is zeros, which never looks like a sync word.</summary>
    public static byte[] Frames(int count, out List<int> offsets)
    {
        offsets = [];
        var stream = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            var length = 200 + 37 * (i % 5);
            offsets.Add(stream.Count);
            stream.AddRange(Header(length));
            stream.AddRange(new byte[length - 7]);
        }
        return [.. stream];
    }
}
