using Akka.Actor;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// Routes each <see cref="IMountMessage"/> to its mount's actor, starting the actor on first use. On one node this
/// is the whole of routing; across nodes the shard region takes its place with the same messages.
/// </summary>
public sealed class MountDirectory : ReceiveActor
{
    public MountDirectory(MountCatalog catalog, CycastSettings station)
    {
        Receive<IMountMessage>(message =>
        {
            var name = Uri.EscapeDataString(message.MountPath);
            var mount = Context.Child(name);
            if (mount.IsNobody())
                mount = Context.ActorOf(MountActor.Props(catalog.GetOrAdd(message.MountPath), station), name);
            mount.Forward(message);
        });
    }

    public static Props Props(MountCatalog catalog, CycastSettings station) =>
        Akka.Actor.Props.Create(() => new MountDirectory(catalog, station));
}
