using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;

namespace Cycast.Node.Api;

/// <summary>Gathers what the API and the status page show, from the mounts and this node's listeners.</summary>
public sealed class StationStatus(MountCatalog catalog, IRequiredActor<MountDirectory> directory, ListenerRegistry listeners)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public TimeSpan Uptime => DateTimeOffset.UtcNow - StartedAt;

    public ListenerRegistry Listeners => listeners;

    public string DefaultMount => catalog.DefaultMount;

    public async Task<IReadOnlyList<MountStatus>> MountsAsync()
    {
        var mounts = await directory.GetAsync();
        return await Task.WhenAll(catalog.All.Select(mount => mounts.Ask<MountStatus>(new GetMountStatus(mount.Path), AskTimeout)));
    }

    public async Task<MountStatus> DefaultMountAsync()
    {
        var mounts = await directory.GetAsync();
        return await mounts.Ask<MountStatus>(new GetMountStatus(catalog.DefaultMount), AskTimeout);
    }

    public Cycast.Shared.Config.MountSettings DefaultMountSettings => catalog.GetOrAdd(catalog.DefaultMount);
}
