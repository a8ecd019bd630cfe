using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Listeners;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Streaming;

/// <summary>
/// What a listener on this node reads a mount from: the ring (for its burst and to catch up), the live hub (each
/// element says "the stream now reaches here"), and the mount's current title and stream head. This node's replica
/// of the mount (<see cref="Mounts.MountReplica"/>) is the only writer; listeners only read.
/// </summary>
public sealed class MountFeed(string path, AudioRing ring, Source<AudioChunk, NotUsed> live, StreamHeadFields head)
{
    private readonly object _fanOutGate = new();
    private LiveFanOut? _fanOut;
    private NowPlaying _nowPlaying = NowPlaying.Initial;
    private StreamHeadFields _head = head;

    public string Path => path;
    public AudioRing Ring => ring;
    public Source<AudioChunk, NotUsed> Live => live;

    /// <summary>This node's fan-out for the mount, started with the node's first listener.</summary>
    public LiveFanOut FanOut(IMaterializer materializer)
    {
        lock (_fanOutGate)
            return _fanOut ??= LiveFanOut.Start(ring, live, materializer);
    }

    public NowPlaying NowPlaying
    {
        get => Volatile.Read(ref _nowPlaying);
        internal set => Volatile.Write(ref _nowPlaying, value);
    }

    public StreamHeadFields Head
    {
        get => Volatile.Read(ref _head);
        internal set => Volatile.Write(ref _head, value);
    }
}
