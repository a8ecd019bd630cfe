using Cycast.Actors.Messages;

namespace Cycast.Actors.Listeners;

/// <summary>
/// The node's listener counts over the last hour, for the status page's chart: one sample every
/// <see cref="Interval"/>, the oldest dropped once <see cref="Span"/> is covered, so it never grows. Kept by the
/// node's <see cref="ListenerReporter"/>, which alone writes it.
/// </summary>
public sealed class ListenerHistory
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Span = TimeSpan.FromHours(1);

    private readonly ListenerSample[] _samples = new ListenerSample[(int)(Span / Interval)];
    private int _next;
    private int _count;

    public void Record(DateTimeOffset at, int listeners)
    {
        _samples[_next] = new ListenerSample(at.ToUnixTimeSeconds(), listeners);
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ListenerSample> Samples()
    {
        var first = (_next - _count + _samples.Length) % _samples.Length;
        return Enumerable.Range(0, _count).Select(index => _samples[(first + index) % _samples.Length]).ToArray();
    }
}
