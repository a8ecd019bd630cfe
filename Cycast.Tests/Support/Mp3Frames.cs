using Cycast.Tests.Audio;

namespace Cycast.Tests.Support;

/// <summary>
/// Synthetic MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, no padding: 417 bytes each) whose payload says which
/// frame it is, so a test can tell exactly which bytes a listener got. Payload bytes never form a frame sync.
/// </summary>
public static class Mp3Frames
{
    public const int FrameLength = SyntheticMp3.UnpaddedLength;

    public static byte[] Make(int count, int firstIndex = 0)
    {
        var bytes = new byte[count * FrameLength];
        for (var frame = 0; frame < count; frame++)
        {
            var start = frame * FrameLength;
            SyntheticMp3.Header(padding: false).CopyTo(bytes, start);
            var index = firstIndex + frame;
            for (var i = 4; i < FrameLength; i++)
                bytes[start + i] = (byte)((index * 7 + i) % 200 + 1);
        }
        return bytes;
    }
}
