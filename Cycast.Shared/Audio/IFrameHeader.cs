namespace Cycast.Shared.Audio;

/// <summary>
/// The header of a frame that states its own length (MPEG audio, AAC in ADTS): enough for
/// <see cref="PairedFrameScanner{THeader}"/> to check it by finding the next frame's header where it says the frame ends.
/// </summary>
public interface IFrameHeader<TSelf> where TSelf : struct, IFrameHeader<TSelf>
{
    /// <summary>The bytes <see cref="TryParse"/> reads.</summary>
    static abstract int HeaderLength { get; }

    /// <summary>The longest frame the format allows, header included.</summary>
    static abstract int LongestFrame { get; }

    /// <summary>What the format calls a frame, for the log: "MP3 frame".</summary>
    static abstract string Unit { get; }

    static abstract bool TryParse(ReadOnlySpan<byte> bytes, out TSelf header);

    /// <summary>Bytes, including the header.</summary>
    int FrameLength { get; }

    /// <summary>Whether <paramref name="next"/> can plausibly be the frame after this one in the same stream.</summary>
    bool IsConsistentWith(TSelf next);
}
