using Akka.TestKit;

namespace Cycast.Tests.Support;

/// <summary>A clock that reads Akka's <see cref="TestScheduler"/>, so time passes for the code under test only when the test advances it.</summary>
public sealed class SchedulerClock(TestScheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;

    public override long GetTimestamp() => scheduler.Now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
