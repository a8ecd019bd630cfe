using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Cycast.Node.Tls;

/// <summary>
/// A listener's stream over HTTPS. Listeners are sent audio straight from the ring to a socket, which over TLS would
/// skip the encryption; so the listener's session gets one end of a local socket pair, and this relay moves what it
/// sends through the connection's TLS pipe. A player that stops reading fills the pipe, then the pair, and the session
/// sees it exactly as it would on a plain socket.
/// </summary>
public sealed class TlsRelay : IAsyncDisposable
{
    private readonly Socket _outer;
    private readonly Task _pumped;

    private TlsRelay(Socket inner, Socket outer, ConnectionContext connection)
    {
        Inner = inner;
        _outer = outer;
        _pumped = PumpAsync(connection);
    }

    /// <summary>The socket the listener's session writes to.</summary>
    public Socket Inner { get; }

    public static async Task<TlsRelay> StartAsync(ConnectionContext connection)
    {
        // An abstract socket name: nothing on disk to clean up, and reachable only from this network namespace.
        var name = new UnixDomainSocketEndPoint($"\0cycast-tls-{Guid.NewGuid():N}");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(name);
        listener.Listen(1);
        var inner = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await inner.ConnectAsync(name);
        return new TlsRelay(inner, await listener.AcceptAsync(), connection);
    }

    private async Task PumpAsync(ConnectionContext connection)
    {
        var output = connection.Transport.Output;
        try
        {
            while (true)
            {
                var memory = output.GetMemory(16384);
                var read = await _outer.ReceiveAsync(memory);
                if (read == 0)
                    break;
                output.Advance(read);
                if ((await output.FlushAsync()).IsCompleted)
                    break;
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or InvalidOperationException or ConnectionResetException)
        {
        }
    }

    /// <summary>Completes once everything the session sent has gone into the TLS pipe, or after <paramref name="patience"/>.</summary>
    public async Task DrainedAsync(TimeSpan patience)
    {
        try
        {
            await _pumped.WaitAsync(patience);
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Inner.Dispose();
        _outer.Dispose();
        await _pumped;
    }
}
