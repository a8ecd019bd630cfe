namespace Cycast.Actors.Delivery;

/// <summary>
/// A share of a fan-out's listeners, woken together on one thread. Slots are reused, so joining and leaving cost
/// no copying however many listeners there are, and a wake walks a plain array with no lock.
/// </summary>
internal sealed class FanOutPartition : IThreadPoolWorkItem
{
    private readonly object _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private ListenerSession?[] _slots = new ListenerSession?[64];
    private int _used;
    private long _edge;
    private int _queued;

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
            listener.Partition = this;
            listener.Slot = slot;
            Volatile.Write(ref _slots[slot], listener);
        }
    }

    /// <returns>False when the listener was not (or no longer) in this partition.</returns>
    public bool Remove(ListenerSession listener)
    {
        lock (_gate)
        {
            if (listener.Partition != this || !ReferenceEquals(_slots[listener.Slot], listener))
                return false;
            Volatile.Write(ref _slots[listener.Slot], null);
            _freeSlots.Push(listener.Slot);
            listener.Partition = null;
            return true;
        }
    }

    /// <summary>Wakes this partition on a pool thread; a wake already queued just carries the newer edge.</summary>
    public void PublishOnThreadPool(long edge)
    {
        Interlocked.Exchange(ref _edge, edge);
        if (Interlocked.Exchange(ref _queued, 1) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Volatile.Write(ref _queued, 0);
        Publish(Interlocked.Read(ref _edge));
    }

    /// <summary>
    /// No lock: a listener added while this runs was already woken by its own Add, and one removed meanwhile
    /// ignores the wake.
    /// </summary>
    public void Publish(long edge)
    {
        var slots = Volatile.Read(ref _slots);
        var used = Math.Min(Volatile.Read(ref _used), slots.Length);
        for (var i = 0; i < used; i++)
            Volatile.Read(ref slots[i])?.Wake(edge);
    }
}
