using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Messages;

namespace Cycast.Actors.Listeners;

/// <summary>
/// Tells whoever asks who listens on this node, and how many did over the last hour (it samples the count itself).
/// Every node runs one under the same name, so any node can reach every other's by its member address alone
/// (<see cref="ListenerCensus"/>) and answer for the whole cluster.
/// </summary>
public sealed class ListenerReporter : ReceiveActor, IWithTimers
{
    public const string Name = "listeners";

    private readonly ListenerHistory _history = new();
    private readonly ListenerRegistry _registry;

    private sealed record Sample
    {
        public static Sample Instance { get; } = new();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public ListenerReporter(ListenerRegistry registry, string nodeName)
    {
        _registry = registry;
        var node = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<GetNodeListeners>(ask =>
        {
            var sessions = registry.Sessions.ToArray();
            var now = DateTimeOffset.UtcNow;
            var byMount = sessions.GroupBy(session => session.MountPath, StringComparer.Ordinal)
                .ToDictionary(mount => mount.Key, mount => mount.Count(), StringComparer.Ordinal);
            var entries = ask.WithEntries
                ? sessions.OrderBy(session => session.Id)
                    .Select(session => new ListenerEntry(session.Id, session.MountPath, session.BytesSentOnEarlierMounts + session.BytesSent,
                        (long)(now - session.ConnectedAt).TotalSeconds, session.Address, session.UserAgent))
                    .ToArray()
                : [];
            Sender.Tell(new NodeListeners(node, nodeName, byMount, registry.TotalBytesSent, entries));
        });
        Receive<KickListener>(kick =>
        {
            var session = registry.Find(kick.Id);
            session?.End("kicked by the admin");
            Sender.Tell(new ListenerKicked(kick.Id, session is not null));
        });
        Receive<Sample>(_ => RecordSample());
        Receive<GetListenerHistory>(_ => Sender.Tell(new NodeListenerHistory(node, nodeName, _history.Samples())));
        Receive<MoveListeners>(move =>
        {
            var moving = registry.Sessions.Where(session => session.MountPath == move.From).ToArray();
            foreach (var session in moving)
                session.RequestMove(move.To);
            Sender.Tell(new ListenersMoved(moving.Length));
        });
    }

    /// <param name="nodeName">The node's <c>cluster.node_name</c>, which it tells with its listeners.</param>
    public static Props Props(ListenerRegistry registry, string nodeName) => Akka.Actor.Props.Create(() => new ListenerReporter(registry, nodeName));

    protected override void PreStart()
    {
        RecordSample();
        Timers.StartPeriodicTimer(Sample.Instance, Sample.Instance, ListenerHistory.Interval);
    }

    private void RecordSample() => _history.Record(DateTimeOffset.UtcNow, _registry.Count);
}
