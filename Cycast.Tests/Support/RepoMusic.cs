namespace Cycast.Tests.Support;

/// <summary>The generated test signals shipped in the repository's <c>music/</c> directory (see music/README.md).</summary>
public static class RepoMusic
{
    public static readonly string Directory = Find();

    public static string Ogg => Path.Combine(Directory, "ogg");

    /// <summary>The repository the tests run from, which holds music/ and deploy/.</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(Directory)!;

    public static readonly string[] Mp3Titles =
    [
        "Cycast Test Signals - A440 Tone",
        "Cycast Test Signals - E5 Tone",
        "Cycast Test Signals - Pink Noise (VBR)",
    ];

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var music = Path.Combine(directory.FullName, "music");
            if (File.Exists(Path.Combine(music, "README.md")))
                return music;
        }
        throw new DirectoryNotFoundException($"no music/ directory above {AppContext.BaseDirectory}");
    }
}
