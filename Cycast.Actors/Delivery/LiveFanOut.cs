using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Streaming;

namespace Cycast.Actors.Delivery;

/// <summary>
/// This node's fan-out of one mount: the single consumer of the mount's live hub on this node, which wakes every
/// listener when the stream grows. Listeners join and leave without touching the hub, so a connection storm costs
/// the hub nothing, and waking a listener allocates nothing. Listeners are split into one partition per core and
/// the partitions are woken in parallel: one thread alone cannot feed tens of thousands of sockets in real time.
/// A large audience is woken less often than the stream grows (<see cref="WakePacing"/>).
/// </summary>
public sealed class LiveFanOut
{
    private readonly AudioRing _ring;
    private readonly FanOutPartition[] _partitions;
    private int _nextPartition;
    private int _listeners;

    private LiveFanOut(AudioRing ring, int partitions)
    {
        _ring = ring;
        _partitions = Enumerable.Range(0, partitions).Select(_ => new FanOutPartition()).ToArray();
    }

    /// <summary>Subscribes a new fan-out to <paramref name="live"/>; it lives as long as the hub does.</summary>
    public static LiveFanOut Start(AudioRing ring, Source<AudioChunk, Akka.NotUsed> live, IMaterializer materializer)
    {
        var fanOut = new LiveFanOut(ring, Environment.ProcessorCount);
        live.Paced(() => Volatile.Read(ref fanOut._listeners))
            // A paced wake may go out well after the write that triggered it: it carries the ring's edge as it is then.
            .RunWith(Sink.ForEach<AudioChunk>(_ => fanOut.Publish(ring.WriteOffset)), materializer);
        return fanOut;
    }

    /// <summary>Adds a listener and starts it on what the ring already holds (its burst).</summary>
    public void Add(ListenerSession listener)
    {
        var partition = _partitions[(uint)Interlocked.Increment(ref _nextPartition) % _partitions.Length];
        partition.Add(listener);
        Interlocked.Increment(ref _listeners);
        listener.Wake(_ring.WriteOffset);
    }

    public void Remove(ListenerSession listener)
    {
        if (listener.Partition?.Remove(listener) == true)
            Interlocked.Decrement(ref _listeners);
    }

    /// <summary>The stream now reaches <paramref name="edge"/>: every listener sends what it has not yet sent.</summary>
    public void Publish(long edge)
    {
        for (var i = 1; i < _partitions.Length; i++)
            _partitions[i].PublishOnThreadPool(edge);
        _partitions[0].Publish(edge);
    }
}
