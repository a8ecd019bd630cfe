namespace Cycast.Shared.Audio;

/// <summary>
/// The walk every join-point scanner makes over a live stream fed in arbitrary pieces: from where it stopped (or a
/// piece's first byte, after a gap), unit after unit while they check out, a byte at a time through anything that does
/// not, so it resyncs after garbage anywhere; a unit that straddles pieces is read through a
/// <see cref="CarryOverWindow"/>. What a unit is and whether a listener may start at it is the format's
/// <see cref="Examine"/>.
/// </summary>
public abstract class ResyncingScanner : IJoinPointScanner
{
    private long _position;

    /// <param name="longestUnit">The most bytes <see cref="Examine"/> reads at once: a unit and what confirms it.</param>
    protected ResyncingScanner(int longestUnit) => Window = new CarryOverWindow(longestUnit);

    private protected CarryOverWindow Window { get; }

    public abstract int LongestUnconfirmed { get; }
    public abstract ReadOnlyMemory<byte> StreamHeader { get; }
    public abstract string Unit { get; }
    public virtual long StreamHeaderAppliesFrom => 0;

    public void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints)
    {
        _position = Window.Continue(_position, streamOffset, data.Length);
        while (true)
        {
            var step = Examine(data, streamOffset, _position);
            if (step == ScanStep.NeedMore)
                break;
            if (step == ScanStep.Skip)
            {
                _position++;
                continue;
            }
            if (step.IsJoinPoint)
                joinPoints.Add(_position);
            _position += step.Length;
        }
        Window.KeepFrom(_position, data, streamOffset);
    }

    /// <summary>
    /// Looks at the stream at <paramref name="position"/>, reading its bytes through <see cref="Window"/> from the piece
    /// <paramref name="data"/> that starts at <paramref name="streamOffset"/>.
    /// </summary>
    private protected abstract ScanStep Examine(ReadOnlySpan<byte> data, long streamOffset, long position);
}
