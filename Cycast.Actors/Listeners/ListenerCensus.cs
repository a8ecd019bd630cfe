using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Messages;

namespace Cycast.Actors.Listeners;

/// <summary>
/// Counts the listeners of the whole cluster by asking every member's <see cref="ListenerReporter"/> at once. A member
/// the failure detector already calls unreachable is not asked, and one that does not answer within
/// <see cref="AskTimeout"/> is left out: either way it is named in <see cref="ClusterListeners.NotAnswering"/>, so a
/// dead node costs a request at most that long and never its answer.
/// </summary>
public sealed class ListenerCensus(ActorSystem system)
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    public async Task<ClusterListeners> TakeAsync(bool withEntries)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(member => member.Address).ToHashSet();
        // This node counts even before it has joined its own cluster, in the moment after start-up.
        var members = state.Members.Select(member => member.Address).Append(cluster.SelfAddress).Distinct().ToArray();
        var answers = await Task.WhenAll(members.Where(address => !unreachable.Contains(address))
            .Select(address => AskAsync(address, withEntries)));
        var answered = answers.OfType<NodeListeners>().OrderBy(node => node.Node, StringComparer.Ordinal).ToArray();
        var notAnswering = members.Select(address => address.ToString())
            .Except(answered.Select(node => node.Node))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new ClusterListeners(answered, notAnswering);
    }

    /// <summary>Asks every reachable node to disconnect listener <paramref name="id"/>; true when one had it.</summary>
    public async Task<bool> KickAsync(long id) =>
        (await AskReachableAsync<ListenerKicked>(new KickListener(id))).Any(answer => answer.Found);

    /// <summary>Asks every reachable node to move the listeners of <paramref name="from"/> to <paramref name="to"/>; returns how many it asked to move.</summary>
    public async Task<int> MoveAsync(string from, string to) =>
        (await AskReachableAsync<ListenersMoved>(new MoveListeners(from, to))).Sum(answer => answer.Count);

    private async Task<T[]> AskReachableAsync<T>(object question) where T : class
    {
        var cluster = Cluster.Get(system);
        var unreachable = cluster.State.Unreachable.Select(member => member.Address).ToHashSet();
        var members = cluster.State.Members.Select(member => member.Address).Append(cluster.SelfAddress).Distinct()
            .Where(address => !unreachable.Contains(address));
        var answers = await Task.WhenAll(members.Select(async address =>
        {
            try
            {
                return await Reporter(address).Ask<T>(question, AskTimeout);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }));
        return answers.OfType<T>().ToArray();
    }

    private ActorSelection Reporter(Address node) => system.ActorSelection(new RootActorPath(node) / "user" / ListenerReporter.Name);

    private async Task<NodeListeners?> AskAsync(Address node, bool withEntries)
    {
        try
        {
            return await Reporter(node).Ask<NodeListeners>(new GetNodeListeners(withEntries), AskTimeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}

/// <summary>The answers of a census, by node address, and the addresses of the members that gave none.</summary>
public sealed record ClusterListeners(IReadOnlyList<NodeListeners> Nodes, IReadOnlyList<string> NotAnswering)
{
    public int Total => Nodes.Sum(node => node.Total);

    public long BytesSent => Nodes.Sum(node => node.BytesSent);
}
