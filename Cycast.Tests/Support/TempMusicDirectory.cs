namespace Cycast.Tests.Support;

/// <summary>A playlist directory of the test's own, deleted afterwards, and the <c>playlist { }</c> block that plays it in order.</summary>
public sealed class TempMusicDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cycast-music-").FullName;

    public string PlaylistBlock(params string[] extensions) => $$"""
        playlist {
          directory = "{{Path}}"
          shuffle = false
          extensions = [{{string.Join(", ", (extensions.Length == 0 ? [".mp3", ".ogg"] : extensions).Select(extension => $"\"{extension}\""))}}]
        }
        """;

    /// <summary>Copies a file in, under <paramref name="name"/> (its own name by default); returns the new path.</summary>
    public string Add(string source, string? name = null)
    {
        var target = System.IO.Path.Combine(Path, name ?? System.IO.Path.GetFileName(source));
        File.Copy(source, target);
        return target;
    }

    public string Write(string name, byte[] bytes)
    {
        var target = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(target, bytes);
        return target;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
