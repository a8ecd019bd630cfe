namespace Cycast.Shared.Audio;

/// <summary>
/// Tags of an MP3 file and where its audio lies: <paramref name="AudioStart"/> is just past the leading ID3v2 tag(s),
/// <paramref name="AudioEnd"/> is just before the trailing ID3v1, APEv2 and Lyrics3v2 tags.
/// </summary>
public sealed record Id3Info(StreamTags Tags, int AudioStart, int AudioEnd);
