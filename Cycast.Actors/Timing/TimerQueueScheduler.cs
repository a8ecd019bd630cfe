using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace Cycast.Actors.Timing;

/// <summary>
/// Akka's scheduler on .NET's own timer queue. Akka's default, the hashed wheel, wakes every tick-duration whether
/// anything is due or not: at 10 ms an idle node spends 2.8 % of a core on it, and at 50 ms every timer is late by
/// up to 50 ms, which is what paced listener wakes (<see cref="Delivery.WakePacing"/>) and the playlist's batches
/// run on. The timer queue sleeps until the next timer is due and fires it within a millisecond, so an idle node
/// sleeps and a 90 ms latency budget means 90 ms. Selected by <c>akka.scheduler.implementation</c>.
/// </summary>
public sealed class TimerQueueScheduler(Config config, ILoggingAdapter log) : SchedulerBase(config, log), IDateTimeOffsetNowTimeProvider, IDisposable
{
    private static readonly long ClockOrigin = Stopwatch.GetTimestamp();
    private volatile bool _disposed;

    protected override DateTimeOffset TimeNow => DateTimeOffset.Now;

    public override TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(ClockOrigin);

    public override TimeSpan HighResMonotonicClock => Stopwatch.GetElapsedTime(ClockOrigin);

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, null, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message,
        IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, null, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, null, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan? interval, Action action, ICancelable? cancelable)
    {
        if (_disposed) throw new SchedulerException("cannot schedule after the scheduler was disposed");
        new ScheduledWork(this, interval, action, cancelable).Start(delay);
    }

    /// <summary>Timers still pending when the actor system stops fire into nothing: the flag makes them no-ops.</summary>
    public void Dispose() => _disposed = true;

    /// <summary>
    /// One timer per scheduled item, dropped when it is cancelled. Repeats are re-armed after each run from the
    /// planned time, not the run's end, so a repeating timer keeps its rate and never drifts.
    /// </summary>
    private sealed class ScheduledWork
    {
        private readonly TimerQueueScheduler _scheduler;
        private readonly TimeSpan? _interval;
        private readonly Action _action;
        private readonly ICancelable? _cancelable;
        private readonly Timer _timer;
        private long _nextDueTicks;

        public ScheduledWork(TimerQueueScheduler scheduler, TimeSpan? interval, Action action, ICancelable? cancelable)
        {
            _scheduler = scheduler;
            _interval = interval;
            _action = action;
            _cancelable = cancelable;
            _timer = new Timer(static state => ((ScheduledWork)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
        }

        public void Start(TimeSpan delay)
        {
            if (_cancelable is not null)
            {
                if (_cancelable.IsCancellationRequested) return;
                _cancelable.Token.Register(static state => ((ScheduledWork)state!)._timer.Dispose(), this);
            }
            _nextDueTicks = _scheduler.HighResMonotonicClock.Ticks + Math.Max(0, delay.Ticks);
            Arm(delay);
        }

        private void Arm(TimeSpan delay) => _timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);

        private void Fire()
        {
            if (_scheduler._disposed || _cancelable?.IsCancellationRequested == true)
            {
                _timer.Dispose();
                return;
            }
            try
            {
                _action();
            }
            catch (Exception e)
            {
                _scheduler.Log.Error(e, "A scheduled action failed");
            }
            if (_interval is not { } interval || _scheduler._disposed || _cancelable?.IsCancellationRequested == true)
            {
                _timer.Dispose();
                return;
            }
            _nextDueTicks += interval.Ticks;
            Arm(TimeSpan.FromTicks(_nextDueTicks - _scheduler.HighResMonotonicClock.Ticks));
        }
    }
}
