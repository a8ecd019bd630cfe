using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Streaming;

namespace Cycast.Actors.Listeners;

/// <summary>
/// This node's fan-out of one mount: the single consumer of the mount's live hub on this node, which wakes every
/// listener when the stream grows. Listeners join and leave without touching the hub, so a connection storm costs
/// the hub nothing, and waking a listener allocates nothing.
/// </summary>
public sealed class LiveFanOut
{
    private readonly object _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private ListenerSession?[] _slots = new ListenerSession?[64];
    private int _used;
    private readonly AudioRing _ring;

    private LiveFanOut(AudioRing ring) => _ring = ring;

    /// <summary>Subscribes a new fan-out to <paramref name="live"/>; it lives as long as the hub does.</summary>
    public static LiveFanOut Start(AudioRing ring, Source<AudioChunk, Akka.NotUsed> live, IMaterializer materializer)
    {
        var fanOut = new LiveFanOut(ring);
        live.RunWith(Sink.ForEach<AudioChunk>(chunk => fanOut.Publish(chunk.End)), materializer);
        return fanOut;
    }

    public int Count
    {
        get
        {
            lock (_gate)
                return _used - _freeSlots.Count;
        }
    }

    /// <summary>Adds a listener and starts it on what the ring already holds (its burst).</summary>
    public void Add(ListenerSession listener)
    {
        lock (_gate)
        {
            if (!_freeSlots.TryPop(out var slot))
            {
                if (_used == _slots.Length)
                {
                    var bigger = new ListenerSession?[_slots.Length * 2];
                    _slots.CopyTo(bigger, 0);
                    Volatile.Write(ref _slots, bigger);
                }
                slot = _used++;
            }
            listener.Slot = slot;
            Volatile.Write(ref _slots[slot], listener);
        }
        listener.Wake(_ring.WriteOffset);
    }

    public void Remove(ListenerSession listener)
    {
        lock (_gate)
        {
            if (listener.Slot < 0 || !ReferenceEquals(_slots[listener.Slot], listener))
                return;
            Volatile.Write(ref _slots[listener.Slot], null);
            _freeSlots.Push(listener.Slot);
            listener.Slot = -1;
        }
    }

    /// <summary>The stream now reaches <paramref name="edge"/>: every listener sends what it has not yet sent.</summary>
    public void Publish(long edge)
    {
        // No lock: a listener added while this runs was already woken by Add, and a removed one ignores the wake.
        var slots = Volatile.Read(ref _slots);
        var used = Math.Min(Volatile.Read(ref _used), slots.Length);
        for (var i = 0; i < used; i++)
            Volatile.Read(ref slots[i])?.Wake(edge);
    }
}
