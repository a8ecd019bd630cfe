using Akka.Actor;
using Akka.Cluster;
using Cycast.Actors.Messages;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// This node's way to its mounts. Listeners attach to the node's own replica of their mount, so joining costs no
/// message between nodes; everything else goes through the shard region to the mount's entity, wherever it runs.
/// Once the node is up in its cluster it wakes every configured mount, so their playlists are on air before anyone
/// listens, and starts the node's replica of each.
/// </summary>
/// <remarks>
/// Not before: the shard region holds every message for a mount until the coordinator has told it where the mount's
/// entity lives, which it cannot ask before the node has joined. Sent at once, the wake-ups and the replicas'
/// subscriptions would wait out the join in the region (Akka warns of messages held that long), and a node told to leave
/// while it joins would have its region hold them through the hand-over of its shards.
/// </remarks>
public sealed class MountRouter : ReceiveActor
{
    /// <summary>The router's name under /user, where a mount's entity finds its node's replicas (and a retiring one every node's).</summary>
    public const string Name = "mounts";

    public const string Path = "/user/" + Name;

    private readonly MountDirectory _directory;
    private readonly CycastSettings _station;
    private readonly IActorRef _region;
    private bool _up;

    /// <summary>This node is up in its cluster: its region can find the mounts' entities.</summary>
    private sealed record NodeUp;

    public MountRouter(MountDirectory directory, CycastSettings station, IActorRef region)
    {
        _directory = directory;
        _station = station;
        _region = region;
        Receive<AttachListener>(attach =>
        {
            // A mount a reload removed keeps its listeners, but takes no new ones.
            if (_directory.TryGet(attach.MountPath, out _) && ReplicaOf(attach.MountPath) is { } replica)
                replica.Forward(attach);
            else
                Sender.Tell(new ListenerRefused(attach.MountPath, $"No mount {attach.MountPath} on this server"));
        });
        Receive<DetachListener>(detach => ReplicaOf(detach.MountPath)?.Forward(detach));
        Receive<GetReplicaStatus>(ask => ReplicaOf(ask.MountPath)?.Forward(ask));
        Receive<StartReplica>(start => ReplicaOf(start.MountPath));
        Receive<OpenNodeRing>(open => ReplicaOf(open.MountPath)?.Forward(open));
        Receive<MountRetired>(retired =>
        {
            // A replica with listeners stays (its listeners' next request starts the mount again); the others stop.
            var replica = Context.Child(Uri.EscapeDataString(retired.MountPath));
            if (replica.IsNobody())
                Forget(retired.MountPath);
            else
                replica.Forward(retired);
        });
        Receive<NodeUp>(_ =>
        {
            _up = true;
            if (CoordinatedShutdown.Get(Context.System).ShutdownReason is null)
                Wake(_directory.All.Select(mount => mount.Path));
        });
        // Before the node is up, the mounts a reload adds are woken with the others.
        Receive<MountsAdded>(added =>
        {
            if (_up)
                Wake(added.MountPaths);
        });
        Receive<Terminated>(stopped => Forget(Uri.UnescapeDataString(stopped.ActorRef.Path.Name)));
        Receive<IMountMessage>(message => _region.Forward(message));
    }

    public static Props Props(MountDirectory directory, CycastSettings station, IActorRef region) =>
        Akka.Actor.Props.Create(() => new MountRouter(directory, station, region));

    protected override void PreStart()
    {
        var self = Self;
        Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(new NodeUp()));
    }

    private void Wake(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _region.Tell(new WakeMount(path));
            // The replica subscribes now, so the first listener finds the burst waiting instead of a round trip to the entity.
            _ = ReplicaOf(path);
        }
    }

    /// <summary>The node forgets a mount an encoder created once it has gone, and says so on the event stream.</summary>
    private void Forget(string path)
    {
        if (!_directory.TryGet(path, out var mount) || mount.Configured)
            return;
        _directory.Forget(path);
        Context.System.EventStream.Publish(new MountRetired(path));
    }

    /// <summary>The node's replica of a mount the node knows, started at its first use; none for a mount it does not know.</summary>
    private IActorRef? ReplicaOf(string path)
    {
        var name = Uri.EscapeDataString(path);
        var replica = Context.Child(name);
        if (!replica.IsNobody())
            return replica;
        if (!_directory.TryGet(path, out var mount))
            return null;
        replica = Context.ActorOf(MountReplica.Props(mount, _station, _region, _directory), name);
        // When a mount an encoder created goes away, so does its replica, and the node forgets the mount.
        Context.Watch(replica);
        return replica;
    }
}
