using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Clustering;
using Cycast.Actors.Delivery;
using Cycast.Actors.Listeners;
using Cycast.Actors.Mounts;
using Prometheus;

namespace Cycast.Node.Observability;

/// <summary>
/// This node's Prometheus series. Gauges and byte totals are read from state the node keeps anyway (the listener
/// registry, the encoders' meters, the cluster's view, the inter-node counters) when Prometheus scrapes, so the
/// audio path does no extra work; only a listener leaving is counted as it happens, once per session.
/// One registry per node, not the process-wide default: tests and benchmarks run several nodes in one process.
/// </summary>
public sealed class NodeMetrics
{
    /// <summary>Why a listener's session ended, as <c>cycast_listener_sessions_ended_total</c> labels it.</summary>
    public const string HungUp = "hung_up", CutOff = "cut_off", Kicked = "kicked", Refused = "refused";

    private readonly ListenerRegistry _listeners;
    private readonly MountDirectory _directory;
    private readonly SourceTraffic _sources;
    private readonly RunningEntities _entities;
    private readonly ActorSystem _system;
    private readonly ConcurrentDictionary<string, long> _bytesSentByDeparted = new(StringComparer.Ordinal);
    private long _sendsByDeparted;
    private readonly ConcurrentDictionary<string, long> _cutOff = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedMounts = new(StringComparer.Ordinal);
    private readonly Gauge _listenerGauge;
    private readonly Counter _listenerBytes;
    private readonly Counter _listenerSends;
    private readonly Gauge _sourceConnected;
    private readonly Counter _sourceBytes;
    private readonly Counter _sessionsEnded;
    private readonly Counter _connectionsRefused;
    private readonly Counter _interNodeSent;
    private readonly Counter _interNodeReceived;
    private readonly Counter _interNodeAudioReceived;
    private readonly Gauge _members;
    private readonly Gauge _memberUp;
    private readonly HashSet<string> _reportedMembers = new(StringComparer.Ordinal);
    private readonly Gauge _entityHere;
    private readonly Gauge _entityEpoch;

