using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;

namespace Cycast.Tests.Listeners;

public sealed class ListenerHistoryTests
{
    [Fact]
    public void It_keeps_an_hour_of_samples_oldest_first_and_drops_the_oldest_beyond_that()
    {
        var history = new ListenerHistory();
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var perHour = (int)(ListenerHistory.Span / ListenerHistory.Interval);
        Assert.Empty(history.Samples());
        for (var i = 0; i < perHour + 5; i++)
            history.Record(start + i * ListenerHistory.Interval, i);

        var samples = history.Samples();
        Assert.Equal(perHour, samples.Count);
        Assert.Equal(new ListenerSample((start + 5 * ListenerHistory.Interval).ToUnixTimeSeconds(), 5), samples[0]);
        Assert.Equal(perHour + 4, samples[^1].Listeners);
        Assert.Equal(samples.OrderBy(sample => sample.UnixSeconds), samples);
    }
}
