using System.CommandLine;
using System.Net.WebSockets;
using System.Text.Json;
using Cycast.Cli.Commands;

namespace Cycast.Cli;

/// <summary>
/// <c>cycast</c>: pbm's vocabulary (<c>cluster show</c>, <c>cluster leave</c>, <c>cluster down</c>, shards) and a
/// radio's (mounts, sources, listeners, titles, <c>top</c>), over any node's admin API.
/// </summary>
public static class CycastCommandLine
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print the admin API's JSON instead of a table" };

    public static RootCommand Build()
    {
        var root = new RootCommand("Inspect and steer a Cycast cluster through any node's admin API.")
        {
            Connection.Node, Connection.User, Connection.Password,
            ClusterCommands.Build(), MountCommands.Build(), ListenerCommands.Build(), SourceCommands.Build(), SourceCommands.Metadata(),
            TopCommand.Build(),
        };
        return root;
    }

    /// <summary>A read command's action: the admin API's view at <paramref name="path"/>, as its JSON with --json, else drawn.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Show<T>(Func<ParseResult, string> path, Action<T> draw) =>
        Run(async (parse, client, cancel) =>
        {
            var view = await client.GetAsync<T>(path(parse), cancel);
            if (parse.GetValue(Json))
                Output.Json(view);
            else
                draw(view);
        });

    /// <summary>
    /// A command's action: connects, runs <paramref name="body"/>, and turns any failure into one line on standard error
    /// and exit code 1. Ctrl+C ends a command quietly.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, AdminClient, CancellationToken, Task> body) =>
        async (parse, cancel) =>
        {
            try
            {
                using var client = Connection.Open(parse);
                await body(parse, client, cancel);
                return 0;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception error) when (error is CliError or JsonException or WebSocketException)
            {
                await Console.Error.WriteLineAsync($"cycast: {error.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
        };
}
