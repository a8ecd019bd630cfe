namespace Cycast.Shared.Audio;

/// <summary>
/// Join points of an MPEG audio stream: starts of frames whose header is valid and whose successor's header, found
/// exactly one frame length later, is valid and consistent. Requiring the pair rejects sync-like bytes in ID3 tags and
/// garbage, at the cost of reporting a frame only once the next header has arrived.
/// </summary>
public sealed class Mp3FrameScanner : IJoinPointScanner
{
    private readonly CarryOverWindow _window = new(Mp3FrameHeader.MaxFrameLength + Mp3FrameHeader.Length);
    private long _position;
    private long _expectedOffset = -1;

    /// <summary>A frame is confirmed once the next frame's header has arrived.</summary>
    public int LongestUnconfirmed => Mp3FrameHeader.MaxFrameLength + Mp3FrameHeader.Length;

    public ReadOnlyMemory<byte> StreamHeader => ReadOnlyMemory<byte>.Empty;

    public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints)
    {
        if (streamOffset != _expectedOffset)
        {
            _window.Reset(streamOffset);
            _position = streamOffset;
        }
        _expectedOffset = streamOffset + data.Length;

        while (_window.TryRead(_position, Mp3FrameHeader.Length, data, streamOffset, out var headerBytes))
        {
            if (!Mp3FrameHeader.TryParse(headerBytes, out var header))
            {
                _position++;
                continue;
            }
            if (!_window.TryRead(_position, header.FrameLength + Mp3FrameHeader.Length, data, streamOffset, out var frameAndNext))
                break;
            if (Mp3FrameHeader.TryParse(frameAndNext[header.FrameLength..], out var next) && header.IsConsistentWith(next))
            {
                joinPoints.Add(_position);
                _position += header.FrameLength;
            }
            else
            {
                _position++;
            }
        }
        _window.KeepFrom(_position, data, streamOffset);
    }
}
