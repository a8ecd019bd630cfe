using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace Cycast.Node.Api;

/// <summary>
/// Subscribes to this node's view of the cluster and hands each member and reachability event, as it happens, to a
/// channel a request reads: Akka delivers cluster events only to actors. The current members come first, as events.
/// </summary>
public sealed class MemberEventForwarder : ReceiveActor
{
    private readonly ChannelWriter<MemberEvent> _events;

    public MemberEventForwarder(ChannelWriter<MemberEvent> events)
    {
        _events = events;
        Receive<ClusterEvent.IMemberEvent>(change => Write(change.GetType().Name, change.Member));
        Receive<ClusterEvent.UnreachableMember>(change => Write("UnreachableMember", change.Member));
        Receive<ClusterEvent.ReachableMember>(change => Write("ReachableMember", change.Member));
    }

    public static Props Props(ChannelWriter<MemberEvent> events) => Akka.Actor.Props.Create(() => new MemberEventForwarder(events));

    protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        _events.TryComplete();
    }

    // A reader that cannot keep up is a terminal that stopped reading: dropping beats holding the cluster's events.
    private void Write(string kind, Member member) => _events.TryWrite(new MemberEvent(kind, member.Address.ToString(), member.Status.ToString()));
}

/// <summary>One member event: Akka's event name, the member's address and its status after it.</summary>
public sealed record MemberEvent(string Event, string Address, string Status);
