using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Relays;

/// <summary>
/// A relay's pull from its upstream: a plain <c>GET</c> over a socket (TLS for https), and the answer's head. A
/// hand-written client rather than HttpClient, which cannot read a SHOUTcast v1 answer (<c>ICY 200 OK</c>) and would
/// take nothing from a body that never ends but its stream.
/// </summary>
internal sealed class UpstreamConnection : IAsyncDisposable
{
    /// <summary>Icecast refuses heads over 8 KiB; an answer longer than twice that is no server's.</summary>
    private const int MaxHeadBytes = 16 * 1024;

    /// <summary>Connecting and the answer's head, together: an upstream that takes longer is as good as down.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private readonly Stream _stream;
    private ReadOnlyMemory<byte> _afterHead;
    private CancellationTokenRegistration _closeOnCancel;

    private UpstreamConnection(Stream stream, ReadOnlyMemory<byte> afterHead, SourceProperties properties, int? metaint)
    {
        _stream = stream;
        _afterHead = afterHead;
        Properties = properties;
        Metaint = metaint;
    }

    /// <summary>What the upstream says about its stream (its content type, <c>icy-*</c>/<c>ice-*</c>, its <c>Server</c>).</summary>
    public SourceProperties Properties { get; }

    /// <summary>The upstream's <c>icy-metaint</c>: metadata blocks come every this many audio bytes; null for none.</summary>
    public int? Metaint { get; }

    /// <summary>Connects and asks for the mount; throws <see cref="UpstreamException"/> with what went wrong.</summary>
    public static async Task<UpstreamConnection> OpenAsync(RelaySettings relay, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(AnswerTimeout);
        var url = relay.Url;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(url.DnsSafeHost, url.Port, timeout.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (url.Scheme == Uri.UriSchemeHttps)
                stream = await SecureAsync(stream, relay, timeout.Token);
            await stream.WriteAsync(Request(relay), timeout.Token);
            var (head, afterHead) = await ReadHeadAsync(stream, timeout.Token);
            var connection = Answer(stream, head, afterHead);
            // The pull's end closes the connection wherever it is: on its way to an actor that has stopped meanwhile too.
            var open = stream;
            connection._closeOnCancel = cancel.Register(() => open.Dispose());
            stream = null;
            return connection;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new UpstreamException($"no answer within {AnswerTimeout.TotalSeconds} s");
        }
        catch (Exception error) when (error is SocketException or IOException or AuthenticationException)
        {
            throw new UpstreamException(error.Message);
        }
        finally
        {
            if (stream is not null)
                await stream.DisposeAsync();
            else if (!socket.Connected)
                socket.Dispose();
        }
    }

    /// <summary>
    /// Reads the upstream's audio into <paramref name="buffer"/>: first what came with the head, then from the socket.
    /// 0 when the upstream closed the stream.
    /// </summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel)
    {
        if (_afterHead.IsEmpty)
            return await _stream.ReadAsync(buffer, cancel);
        var count = Math.Min(buffer.Length, _afterHead.Length);
        _afterHead[..count].CopyTo(buffer);
        _afterHead = _afterHead[count..];
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _closeOnCancel.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private static async Task<Stream> SecureAsync(Stream stream, RelaySettings relay, CancellationToken cancel)
    {
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions { TargetHost = relay.Url.IdnHost };
        if (relay.CaFile is { } caFile)
        {
            // Revocation unchecked, as SslStream's default is for the system's roots: a station's own CA publishes no CRL.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.ImportFromPemFile(caFile);
            options.CertificateChainPolicy = policy;
        }
        await tls.AuthenticateAsClientAsync(options, cancel);
        return tls;
    }

    /// <summary>Icecast's own relay request (slave.c): HTTP/1.0, so the answer is never chunked.</summary>
    private static byte[] Request(RelaySettings relay)
    {
        var url = relay.Url;
        var request = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GET {url.PathAndQuery} HTTP/1.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {url.Authority}\r\n")
            .Append("User-Agent: Cycast relay\r\n");
        if (relay.RelayMetadata)
            request.Append("Icy-MetaData: 1\r\n");
        if (relay.Username is { } username)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{relay.Password}"));
            request.Append(CultureInfo.InvariantCulture, $"Authorization: Basic {credentials}\r\n");
        }
        return Encoding.UTF8.GetBytes(request.Append("\r\n").ToString());
    }

    /// <summary>Reads up to the blank line that ends the head; returns the head's text and the bytes read past it.</summary>
    private static async Task<(string Head, ReadOnlyMemory<byte> AfterHead)> ReadHeadAsync(Stream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancel);
            if (read == 0)
                throw new UpstreamException(filled == 0 ? "closed the connection without an answer" : "closed the connection in its answer's head");
            var searchFrom = Math.Max(0, filled - 3);
            filled += read;
            var end = HeadEnd(buffer.AsSpan(searchFrom, filled - searchFrom));
            if (end >= 0)
            {
                end += searchFrom;
                return (Encoding.Latin1.GetString(buffer, 0, end), buffer.AsMemory(end, filled - end));
            }
            if (filled == buffer.Length)
                throw new UpstreamException($"answered with a head longer than {MaxHeadBytes} bytes");
        }
    }

    /// <summary>Where the head ends (after its blank line, CRLF or bare LF as SHOUTcast v1 servers send), or -1.</summary>
    private static int HeadEnd(ReadOnlySpan<byte> bytes)
    {
        var crlf = bytes.IndexOf("\r\n\r\n"u8);
        var lf = bytes.IndexOf("\n\n"u8);
        return crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    }

    /// <summary>Takes the answer: <c>HTTP/1.x 200</c> or SHOUTcast v1's <c>ICY 200 OK</c>; any other is the upstream's refusal.</summary>
    private static UpstreamConnection Answer(Stream stream, string head, ReadOnlyMemory<byte> afterHead)
    {
        var lines = head.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        var status = lines[0].Split(' ', 3);
        var known = status.Length >= 2 && (status[0] is "ICY" || status[0].StartsWith("HTTP/1.", StringComparison.Ordinal));
        if (!known)
            throw new UpstreamException($"answered \"{LogText.Of(lines[0])}\", not HTTP or ICY");
        if (status[1] != "200")
            throw new UpstreamException($"answered \"{LogText.Of(lines[0])}\"");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
                headers.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        var properties = SourceProperties.FromHeaders(name => headers.GetValueOrDefault(name), agentHeader: "Server");
        int? metaint = null;
        if (headers.TryGetValue("icy-metaint", out var text))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
                throw new UpstreamException($"answered icy-metaint \"{LogText.Of(text)}\", not a positive number");
            metaint = value;
        }
        return new UpstreamConnection(stream, afterHead, properties, metaint);
    }
}
