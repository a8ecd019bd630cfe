using System.Net;
using Cycast.Node.Http;
using Microsoft.AspNetCore.Connections;

namespace Cycast.Node.Connections;

internal static class ConnectionExtensions
{
    public static string Peer(this ConnectionContext connection) => connection.RemoteEndPoint?.ToString() ?? "unknown peer";

    /// <summary>The peer's address, IPv4 as IPv4 even on a dual-stack socket; null when the transport has none.</summary>
    public static IPAddress? PeerAddress(this ConnectionContext connection) =>
        (connection.RemoteEndPoint as IPEndPoint)?.Address is { } address ? ClientAddress.Normalized(address) : null;

    /// <summary>
    /// The client's address (a trusted proxy's forwarded one, else the peer's) and how logs name it: the peer with its
    /// port, or the forwarded address when a proxy forwarded one.
    /// </summary>
    public static (IPAddress Address, string Peer) Client(this ConnectionContext connection, ClientAddress addresses, RequestHead head)
    {
        var peerAddress = connection.PeerAddress();
        var address = addresses.Of(peerAddress, head.Header);
        var forwarded = peerAddress is null || !address.Equals(peerAddress);
        return (address, forwarded ? address.ToString() : connection.Peer());
    }

    /// <summary>Writes a complete reply straight to the connection, for refusals and short answers.</summary>
    public static async Task ReplyAsync(this ConnectionContext connection, ReadOnlyMemory<byte> reply)
    {
        await connection.Transport.Output.WriteAsync(reply);
        await connection.Transport.Output.FlushAsync();
    }
}
