using Cycast.Node.Observability;

namespace Cycast.Tests.Cluster;

/// <summary>Which of Akka's messages go to debug: its routine, never the cluster's membership events.</summary>
public sealed class RoutineAkkaMessagesTests
{
    [Theory]
    [InlineData("Message [GossipEnvelope] from [akka://cycast/system/cluster/core/daemon#1] to [akka://cycast/deadLetters] was not delivered. [1] dead letters encountered.")]
    [InlineData("Association with remote system akka.ssl.tcp://cycast@127.0.0.1:4053 has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.EndpointDisassociatedException: Disassociated    at Akka.Remote.EndpointWriter.PublishAndThrow]")]
    [InlineData("Cluster Node [akka.tcp://cycast@127.0.0.1:4053] - Starting up...")]
    [InlineData("Remoting started; listening on addresses : [akka.tcp://cycast@127.0.0.1:4053]")]
    [InlineData("ClusterSingletonManager state change [Start -> Oldest] Akka.Cluster.Tools.Singleton.Uninitialized")]
    public void Akkas_start_stop_and_leave_chatter_is_routine(string message) =>
        Assert.True(RoutineAkkaMessages.IsRoutine(message));

    [Theory]
    [InlineData("Cluster Node [akka.tcp://cycast@127.0.0.1:4053] - Leader is moving node [akka.tcp://cycast@127.0.0.1:4054] to [Up]")]
    [InlineData("Cluster Node [akka.tcp://cycast@127.0.0.1:4053] - Marking node(s) as UNREACHABLE [Member(address = akka.tcp://cycast@127.0.0.1:4054)]")]
    [InlineData("Association with remote system akka.tcp://cycast@127.0.0.1:4054 has failed; address is now gated for 5000 ms. Reason is: [Akka.Remote.Transport.InvalidAssociationException: Connection refused]")]
    public void Membership_events_and_real_failures_are_not(string message) =>
        Assert.False(RoutineAkkaMessages.IsRoutine(message));

    [Fact]
    public void A_supervisors_disassociated_failure_is_routine_by_its_exception_whatever_the_text()
    {
        var disassociated = (Exception)Activator.CreateInstance(
            typeof(Akka.Remote.RemoteSettings).Assembly.GetType("Akka.Remote.EndpointDisassociatedException")!, "Disassociated")!;

        Assert.True(RoutineAkkaMessages.IsRoutine("Disassociated", disassociated));
        Assert.False(RoutineAkkaMessages.IsRoutine("Disassociated", new InvalidOperationException("Disassociated")));
    }
}
