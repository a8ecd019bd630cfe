using System.Text;

namespace Cycast.Tests.Support;

/// <summary>
/// Watches a cluster for the promise it makes first: each mount has one writer. Every 250 ms it reads every running
/// node's <c>/metrics</c> (which mount entities it runs, with their fencing numbers, and which members it sees Up) and
/// records a violation when two nodes that each see the other as an Up member run the same mount's entity, the same
/// incarnations, in two samples in a row. A hand-over's own instant (the old entity stopping as the next starts) lasts
/// milliseconds and never spans two samples; the double entity this checks for ran for 50 s. A node that does not
/// answer a sample (killed, or exited) is left out of it; a node another has downed is no Up member of its cluster.
/// </summary>
public sealed class OneWriterChecker : IAsyncDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };

    private readonly Func<IEnumerable<ClusterNode>> _nodes;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _violations = new();
    private readonly StringBuilder _history = new();
    private readonly Task _sampling;
    private int _samples;

    private OneWriterChecker(Func<IEnumerable<ClusterNode>> nodes)
    {
        _nodes = nodes;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>Starts watching whichever nodes <paramref name="nodes"/> gives at each sample (it may grow).</summary>
    public static OneWriterChecker Watch(Func<IEnumerable<ClusterNode>> nodes) => new(nodes);

    /// <summary>What one node said in one sample: the entities it runs (mount to fencing number), the members it sees Up.</summary>
    private sealed record NodeView(string Node, IReadOnlyDictionary<string, double> Entities, IReadOnlySet<string> UpMembers);

    /// <summary>Two nodes both running a mount's entity: which mount, which nodes, which incarnations.</summary>
    private sealed record DoubleWriter(string Mount, string First, double FirstEpoch, string Second, double SecondEpoch);

    private async Task SampleAsync()
    {
        var previous = new HashSet<DoubleWriter>();
        var last = new Dictionary<string, string>();
        using var timer = new PeriodicTimer(SampleEvery);
        while (await timer.WaitForNextTickAsync(CancellationToken.None) && !_stop.IsCancellationRequested)
        {
            var views = (await Task.WhenAll(_nodes().Where(IsRunning).Select(ViewAsync))).OfType<NodeView>().ToArray();
            var doubles = DoubleWriters(views).ToHashSet();
            lock (_violations)
            {
                _samples++;
                foreach (var twice in doubles.Where(previous.Contains))
                    _violations.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {twice.Mount}: entity on {twice.First} (epoch {twice.FirstEpoch}) and on {twice.Second} (epoch {twice.SecondEpoch}), both Up members to each other");
                foreach (var view in views)
                {
                    var entities = string.Join(", ", view.Entities.OrderBy(entity => entity.Key).Select(entity => $"{entity.Key}@{entity.Value}"));
                    if (last.GetValueOrDefault(view.Node) != entities)
                        _history.AppendLine($"{DateTime.UtcNow:HH:mm:ss.fff} {view.Node} runs [{entities}]");
                    last[view.Node] = entities;
                }
            }
            previous = doubles;
        }
    }

    /// <summary>Whether the node's process runs; one being restarted has had its old process let go and no new one yet.</summary>
    private static bool IsRunning(ClusterNode node)
    {
        try
        {
            return !node.Process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<DoubleWriter> DoubleWriters(IReadOnlyList<NodeView> views) =>
        from first in views
        from second in views
        where string.CompareOrdinal(first.Node, second.Node) < 0 && first.UpMembers.Contains(second.Node) && second.UpMembers.Contains(first.Node)
        from entity in first.Entities
        where second.Entities.ContainsKey(entity.Key)
        select new DoubleWriter(entity.Key, first.Node, entity.Value, second.Node, second.Entities[entity.Key]);

    private static async Task<NodeView?> ViewAsync(ClusterNode node)
    {
        try
        {
            var metrics = PrometheusText.Parse(await Http.GetStringAsync($"http://{node.Host}:{node.ListenPort}/metrics"));
            var entities = metrics.Where(sample => sample.Key.Name == "cycast_mount_entity_epoch")
                .ToDictionary(sample => LabelValue(sample.Key.Labels), sample => sample.Value);
            var up = metrics.Where(sample => sample.Key.Name == "cycast_cluster_member_up" && sample.Value == 1)
                .Select(sample => LabelValue(sample.Key.Labels)).ToHashSet();
            return new NodeView(node.Address, entities, up);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The value of a series' one label, as <c>mount="/stream"</c> writes it.</summary>
    private static string LabelValue(string labels) => labels[(labels.IndexOf('"') + 1)..labels.LastIndexOf('"')];

    /// <summary>Stops watching; fails the test if two writers were seen, with where every node's entities were over time.</summary>
    public async Task VerifyAsync()
    {
        _stop.Cancel();
        await _sampling;
        lock (_violations)
        {
            Assert.True(_samples > 0, "the one-writer checker took no sample");
            Assert.True(_violations.Count == 0,
                $"two writers for one mount:\n{string.Join('\n', _violations.Take(20))}\nwhere each node's entities ran:\n{_history}");
        }
    }

    /// <summary>Where every node's mount entities ran, as the samples saw it.</summary>
    public string History
    {
        get { lock (_violations) return _history.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sampling;
        _stop.Dispose();
    }
}
