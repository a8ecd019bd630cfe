using System.CommandLine;
using System.Net.WebSockets;
using System.Text.Json;
using Cycast.Cli.Client;

namespace Cycast.Cli.Commands;

/// <summary>What every command's action is made of: connect, ask, print as a table or with --json as the API's JSON, fail in one line.</summary>
public static class CommandActions
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print the admin API's JSON instead of a table" };

    /// <summary>A read command's action: the admin API's view at <paramref name="path"/>, as its JSON with --json, else drawn.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Show<T>(Func<ParseResult, string> path, Action<T> draw) =>
        Present<T>(path, (view, _, _) =>
        {
            draw(view);
            return Task.CompletedTask;
        });

    /// <summary>
    /// As <see cref="Show{T}"/>, for views that name nodes by address: the drawing names them by <c>node_name</c>,
    /// asked of the same node; <c>--json</c> keeps the addresses and asks nothing more.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> ShowNamed<T>(Func<ParseResult, string> path, Action<T, NodeNames> draw) =>
        Present<T>(path, async (view, client, cancel) => draw(view, await NodeNames.FetchAsync(client, cancel)));

    private static Func<ParseResult, CancellationToken, Task<int>> Present<T>(Func<ParseResult, string> path, Func<T, AdminClient, CancellationToken, Task> draw) =>
        Run(async (parse, client, cancel) =>
        {
            var view = await client.GetAsync<T>(path(parse), cancel);
            if (parse.GetValue(Json))
                Output.Json(view);
            else
                await draw(view, client, cancel);
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
