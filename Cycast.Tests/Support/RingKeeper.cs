using Akka.Actor;
using Akka.Streams;
using Cycast.Actors.Delivery;
using Cycast.Actors.Messages;
using Cycast.Actors.Streaming;
using Cycast.Shared.Protocol;

namespace Cycast.Tests.Support;

/// <summary>
/// Stands in for a node's replicas when a mount entity runs alone in a test: it lends every entity that claims one a
/// ring of its own, as the node's replica of the mount would.
/// </summary>
public static class RingKeeper
{
    private static readonly StreamHeadFields Head = new("audio/mpeg", "Test", null, null, null, false, null, null);

    /// <summary>Starts a keeper and returns the path an entity's props take as its ring keeper.</summary>
    public static string Start(ActorSystem system, bool holdsHandOver = true) =>
        system.ActorOf(Props.Create(() => new Keeper(holdsHandOver))).Path.ToStringWithoutAddress();

    private sealed class Keeper : ReceiveActor
    {
        public Keeper(bool holdsHandOver) =>
            Receive<ClaimRing>(claim =>
            {
                var history = new StreamHistory(1 << 20, burstSize: 0);
                var feed = new MountFeed(history.Ring, LiveFanOut.Start(history.Ring, Context.Materializer(), TimeSpan.Zero), Head);
                Sender.Tell(new RingLent(new NodeRing(history, feed), holdsHandOver));
            });
    }
}
