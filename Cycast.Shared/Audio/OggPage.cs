namespace Cycast.Shared.Audio;

/// <summary>
/// One page of an Ogg file. <paramref name="EndTime"/> is the audio time at the end of the page, counted from the start
/// of the file (chained streams continue from where the previous one ended); pages without a granule keep the previous time.
/// </summary>
public readonly record struct OggPage(
    int Offset,
    int Length,
    uint Serial,
    long GranulePosition,
    bool IsBeginOfStream,
    bool IsEndOfStream,
    bool IsHeader,
    TimeSpan EndTime);
