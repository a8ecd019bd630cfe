using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Delivery;

namespace Cycast.Tests.Listeners;

/// <summary>
/// A fan-out's wakes: every write for a small audience, a bounded number per second for a large one, with the writes
/// in between merged rather than queued.
/// </summary>
public sealed class WakePacingTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Budget = 1_000;

    [Fact]
    public void A_small_audience_is_woken_for_every_write()
    {
        var writes = Start(listeners: 10);
        for (var i = 1; i <= 20; i++)
        {
            writes.Tell((long)i);
            Assert.Equal(i, ExpectMsg<long>());
        }
    }

    [Fact]
    public void Fifty_quick_writes_wake_a_huge_audience_at_most_three_times_the_writes_in_between_merged()
    {
        // Without the cap on a wake's cost this audience would wait a thousand seconds for its first wake.
        var writes = Start(listeners: 1_000_000);
        for (var i = 1; i <= 50; i++)
            writes.Tell((long)i);

        var woken = new List<long>();
        while (woken.LastOrDefault() != 50)
            woken.Add(ExpectMsg<long>(TimeSpan.FromSeconds(10)));
        // The first write wakes at once; the rest, told within a wake's cost, are merged into the next one or two.
        Assert.InRange(woken.Count, 1, 3);
        Assert.Equal(woken.Order(), woken);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private IActorRef Start(int listeners) =>
        Source.ActorRef<long>(100, OverflowStrategy.DropHead)
            .Paced(() => listeners, Budget)
            .To(Sink.ActorRef<long>(TestActor, "done", _ => "failed"))
            .Run(Sys.Materializer());
}
