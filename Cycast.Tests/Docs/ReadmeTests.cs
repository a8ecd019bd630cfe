using Cycast.Tests.Support;

namespace Cycast.Tests.Docs;

/// <summary>README.md is a front door: short, and every relative link in it and in docs/ leads to a file
/// that exists, and to a heading there when it names one.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_readme_is_under_8_KB()
    {
        var size = new FileInfo(Path.Combine(RepoMusic.RepositoryRoot, "README.md")).Length;
        Assert.True(size < 8 * 1024, $"README.md is {size} bytes: detail belongs in docs/");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/configuration.md")]
    [InlineData("docs/api.md")]
    [InlineData("docs/operating.md")]
    [InlineData("docs/cluster.md")]
    [InlineData("docs/architecture.md")]
    public void Every_relative_link_leads_to_a_file_that_exists_and_its_anchor_to_a_heading(string page)
    {
        var document = DocsPage.Read(page);
        var directory = Path.GetDirectoryName(page)!;
        var broken = new List<string>();
        foreach (var (file, anchor) in document.RelativeLinks())
        {
            var target = file.Length == 0 ? page : Path.GetRelativePath(RepoMusic.RepositoryRoot, Path.GetFullPath(Path.Combine(RepoMusic.RepositoryRoot, directory, file)));
            var full = Path.Combine(RepoMusic.RepositoryRoot, target);
            if (!File.Exists(full) && !Directory.Exists(full))
                broken.Add($"{file}: no such file");
            else if (anchor is not null && (!target.EndsWith(".md", StringComparison.Ordinal) || !DocsPage.Read(target).Anchors().Contains(anchor)))
                broken.Add($"{file}#{anchor}: no such heading in {target}");
        }

        Assert.True(broken.Count == 0, $"{page} links nowhere:\n" + string.Join("\n", broken));
    }
}
