namespace Cycast.Shared.Audio;

/// <summary>Walks the frames of a whole MP3 file so the playlist player can pace it in real time.</summary>
public static class Mp3FileInfo
{
    private const int VbriTagOffset = Mp3FrameHeader.Length + 32;

    /// <summary>
    /// The audio frames between <paramref name="audioStart"/> and <paramref name="audioEnd"/>, resyncing past garbage.
    /// A Xing/Info/VBRI first frame is reported with <see cref="Mp3Frame.IsInfoFrame"/> so the player may send or skip it.
    /// </summary>
    public static IEnumerable<Mp3Frame> Frames(ReadOnlyMemory<byte> file, int audioStart, int audioEnd)
    {
        var end = Math.Min(audioEnd, file.Length);
        var position = Math.Max(audioStart, 0);
        var isFirst = true;
        while (TryFindFrame(file.Span, ref position, end, out var header))
        {
            var isInfoFrame = isFirst && IsInfoFrame(file.Span.Slice(position, header.FrameLength), header);
            yield return new Mp3Frame(position, header.FrameLength, header.Duration, isInfoFrame);
            isFirst = false;
            position += header.FrameLength;
        }
    }

    // Like the live scanner, a frame counts only when the next header agrees with it, except the last frame, which has
    // no successor to vouch for it.
    private static bool TryFindFrame(ReadOnlySpan<byte> file, ref int position, int end, out Mp3FrameHeader header)
    {
        for (; position + Mp3FrameHeader.Length <= end; position++)
        {
            if (!Mp3FrameHeader.TryParse(file.Slice(position, Mp3FrameHeader.Length), out header))
                continue;
            var next = position + header.FrameLength;
            if (next > end)
                continue;
            if (next + Mp3FrameHeader.Length > end)
                return true;
            if (Mp3FrameHeader.TryParse(file.Slice(next, Mp3FrameHeader.Length), out var following) && header.IsConsistentWith(following))
                return true;
        }
        header = default;
        return false;
    }

    private static bool IsInfoFrame(ReadOnlySpan<byte> frame, Mp3FrameHeader header)
    {
        if (header.Layer != 3)
            return false;
        // The Xing/Info tag sits right after the side information, whose size depends on version and channel count.
        var sideInfoLength = header.Version == 1 ? (header.Channels == 1 ? 17 : 32) : (header.Channels == 1 ? 9 : 17);
        return HasTagAt(frame, Mp3FrameHeader.Length + sideInfoLength, "Xing"u8)
            || HasTagAt(frame, Mp3FrameHeader.Length + sideInfoLength, "Info"u8)
            || HasTagAt(frame, VbriTagOffset, "VBRI"u8);
    }

    private static bool HasTagAt(ReadOnlySpan<byte> frame, int offset, ReadOnlySpan<byte> tag) =>
        frame.Length >= offset + tag.Length && frame.Slice(offset, tag.Length).SequenceEqual(tag);
}
