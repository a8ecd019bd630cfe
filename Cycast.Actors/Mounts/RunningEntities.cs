using System.Collections.Concurrent;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The mount entities running on this node, each with its fencing number (<see cref="MountEpoch"/>): what the node's
/// metrics and admin API say it runs, so that where each mount's one writer was can be read from every node.
/// An entity counts from the moment it may write (it has its number) until it stops.
/// </summary>
public sealed class RunningEntities
{
    private readonly ConcurrentDictionary<string, long> _epochs = new(StringComparer.Ordinal);

    public void Started(string mountPath, long epoch) => _epochs[mountPath] = epoch;

    /// <summary>Forgets the entity, unless a newer one of the same mount has started here meanwhile.</summary>
    public void Stopped(string mountPath, long epoch) => _epochs.TryRemove(KeyValuePair.Create(mountPath, epoch));

    public bool TryGetEpoch(string mountPath, out long epoch) => _epochs.TryGetValue(mountPath, out epoch);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_epochs, StringComparer.Ordinal);
}
