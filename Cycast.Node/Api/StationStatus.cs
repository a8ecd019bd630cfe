using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Node.Observability;
using Cycast.Shared.Config;

namespace Cycast.Node.Api;

/// <summary>
/// Gathers what the API and the status page show: the main mount from its entity (or, while the entity does not
/// answer, from this node's replica), the listeners from every node.
/// </summary>
public sealed class StationStatus(MountDirectory directory, IRequiredActor<MountRouter> router, ListenerCensus census, NodeStart start, CycastSettings station)
{
    // A running entity answers in milliseconds; one that takes longer is on a node that died, and stays out of reach
    // until it restarts elsewhere (seconds). As long as the census waits for a node, so a request waits no longer.
    private static readonly TimeSpan EntityPatience = ListenerCensus.AskTimeout;
    private static readonly TimeSpan ReplicaTimeout = TimeSpan.FromSeconds(1);

    public DateTimeOffset StartedAt => start.At;

    public TimeSpan Uptime => DateTimeOffset.UtcNow - start.At;

    public string DefaultMount => directory.DefaultMount;

    /// <summary>Icecast's <c>&lt;admin&gt;</c> contact and <c>&lt;location&gt;</c>, from the metadata block.</summary>
    public string AdminContact => station.Metadata.Admin;

    public string Location => station.Metadata.Location;

    public MountSettings DefaultMountSettings => directory.TryGet(directory.DefaultMount, out var mount) ? mount : throw new InvalidOperationException("the main mount is always configured");

    public IEnumerable<string> MountPaths => directory.All.Select(mount => mount.Path);

    /// <summary>Whether the mount is configured <c>hidden</c>: playable, but left out of what the public is shown (Icecast's rule).</summary>
    public bool IsHidden(string path) => directory.TryGet(path, out var mount) && mount.Overrides.Hidden;

    /// <summary>How the listeners spread over the mounts the public may see, for the public API and status page.</summary>
    public IReadOnlyList<MountListeners> PublicSpread(ClusterListeners census) =>
        ListenerSpread.PerMount(census, MountPaths).Where(mount => !IsHidden(mount.Mount)).ToArray();

    /// <summary>As <see cref="MountsOnAirAsync"/>, without the hidden mounts: for the public status documents.</summary>
    public async Task<IReadOnlyList<MountStatus>> PublicMountsOnAirAsync() =>
        (await MountsOnAirAsync()).Where(mount => !IsHidden(mount.MountPath)).ToArray();

    /// <summary>The main mount and the listeners, asked side by side: a request waits for the slower, not for both in turn.</summary>
    /// <param name="withEntries">Whether to list each listener, or only count them.</param>
    public async Task<StationSnapshot> SnapshotAsync(bool withEntries)
    {
        var mainAsked = DefaultMountAsync();
        var censusTaken = census.TakeAsync(withEntries);
        var (main, entityAnswering) = await mainAsked;
        return new StationSnapshot(main, entityAnswering, await censusTaken);
    }

    /// <summary>
    /// Every mount this node knows that is on the air (a live source or its playlist), each from its entity, asked side
    /// by side; a mount whose entity does not answer in time is left out rather than holding up the answer.
    /// </summary>
    public async Task<IReadOnlyList<MountStatus>> MountsOnAirAsync()
    {
        var mounts = await router.GetAsync();
        var answers = await Task.WhenAll(MountPaths.Select(async path =>
        {
            try
            {
                return (await mounts.Ask<MountStatus>(new GetMountStatus(path), EntityPatience)).ListedIn(directory);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }));
        return answers.OfType<MountStatus>().Where(mount => mount.SourceConnected || mount.PlayingFallback).ToArray();
    }

    /// <summary>
    /// The main mount from its entity or, when the entity does not answer in time, as this node's replica last heard
    /// it: a status that answers while a node dies beats an exact one that fails.
    /// </summary>
    private async Task<(MountStatus Mount, bool EntityAnswering)> DefaultMountAsync()
    {
        var mounts = await router.GetAsync();
        try
        {
            return ((await mounts.Ask<MountStatus>(new GetMountStatus(directory.DefaultMount), EntityPatience)).ListedIn(directory), true);
        }
        catch (AskTimeoutException)
        {
            return ((await mounts.Ask<MountStatus>(new GetReplicaStatus(directory.DefaultMount), ReplicaTimeout)).ListedIn(directory), false);
        }
    }
}

/// <summary>What one API request or page shows: the main mount, whether its entity answered, and the census.</summary>
public sealed record StationSnapshot(MountStatus Main, bool EntityAnswering, ClusterListeners Census);
