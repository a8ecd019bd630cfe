using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Actors.Sources;
using Cycast.Node.Http;
using Cycast.Node.Observability;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;
using Microsoft.AspNetCore.Connections;

namespace Cycast.Node.Connections;

/// <summary>
/// An encoder's connection: Icecast's <c>SOURCE</c> (HTTP/1.0 or ICE/1.0) or Icecast 2.4's <c>PUT</c>, Basic auth as
/// user <c>source</c>, then audio until the encoder hangs up or goes quiet for <c>source_timeout</c>.
/// </summary>
public sealed class SourceConnectionHandler(
    LiveSettings live,
    MountDirectory directory,
    SourcePasswords passwords,
    PasswordGuesses guesses,
    ClientAddress addresses,
    IRequiredActor<MountRouter> router,
    ActorSystem system,
    SourceTraffic traffic,
    NodeStopping stopping,
    Refusals refusals,
    ILogger<SourceConnectionHandler> log)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(ConnectionContext connection, RequestHead head)
    {
        var (address, peer) = connection.Client(addresses, head);
        var path = head.Path;
        if (MountDirectory.NameRefusal(path) is { } reserved)
        {
            refusals.Refused(Refusals.Forbidden, address, $"Refused source for {LogText.Of(path)} from {peer}: the name is one of the server's own pages");
            await connection.ReplyAsync(IcecastResponse.Text(403, "Forbidden", reserved));
            return;
        }
        var authorization = head.Header("Authorization");
        var verdict = guesses.Check(address, authorization, credentials => passwords.Allow(path, credentials));
        if (verdict != CredentialVerdict.Allowed)
        {
            refusals.Credentials(verdict, "source", path, address, peer, authorization);
            await connection.ReplyAsync(verdict == CredentialVerdict.Waiting ? IcecastResponse.TooManyGuesses(guesses.WaitLeft(address)) : IcecastResponse.Unauthorized());
            return;
        }

        // Bytes the server cannot find frames or pages in could be anything, and would reach every listener as they
        // came: only a mount configured to pass them through takes them.
        var properties = SourceProperties.FromHeaders(head.Header);
        if (!MediaTypes.IsJudged(properties.ContentType) && !(directory.TryGet(path, out var configured) && configured.AllowPassthrough))
        {
            refusals.Refused(Refusals.UnsupportedMediaType, address,
                $"Refused source for {LogText.Of(path)} from {peer}: content type {LogText.Of(properties.ContentType)} is not MP3, Ogg or AAC (ADTS), and the mount does not allow pass-through (allow_passthrough)");
            await connection.ReplyAsync(IcecastResponse.Text(415, "Unsupported Media Type",
                $"Content type {properties.ContentType} is not supported: send MP3 (audio/mpeg), Ogg (application/ogg) or AAC in ADTS (audio/aac)\r\n"));
            return;
        }
        if (!directory.TryOpen(path, out _, out var refusal))
        {
            refusals.Refused(Refusals.Forbidden, address, $"Refused source for {LogText.Of(path)} from {peer}: {refusal}{(refusal == MountDirectory.TooManyMounts ? $" (this node knows {live.Current.Advanced.MaxMounts}, max_mounts)" : "")}");
            await connection.ReplyAsync(IcecastResponse.Text(403, "Forbidden", refusal));
            return;
        }
        var mounts = await router.GetAsync();
        // The session lives as long as the encoder's connection, which it may close only when a moved mount refuses
        // it: the token is the session's to cancel, and is never disposed under it.
        var closing = new CancellationTokenSource();
        string? closedBecause = null;
        var session = system.ActorOf(SourceSession.Props(path, Guid.NewGuid(), properties, peer, mounts, reason =>
        {
            closedBecause = reason;
            closing.Cancel();
        }));
        object answer;
        try
        {
            answer = await session.Ask<object>(GoLive.Instance, AskTimeout);
        }
        catch (AskTimeoutException)
        {
            session.Tell(new SourceEnded("the mount did not answer"));
            log.LogWarning("Refused source for {Mount} from {Peer}: the mount did not answer within {Seconds} s", path, peer, AskTimeout.TotalSeconds);
            await connection.ReplyAsync(IcecastResponse.Text(503, "Service Unavailable", "Mountpoint not available"));
            return;
        }
        if (answer is SourceRefused refused)
        {
            await connection.ReplyAsync(IcecastResponse.Text(403, "Forbidden", refused.Reason));
            return;
        }

        log.LogInformation("Encoder for {Mount} from {Peer} is live: {ContentType}, user agent {UserAgent}", LogText.Of(path), peer,
            LogText.Of(properties.ContentType), LogText.Of(properties.UserAgent) ?? "(none)");
        var expectsContinue = string.Equals(head.Header("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase);
        await connection.ReplyAsync(expectsContinue ? IcecastResponse.SourceContinue : IcecastResponse.SourceOk);
        var chunked = head.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true
            ? new ChunkedBodyDecoder()
            : null;
        var meter = traffic.For(path);
        meter.Connect();
        string reason;
        // The node stopping ends the pump too, but is watched only while it runs: a linked token source would stay
        // registered on the node's token for good.
        var watch = stopping.Watch(closing.Cancel);
        try
        {
            reason = await PumpAsync(connection.Transport.Input, chunked, closing.Token, body =>
            {
                meter.Received(body.Length);
                Forward(session, body);
            });
        }
        finally
        {
            watch.Dispose();
            meter.Disconnect();
        }
        session.Tell(new SourceEnded(closedBecause ?? reason));
        log.LogInformation("Encoder for {Mount} from {Peer} is gone: {Reason}", LogText.Of(path), peer, closedBecause ?? reason);
    }

    /// <summary>Reads the body until it ends; returns why it ended.</summary>
    private async Task<string> PumpAsync(PipeReader input, ChunkedBodyDecoder? chunked, CancellationToken closing,
        Action<ReadOnlySequence<byte>> forward)
    {
        var timeout = live.Current.Advanced.SourceTimeout;
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(closing);
        while (true)
        {
            quiet.CancelAfter(timeout);
            ReadResult result;
            try
            {
                result = await input.ReadAsync(quiet.Token);
            }
            catch (OperationCanceledException) when (stopping.IsStopping)
            {
                return "the node is shutting down";
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested)
            {
                return "closed by its session";
            }
            catch (OperationCanceledException)
            {
                return $"sent nothing for {timeout.TotalSeconds} s (source_timeout)";
            }
            catch (Exception error) when (error is IOException or ConnectionResetException)
            {
                return $"connection lost ({error.Message})";
            }
            var buffer = result.Buffer;
            var consumed = buffer.End;
            try
            {
                if (chunked is null)
                    forward(buffer);
                else
                    consumed = chunked.Decode(buffer, forward);
            }
            catch (FormatException error)
            {
                return $"malformed chunked body ({error.Message})";
            }
            input.AdvanceTo(consumed, buffer.End);
            if (chunked?.IsComplete == true)
                return "encoder ended its body";
            if (result.IsCompleted)
                return "encoder closed the connection";
        }
    }

    /// <summary>
    /// Hands the bytes to the session in chunks of at most <c>broadcaster.chunk_size</c>, each its own array of exactly
    /// its size (<see cref="SourceBytes"/>): the one copy out of the pipe, per source, not per listener. Whatever one read
    /// brought goes as few pieces as possible, however the pipe split it: every piece costs each listener a send.
    /// </summary>
    private void Forward(IActorRef session, ReadOnlySequence<byte> body)
    {
        var chunkSize = live.Current.Broadcaster.ChunkSize;
        while (!body.IsEmpty)
        {
            var piece = body.Slice(0, Math.Min(chunkSize, body.Length));
            var chunk = piece.ToArray();
            session.Tell(new SourceBytes(chunk, chunk.Length));
            body = body.Slice(piece.End);
        }
    }
}
