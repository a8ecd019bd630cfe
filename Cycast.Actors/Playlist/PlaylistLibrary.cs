using Cycast.Actors.Streaming;
namespace Cycast.Actors.Playlist;

/// <summary>
/// The files of one playlist directory, listed afresh for every cycle so that files added or removed between cycles
/// are picked up. Only the directory's own files count, not its subdirectories'.
/// </summary>
public sealed class PlaylistLibrary(string directory, bool shuffle, IReadOnlyList<string> extensions)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>One cycle's files: in name order, or shuffled anew. Empty when the directory is missing or unreadable.</summary>
    public IReadOnlyList<string> NextCycle()
    {
        string[] files;
        try
        {
            files = System.IO.Directory.EnumerateFiles(Directory)
                .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        if (shuffle)
            Random.Shared.Shuffle(files);
        return files;
    }

    /// <summary>
    /// The format a mount that has never had a live source streams: MP3, the Icecast default, when the directory holds
    /// an MP3 file, otherwise Ogg. A mount that had a live source keeps that source's format instead.
    /// </summary>
    public static ContainerFormat FormatOf(IReadOnlyList<string> files) =>
        files.Any(file => string.Equals(Path.GetExtension(file), ".mp3", StringComparison.OrdinalIgnoreCase)) ? ContainerFormat.Mp3 : ContainerFormat.Ogg;
}
