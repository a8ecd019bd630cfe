using System.Net.WebSockets;
using System.Text.Json;

namespace Cycast.Tests.Support;

/// <summary>Reads the live feed's messages, which may arrive in several frames.</summary>
public static class WebSocketMessages
{
    /// <summary>The next text message, which must come within <paramref name="patience"/>.</summary>
    public static async Task<JsonDocument> ReceiveJsonAsync(this ClientWebSocket socket, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, received.MessageType);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonDocument.Parse(message.ToArray());
    }
}
