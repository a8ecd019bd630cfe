namespace Cycast.Shared.Audio;

/// <summary>Finds safe places for a new listener to start inside a live byte stream fed in arbitrary pieces.</summary>
public interface IJoinPointScanner
{
    /// <summary>
    /// <paramref name="data"/> = the next bytes of the stream; <paramref name="streamOffset"/> = absolute offset of data[0].
    /// Appends the absolute offsets of every join point that starts inside data (or that became certain thanks to data)
    /// to <paramref name="joinPoints"/>, in increasing order.
    /// </summary>
    void Feed(ReadOnlySpan<byte> data, long streamOffset, List<long> joinPoints);

    /// <summary>
    /// How far back from the end of what was fed a join point may still be confirmed: the longest frame or page, with
    /// whatever after it the scanner needs to be sure of it.
    /// </summary>
    int LongestUnconfirmed { get; }

    /// <summary>What the stream is made of, for the log: "MP3 frame", "Ogg page".</summary>
    string Unit { get; }

    /// <summary>Bytes a new listener must receive before the first join point (Ogg codec header pages); empty for MP3.</summary>
    ReadOnlyMemory<byte> StreamHeader { get; }

    /// <summary>
    /// Absolute offset of the first join point that <see cref="StreamHeader"/> belongs to. Join points before it belong
    /// to an earlier logical stream (a chained Ogg stream) and must not be sent after this header, e.g. in a burst.
    /// </summary>
    long StreamHeaderAppliesFrom => 0;
}
