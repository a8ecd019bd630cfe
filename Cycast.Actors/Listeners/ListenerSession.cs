using System.Net.Sockets;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Mounts;
using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Listeners;

/// <summary>
/// One player connected to a mount. Audio goes from the ring straight to the listener's socket: the bytes handed to
/// the kernel are the ring's own memory, shared with every other listener. ICY blocks, when asked for, are sent
/// between runs of audio; they too are shared, encoded once per title.
/// </summary>
public sealed class ListenerSession(long id, string mountPath, string peer, Socket socket, IcyInterleaver? icy)
{
    private long _nextOffset;
    private long _bytesSent;
    private MountFeed? _feed;
    private bool _live;

    public long Id => id;
    public string MountPath => mountPath;
    public string Peer => peer;
    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;
    public long BytesSent => Volatile.Read(ref _bytesSent);

    /// <summary>
    /// Sends the response head, the burst, then the live stream until the client goes, the listener lags past
    /// <paramref name="lagBudget"/> (<see cref="ListenerTooSlowException"/>), or the socket fails.
    /// </summary>
    public async Task StreamAsync(ReadOnlyMemory<byte> responseHead, ListenerAttached attached, IActorRef mount,
        IMaterializer materializer, long lagBudget, CancellationToken clientGone)
    {
        _feed = attached.Feed;
        Volatile.Write(ref _nextOffset, attached.BurstStart);
        await SendAsync(responseHead, clientGone);
        if (!attached.StreamHeader.IsEmpty)
            await SendAsync(attached.StreamHeader, clientGone);
        await SendUpToAsync(attached.LiveEdge, clientGone);

        var (killSwitch, done) = attached.Feed.Live
            .Via(new LagGuardStage(() => Volatile.Read(ref _nextOffset), lagBudget))
            .ViaMaterialized(KillSwitches.Single<AudioChunk>(), Keep.Right)
            .ToMaterialized(Sink.ForEachAsync<AudioChunk>(1, chunk =>
            {
                if (!_live)
                {
                    _live = true;
                    mount.Tell(new ListenerLive(mountPath, id));
                }
                return SendUpToAsync(chunk.End, clientGone);
            }), Keep.Both)
            .Run(materializer);
        await using var stop = clientGone.Register(killSwitch.Shutdown);
        await done;
    }

    /// <summary>Sends the ring from where this listener is up to <paramref name="end"/>.</summary>
    private async Task SendUpToAsync(long end, CancellationToken cancellation)
    {
        var ring = _feed!.Ring;
        var next = Volatile.Read(ref _nextOffset);
        while (next < end)
        {
            if (!ring.Holds(next))
                throw new ListenerTooSlowException(ring.WriteOffset - next, ring.Capacity);
            var run = ring.Read(next, end);
            await SendAudioAsync(run, cancellation);
            next += run.Length;
            Volatile.Write(ref _nextOffset, next);
        }
    }

    private async ValueTask SendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellation)
    {
        if (icy is null)
        {
            await SendAsync(audio, cancellation);
            return;
        }
        while (!audio.IsEmpty)
        {
            var run = icy.AudioBeforeBlock(audio.Length);
            await SendAsync(audio[..run], cancellation);
            audio = audio[run..];
            if (icy.AudioSent(run))
            {
                var nowPlaying = _feed!.NowPlaying;
                await SendAsync(icy.TakeBlock(nowPlaying.Version, nowPlaying.IcyBlock), cancellation);
            }
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellation)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellation);
            bytes = bytes[sent..];
            Interlocked.Add(ref _bytesSent, sent);
        }
    }
}
