using Akka.Actor;
using Cycast.Actors.Mounts;

namespace Cycast.Actors.Sources;

/// <summary>
/// The reply address of one encoder's connection. An encoder's bytes carry it as their sender, so a mount that no
/// longer knows the session (its entity restarted on another node after its node died) can say so, and the
/// connection is closed: the encoder reconnects and goes live on the mount where it now runs.
/// </summary>
public sealed class SourceSessionActor : ReceiveActor
{
    public SourceSessionActor(CancellationTokenSource refused) =>
        Receive<SourceRefused>(_ => refused.Cancel());

    public static Props Props(CancellationTokenSource refused) =>
        Akka.Actor.Props.Create(() => new SourceSessionActor(refused));
}
