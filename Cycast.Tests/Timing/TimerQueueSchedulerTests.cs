using Akka.Actor;
using Akka.Configuration;
using Cycast.Actors.Timing;

namespace Cycast.Tests.Timing;

/// <summary>
/// The node's Akka scheduler: Akka's own timers (tells, once, repeated, cancellation) work on .NET's timer queue.
/// Order of events is asserted, never how long they took.
/// </summary>
public sealed class TimerQueueSchedulerTests : Akka.TestKit.Xunit2.TestKit
{
    public TimerQueueSchedulerTests()
        : base(ConfigurationFactory.ParseString(
            $"akka.scheduler.implementation = \"{typeof(TimerQueueScheduler).FullName}, {typeof(TimerQueueScheduler).Assembly.GetName().Name}\""))
    {
    }

    [Fact]
    public void The_actor_system_runs_on_it()
    {
        Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);
    }

    [Fact]
    public void A_tell_arrives_after_its_delay_and_in_the_order_of_due_times()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "later", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(20), TestActor, "sooner", ActorRefs.NoSender);
        ExpectMsg("sooner");
        ExpectMsg("later");
    }

    [Fact]
    public void A_cancelled_tell_never_arrives()
    {
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(50), TestActor, "cancelled", ActorRefs.NoSender);
        cancelled.Cancel();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(150), TestActor, "after it was due", ActorRefs.NoSender);
        ExpectMsg("after it was due");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_repeated_tell_repeats_until_cancelled()
    {
        var repeating = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick", ActorRefs.NoSender);
        for (var i = 0; i < 5; i++) ExpectMsg("tick");
        repeating.Cancel();
        // A tick already on its way may still land; after that, silence.
        ReceiveWhile(TimeSpan.FromMilliseconds(100), message => message as string);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task An_action_runs_once_and_one_that_throws_leaves_the_scheduler_working()
    {
        var ran = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => throw new InvalidOperationException("thrown on purpose"));
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(30), () => ran.TrySetResult(Interlocked.Increment(ref runs)));
        Assert.Equal(1, await ran.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "still working", ActorRefs.NoSender);
        ExpectMsg("still working");
        Assert.Equal(1, runs);
    }
}
