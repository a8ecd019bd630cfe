using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;

namespace Cycast.Node.Api;

/// <summary>
/// Asks mounts' entities, wherever they run, what they are doing and where their listeners are: for
/// <c>/api/cluster</c> and the admin API. A mount whose entity does not answer in time is moving off a dead node.
/// </summary>
public sealed class MountInspection(MountDirectory directory, IRequiredActor<MountRouter> router)
{
    // As for /api/status: a request is never held up longer than the listener census would be.
    private static readonly TimeSpan AskTimeout = ListenerCensus.AskTimeout;

    public bool Knows(string path) => directory.TryGet(path, out _);

    /// <summary>Every mount this node knows, in path order, each asked side by side.</summary>
    public async Task<IReadOnlyList<InspectedMount>> AllAsync()
    {
        var mounts = await router.GetAsync();
        return await Task.WhenAll(directory.All.Select(mount => AskAsync(mounts, mount.Path)));
    }

    public async Task<InspectedMount> OneAsync(string path) => await AskAsync(await router.GetAsync(), path);

    private async Task<InspectedMount> AskAsync(IActorRef mounts, string path)
    {
        var status = mounts.Ask<MountStatus>(new GetMountStatus(path), AskTimeout);
        var nodes = mounts.Ask<MountNodes>(new GetMountNodes(path), AskTimeout);
        try
        {
            return new InspectedMount(path, (await status).ListedIn(directory), await nodes);
        }
        catch (AskTimeoutException)
        {
            return new InspectedMount(path, null, null);
        }
    }
}

/// <summary>A mount as its entity answered, or with neither answer when the entity did not answer in time.</summary>
public sealed record InspectedMount(string Path, MountStatus? Status, MountNodes? Nodes)
{
    /// <summary><c>Connected</c> for a live source, <c>Playlist</c> while the fallback plays, else <c>Disconnected</c>.</summary>
    public static string SourceStatusOf(MountStatus mount) =>
        mount.SourceConnected ? "Connected" : mount.PlayingFallback ? "Playlist" : "Disconnected";
}
