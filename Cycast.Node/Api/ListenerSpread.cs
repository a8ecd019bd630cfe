using Cycast.Actors.Listeners;

namespace Cycast.Node.Api;

/// <summary>
/// How a census's listeners spread over mounts and nodes, as <c>/api/status</c>, <c>/api/stats</c> and the status page
/// show it: nodes by their public names.
/// </summary>
public static class ListenerSpread
{
    /// <summary>Every mount this node knows, and any other that has listeners somewhere, in path order.</summary>
    public static IReadOnlyList<MountListeners> PerMount(ClusterListeners census, IEnumerable<string> knownMounts) =>
        knownMounts.Concat(census.Nodes.SelectMany(node => node.ListenersByMount.Keys))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(mount => new MountListeners(
                mount,
                census.Nodes.Sum(node => node.ListenersByMount.GetValueOrDefault(mount)),
                census.Nodes.ToDictionary(node => node.Name, node => node.ListenersByMount.GetValueOrDefault(mount))))
            .ToArray();

    public static IReadOnlyList<NodeListenerTotals> PerNode(ClusterListeners census) =>
        census.Nodes.Select(node => new NodeListenerTotals(node.Name, node.Total, node.BytesSent)).ToArray();
}
