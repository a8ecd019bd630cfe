using System.IO.Pipelines;
using System.Net;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Delivery;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Node.Observability;
using Cycast.Node.Protocol;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Cycast.Node.Connections;

/// <summary>
/// A player's request for a mount: Icecast's reply head, the burst, then live audio written from the mount's ring
/// to the socket, with ICY blocks when the player sent <c>Icy-MetaData: 1</c>.
/// </summary>
public sealed class ListenerConnectionHandler(
    CycastSettings station,
    ListenerRegistry registry,
    ClientAddress addresses,
    IRequiredActor<MountRouter> router,
    NodeMetrics metrics,
    ILogger<ListenerConnectionHandler> log)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(ConnectionContext connection, RequestHead head)
    {
        var (address, peer) = connection.Client(addresses, head);
        var path = head.Path;
        if (head.Method == "OPTIONS")
        {
            await connection.ReplyAsync(IcecastResponse.Build(200, "OK", "text/plain", IcecastResponse.Cors, ""));
            return;
        }
        if (!registry.TryReserve())
        {
            metrics.ListenerRefused();
            log.LogWarning("Refused listener for {Mount} from {Peer}: server full (max_listeners = {Max})", path, peer, station.Advanced.MaxListeners);
            await connection.ReplyAsync(IcecastResponse.Text(403, "Forbidden", "Too many listeners on this server\r\n"));
            return;
        }
        var mounts = await router.GetAsync();
        var id = registry.NextId();
        (ListenerSession Session, string Reason)? served = null;
        try
        {
            var answer = await mounts.Ask<object>(new AttachListener(path, id), AskTimeout);
            if (answer is ListenerRefused refused)
            {
                metrics.ListenerRefused();
                log.LogWarning("Refused listener for {Mount} from {Peer}: {Reason}", path, peer, refused.Reason);
                await connection.ReplyAsync(IcecastResponse.Text(403, "Forbidden", refused.Reason + "\r\n"));
                return;
            }
            served = await ServeAsync(connection, head, (address, peer), id, (ListenerAttached)answer);
        }
        finally
        {
            // Free the listener's place before saying it left, so whoever reads the log can take the place at once.
            mounts.Tell(new DetachListener(path, id));
            registry.Release();
            if (served is var (session, reason))
            {
                metrics.SessionEnded(session.MountPath, session.BytesSent, reason);
                log.LogInformation("Listener {Id} left {Mount} after {Seconds:F0} s and {Bytes} bytes: {Reason}",
                    session.Id, session.MountPath, (DateTimeOffset.UtcNow - session.ConnectedAt).TotalSeconds, session.BytesSent, reason);
            }
        }
    }

    /// <summary>Answers HEAD with the head alone; otherwise streams until the listener goes, and says why it went.</summary>
    private async Task<(ListenerSession, string)?> ServeAsync(ConnectionContext connection, RequestHead head, (IPAddress Address, string Peer) client, long id,
        ListenerAttached attached)
    {
        var fields = attached.Feed.Head;
        // Icecast never splices ICY blocks into Ogg: Ogg players read titles from the stream's own comments.
        var icy = station.Metadata.EnableIcy && head.Header("Icy-MetaData") == "1" && !MediaTypes.IsOgg(fields.ContentType)
            ? new IcyInterleaver(station.Metadata.IcyMetaint)
            : null;
        var responseHead = IcecastResponse.StreamHead(fields, icy?.Metaint);
        if (head.Method == "HEAD")
        {
            await connection.ReplyAsync(responseHead);
            return null;
        }
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket
            ?? throw new InvalidOperationException("listeners need Kestrel's socket transport");
        var session = new ListenerSession(id, head.Path, client.Peer, socket, attached.Feed, icy,
            Concat(responseHead, attached.StreamHeader), attached.BurstStart, station.Buffer.QueueSize)
        {
            Address = client.Address.ToString(),
            UserAgent = head.Header("User-Agent") ?? "",
        };
        var fanOut = attached.Feed.FanOut;
        registry.Add(session);
        log.LogInformation("Listener {Id} connected to {Mount} from {Peer}{Icy}", id, head.Path, client.Peer, icy is null ? "" : " (ICY metadata)");
        var watcher = WatchForHangUpAsync(connection.Transport.Input, session);
        fanOut.Add(session);
        var reason = await session.Ended;
        fanOut.Remove(session);
        registry.Remove(session);
        // Closing the connection also fails any send still waiting on a listener that stopped reading.
        connection.Abort();
        connection.Transport.Input.CancelPendingRead();
        await watcher;
        session.Release();
        return (session, reason);
    }

    private static ReadOnlyMemory<byte> Concat(byte[] head, ReadOnlyMemory<byte> streamHeader) =>
        streamHeader.IsEmpty ? head : [.. head, .. streamHeader.Span];

    /// <summary>Players send nothing after their request, so input ending means the player hung up.</summary>
    private static async Task WatchForHangUpAsync(PipeReader input, ListenerSession session)
    {
        try
        {
            while (!session.Ended.IsCompleted)
            {
                var result = await input.ReadAsync();
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        // The session ending first aborts the connection, which fails this read (ConnectionAbortedException is an
        // OperationCanceledException): that is how a listener that was cut off or kicked is let go, not an error.
        catch (Exception error) when (error is IOException or ConnectionResetException or InvalidOperationException or OperationCanceledException)
        {
        }
        session.End("client disconnected");
    }
}
