using Akka.Actor;

namespace Cycast.Actors.Listeners;

/// <summary>
/// What public pages call each node: its <c>cluster.node_name</c>. Nodes that share a name (several on one host, each
/// with the host name by default) get their cluster port after it, so each still has a name of its own; never its
/// remoting address.
/// </summary>
public static class PublicNodeNames
{
    /// <summary>Each node's public name by its member address.</summary>
    public static IReadOnlyDictionary<string, string> Of(IEnumerable<(string Address, string Name)> nodes)
    {
        var distinct = nodes.DistinctBy(node => node.Address).ToArray();
        var shared = distinct.GroupBy(node => node.Name, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToHashSet(StringComparer.Ordinal);
        return distinct.ToDictionary(node => node.Address,
            node => shared.Contains(node.Name) ? $"{node.Name} ({Address.Parse(node.Address).Port})" : node.Name, StringComparer.Ordinal);
    }
}
