using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;

namespace Cycast.Node.Api;

/// <summary>Gathers what the API and the status page show: the mounts from their entities, the listeners from every node.</summary>
public sealed class StationStatus(MountCatalog catalog, IRequiredActor<MountDirectory> directory, ListenerCensus census)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public TimeSpan Uptime => DateTimeOffset.UtcNow - StartedAt;

    public string DefaultMount => catalog.DefaultMount;

    public MountSettings DefaultMountSettings => catalog.GetOrAdd(catalog.DefaultMount);

    public IEnumerable<string> MountPaths => catalog.All.Select(mount => mount.Path);

    public async Task<MountStatus> DefaultMountAsync()
    {
        var mounts = await directory.GetAsync();
        return await mounts.Ask<MountStatus>(new GetMountStatus(catalog.DefaultMount), AskTimeout);
    }

    /// <param name="withEntries">Whether to list each listener, or only count them.</param>
    public Task<ClusterListeners> ListenersAsync(bool withEntries) => census.TakeAsync(withEntries);
}
