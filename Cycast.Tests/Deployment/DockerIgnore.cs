using System.Text.RegularExpressions;

namespace Cycast.Tests.Deployment;

/// <summary>
/// A .dockerignore as Docker's pattern matcher reads it: paths relative to the build context, <c>*</c> and <c>?</c>
/// within one path element, <c>**</c> across any number of them, a trailing slash ignored, <c>!</c> to take a path
/// back, the last matching line deciding; a pattern that matches a directory excludes everything under it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules = [];

    public DockerIgnore(IEnumerable<string> lines)
    {
        foreach (var raw in lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            var exclude = !raw.StartsWith('!');
            var pattern = (exclude ? raw : raw[1..]).Trim().Trim('/');
            _rules.Add((new Regex("^" + ToRegex(pattern) + "$"), exclude));
        }
    }

    public static DockerIgnore Load(string contextDirectory)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        return new DockerIgnore(File.Exists(file) ? File.ReadAllLines(file) : []);
    }

    /// <summary>Whether the file or directory at <paramref name="relativePath"/> (with '/') stays out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            if (Prefixes(relativePath).Any(pattern.IsMatch))
                excluded = exclude;
        }
        return excluded;
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        var parts = path.Split('/');
        for (var count = 1; count <= parts.Length; count++)
            yield return string.Join('/', parts[..count]);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" is any number of directories, none included.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var other => Regex.Escape(other.ToString()),
                });
            }
        }
        return regex.ToString();
    }
}