    public NodeMetrics(ListenerRegistry listeners, MountDirectory directory, SourceTraffic sources, RunningEntities entities, ActorSystem system)
    {
        _listeners = listeners;
        _entities = entities;
        _directory = directory;
        _sources = sources;
        _system = system;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _listenerGauge = factory.CreateGauge("cycast_listeners", "Listeners connected to this node, per mount.", "mount");
        _listenerBytes = factory.CreateCounter("cycast_listener_bytes_sent_total", "Audio bytes this node sent to listeners, per mount.", "mount");
        _listenerSends = factory.CreateCounter("cycast_listener_sends_total",
            "Sends this node handed its listeners' sockets: the kernel's work follows it, and broadcaster.latency_budget_ms sets it.");
        _sourceConnected = factory.CreateGauge("cycast_source_connected", "1 while an encoder for the mount is connected to this node.", "mount");
        _sourceBytes = factory.CreateCounter("cycast_source_bytes_received_total", "Bytes encoders connected to this node sent, per mount.", "mount");
        _sessionsEnded = factory.CreateCounter("cycast_listener_sessions_ended_total",
            "Listener sessions on this node that ended, by why: hung_up, cut_off, kicked, refused.", "reason");
        _connectionsRefused = factory.CreateCounter("cycast_connections_refused_total",
            "Connections and requests this node refused or timed out, by why: " + string.Join(", ", Refusals.Reasons) + ".", "reason");
        _interNodeSent = factory.CreateCounter("cycast_internode_bytes_sent_total", "Bytes of Cycast messages this node serialized for other nodes.");
        _interNodeReceived = factory.CreateCounter("cycast_internode_bytes_received_total", "Bytes of Cycast messages this node got from other nodes.");
        _interNodeAudioReceived = factory.CreateCounter("cycast_internode_audio_bytes_received_total",
            "Of the inter-node bytes received, the audio this node's replicas got from mount entities elsewhere.");
        _members = factory.CreateGauge("cycast_cluster_members", "Cluster members as this node sees them, by status.", "status");
        _memberUp = factory.CreateGauge("cycast_cluster_member_up",
            "Per member as this node sees it: 1 while it is Up or Leaving (a member in good standing, reachable or not), 0 once downed or exiting.", "member");
        _entityHere = factory.CreateGauge("cycast_mount_entity", "1 while the mount's entity, its one writer in the cluster, runs on this node.", "mount");
        _entityEpoch = factory.CreateGauge("cycast_mount_entity_epoch",
            "The fencing number of the mount's entity running on this node: each incarnation of a mount's entity has a higher one.", "mount");
        // Every reason appears from the first scrape, so rate() and alerts see a 0 rather than a missing series.
        foreach (var reason in new[] { HungUp, CutOff, Kicked, Refused })
            _sessionsEnded.WithLabels(reason);
        foreach (var reason in Refusals.Reasons)
            _connectionsRefused.WithLabels(reason);
        // The process's own series (process_*, dotnet_*), and no adapters: the runtime's and ASP.NET's meters add a
        // thousand samples per HTTP route and status, and names that Prometheus's own lint rejects.
        DotNetStats.Register(Registry);
        Registry.AddBeforeCollectCallback(Collect);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Counts a listener's session that ended, once, with the handler's reason mapped to a label.</summary>
    public void SessionEnded(ListenerSession session, string reason)
    {
        ListenerMoved(session);
        var label = ReasonLabel(reason);
        if (label == CutOff)
            _cutOff.AddOrUpdate(session.MountPath, 1, (_, count) => count + 1);
        _sessionsEnded.WithLabels(label).Inc();
    }

    /// <summary>Audio bytes this node has sent the mount's listeners, those still here and those gone (Icecast's <c>total_bytes_sent</c>).</summary>
    public long BytesSentTo(string mount) =>
        _bytesSentByDeparted.GetValueOrDefault(mount) + _listeners.Sessions.Where(session => session.MountPath == mount).Sum(session => session.BytesSent);

    /// <summary>The mount's listeners this node cut off for falling behind (Icecast's <c>slow_listeners</c>).</summary>
    public long SlowListeners(string mount) => _cutOff.GetValueOrDefault(mount);

    /// <summary>A listener moved to another mount: what it was sent on this one counts here, but no session ended.</summary>
    public void ListenerMoved(ListenerSession session)
    {
        _bytesSentByDeparted.AddOrUpdate(session.MountPath, session.BytesSent, (_, total) => total + session.BytesSent);
        Interlocked.Add(ref _sendsByDeparted, session.Sends);
    }

    /// <summary>Counts a listener refused before it got any audio (server or mount full, mount refused it).</summary>
    public void ListenerRefused() => _sessionsEnded.WithLabels(Refused).Inc();

    /// <summary>Counts a connection or request refused for <paramref name="reason"/>, one of <see cref="Refusals.Reasons"/>.</summary>
    public void ConnectionRefused(string reason) => _connectionsRefused.WithLabels(reason).Inc();

    /// <summary>The handler's free-text reasons, which the log keeps, folded into the few a dashboard can group by.</summary>
    public static string ReasonLabel(string reason) =>
        reason.StartsWith("cut off", StringComparison.Ordinal) ? CutOff
        : reason.Contains("kick", StringComparison.OrdinalIgnoreCase) ? Kicked
        : HungUp;

    private void Collect()
    {
        var live = new Dictionary<string, (int Count, long Bytes)>(StringComparer.Ordinal);
        var known = _directory.All;
        var entities = _entities.Snapshot();
        foreach (var mount in known.Select(mount => mount.Path).Union(entities.Keys))
        {
            _entityHere.WithLabels(mount).Set(entities.ContainsKey(mount) ? 1 : 0);
            if (entities.TryGetValue(mount, out var epoch))
                _entityEpoch.WithLabels(mount).Set(epoch);
            else
                _entityEpoch.RemoveLabelled(mount);
        }
        foreach (var mount in known)
        {
            live[mount.Path] = (0, 0);
            // A configured mount with no encoder here shows 0 rather than no series at all.
            _sources.For(mount.Path);
        }
        var sends = Interlocked.Read(ref _sendsByDeparted);
        foreach (var session in _listeners.Sessions)
        {
            live.TryGetValue(session.MountPath, out var sum);
            live[session.MountPath] = (sum.Count + 1, sum.Bytes + session.BytesSent);
            sends += session.Sends;
        }
        _listenerSends.IncTo(sends);
        foreach (var (mount, (count, bytes)) in live)
        {
            _listenerGauge.WithLabels(mount).Set(count);
            // IncTo never goes back: a session counted live, then departed a moment before its bytes were, stays counted.
            _listenerBytes.WithLabels(mount).IncTo(bytes + _bytesSentByDeparted.GetValueOrDefault(mount));
        }
        // A mount an encoder created and that has gone leaves no series behind: a thousand such mounts, a thousand fewer.
        foreach (var (mount, _) in _sources.Mounts.Where(source => !live.ContainsKey(source.Key)))
            _sources.Forget(mount);
        lock (_reportedMounts)
        {
            foreach (var gone in _reportedMounts.Where(mount => !live.ContainsKey(mount) && !_sources.Knows(mount) && !entities.ContainsKey(mount)).ToArray())
            {
                _entityHere.RemoveLabelled(gone);
                _entityEpoch.RemoveLabelled(gone);
                _listenerGauge.RemoveLabelled(gone);
                _listenerBytes.RemoveLabelled(gone);
                _sourceConnected.RemoveLabelled(gone);
                _sourceBytes.RemoveLabelled(gone);
                _bytesSentByDeparted.TryRemove(gone, out _);
                _reportedMounts.Remove(gone);
            }
            _reportedMounts.UnionWith(live.Keys);
            _reportedMounts.UnionWith(_sources.Mounts.Select(source => source.Key));
            _reportedMounts.UnionWith(entities.Keys);
        }
        foreach (var (mount, meter) in _sources.Mounts)
        {
            _sourceConnected.WithLabels(mount).Set(meter.Connected > 0 ? 1 : 0);
            _sourceBytes.WithLabels(mount).IncTo(meter.BytesReceived);
        }
        var traffic = InterNodeTraffic.For(_system);
        _interNodeSent.IncTo(traffic.BytesSent);
        _interNodeReceived.IncTo(traffic.BytesReceived);
        _interNodeAudioReceived.IncTo(traffic.AudioBytesReceived);
        var members = Cluster.Get(_system).State.Members;
        foreach (var status in Enum.GetValues<MemberStatus>())
            _members.WithLabels(status.ToString()).Set(members.Count(member => member.Status == status));
        var current = members.ToDictionary(member => member.Address.ToString(), member => member.Status);
        lock (_reportedMembers)
        {
            foreach (var (member, status) in current)
                _memberUp.WithLabels(member).Set(status is MemberStatus.Up or MemberStatus.Leaving ? 1 : 0);
            // A member removed from the cluster is no member at all: its series goes.
            foreach (var removed in _reportedMembers.Except(current.Keys).ToArray())
            {
                _memberUp.RemoveLabelled(removed);
                _reportedMembers.Remove(removed);
            }
            _reportedMembers.UnionWith(current.Keys);
        }
    }
}
