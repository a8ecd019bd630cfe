using Akka.Actor;
using Akka.TestKit.Xunit2;
using Cycast.Actors.Mounts;

namespace Cycast.Tests.Mounts;

/// <summary>The replicas an entity feeds: each told every write once, their listeners counted per node.</summary>
public sealed class ReplicaSetTests : TestKit
{
    [Fact]
    public void Replicas_are_told_once_each_and_their_listeners_counted_until_they_go()
    {
        var (one, two) = (CreateTestProbe(), CreateTestProbe());
        var replicas = new ReplicaSet();
        Assert.True(replicas.Subscribe(one.Ref, 2));
        Assert.True(replicas.Subscribe(two.Ref, 3));
        Assert.False(replicas.Subscribe(one.Ref, 4));
        Assert.Equal(7, replicas.Listeners);

        replicas.Tell("write", TestActor);
        one.ExpectMsg("write");
        two.ExpectMsg("write");
        one.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        replicas.Remove(two.Ref);
        replicas.Count(two.Ref, 10);
        Assert.Equal(4, replicas.Listeners);
        var self = new Address("akka.tcp", "cycast", "10.0.0.1", 4053);
        Assert.Equal(new Dictionary<string, int> { [self.ToString()] = 4 }, replicas.ByNode(self));
    }
}
