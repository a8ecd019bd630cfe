using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;
using Cycast.Shared.AdminApi;

namespace Cycast.Node.Api;

/// <summary>
/// The cluster as pbm shows it: members with their status, roles, reachability, leader and oldest, and which mount
/// entities each member's shard region runs (Akka's own <c>GetShardRegionState</c>, asked of every member's region).
/// </summary>
public sealed class ClusterInspection(ActorSystem system, ListenerCensus census, IRequiredActor<MountActor> mountRegion)
{
    public async Task<ClusterView> MembersAsync()
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var regionsAsked = RegionsAsync(state);
        var censusTaken = census.TakeAsync(withEntries: false);
        var (regions, listeners) = (await regionsAsked, await censusTaken);
        var counts = listeners.Nodes.ToDictionary(node => node.Node, node => node.Total);
        var names = listeners.Nodes.Select(node => (node.Node, node.Name))
            .Concat(listeners.NotAnswering.Zip(listeners.NotAnsweringNames))
            .ToDictionary(node => node.Item1, node => node.Item2, StringComparer.Ordinal);
        var oldest = state.Members.Where(member => member.Status is MemberStatus.Up or MemberStatus.Leaving)
            .Aggregate((Member?)null, (older, member) => older is null || member.IsOlderThan(older) ? member : older)?.Address;
        var members = state.Members.Select(member =>
        {
            var address = member.Address.ToString();
            var answered = counts.TryGetValue(address, out var count);
            return new MemberView(address, member.Status.ToString(), member.Roles.Order(StringComparer.Ordinal).ToArray(),
                Reachable: !state.Unreachable.Contains(member), Leader: member.Address == state.Leader, Oldest: member.Address == oldest,
                answered, count,
                regions.GetValueOrDefault(member.Address)?.Shards.SelectMany(shard => shard.EntityIds).Order(StringComparer.Ordinal).ToArray() ?? [],
                // A member the census did not reach (joining, unreachable) has no name yet: its address stands in.
                names.GetValueOrDefault(address, address));
        }).ToArray();
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), oldest?.ToString(), members);
    }

    public async Task<ShardsView> ShardsAsync()
    {
        var state = Cluster.Get(system).State;
        var regions = await RegionsAsync(state);
        var shards = regions
            .SelectMany(region => region.Value.Shards.Select(shard =>
                new ShardView(shard.ShardId, region.Key.ToString(), shard.EntityIds.Order(StringComparer.Ordinal).ToArray())))
            .OrderBy(shard => int.TryParse(shard.Shard, out var number) ? number : int.MaxValue)
            .ThenBy(shard => shard.Shard, StringComparer.Ordinal)
            .ToArray();
        var notAnswering = state.Members.Select(member => member.Address).Where(address => !regions.ContainsKey(address))
            .Select(address => address.ToString()).Order(StringComparer.Ordinal).ToArray();
        return new ShardsView(shards, notAnswering);
    }

    /// <summary>Every reachable member's mount region, asked side by side; one that does not answer in time is left out.</summary>
    private async Task<ImmutableDictionary<Address, CurrentShardRegionState>> RegionsAsync(ClusterEvent.CurrentClusterState state)
    {
        // Every member runs its mount region at the path this node runs its own.
        var regionPath = (await mountRegion.GetAsync()).Path.Elements;
        var answers = await Task.WhenAll(state.Members.Where(member => !state.Unreachable.Contains(member)).Select(async member =>
        {
            var region = system.ActorSelection(new RootActorPath(member.Address) / regionPath);
            try
            {
                return (member.Address, State: (CurrentShardRegionState?)await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, ListenerCensus.AskTimeout));
            }
            catch (AskTimeoutException)
            {
                return (member.Address, State: null);
            }
        }));
        return answers.Where(answer => answer.State is not null).ToImmutableDictionary(answer => answer.Address, answer => answer.State!);
    }
}
