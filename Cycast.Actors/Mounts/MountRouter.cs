using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// This node's way to its mounts. Listeners attach to the node's own replica of their mount, so joining costs no
/// message between nodes; everything else goes through the shard region to the mount's entity, wherever it runs.
/// At start-up it wakes every configured mount, so their playlists are on air before anyone listens, and starts the
/// node's replica of each. A mount's entity that starts on this node borrows the ring of the node's replica through it.
/// </summary>
public sealed class MountRouter : ReceiveActor
{
    /// <summary>The router's name under /user, where a mount's entity finds its node's replicas.</summary>
    public const string Name = "mounts";

    public const string Path = "/user/" + Name;

    private readonly MountDirectory _directory;
    private readonly CycastSettings _station;
    private readonly IActorRef _region;

    public MountRouter(MountDirectory directory, CycastSettings station, IActorRef region)
    {
        _directory = directory;
        _station = station;
        _region = region;
        Receive<AttachListener>(attach => ReplicaOf(attach.MountPath).Forward(attach));
        Receive<DetachListener>(detach => ReplicaOf(detach.MountPath).Forward(detach));
        Receive<GetReplicaStatus>(ask => ReplicaOf(ask.MountPath).Forward(ask));
        Receive<ClaimRing>(claim => ReplicaOf(claim.MountPath).Forward(claim));
        Receive<IMountMessage>(message => _region.Forward(message));
    }

    public static Props Props(MountDirectory directory, CycastSettings station, IActorRef region) =>
        Akka.Actor.Props.Create(() => new MountRouter(directory, station, region));

    protected override void PreStart()
    {
        foreach (var mount in _directory.All)
        {
            _region.Tell(new WakeMount(mount.Path));
            // The replica subscribes now, so the first listener finds the burst waiting instead of a round trip to the entity.
            ReplicaOf(mount.Path);
        }
    }

    private IActorRef ReplicaOf(string path)
    {
        var name = Uri.EscapeDataString(path);
        var replica = Context.Child(name);
        return replica.IsNobody() ? Context.ActorOf(MountReplica.Props(_directory.GetOrAdd(path), _station, _region), name) : replica;
    }
}
