using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;

namespace Cycast.Node.Api;

/// <summary>
/// Gathers what the API and the status page show: the main mount from its entity (or, while the entity does not
/// answer, from this node's replica), the listeners from every node.
/// </summary>
public sealed class StationStatus(MountCatalog catalog, IRequiredActor<MountDirectory> directory, ListenerCensus census)
{
    // A running entity answers in milliseconds; one that takes longer is on a node that died, and stays out of reach
    // until it restarts elsewhere (seconds). As long as the census waits for a node, so a request waits no longer.
    private static readonly TimeSpan EntityPatience = ListenerCensus.AskTimeout;
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(1);

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public TimeSpan Uptime => DateTimeOffset.UtcNow - StartedAt;

    public string DefaultMount => catalog.DefaultMount;

    public MountSettings DefaultMountSettings => catalog.GetOrAdd(catalog.DefaultMount);

    public IEnumerable<string> MountPaths => catalog.All.Select(mount => mount.Path);

    /// <summary>
    /// The main mount from its entity or, when the entity does not answer in time, as this node's replica last heard
    /// it: a status that answers while a node dies beats an exact one that fails.
    /// </summary>
    public async Task<(MountStatus Mount, bool EntityAnswering)> DefaultMountAsync()
    {
        var mounts = await directory.GetAsync();
        try
        {
            return (await mounts.Ask<MountStatus>(new GetMountStatus(catalog.DefaultMount), EntityPatience), true);
        }
        catch (AskTimeoutException)
        {
            return (await mounts.Ask<MountStatus>(new GetReplicaStatus(catalog.DefaultMount), ReplicaTimeout), false);
        }
    }

    /// <param name="withEntries">Whether to list each listener, or only count them.</param>
    public Task<ClusterListeners> ListenersAsync(bool withEntries) => census.TakeAsync(withEntries);
}
