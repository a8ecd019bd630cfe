using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cycast.Tests.Support;

/// <summary>
/// A bare TCP client that speaks the bytes a test writes, the way encoders and players do, and reads replies
/// byte-exact.
/// </summary>
public sealed class RawClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadPatience = TimeSpan.FromSeconds(15);
    private readonly Socket _socket;
    private readonly PendingBytes _pending = new();

    private RawClient(Socket socket) => _socket = socket;

    /// <param name="from">The local address to connect from: another loopback address is another peer.</param>
    public static async Task<RawClient> ConnectAsync(int port, int? receiveBuffer = null, IPAddress? from = null, string host = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBuffer is { } size)
            socket.ReceiveBufferSize = size;
        if (from is not null)
            socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(host, port);
        return new RawClient(socket);
    }

    /// <summary>Where the connection comes from, as the server logs its peer.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public async Task SendAsync(string text) => await SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _socket.SendAsync(bytes);

    /// <summary>Reads through the blank line that ends a response head and returns the head as text.</summary>
    public async Task<string> ReadHeadAsync()
    {
        while (true)
        {
            var text = Encoding.Latin1.GetString(_pending.Span);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Take(end + 4);
                return text[..(end + 4)];
            }
            if (!await FillAsync())
                return text;
        }
    }

    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        while (_pending.Count < count)
        {
            if (!await FillAsync())
                throw new EndOfStreamException($"connection closed after {_pending.Count} of {count} bytes");
        }
        return _pending.Take(count);
    }

    /// <summary>What has arrived and not been taken yet, else the next receive's bytes; empty once the server has closed.</summary>
    public async Task<byte[]> ReadSomeAsync()
    {
        if (_pending.Count == 0)
            await FillAsync();
        return _pending.Take(_pending.Count);
    }

    /// <summary>
    /// As <see cref="ReadSomeAsync"/>, but blocking the calling thread: for a reader whose timing must not depend on
    /// the test process's thread pool.
    /// </summary>
    public byte[] ReadSome()
    {
        if (_pending.Count == 0)
        {
            _socket.ReceiveTimeout = (int)ReadPatience.TotalMilliseconds;
            try
            {
                _pending.Added(_socket.Receive(_pending.FreeSpace(65536).Span));
            }
            catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
            {
            }
        }
        return _pending.Take(_pending.Count);
    }

    /// <summary>Everything until the server closes the connection.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        while (await FillAsync()) { }
        return _pending.Take(_pending.Count);
    }

    /// <summary>Reads until the server closes the connection; true when it closed it cleanly (a FIN), false on a reset.</summary>
    public async Task<bool> EndsCleanlyAsync()
    {
        try
        {
            while (await FillAsync(resetEnds: false))
                _pending.Take(_pending.Count);
            return true;
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
        {
            return false;
        }
    }

    private async Task<bool> FillAsync(bool resetEnds = true)
    {
        var buffer = _pending.FreeSpace(65536);
        using var patience = new CancellationTokenSource(ReadPatience);
        int read;
        try
        {
            read = await _socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset && resetEnds)
        {
            return false;
        }
        _pending.Added(read);
        return read > 0;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
