using Akka.Actor;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// Routes each <see cref="IMountMessage"/> to its mount's actor. Configured mounts start with the directory, so their
/// playlists are on air before anyone listens; a mount an encoder invents starts on first use. On one node this is
/// the whole of routing; across nodes the shard region takes its place with the same messages.
/// </summary>
public sealed class MountDirectory : ReceiveActor
{
    private readonly MountCatalog _catalog;
    private readonly CycastSettings _station;

    public MountDirectory(MountCatalog catalog, CycastSettings station)
    {
        _catalog = catalog;
        _station = station;
        Receive<IMountMessage>(message => MountAt(message.MountPath).Forward(message));
    }

    public static Props Props(MountCatalog catalog, CycastSettings station) =>
        Akka.Actor.Props.Create(() => new MountDirectory(catalog, station));

    protected override void PreStart()
    {
        foreach (var mount in _catalog.All)
            MountAt(mount.Path);
    }

    private IActorRef MountAt(string path)
    {
        var name = Uri.EscapeDataString(path);
        var mount = Context.Child(name);
        return mount.IsNobody() ? Context.ActorOf(MountActor.Props(_catalog.GetOrAdd(path), _station), name) : mount;
    }
}
