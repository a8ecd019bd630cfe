namespace Cycast.Shared.Audio;

/// <summary>
/// Join points of a stream of self-delimiting frames: starts of frames whose header is valid and whose successor's
/// header, found exactly one frame length later, is valid and consistent. Requiring the pair rejects sync-like bytes in
/// tags and garbage, at the cost of reporting a frame only once the next header has arrived.
/// </summary>
public abstract class PairedFrameScanner<THeader>() : ResyncingScanner(THeader.LongestFrame + THeader.HeaderLength)
    where THeader : struct, IFrameHeader<THeader>
{
    /// <summary>A frame is confirmed once the next frame's header has arrived.</summary>
    public override int LongestUnconfirmed => THeader.LongestFrame + THeader.HeaderLength;

    public override ReadOnlyMemory<byte> StreamHeader => ReadOnlyMemory<byte>.Empty;

    public override string Unit => THeader.Unit;

    private protected override ScanStep Examine(ReadOnlySpan<byte> data, long streamOffset, long position)
    {
        if (!Window.TryRead(position, THeader.HeaderLength, data, streamOffset, out var headerBytes))
            return ScanStep.NeedMore;
        if (!THeader.TryParse(headerBytes, out var header))
            return ScanStep.Skip;
        if (!Window.TryRead(position, header.FrameLength + THeader.HeaderLength, data, streamOffset, out var frameAndNext))
            return ScanStep.NeedMore;
        return THeader.TryParse(frameAndNext[header.FrameLength..], out var next) && header.IsConsistentWith(next)
            ? ScanStep.Unit(header.FrameLength, isJoinPoint: true)
            : ScanStep.Skip;
    }
}
