using System.Text.RegularExpressions;
using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// <c>Cycast.Node</c>'s own command line, run as the executable an operator runs: every answer other than a run exits
/// on its own, which a started station never does.
/// </summary>
public sealed class NodeCommandLineTests
{
    /// <summary>Runs the node with <paramref name="arguments"/>; one that starts a station instead is killed when the wait ends.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> NodeAsync(params string[] arguments)
    {
        await using var node = ExternalProgram.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), .. arguments]);
        return await node.ExitAsync();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_describes_every_option_and_exits_0_without_starting_a_station(string help)
    {
        var (code, stdout, stderr) = await NodeAsync(help);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Cycast.Node [options]", stdout);
        foreach (var option in new[] { "-c, --config <FILE>", "--check-config <FILE>", "--version", "--help" })
            Assert.Contains(option, stdout);
        Assert.DoesNotContain("Now listening", stdout);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var (code, stdout, stderr) = await NodeAsync("--version");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+\S*$"), stdout);
    }

    [Theory]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("start", "Unrecognized command or argument 'start'")]
    [InlineData("--check-config", "Required argument missing for option: '--check-config'")]
    public async Task An_unknown_or_incomplete_command_line_exits_2_with_a_message_and_starts_nothing(string argument, string message)
    {
        var (code, stdout, stderr) = await NodeAsync(argument);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"Cycast.Node: {message}.\nTry 'Cycast.Node --help'.", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Check_config_of_a_valid_file_exits_0_without_binding_its_ports()
    {
        var (sourcePort, listenPort) = (FreePort.Next(), FreePort.Next());
        var config = await WriteConfigAsync(new StationOptions().ToHcl(sourcePort, listenPort));
        try
        {
            var (code, stdout, stderr) = await NodeAsync("--check-config", config);

            Assert.Equal(0, code);
            Assert.Equal("", stderr);
            Assert.Equal($"{config}: the configuration is valid", stdout);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Check_config_of_a_bad_file_exits_2_with_the_message_start_up_gives()
    {
        var config = await WriteConfigAsync("server {\n  host = \"127.0.0.1\"\n  source_port = \"eight thousand\"\n}\n");
        try
        {
            var check = await NodeAsync("--check-config", config);
            var run = await NodeAsync("-c", config);

            Assert.Equal(2, check.ExitCode);
            Assert.Equal("", check.Stdout);
            Assert.StartsWith($"cycast: bad configuration: {config}:3:3: server.source_port", check.Stderr);
            Assert.DoesNotContain("\n", check.Stderr);
            Assert.Equal(run, check);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Check_config_of_a_missing_file_exits_2_naming_it()
    {
        var config = Path.Combine(Path.GetTempPath(), $"cycast-missing-{Guid.NewGuid():N}.hcl");

        var (code, stdout, stderr) = await NodeAsync("--check-config", config);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"cycast: bad configuration: {config}", stderr);
        Assert.Contains("file not found", stderr);
    }

    private static async Task<string> WriteConfigAsync(string hcl)
    {
        var config = Path.Combine(Path.GetTempPath(), $"cycast-check-{Guid.NewGuid():N}.hcl");
        await File.WriteAllTextAsync(config, hcl);
        return config;
    }
}
