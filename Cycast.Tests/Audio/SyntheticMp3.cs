namespace Cycast.Tests.Audio;

/// <summary>Builds MPEG-1 Layer III 128 kbps 44.1 kHz stereo frames in code, so MP3 logic is tested without an encoder.</summary>
internal static class SyntheticMp3
{
    public const int UnpaddedLength = 417;
    public const int PaddedLength = 418;

    public static byte[] Header(bool padding) => [0xFF, 0xFB, (byte)(0x90 | (padding ? 0x02 : 0)), 0x44];

    /// <summary>Frames alternating unpadded and padded; the payload is zeros, which can never look like a sync word.</summary>
    public static byte[] Frames(int count, out List<int> offsets)
    {
        offsets = [];
        var stream = new List<byte>();
        for (var i = 0; i < count; i++)
        {
            var padding = i % 2 == 1;
            offsets.Add(stream.Count);
            stream.AddRange(Header(padding));
            stream.AddRange(new byte[(padding ? PaddedLength : UnpaddedLength) - 4]);
        }
        return [.. stream];
    }

    /// <summary>A first frame carrying a Xing tag after the 32-byte stereo side information, as encoders write for VBR.</summary>
    public static byte[] XingFrame()
    {
        var frame = new byte[UnpaddedLength];
        Header(false).CopyTo(frame, 0);
        "Xing"u8.CopyTo(frame.AsSpan(4 + 32));
        return frame;
    }

    /// <summary>Seeded random bytes with every 0xFF removed, so they cannot contain a sync word by chance.</summary>
    public static byte[] SyncFreeGarbage(int length, int seed)
    {
        var garbage = new byte[length];
        new Random(seed).NextBytes(garbage);
        for (var i = 0; i < garbage.Length; i++)
        {
            if (garbage[i] == 0xFF)
                garbage[i] = 0x7F;
        }

        return garbage;
    }
}
