using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Streaming;

namespace Cycast.Actors.Delivery;

/// <summary>
/// This node's fan-out of one mount: it wakes every listener when the ring grows. Listeners join and leave without
/// touching the stream of wakes, so a connection storm costs it nothing, and waking a listener allocates nothing.
/// Listeners are split into one partition per core and the partitions are woken in parallel: one thread alone cannot
/// feed tens of thousands of sockets in real time. A large audience is woken less often than the ring grows
/// (<see cref="WakePacing"/>).
/// </summary>
public sealed class LiveFanOut
{
    private readonly AudioRing _ring;
    private readonly FanOutPartition[] _partitions;
    private IActorRef _writes = ActorRefs.Nobody;
    private int _nextPartition;
    private int _listeners;

    private LiveFanOut(AudioRing ring, int partitions)
    {
        _ring = ring;
        _partitions = Enumerable.Range(0, partitions).Select(_ => new FanOutPartition()).ToArray();
    }

    /// <summary>
    /// Starts the fan-out of <paramref name="ring"/>: an Akka.Streams graph from the ring's writes, through the pacing,
    /// to the listeners. It runs as long as <paramref name="materializer"/> (the owning actor's) does.
    /// </summary>
    public static LiveFanOut Start(AudioRing ring, IMaterializer materializer, TimeSpan latencyBudget)
    {
        var fanOut = new LiveFanOut(ring, Environment.ProcessorCount);
        fanOut._writes = Source.ActorRef<long>(256, OverflowStrategy.DropHead)
            .Paced(() => Volatile.Read(ref fanOut._listeners), latencyBudget)
            // A paced wake may go out well after the write that triggered it: it carries the ring's edge as it is then.
            .To(Sink.ForEach<long>(_ => fanOut.Publish(ring.WriteOffset)))
            .Run(materializer);
        return fanOut;
    }

    /// <summary>The ring's writer appended up to <paramref name="edge"/>: listeners are woken, as the pacing allows.</summary>
    public void RingGrew(long edge) => _writes.Tell(edge);

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
    private void Publish(long edge)
    {
        for (var i = 1; i < _partitions.Length; i++)
            _partitions[i].PublishOnThreadPool(edge);
        _partitions[0].Publish(edge);
    }
}
