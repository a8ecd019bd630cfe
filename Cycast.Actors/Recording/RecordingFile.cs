namespace Cycast.Actors.Recording;

/// <summary>
/// One file of a mount's recording, from its first byte to its last written by one recorder. It is created new, never
/// opened for appending: a name that is taken (a pattern without seconds, another node's file of the same second on
/// a shared disk) gets <c>-2</c>, <c>-3</c>, ... before its extension, so no two writers ever share a file.
/// </summary>
internal sealed class RecordingFile : IDisposable
{
    /// <summary>Taken names tried before giving up: a pattern that names one file per second never needs more.</summary>
    private const int MaxSuffix = 1000;

    private readonly FileStream _stream;

    private RecordingFile(FileStream stream) => _stream = stream;

    /// <summary>The file's path as opened (with its suffix, if the name was taken).</summary>
    public string Path => _stream.Name;

    /// <summary>What was written to it so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Creates the file at <paramref name="path"/> (its directory too, when missing), or at the first free suffixed name.</summary>
    /// <exception cref="IOException">The directory cannot be made or written, the disk is full, or every name is taken.</exception>
    /// <exception cref="UnauthorizedAccessException">The node may not write there.</exception>
    public static RecordingFile Create(string path)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);
        for (var suffix = 1; ; suffix++)
        {
            var name = suffix == 1 ? path : Suffixed(path, suffix);
            try
            {
                return new RecordingFile(new FileStream(name, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024));
            }
            catch (IOException) when (File.Exists(name) && suffix < MaxSuffix)
            {
                // Taken, by an earlier file of this pattern or by another writer: try the next name.
            }
        }
    }

    private static string Suffixed(string path, int suffix) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "",
            $"{System.IO.Path.GetFileNameWithoutExtension(path)}-{suffix}{System.IO.Path.GetExtension(path)}");

    public void Write(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        Bytes += bytes.Length;
    }

    /// <summary>Hands what is buffered to the operating system, so a node that dies loses at most what came since.</summary>
    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();
}
