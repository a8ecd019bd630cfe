using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Messages;

namespace Cycast.Actors.Listeners;

/// <summary>
/// Counts the listeners of the whole cluster by asking every member's <see cref="ListenerReporter"/> at once. A member
/// the failure detector already calls unreachable is not asked, and one that does not answer within
/// <see cref="AskTimeout"/> is left out: either way it is named in <see cref="ClusterListeners.NotAnswering"/>, so a
/// dead node costs a request at most that long and never its answer. Each answer carries its node's name
/// (<see cref="PublicNodeNames"/>), remembered for when that node stops answering.
/// </summary>
public sealed class ListenerCensus(ActorSystem system)
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>What a member that has never answered is called on public pages.</summary>
    public const string UnknownName = "unknown node";

    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task<ClusterListeners> TakeAsync(bool withEntries)
    {
        var (members, answers) = await AskEveryNodeAsync<NodeListeners>(new GetNodeListeners(withEntries));
        var answered = answers.OrderBy(node => node.Node, StringComparer.Ordinal).ToArray();
        foreach (var node in answered)
            _names[node.Node] = node.Name;
        var notAnswering = members.Select(address => address.ToString())
            .Except(answered.Select(node => node.Node))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var names = PublicNodeNames.Of(answered.Select(node => (node.Node, node.Name))
            .Concat(notAnswering.Select(address => (address, _names.GetValueOrDefault(address, UnknownName)))));
        return new ClusterListeners(answered.Select(node => node with { Name = names[node.Node] }).ToArray(), notAnswering,
            notAnswering.Select(address => names[address]).ToArray());
    }

    /// <summary>Asks every reachable node to disconnect listener <paramref name="id"/>; true when one had it.</summary>
    public async Task<bool> KickAsync(long id) =>
        (await AskEveryNodeAsync<ListenerKicked>(new KickListener(id))).Answers.Any(answer => answer.Found);

    /// <summary>Asks every reachable node to move the listeners of <paramref name="from"/> to <paramref name="to"/>; returns how many it asked to move.</summary>
    public async Task<int> MoveAsync(string from, string to) =>
        (await AskEveryNodeAsync<ListenersMoved>(new MoveListeners(from, to))).Answers.Sum(answer => answer.Count);

    /// <summary>Every answering node's listener counts of the last hour, by node address, each named by its public name.</summary>
    public async Task<IReadOnlyList<NodeListenerHistory>> HistoryAsync()
    {
        var answers = (await AskEveryNodeAsync<NodeListenerHistory>(GetListenerHistory.Instance)).Answers
            .OrderBy(node => node.Node, StringComparer.Ordinal).ToArray();
        var names = PublicNodeNames.Of(answers.Select(node => (node.Node, node.Name)));
        return answers.Select(node => node with { Name = names[node.Node] }).ToArray();
    }

    /// <summary>The members, and the answers of those that are reachable and answered within <see cref="AskTimeout"/>.</summary>
    private async Task<(Address[] Members, IEnumerable<T> Answers)> AskEveryNodeAsync<T>(object question) where T : class
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(member => member.Address).ToHashSet();
        // This node counts even before it has joined its own cluster, in the moment after start-up.
        var members = state.Members.Select(member => member.Address).Append(cluster.SelfAddress).Distinct().ToArray();
        var answers = await Task.WhenAll(members.Where(address => !unreachable.Contains(address)).Select(async address =>
        {
            try
            {
                return await system.ActorSelection(new RootActorPath(address) / "user" / ListenerReporter.Name).Ask<T>(question, AskTimeout);
            }
            catch (AskTimeoutException)
            {
                return null;
            }
        }));
        return (members, answers.OfType<T>());
    }
}

/// <summary>
/// The answers of a census, by node address (each <see cref="NodeListeners.Name"/> its public name), and the members
/// that gave none: their addresses, for the admin, and their public names.
/// </summary>
public sealed record ClusterListeners(IReadOnlyList<NodeListeners> Nodes, IReadOnlyList<string> NotAnswering, IReadOnlyList<string> NotAnsweringNames)
{
    public int Total => Nodes.Sum(node => node.Total);

    public long BytesSent => Nodes.Sum(node => node.BytesSent);
}
