using Cycast.Shared.Protocol;

namespace Cycast.Actors.Playlist;

/// <summary>The container a mount streams. A listener's decoder cannot follow a switch from one to the other.</summary>
public enum TrackFormat
{
    Mp3,
    Ogg,
}

/// <summary>How a <see cref="TrackFormat"/> is named on the wire and recognised in files and source heads.</summary>
public static class TrackFormats
{
    public static string ContentType(this TrackFormat format) => format == TrackFormat.Ogg ? "application/ogg" : "audio/mpeg";

    /// <summary>The format a live source's content type names, or null when it is neither MP3 nor Ogg.</summary>
    public static TrackFormat? FromContentType(string contentType) =>
        MediaTypes.IsOgg(contentType) ? TrackFormat.Ogg
        : MediaTypes.IsMp3(contentType) ? TrackFormat.Mp3
        : null;

    /// <summary>What a file's first bytes say it is: Ogg starts with a page capture pattern; anything else may be MP3.</summary>
    public static TrackFormat Sniff(ReadOnlySpan<byte> file) => file.StartsWith("OggS"u8) ? TrackFormat.Ogg : TrackFormat.Mp3;
}
