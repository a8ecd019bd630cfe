using Akka.Actor;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The replicas a mount entity feeds, one per node that serves the mount, with how many listeners each has: the entity
/// sends every write once to each, and counts the mount's listeners from them.
/// </summary>
public sealed class ReplicaSet
{
    private readonly Dictionary<IActorRef, int> _listeners = new();

    /// <summary>Whether any replica is fed.</summary>
    public bool Any => _listeners.Count > 0;

    public int Listeners => _listeners.Values.Sum();

    /// <summary>The most listeners at once since this entity started: Icecast's <c>listener_peak</c>.</summary>
    public int Peak { get; private set; }

    /// <summary>Adds the replica, or updates its count; returns true when it is new.</summary>
    public bool Subscribe(IActorRef replica, int listeners)
    {
        var isNew = !_listeners.ContainsKey(replica);
        _listeners[replica] = listeners;
        Peak = Math.Max(Peak, Listeners);
        return isNew;
    }

    /// <summary>A known replica's listener count changed; one that has gone is not brought back.</summary>
    public void Count(IActorRef replica, int listeners)
    {
        if (!_listeners.ContainsKey(replica))
            return;
        _listeners[replica] = listeners;
        Peak = Math.Max(Peak, Listeners);
    }

    public void Remove(IActorRef replica) => _listeners.Remove(replica);

    public void Tell(object message, IActorRef sender)
    {
        foreach (var replica in _listeners.Keys)
            replica.Tell(message, sender);
    }

    /// <summary>Listeners per node, by address; a replica on this node has a local path and counts as <paramref name="self"/>.</summary>
    public Dictionary<string, int> ByNode(Address self) => _listeners
        .GroupBy(replica => replica.Key.Path.Address.HasGlobalScope ? replica.Key.Path.Address : self)
        .ToDictionary(node => node.Key.ToString(), node => node.Sum(replica => replica.Value));
}
