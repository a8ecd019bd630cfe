using Microsoft.AspNetCore.Connections;

namespace Cycast.Node.Connections;

internal static class ConnectionExtensions
{
    public static string Peer(this ConnectionContext connection) => connection.RemoteEndPoint?.ToString() ?? "unknown peer";

    /// <summary>Writes a complete reply straight to the connection, for refusals and short answers.</summary>
    public static async Task ReplyAsync(this ConnectionContext connection, ReadOnlyMemory<byte> reply)
    {
        await connection.Transport.Output.WriteAsync(reply);
        await connection.Transport.Output.FlushAsync();
    }
}
