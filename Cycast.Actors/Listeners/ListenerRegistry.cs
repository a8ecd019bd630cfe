using System.Collections.Concurrent;
using Cycast.Actors.Delivery;

namespace Cycast.Actors.Listeners;

/// <summary>
/// The listeners connected to this node, for the stats API and for <c>advanced.max_listeners</c>, which counts
/// every mount together.
/// </summary>
public sealed class ListenerRegistry(int maxListeners)
{
    private readonly ConcurrentDictionary<long, ListenerSession> _sessions = new();
    private long _nextId = Random.Shared.NextInt64(1L << 22) << 31;
    private long _bytesSentByDeparted;
    private int _reserved;
    private volatile int _maxListeners = maxListeners;

    /// <summary><c>advanced.max_listeners</c>, which a reload may change: listeners already over a lowered limit stay.</summary>
    public int MaxListeners
    {
        get => _maxListeners;
        set => _maxListeners = value;
    }

    public IEnumerable<ListenerSession> Sessions => _sessions.Values;

    public int Count => _sessions.Count;

    /// <summary>Raised after a listener joins or leaves this node, for whoever shows the station live (<c>/api/live</c>).</summary>
    public event Action? Changed;

    public long TotalBytesSent => Interlocked.Read(ref _bytesSentByDeparted) + _sessions.Values.Sum(session => session.BytesSent);

    /// <summary>
    /// Listener IDs are unique in the cluster, so an ID from any node's list can be kicked through any node: each node
    /// run counts up from its own random multiple of 2^31 (2^22 of them, so two nodes share one with odds of one in four
    /// million), and every ID stays below 2^53, exact in JavaScript.
    /// </summary>
    public long NextId() => Interlocked.Increment(ref _nextId);

    public ListenerSession? Find(long id) => _sessions.GetValueOrDefault(id);

    /// <summary>Holds a place for one more listener, or says there is none (0 means no limit).</summary>
    public bool TryReserve()
    {
        var max = _maxListeners;
        if (Interlocked.Increment(ref _reserved) <= max || max == 0)
            return true;
        Interlocked.Decrement(ref _reserved);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _reserved);

    public void Add(ListenerSession session)
    {
        _sessions[session.Id] = session;
        Changed?.Invoke();
    }

    /// <summary>The listener's connection goes on in a new session, on another mount, under the same ID.</summary>
    public void Replace(ListenerSession ended, ListenerSession next)
    {
        _sessions[next.Id] = next;
        Interlocked.Add(ref _bytesSentByDeparted, ended.BytesSent);
    }

    public void Remove(ListenerSession session)
    {
        if (_sessions.TryRemove(session.Id, out _))
        {
            Interlocked.Add(ref _bytesSentByDeparted, session.BytesSent);
            Changed?.Invoke();
        }
    }
}
