using System.CommandLine;
using System.Net.WebSockets;
using System.Text.Json;
using Cycast.Cli.Client;
using Cycast.Shared.AdminApi;
using Spectre.Console;
using static Cycast.Cli.Commands.CommandActions;

namespace Cycast.Cli.Commands;

/// <summary>
/// <c>top</c>: listeners per node and mount, redrawn at every push of the node's <c>/api/live</c> (when something
/// changes, and at least every 2 s) until Ctrl+C or <c>-n</c> updates.
/// </summary>
public static class TopCommand
{
    public static Command Build()
    {
        var updates = new Option<int?>("-n", "--updates") { Description = "Stop after this many updates (like top -n)" };
        var top = new Command("top", "A live view of listeners per node and mount") { updates, Json };
        top.SetAction(Run(async (parse, client, cancel) =>
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", client.Authorization.ToString());
            try
            {
                await socket.ConnectAsync(client.Live, cancel);
            }
            catch (WebSocketException error)
            {
                throw new CliError($"cannot follow {client.Live}: {error.Message}");
            }
            var left = parse.GetValue(updates) ?? int.MaxValue;
            var json = parse.GetValue(Json);
            // On a terminal the table is redrawn in place; piped, each update is printed after the last.
            if (json || Console.IsOutputRedirected)
            {
                await foreach (var document in DocumentsAsync(socket, cancel).Take(left))
                {
                    if (json)
                        Output.Line(document.RootElement.GetRawText());
                    else
                        Output.Console.Write(Render(document));
                }
                return;
            }
            await Output.Console.Live(new Text($"waiting for {client.Live}")).StartAsync(async live =>
            {
                await foreach (var document in DocumentsAsync(socket, cancel).Take(left))
                    live.UpdateTarget(Render(document));
            });
        }));
        return top;
    }

    /// <summary>Each text message the socket carries, as JSON, until the node closes it.</summary>
    private static async IAsyncEnumerable<JsonDocument> DocumentsAsync(ClientWebSocket socket,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancel);
            if (received.MessageType == WebSocketMessageType.Close)
                throw new CliError("the node closed /api/live");
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
                continue;
            yield return JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
        }
    }

    /// <summary>Rows are mounts, columns the nodes that answered and the total; the last row is each node's total.</summary>
    private static Table Render(JsonDocument document)
    {
        var status = document.Deserialize<LiveStatus>(AdminApiJson.Options) ?? throw new JsonException("null status");
        var nodes = status.Nodes.Select(node => node.Node).ToArray();
        var table = Output.Table(["Mount", .. nodes, "All nodes"]);
        foreach (var mount in status.Mounts)
            table.Row([mount.Mount, .. nodes.Select(node => (object)mount.ListenersByNode.GetValueOrDefault(node)), mount.Listeners]);
        table.Row(["All mounts", .. status.Nodes.Select(node => (object)node.Listeners), status.Listeners]);
        table.Caption = new TableTitle($"{DateTime.Now:HH:mm:ss}  {status.Listeners} listeners"
            + (status.NodesNotAnswering.Count > 0 ? "  not answering: " + string.Join(", ", status.NodesNotAnswering) : ""));
        return table;
    }

    /// <summary>The fields of <c>/api/status</c> that top draws.</summary>
    private sealed record LiveStatus(int Listeners, IReadOnlyList<LiveMount> Mounts, IReadOnlyList<LiveNode> Nodes, IReadOnlyList<string> NodesNotAnswering);

    private sealed record LiveMount(string Mount, int Listeners, Dictionary<string, int> ListenersByNode);

    private sealed record LiveNode(string Node, int Listeners);
}
