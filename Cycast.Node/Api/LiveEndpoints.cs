using System.Net.WebSockets;
using Cycast.Actors.Listeners;
using Cycast.Node.Observability;

namespace Cycast.Node.Api;

/// <summary>
/// <c>GET /api/live</c>, a WebSocket that pushes <c>/api/status</c>'s document as a text message when something changes
/// and at least every 2 s (<see cref="LiveStatusFeed"/>), and <c>GET /api/history</c>, every node's listener counts of
/// the last hour, for the status page's chart. Public, as <c>/api/status</c> is.
/// </summary>
public static class LiveEndpoints
{
    public static void MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.Map("/api/live", async (HttpContext http, LiveStatusFeed feed, IcecastCounters counters) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
                return Results.BadRequest(new { error = "/api/live is a WebSocket: connect with ws://" });
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            using var watch = feed.Subscribe();
            using var watcher = counters.StatsWatcher();
            using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            var reading = ReadUntilClosedAsync(socket, closed);
            try
            {
                await foreach (var document in watch.Documents.ReadAllAsync(closed.Token))
                    await socket.SendAsync(document, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or WebSocketException)
            {
                // The watcher went away: nothing to tell anyone.
            }
            await closed.CancelAsync();
            await reading;
            return Results.Empty;
        });

        app.MapGet("/api/history", async (ListenerCensus census) => Results.Json(new ListenerHistoryResponse(
            (long)ListenerHistory.Interval.TotalSeconds,
            (await census.HistoryAsync()).Select(node => new NodeHistory(node.Name,
                node.Samples.Select(sample => new HistorySample(sample.UnixSeconds, sample.Listeners)).ToArray())).ToArray()),
            StatusEndpoints.Json));
    }

    /// <summary>A watcher sends nothing but its close; answering it ends the watch.</summary>
    private static async Task ReadUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[256];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
        }
        await closed.CancelAsync();
    }
}

/// <summary><c>GET /api/history</c>: each answering node's samples, <see cref="IntervalSeconds"/> apart, oldest first.</summary>
public sealed record ListenerHistoryResponse(long IntervalSeconds, IReadOnlyList<NodeHistory> Nodes);

public sealed record NodeHistory(string Node, IReadOnlyList<HistorySample> Samples);

/// <summary>At <see cref="At"/> (Unix seconds, the node's clock), <see cref="Listeners"/> listened on the node.</summary>
public sealed record HistorySample(long At, int Listeners);
