namespace Cycast.Shared.Audio;

/// <summary>
/// Join points of a stream of self-delimiting frames: starts of frames whose header is valid and whose successor's
/// header, found exactly one frame length later, is valid and consistent. Requiring the pair rejects sync-like bytes in
/// tags and garbage, at the cost of reporting a frame only once the next header has arrived. Anything else is skipped a
/// byte at a time until the pair is found again, so the scanner resyncs after garbage in the middle of a stream.
/// </summary>
public abstract class PairedFrameScanner<THeader> : IJoinPointScanner where THeader : struct, IFrameHeader<THeader>
{
    private readonly CarryOverWindow _window = new(THeader.LongestFrame + THeader.HeaderLength);
    private long _position;

    /// <summary>A frame is confirmed once the next frame's header has arrived.</summary>
    public int LongestUnconfirmed => THeader.LongestFrame + THeader.HeaderLength;

    public ReadOnlyMemory<byte> StreamHeader => ReadOnlyMemory<byte>.Empty;

    public string Unit => THeader.Unit;

    public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints)
    {
        _position = _window.Continue(_position, streamOffset, data.Length);

        while (_window.TryRead(_position, THeader.HeaderLength, data, streamOffset, out var headerBytes))
        {
            if (!THeader.TryParse(headerBytes, out var header))
            {
                _position++;
                continue;
            }
            if (!_window.TryRead(_position, header.FrameLength + THeader.HeaderLength, data, streamOffset, out var frameAndNext))
                break;
            if (THeader.TryParse(frameAndNext[header.FrameLength..], out var next) && header.IsConsistentWith(next))
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
