using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Cycast.Actors.Delivery;

namespace Cycast.Tests.Listeners;

/// <summary>
/// A fan-out's wakes: at most one per latency budget (every write with none), fewer still for a large audience, with
/// the writes in between merged rather than queued.
/// </summary>
public sealed class WakePacingTests : Akka.TestKit.Xunit2.TestKit
{
    private const int Budget = 1_000;

    [Fact]
    public void With_no_latency_budget_a_small_audience_is_woken_for_every_write()
    {
        var writes = Start(listeners: 10, TimeSpan.Zero);
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
        var woken = WakesForFiftyQuickWrites(Start(listeners: 1_000_000, TimeSpan.Zero));
        // The first write wakes at once; the rest, told within a wake's cost, are merged into the next one or two.
        Assert.InRange(woken.Count, 1, 3);
        Assert.Equal(woken.Order(), woken);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Writes_quicker_than_the_latency_budget_wake_a_small_audience_at_once_then_merged_into_the_next_wakes()
    {
        // An encoder writing every frame: fifty writes at once here, as many as it makes in over a second.
        var woken = WakesForFiftyQuickWrites(Start(listeners: 10, TimeSpan.FromMilliseconds(100)));
        Assert.InRange(woken.Count, 1, 3);
        Assert.Equal(1, woken[0]);
        Assert.Equal(woken.Order(), woken);
    }

    [Theory]
    [InlineData(10, 90, 3_600)] // a small audience: one wake per 90 ms, 11 a second
    [InlineData(3_600, 90, 3_600)]
    [InlineData(5_000, 90, 5_000)] // past 3 600 listeners the audience itself spaces the wakes
    [InlineData(19_000, 90, 10_000)] // never fewer than four wakes a second
    [InlineData(10, 0, 10)] // no budget: every write, as the listener wakes a second allow
    [InlineData(10, 1_000, 10_000)] // a budget past a quarter second still wakes four times a second
    public void A_wake_costs_its_listeners_bounded_by_the_latency_budget_and_four_wakes_a_second(int listeners, int budgetMs, int cost) =>
        Assert.Equal(cost, WakePacing.WakeCost(listeners, TimeSpan.FromMilliseconds(budgetMs)));

    /// <summary>Tells writes 1 to 50 at once and returns the wakes they made, up to the one for the last write.</summary>
    private List<long> WakesForFiftyQuickWrites(IActorRef writes)
    {
        for (var i = 1; i <= 50; i++)
            writes.Tell((long)i);
        var woken = new List<long>();
        while (woken.LastOrDefault() != 50)
            woken.Add(ExpectMsg<long>(TimeSpan.FromSeconds(10)));
        return woken;
    }

    private IActorRef Start(int listeners, TimeSpan latencyBudget) =>
        Source.ActorRef<long>(100, OverflowStrategy.DropHead)
            .Paced(() => listeners, latencyBudget, Budget)
            .To(Sink.ActorRef<long>(TestActor, "done", _ => "failed"))
            .Run(Sys.Materializer());
}
