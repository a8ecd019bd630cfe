using System.CommandLine;
using Cycast.Shared.Config;

namespace Cycast.Node.Hosting;

/// <summary>
/// <c>Cycast.Node [-c FILE]</c> runs a station; <c>--help</c>, <c>--version</c> and <c>--check-config FILE</c> answer
/// and exit without binding a port. A mistyped argument is refused rather than ignored: an operator who meant
/// <c>--help</c> must not find a public station running with the default password.
/// </summary>
public static class NodeCommandLine
{
    /// <summary>What the shell sees for a command line or a configuration the node will not run with.</summary>
    public const int UsageError = 2;

    private const string Name = "Cycast.Node";

    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "The HCL configuration file to run with (default: the built-in defaults, the spec's values)",
        HelpName = "FILE",
    };

    public static readonly Option<string?> CheckConfig = new("--check-config")
    {
        Description = "Check FILE as start-up would and exit, starting nothing: 0 when valid, 2 with file:line:key when not",
        HelpName = "FILE",
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Run a Cycast node: an Icecast-compatible internet-radio server, alone or in a cluster.")
        {
            Config, CheckConfig,
        };
        root.SetAction(RunAsync);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and does what they say; returns the process's exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync($"{Name}: {error.Message}");
            await Console.Error.WriteLineAsync($"Try '{Name} --help'.");
            return UsageError;
        }
        // The host handles SIGTERM and Ctrl+C itself, with a graceful leave that takes longer than the parser's
        // default two seconds before it would end the process.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken _)
    {
        if (parse.GetValue(CheckConfig) is { } check)
        {
            if (Load(check) is null)
                return UsageError;
            await Console.Out.WriteLineAsync($"{check}: the configuration is valid");
            return 0;
        }
        var configPath = parse.GetValue(Config);
        if (Load(configPath) is not { } loaded)
            return UsageError;
        await CycastApp.Build(loaded, configPath: configPath).RunAsync();
        return 0;
    }

    /// <summary>The settings in <paramref name="path"/> (null: the defaults), or null once the reason is printed.</summary>
    private static LoadedSettings? Load(string? path)
    {
        try
        {
            return path is null ? SettingsLoader.Defaults() : SettingsLoader.LoadFile(path);
        }
        catch (ConfigException error)
        {
            Console.Error.WriteLine($"cycast: bad configuration: {error.Message}");
            return null;
        }
    }
}
