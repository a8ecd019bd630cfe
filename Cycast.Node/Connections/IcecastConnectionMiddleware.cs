using System.IO.Pipelines;
using Cycast.Actors.Mounts;
using Cycast.Node.Http;
using Cycast.Node.Observability;
using Cycast.Shared.Config;
using Microsoft.AspNetCore.Connections;

namespace Cycast.Node.Connections;

/// <summary>
/// Kestrel connection middleware in front of both ports. It reads the request head itself and takes the Icecast
/// traffic (encoders' SOURCE/PUT, players' requests for a mount) off the HTTP pipeline; everything else (pages,
/// JSON API, admin) is handed on to ASP.NET untouched. Encoders send a body with no length that Kestrel's HTTP
/// layer cannot read, and listeners are served from the mount's ring straight to the socket.
/// </summary>
public sealed class IcecastConnectionMiddleware(
    CycastSettings station,
    MountDirectory directory,
    SourceConnectionHandler sources,
    ListenerConnectionHandler listeners,
    Refusals refusals,
    ClientAddress addresses,
    IcecastCounters counters,
    ILogger<IcecastConnectionMiddleware> log)
{
    public Func<ConnectionDelegate, ConnectionDelegate> For(PortRole role) =>
        next => connection => HandleAsync(connection, role, next);

    private async Task HandleAsync(ConnectionContext connection, PortRole role, ConnectionDelegate next)
    {
        using (counters.Connected())
            await ServeAsync(connection, role, next);
    }

    private async Task ServeAsync(ConnectionContext connection, PortRole role, ConnectionDelegate next)
    {
        var input = connection.Transport.Input;
        // A client that has not finished its request head by then is a slowloris, not a player.
        var timeout = station.Advanced.HeaderTimeout;
        using var headTimeout = new CancellationTokenSource(timeout);
        // Only the encoders' port sits behind nginx's stream module, which names the client in a PROXY header.
        var proxyHeaderRead = role != PortRole.Source;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(headTimeout.Token);
            }
            catch (OperationCanceledException)
            {
                refusals.Refused(Refusals.HeaderTimeout, connection.PeerAddress(),
                    $"Closed {connection.Peer()} on the {role} port: no complete request head within {timeout.TotalSeconds} s (header_timeout)");
                return;
            }
            var buffer = result.Buffer;
            if (!proxyHeaderRead)
            {
                switch (await ReadProxyHeaderAsync(connection, role, buffer))
                {
                    case ProxyHeaderStatus.Absent:
                        proxyHeaderRead = true;
                        break;
                    case ProxyHeaderStatus.Complete:
                        // The header is consumed; what follows it is read afresh as the request.
                        proxyHeaderRead = true;
                        continue;
                    case ProxyHeaderStatus.Malformed:
                        return;
                    case ProxyHeaderStatus.Incomplete when !result.IsCompleted:
                        input.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    default:
                        return;
                }
            }
            var status = RequestHeadParser.TryParse(buffer, out var head, out var end, out var error);
            if (status == HeadParseStatus.Complete)
                counters.RequestHeadRead();
            switch (status)
            {
                case HeadParseStatus.Complete when head!.Method == "OPTIONS" && head.Path == "*":
                    // libshout's probe for what the server speaks; Icecast 2.4 closes it unanswered, and libshout then
                    // goes on with its SOURCE or PUT. An expected step, so not worth a warning.
                    log.LogDebug("Closed {Peer}'s OPTIONS * probe on the {Role} port, as Icecast 2.4 does", connection.Peer(), role);
                    return;
                case HeadParseStatus.Complete when IsSource(role, head!):
                    input.AdvanceTo(end);
                    counters.SourceConnected();
                    await sources.HandleAsync(connection, head!);
                    return;
                case HeadParseStatus.Complete when IsListener(head!):
                    input.AdvanceTo(end);
                    counters.ListenerConnected();
                    await listeners.HandleAsync(connection, head!);
                    return;
                case HeadParseStatus.Complete:
                    // Not Icecast traffic: leave every byte in the pipe for Kestrel's HTTP parser.
                    input.AdvanceTo(buffer.Start);
                    await next(connection);
                    return;
                case HeadParseStatus.Malformed or HeadParseStatus.TooLarge:
                    input.AdvanceTo(buffer.End);
                    await RefuseAsync(connection, role, status, error!);
                    return;
            }
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                    refusals.Refused(Refusals.IncompleteHead, connection.PeerAddress(), $"{connection.Peer()} closed the connection in the middle of its request head");
                return;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>A head that breaks the syntax gets 400; one past the size or header-count limit, 431.</summary>
    private async Task RefuseAsync(ConnectionContext connection, PortRole role, HeadParseStatus status, string error)
    {
        var tooLarge = status == HeadParseStatus.TooLarge;
        refusals.Refused(tooLarge ? Refusals.HeadTooLarge : Refusals.MalformedHead, connection.PeerAddress(),
            $"Refused {connection.Peer()} on the {role} port: {(tooLarge ? "request head too large" : "malformed request head")} ({error})");
        await connection.ReplyAsync(tooLarge
            ? IcecastResponse.Text(431, "Request Header Fields Too Large", $"Request head too large: {error}\r\n")
            : IcecastResponse.Text(400, "Bad Request", $"Malformed request: {error}\r\n"));
    }

    /// <summary>
    /// A PROXY header from a trusted proxy is consumed, and the client it names becomes the connection's peer, so logs,
    /// the admin's views and metrics see the encoder rather than nginx. From anyone else it is a malformed request.
    /// </summary>
    private async Task<ProxyHeaderStatus> ReadProxyHeaderAsync(ConnectionContext connection, PortRole role, System.Buffers.ReadOnlySequence<byte> buffer)
    {
        var input = connection.Transport.Input;
        var status = ProxyProtocolHeader.TryParse(buffer, out var header, out var end, out var error);
        if (status is ProxyHeaderStatus.Absent or ProxyHeaderStatus.Incomplete)
            return status;
        var peer = (connection.RemoteEndPoint as System.Net.IPEndPoint)?.Address;
        if (status == ProxyHeaderStatus.Complete && addresses.IsTrustedProxy(peer))
        {
            input.AdvanceTo(end);
            if (header!.Source is { } client)
            {
                log.LogDebug("{Peer} forwards {Client} on the {Role} port (PROXY protocol v{Version})", connection.Peer(), client, role, header.Version);
                connection.RemoteEndPoint = client;
            }
            return ProxyHeaderStatus.Complete;
        }
        input.AdvanceTo(buffer.End);
        error = status == ProxyHeaderStatus.Complete ? "a PROXY protocol header from a peer not in admin.trusted_proxies" : error;
        refusals.Refused(Refusals.MalformedHead, connection.PeerAddress(),
            $"Refused {connection.Peer()} on the {role} port: malformed request head ({error})");
        await connection.ReplyAsync(IcecastResponse.Text(400, "Bad Request", $"Malformed request: {error}\r\n"));
        return ProxyHeaderStatus.Malformed;
    }

    private static bool IsSource(PortRole role, RequestHead head) =>
        role == PortRole.Source && head.Method is "SOURCE" or "PUT";

    private bool IsListener(RequestHead head) =>
        head.Method is "GET" or "HEAD" or "OPTIONS" && directory.TryGet(head.Path, out _);
}
