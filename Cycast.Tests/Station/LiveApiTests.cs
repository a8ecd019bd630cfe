using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Cycast.Node.Api;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary><c>GET /api/live</c>, a WebSocket with the status, and <c>GET /api/history</c>, the chart's samples.</summary>
public sealed class LiveApiTests
{
    [Fact]
    public async Task A_bare_websocket_client_gets_the_status_within_2_s_and_again_when_a_listener_joins()
    {
        await using var station = await TestStation.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{station.ListenPort}/api/live"), CancellationToken.None);

        using (var first = await socket.ReceiveJsonAsync(LiveStatusFeed.Interval))
        {
            Assert.Equal(0, first.RootElement.GetProperty("listeners").GetInt32());
            Assert.Equal(JsonValueKind.Array, first.RootElement.GetProperty("nodes").ValueKind);
        }
        // A join here is pushed as it happens; the regular push would come too, so wait for the document that shows it.
        var (listener, _) = await TestListener.ConnectAsync(station);
        await using var _listener = listener;
        while (true)
        {
            using var next = await socket.ReceiveJsonAsync(LiveStatusFeed.Interval);
            if (next.RootElement.GetProperty("listeners").GetInt32() == 1)
                break;
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task Api_live_without_a_websocket_answers_400_and_api_history_has_this_nodes_samples()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        using var plain = await http.GetAsync(station.Url("/api/live"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);

        using var history = JsonDocument.Parse(await http.GetStringAsync(station.Url("/api/history")));
        Assert.Equal(10, history.RootElement.GetProperty("interval_seconds").GetInt64());
        var node = Assert.Single(history.RootElement.GetProperty("nodes").EnumerateArray());
        Assert.Equal(station.NodeName, node.GetProperty("node").GetString());
        var sample = node.GetProperty("samples").EnumerateArray().First();
        Assert.InRange(sample.GetProperty("at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(0, sample.GetProperty("listeners").GetInt32());
    }

}
