namespace Cycast.Tests.Support;

/// <summary>A clock that stands still until the test moves it on, for the minute-long windows of refusals and guesses.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
