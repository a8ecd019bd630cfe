using System.Text.RegularExpressions;
using Cycast.Tests.Support;

namespace Cycast.Tests.Docs;

/// <summary>One of the repository's Markdown pages, read the way the docs tests compare it with the code.</summary>
public sealed partial class DocsPage
{
    private DocsPage(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The page's path from the repository's root, e.g. <c>docs/api.md</c>.</summary>
    public string Path { get; }

    public string Text { get; }

    public static DocsPage Read(string path) =>
        new(path, File.ReadAllText(System.IO.Path.Combine(RepoMusic.RepositoryRoot, path)));

    /// <summary>The first cell of every table row that starts with a code span: what a reference table lists.</summary>
    public IReadOnlyList<string> ListedNames(string? section = null) =>
        [.. ListedName().Matches(section is null ? Text : Section(section)).Select(match => match.Groups["name"].Value)];

    /// <summary>The text under the heading <paramref name="heading"/> (without its hashes), up to the next heading of its level or above.</summary>
    public string Section(string heading)
    {
        var start = Regex.Match(Text, $"^(?<level>#+) {Regex.Escape(heading)}$", RegexOptions.Multiline);
        Assert.True(start.Success, $"{Path} has no heading \"{heading}\"");
        var level = start.Groups["level"].Value.Length;
        var end = Regex.Match(Text[(start.Index + start.Length)..], $"^#{{1,{level}}} ", RegexOptions.Multiline);
        return end.Success ? Text.Substring(start.Index, start.Length + end.Index) : Text[start.Index..];
    }

    /// <summary>
    /// Every relative link, <c>[text](target)</c> or <c>![alt](target)</c>: the file it names (empty for a link within
    /// the page) and its <c>#anchor</c>, if any.
    /// </summary>
    public IReadOnlyList<(string File, string? Anchor)> RelativeLinks() =>
        [.. Link().Matches(Text).Select(match => match.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(target => target.Split('#', 2) is [var file, var anchor] ? (file, anchor) : (target, (string?)null))];

    /// <summary>The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    public IReadOnlySet<string> Anchors() =>
        Heading().Matches(Text)
            .Select(match => AnchorPunctuation().Replace(match.Groups["title"].Value.ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^#+ (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N}\- ]")]
    private static partial Regex AnchorPunctuation();

    [GeneratedRegex(@"^\| `(?<name>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ListedName();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
