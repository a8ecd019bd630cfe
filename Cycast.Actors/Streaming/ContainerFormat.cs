using Cycast.Shared.Protocol;

namespace Cycast.Actors.Streaming;

/// <summary>The container a mount streams. A listener's decoder cannot follow a switch from one to the other.</summary>
public enum ContainerFormat
{
    Mp3,
    Ogg,
}

/// <summary>How a <see cref="ContainerFormat"/> is named on the wire and recognised in files and source heads.</summary>
public static class ContainerFormats
{
    public static string ContentType(this ContainerFormat format) => format == ContainerFormat.Ogg ? "application/ogg" : "audio/mpeg";

    /// <summary>The format a live source's content type names, or null when it is neither MP3 nor Ogg.</summary>
    public static ContainerFormat? FromContentType(string contentType) =>
        MediaTypes.IsOgg(contentType) ? ContainerFormat.Ogg
        : MediaTypes.IsMp3(contentType) ? ContainerFormat.Mp3
        : null;

    /// <summary>What a file's first bytes say it is: Ogg starts with a page capture pattern; anything else may be MP3.</summary>
    public static ContainerFormat Sniff(ReadOnlySpan<byte> file) => file.StartsWith("OggS"u8) ? ContainerFormat.Ogg : ContainerFormat.Mp3;
}
