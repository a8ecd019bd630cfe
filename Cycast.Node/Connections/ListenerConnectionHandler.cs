using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Delivery;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Node.Http;
using Cycast.Node.ListenerAuth;
using Cycast.Node.Observability;
using Cycast.Node.Tls;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Cycast.Node.Connections;

/// <summary>
/// A player's request for a mount: Icecast's reply head, the burst, then live audio written from the mount's ring
/// to the socket, with ICY blocks when the player sent <c>Icy-MetaData: 1</c>. A listener the admin moves to another
/// mount (Icecast's moveclients) goes on, on the same connection, from a join point of that mount.
/// </summary>
public sealed class ListenerConnectionHandler(
    LiveSettings live,
    MountDirectory directory,
    ListenerAuthenticator authenticator,
    ListenerRegistry registry,
    ClientAddress addresses,
    IRequiredActor<MountRouter> router,
    NodeMetrics metrics,
    NodeStopping stopping,
    AccessLog accessLog,
    Refusals refusals,
    IntroFiles intros,
    ILogger<ListenerConnectionHandler> log)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(ConnectionContext connection, RequestHead head)
    {
        var (address, peer) = connection.Client(addresses, head);
        var path = head.Path;
        var connectedAt = DateTimeOffset.UtcNow;
        if (head.Method == "OPTIONS")
        {
            await connection.ReplyAsync(IcecastResponse.Build(200, "OK", "text/plain", IcecastResponse.Cors, ""));
            return;
        }
        if (!registry.TryReserve())
        {
            metrics.ListenerRefused();
            refusals.Refused(Refusals.Forbidden, address,
                $"Refused listener for {LogText.Of(path)} from {peer}: server full (max_listeners = {registry.MaxListeners})");
            await RefuseAsync(connection, head, address, "Too many listeners on this server");
            return;
        }
        var mounts = await router.GetAsync();
        var id = registry.NextId();
        (ListenerSession Session, string Reason)? served = null;
        (ListenerAuthSettings Settings, ListenerAuthRequest Request)? admitted = null;
        string? attachedTo = null;
        try
        {
            if (directory.TryGet(path, out var mount) && mount.Auth is { } auth)
            {
                var request = AuthRequest(connection, head, id, address);
                var verdict = await authenticator.AdmitAsync(auth, request);
                if (!verdict.Admitted)
                {
                    await RefuseAsync(connection, head, (address, peer), auth, request, verdict);
                    return;
                }
                admitted = (auth, request);
            }
            var answer = await FallbackRoute.AttachAsync(mounts, directory, path, id, AskTimeout);
            if (answer is ListenerRefused refused)
            {
                metrics.ListenerRefused();
                refusals.Refused(Refusals.Forbidden, address, $"Refused listener for {LogText.Of(path)} from {peer}: {refused.Reason}");
                await RefuseAsync(connection, head, address, refused.Reason);
                return;
            }
            var attached = (ListenerAttached)answer;
            attachedTo = attached.Mount.Path;
            served = await ServeAsync(connection, head, (address, peer), id, attached, mounts);
        }
        finally
        {
            // Free the listener's place before saying it left, so whoever reads the log can take the place at once.
            mounts.Tell(new DetachListener(served?.Session.MountPath ?? attachedTo ?? path, id));
            registry.Release();
            if (admitted is var (authSettings, authRequest))
                authenticator.Left(authSettings, authRequest, DateTimeOffset.UtcNow - connectedAt);
            if (served is var (session, reason))
            {
                metrics.SessionEnded(session, reason);
                var duration = DateTimeOffset.UtcNow - session.ConnectedAt;
                var bytes = session.BytesSentOnEarlierMounts + session.BytesSent;
                // A session's one info line: a busy node has thousands of sessions a minute, so the rest is debug.
                log.LogInformation("Listener {Id} from {Peer} left {Mount} after {Seconds:F0} s and {Bytes} bytes: {Reason}",
                    session.Id, session.Peer, session.MountPath, duration.TotalSeconds, bytes, reason);
                if (accessLog.Enabled)
                {
                    accessLog.Add(AccessLogLine.Format(session.Address, admitted?.Request.Credentials?.User, session.ConnectedAt,
                        ListenerCredentials.WithoutToken(head.RequestLine), 200, bytes, head.Header("Referer"), session.UserAgent, duration));
                }
            }
        }
    }

    private Task RefuseAsync(ConnectionContext connection, RequestHead head, IPAddress address, string reason) =>
        ReplyRefusalAsync(connection, head, address, 403, IcecastResponse.Text(403, "Forbidden", reason + "\r\n"));

    private async Task ReplyRefusalAsync(ConnectionContext connection, RequestHead head, IPAddress address, int status, byte[] reply)
    {
        await connection.ReplyAsync(reply);
        if (accessLog.Enabled)
        {
            accessLog.Add(AccessLogLine.Format(address.ToString(), null, DateTimeOffset.UtcNow, ListenerCredentials.WithoutToken(head.RequestLine),
                status, reply.Length, head.Header("Referer"), head.Header("User-Agent"), TimeSpan.Zero));
        }
    }

    /// <summary>
    /// A listener the mount's auth turned down: Icecast's 401 with its realm, so a player asks for a login (or its 403
    /// when the backend is swamped), with the backend's message as the body. A player that sent no credentials to an
    /// htpasswd mount is the routine first step of a login (debug); any other refusal is worth a warning.
    /// </summary>
    private async Task RefuseAsync(ConnectionContext connection, RequestHead head, (IPAddress Address, string Peer) client,
        ListenerAuthSettings auth, ListenerAuthRequest request, AuthVerdict verdict)
    {
        metrics.ListenerRefused();
        var (reason, level) = verdict.Status == 403 ? (Refusals.Forbidden, LogLevel.Warning)
            : auth is HtpasswdAuthSettings && request.Credentials is null ? (Refusals.NoCredentials, LogLevel.Debug)
            : (Refusals.WrongPassword, LogLevel.Warning);
        refusals.Refused(reason, client.Address, $"Refused listener for {LogText.Of(head.Path)} from {client.Peer}: {verdict.Reason}", level);
        var body = verdict.Message + "\r\n";
        await ReplyRefusalAsync(connection, head, client.Address, verdict.Status,
            verdict.Status == 401 ? IcecastResponse.Unauthorized(body) : IcecastResponse.Text(verdict.Status, "Forbidden", body));
    }

    /// <summary>What the mount's authenticator is told: Icecast's <c>listener_add</c> fields for this connection.</summary>
    private ListenerAuthRequest AuthRequest(ConnectionContext connection, RequestHead head, long id, IPAddress address)
    {
        var local = connection.LocalEndPoint as IPEndPoint;
        var host = head.Header("Host") is { Length: > 0 } named ? HostString.FromUriComponent(named).Host : null;
        return new ListenerAuthRequest(id, head.Path, head.Target, ListenerCredentials.Of(head), address.ToString(), head.Header("User-Agent"),
            host ?? (local is null ? "localhost" : ClientAddress.Normalized(local.Address).ToString()), local?.Port ?? live.Current.Server.ListenPort);
    }

    /// <summary>Answers HEAD with the head alone; otherwise streams until the listener goes, and says why it went.</summary>
    private async Task<(ListenerSession, string)?> ServeAsync(ConnectionContext connection, RequestHead head, (IPAddress Address, string Peer) client, long id,
        ListenerAttached attached, IActorRef mounts)
    {
        var fields = attached.Feed.Head;
        // One reading of the settings for the whole connection: a reload meanwhile must not mix two of them.
        var settings = live.Current;
        // Icecast never splices ICY blocks into Ogg: Ogg players read titles from the stream's own comments.
        var icy = settings.Metadata.EnableIcy && head.Header("Icy-MetaData") == "1" && !MediaTypes.IsOgg(fields.ContentType)
            ? new IcyInterleaver(settings.Metadata.IcyMetaint)
            : null;
        var responseHead = IcecastResponse.StreamHead(fields, icy?.Metaint);
        if (head.Method == "HEAD")
        {
            await connection.ReplyAsync(responseHead);
            return null;
        }
        // Over HTTPS the session's socket is a relay's, which encrypts what it is sent on its way to the player.
        await using var relay = connection.Features.Get<ITlsHandshakeFeature>() is null ? null : await TlsRelay.StartAsync(connection);
        var socket = relay?.Inner ?? connection.Features.Get<IConnectionSocketFeature>()?.Socket
            ?? throw new InvalidOperationException("listeners need Kestrel's socket transport");
        var lagBudget = attached.Mount.Limits.QueueSizeIn(settings.Buffer);
        socket.SendBufferSize = ListenerSession.SendBufferFor(lagBudget);
        // A fallback mount may serve it: the session is on the mount it hears, where moves and counts find it.
        var session = new ListenerSession(id, attached.Mount.Path, client.Peer, socket, attached.Feed, icy, responseHead, attached.BurstStart, lagBudget)
        {
            Intro = intros.For(attached.Mount, fields.ContentType),
            StreamHeader = attached.StreamHeader,
            Address = client.Address.ToString(),
            UserAgent = head.Header("User-Agent") ?? "",
        };
        registry.Add(session);
        log.LogDebug("Listener {Id} connected to {Mount} from {Peer}{Icy}", id, session.MountPath, client.Peer, icy is null ? "" : " (ICY metadata)");
        var hungUp = WatchForHangUpAsync(connection.Transport.Input);
        var nodeStopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = stopping.Watch(() => nodeStopping.TrySetResult());
        // Icecast's max-listener-duration counts from the connection and goes with the listener if it is moved.
        var maxDuration = attached.Mount.Limits.MaxListenerDuration;
        using var timeUp = maxDuration is null ? null : new CancellationTokenSource(maxDuration.Value);
        using var timeUpWatch = timeUp?.Token.Register(() => session.End($"max_listener_duration ({maxDuration!.Value.TotalSeconds:0} s) reached"));
        attached.Feed.FanOut.Add(session);
        while (true)
        {
            var moveRequested = session.MoveRequests.WaitToReadAsync().AsTask();
            var next = await Task.WhenAny(session.Ended, hungUp, moveRequested, nodeStopping.Task);
            if (next == hungUp)
                session.End("client disconnected");
            else if (next == nodeStopping.Task)
                session.End("the node is shutting down");
            if (session.Ended.IsCompleted)
                break;
            session = await MoveAsync(session, await session.MoveRequests.ReadAsync(), mounts) ?? session;
        }
        var reason = await session.Ended;
        session.Feed.FanOut.Remove(session);
        registry.Remove(session);
        await CloseAsync(session);
        if (relay is not null)
            await relay.DrainedAsync(ListenerSession.StallGrace);
        // Closing the connection also fails any send still waiting on a listener that stopped reading.
        connection.Abort();
        connection.Transport.Input.CancelPendingRead();
        await hungUp;
        session.Release();
        return (session, reason);
    }

    /// <summary>
    /// Ends the stream with a FIN after the last piece the socket took, so the player sees the stream end rather than a
    /// reset; a connection that takes nothing more within a second is just aborted.
    /// </summary>
    private static async Task CloseAsync(ListenerSession session)
    {
        try
        {
            await session.QuietAsync().WaitAsync(ListenerSession.StallGrace);
            session.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception error) when (error is TimeoutException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Moves the listener to <paramref name="destination"/> once that mount takes it: the session ends between two
    /// sends, and a new one goes on, on the same connection, from a join point of the destination (after its codec
    /// header, for Ogg). A listener the destination refuses (it is full, or streams another format) stays where it is.
    /// </summary>
    private async Task<ListenerSession?> MoveAsync(ListenerSession session, string destination, IActorRef mounts)
    {
        var from = session.Feed;
        if (destination == session.MountPath)
            return null;
        var answer = await mounts.Ask<object>(new AttachListener(destination, session.Id), AskTimeout);
        if (answer is ListenerRefused refused)
        {
            log.LogWarning("Listener {Id} stays on {Mount}: {Destination} refused it ({Reason})", session.Id, session.MountPath, destination, refused.Reason);
            return null;
        }
        var attached = (ListenerAttached)answer;
        if (!MediaTypes.CanFollow(from.Head.ContentType, attached.Feed.Head.ContentType))
        {
            mounts.Tell(new DetachListener(destination, session.Id));
            log.LogWarning("Listener {Id} stays on {Mount}: {Destination} streams {ContentType}, which its player could not follow",
                session.Id, session.MountPath, destination, attached.Feed.Head.ContentType);
            return null;
        }
        session.End($"moved to {destination}");
        from.FanOut.Remove(session);
        try
        {
            await session.QuietAsync().WaitAsync(ListenerSession.StallGrace * 5);
        }
        catch (TimeoutException)
        {
            // What it had begun to send never left: a listener whose connection takes nothing goes, as it would have.
            mounts.Tell(new DetachListener(destination, session.Id));
            log.LogInformation("Listener {Id} could not be moved to {Destination}: its connection took nothing", session.Id, destination);
            return null;
        }
        mounts.Tell(new DetachListener(session.MountPath, session.Id));
        metrics.ListenerMoved(session);
        session.Icy?.ResendTitle();
        var moved = new ListenerSession(session.Id, destination, session.Peer, session.Socket, attached.Feed, session.Icy,
            attached.StreamHeader, attached.BurstStart, attached.Mount.Limits.QueueSizeIn(live.Current.Buffer))
        {
            Address = session.Address,
            UserAgent = session.UserAgent,
            ConnectedAt = session.ConnectedAt,
            BytesSentOnEarlierMounts = session.BytesSentOnEarlierMounts + session.BytesSent,
        };
        registry.Replace(session, moved);
        session.Release();
        attached.Feed.FanOut.Add(moved);
        log.LogInformation("Listener {Id} moved from {Mount} to {Destination}", session.Id, session.MountPath, destination);
        return moved;
    }

    /// <summary>
    /// Players send nothing after their request, so input ending means the player hung up. Completes then, or when
    /// the connection is closed from this side.
    /// </summary>
    private static async Task WatchForHangUpAsync(PipeReader input)
    {
        try
        {
            while (true)
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
    }
}
