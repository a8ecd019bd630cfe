namespace Cycast.Tests.Support;

/// <summary>The <c>cycast</c> command line as its own process (<c>dotnet cycast.dll</c>), with its exit code and output.</summary>
public static class CycastCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>cycast --node http://127.0.0.1:LISTEN --password PASSWORD ARGS</c>.</summary>
    public static Task<Result> RunAsync(int listenPort, string password, params string[] arguments) =>
        RunAsync(["--node", $"http://127.0.0.1:{listenPort}", "--password", password, .. arguments]);

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        await using var cli = ExternalProgram.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "cycast.dll"), .. arguments]);
        var (code, stdout, stderr) = await cli.ExitAsync();
        return new Result(code, stdout, stderr);
    }

    /// <summary>A failure as the operator sees it: a non-zero exit and one line on standard error, with no stack trace.</summary>
    public static void AssertOneLineError(Result result, string expected)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Single(result.Stderr.Split('\n'));
        Assert.StartsWith("cycast: ", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
