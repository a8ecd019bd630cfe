namespace Cycast.Tests.Architecture;

/// <summary>
/// The cycles of a <see cref="FolderGraph"/>: one per group of folders that reach each other (a strongly connected
/// component), told as the shortest loop through the group's first folder, with the place that makes each step.
/// </summary>
internal static class FolderCycles
{
    public static IReadOnlyList<string> Describe(FolderGraph graph) =>
        StronglyConnected(graph)
            .Where(group => group.Count > 1)
            .Select(group => Tell(graph, group))
            .ToList();

    /// <summary>The shortest loop as a headline, then every use inside the group: each is a place to cut.</summary>
    private static string Tell(FolderGraph graph, HashSet<string> group)
    {
        var members = group.Order(StringComparer.Ordinal).ToList();
        var uses = members.SelectMany(from => graph.UsesOf(from)
            .Where(use => group.Contains(use.Key))
            .OrderBy(use => use.Key, StringComparer.Ordinal)
            .Select(use => $"  {from} → {use.Key}: {use.Value}"));
        return $"{string.Join(" → ", ShortestLoop(graph, members[0], group))}\n{string.Join("\n", uses)}";
    }

    /// <summary>The shortest path from <paramref name="start"/> back to itself inside <paramref name="group"/>, both ends included.</summary>
    private static IReadOnlyList<string> ShortestLoop(FolderGraph graph, string start, ISet<string> group)
    {
        var cameFrom = new Dictionary<string, string>();
        var frontier = new Queue<string>([start]);
        while (frontier.TryDequeue(out var folder))
        {
            foreach (var next in graph.UsesOf(folder).Keys.Where(group.Contains).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    var loop = new List<string> { start, folder };
                    for (var back = folder; back != start; back = cameFrom[back])
                        loop.Add(cameFrom[back]);
                    loop.Reverse();
                    return loop;
                }
                if (cameFrom.TryAdd(next, folder))
                    frontier.Enqueue(next);
            }
        }
        throw new InvalidOperationException($"{start} is in a strongly connected group but has no loop");
    }

    /// <summary>Tarjan's algorithm: each group is a set of folders that all reach one another.</summary>
    private static List<HashSet<string>> StronglyConnected(FolderGraph graph)
    {
        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var groups = new List<HashSet<string>>();

        void Visit(string folder)
        {
            var order = index.Count;
            index[folder] = order;
            lowLink[folder] = order;
            stack.Push(folder);
            foreach (var next in graph.UsesOf(folder).Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    lowLink[folder] = Math.Min(lowLink[folder], lowLink[next]);
                }
                else if (stack.Contains(next))
                {
                    lowLink[folder] = Math.Min(lowLink[folder], index[next]);
                }
            }
            if (lowLink[folder] != index[folder])
                return;
            var group = new HashSet<string>();
            string member;
            do
            {
                member = stack.Pop();
                group.Add(member);
            } while (member != folder);
            groups.Add(group);
        }

        foreach (var folder in graph.Folders.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(folder))
                Visit(folder);
        }
        return groups;
    }
}
