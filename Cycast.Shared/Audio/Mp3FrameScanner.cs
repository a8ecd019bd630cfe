namespace Cycast.Shared.Audio;

/// <summary>
/// Join points of an MPEG audio stream: starts of frames whose header is valid and whose successor's header, found
/// exactly one frame length later, is valid and consistent. Requiring the pair rejects sync-like bytes in ID3 tags and
/// garbage, at the cost of reporting a frame only once the next header has arrived.
/// </summary>
public sealed class Mp3FrameScanner : IJoinPointScanner
{
    private readonly CarryOverWindow window = new(Mp3FrameHeader.MaxFrameLength + Mp3FrameHeader.Length);
    private long position;
    private long expectedOffset = -1;

    public ReadOnlyMemory<byte> StreamHeader => ReadOnlyMemory<byte>.Empty;

    public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints)
    {
        if (streamOffset != expectedOffset)
        {
            window.Reset(streamOffset);
            position = streamOffset;
        }
        expectedOffset = streamOffset + data.Length;

        while (window.TryRead(position, Mp3FrameHeader.Length, data, streamOffset, out ReadOnlySpan<byte> headerBytes))
        {
            if (!Mp3FrameHeader.TryParse(headerBytes, out Mp3FrameHeader header))
            {
                position++;
                continue;
            }
            if (!window.TryRead(position, header.FrameLength + Mp3FrameHeader.Length, data, streamOffset, out ReadOnlySpan<byte> frameAndNext))
                break;
            if (Mp3FrameHeader.TryParse(frameAndNext[header.FrameLength..], out Mp3FrameHeader next) && header.IsConsistentWith(next))
            {
                joinPoints.Add(position);
                position += header.FrameLength;
            }
            else
            {
                position++;
            }
        }
        window.KeepFrom(position, data, streamOffset);
    }
}
