using System.Net;
using System.Net.Sockets;

namespace Cycast.Tests.Support;

/// <summary>Two ends of one real loopback TCP connection: the server's, as Kestrel would hand it over, and the player's.</summary>
public sealed class SocketPair : IDisposable
{
    private SocketPair(Socket server, Socket player)
    {
        Server = server;
        Player = player;
    }

    public Socket Server { get; }
    public Socket Player { get; }

    /// <param name="playerReceiveBuffer">The player's receive buffer, small to make a player that stops reading fill up quickly.</param>
    public static async Task<SocketPair> ConnectAsync(int? playerReceiveBuffer = null, int? serverSendBuffer = null)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var player = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (playerReceiveBuffer is { } receive)
            player.ReceiveBufferSize = receive;
        await player.ConnectAsync(listener.LocalEndPoint!);
        var server = await listener.AcceptAsync();
        if (serverSendBuffer is { } send)
            server.SendBufferSize = send;
        return new SocketPair(server, player);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes from the player's end.</summary>
    public async Task<byte[]> ReadAsync(int count)
    {
        var bytes = new byte[count];
        var read = 0;
        using var patience = new CancellationTokenSource(MountEvents.Patience);
        while (read < count)
        {
            var got = await Player.ReceiveAsync(bytes.AsMemory(read), patience.Token);
            if (got == 0)
                throw new EndOfStreamException($"connection closed after {read} of {count} bytes");
            read += got;
        }
        return bytes;
    }

    public void Dispose()
    {
        Player.Dispose();
        Server.Dispose();
    }
}
