using Cycast.Tests.Support;

namespace Cycast.Tests.Repository;

/// <summary>
/// The repository's commit-msg hook (.githooks/commit-msg), installed by scripts/install-hooks.sh (which scripts/test.sh
/// runs), driven by a real git in a scratch repository that holds copies of both files.
/// </summary>
public sealed class CommitSubjectHookTests : IDisposable
{
    private const string Git = "/usr/bin/git";
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("cycast-hook-");

    public CommitSubjectHookTests()
    {
        var root = RepoMusic.RepositoryRoot;
        Directory.CreateDirectory(Path.Combine(_scratch.FullName, "scripts"));
        Directory.CreateDirectory(Path.Combine(_scratch.FullName, ".githooks"));
        foreach (var file in new[] { "scripts/install-hooks.sh", ".githooks/commit-msg" })
            File.Copy(Path.Combine(root, file), Path.Combine(_scratch.FullName, file)); // keeps the executable bit git needs
    }

    public void Dispose() => _scratch.Delete(recursive: true);

    [FactWhenInstalled(Git, "git")]
    public async Task A_subject_over_72_characters_is_refused_with_its_length_and_one_of_72_is_taken()
    {
        await RunAsync(Git, "init", "--quiet");
        var install = await RunAsync("scripts/install-hooks.sh");
        Assert.Equal(0, install.ExitCode);
        Assert.Equal(".githooks", (await RunAsync(Git, "config", "core.hooksPath")).Stdout);

        var tooLong = new string('x', 73);
        var refused = await RunAsync(Git, "commit", "--allow-empty", "-m", tooLong, "-m", "The body may be as long as it likes.");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("the subject line is 73 characters; at most 72", refused.Stderr);
        Assert.NotEqual(0, (await RunAsync(Git, "rev-parse", "--verify", "--quiet", "HEAD")).ExitCode);

        // 72 characters counted as characters, not bytes: an accented subject is no longer than a plain one.
        var longest = "é" + new string('x', 71);
        var body = string.Concat(Enumerable.Repeat("A body line may run past the subject's limit. ", 5));
        var taken = await RunAsync(Git, "commit", "--allow-empty", "-m", longest, "-m", body);
        Assert.True(taken.ExitCode == 0, taken.Stderr);
        Assert.Equal(longest, (await RunAsync(Git, "log", "-1", "--format=%s")).Stdout);
    }

    [FactWhenInstalled(Git, "git")]
    public async Task Installing_outside_a_git_checkout_succeeds_and_changes_nothing()
    {
        var install = await RunAsync("scripts/install-hooks.sh");
        // Run as git would be there, `git config` would fail outside a repository and the script (set -e) with it.
        Assert.True(install.ExitCode == 0 && install.Stderr.Length == 0, install.Stderr);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string program, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            // Only this scratch repository's settings: no user's or machine's config, no repository above the scratch directory.
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CEILING_DIRECTORIES"] = _scratch.Parent!.FullName,
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.org",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.org",
        };
        await using var run = program == Git
            ? ExternalProgram.StartWith(environment, Git, ["-C", _scratch.FullName, .. arguments])
            : ExternalProgram.StartWith(environment, Path.Combine(_scratch.FullName, program), arguments);
        return await run.ExitAsync();
    }
}
