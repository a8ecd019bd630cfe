using Akka.Streams;
using Akka.Streams.Dsl;

namespace Cycast.Actors.Delivery;

/// <summary>
/// How often a fan-out wakes its listeners. Every wake costs one send per listener, and a send costs the kernel
/// about the same whether it carries 1 KiB or 8 KiB, so waking on every write would make the cost follow the
/// encoder's chunking: ffmpeg and liquidsoap write every MP3 frame, 38 times a second. Wakes follow time instead:
/// at most one per latency budget (<c>broadcaster.latency_budget_ms</c>), writes in between merged into it, so a
/// listener costs the same whatever its encoder does. A large audience is woken less often still: the wakes a
/// fan-out makes per second times its listeners is held to a budget, each send then carrying more audio.
/// </summary>
public static class WakePacing
{
    /// <summary>Listener wakes per second a fan-out may spend; 4 000 listeners can still be woken ten times a second.</summary>
    public const int ListenerWakesPerSecond = 40_000;

    /// <summary>However many listeners, they are woken at least this often: a wake then never carries more than a quarter of a
    /// second of audio, far inside any lag budget.</summary>
    public const int MinWakesPerSecond = 4;

    /// <summary>
    /// The wakes that go out, one per write at most: each costs the current listener count, and writes that arrive
    /// while the budget is spent merge into one wake (the newest). A wake that had to wait is stale by then, so the
    /// consumer should wake listeners up to the ring's edge at that moment rather than to the write's.
    /// </summary>
    public static Source<T, TMat> Paced<T, TMat>(this Source<T, TMat> writes, Func<int> listeners, TimeSpan latencyBudget,
        int listenerWakesPerSecond = ListenerWakesPerSecond) =>
        writes
            .Conflate((_, newest) => newest)
            .Throttle(listenerWakesPerSecond, TimeSpan.FromSeconds(1), maximumBurst: listenerWakesPerSecond / 10,
                _ => WakeCost(listeners(), latencyBudget, listenerWakesPerSecond), ThrottleMode.Shaping);

    /// <summary>
    /// What one wake costs out of the listener wakes a second: its listeners, but never less than a latency budget's
    /// share of the second (so wakes come at most once per budget, and the first after a quiet spell at once) nor more
    /// than a quarter of it (so wakes come at least <see cref="MinWakesPerSecond"/> times a second).
    /// </summary>
    public static int WakeCost(int listeners, TimeSpan latencyBudget, int listenerWakesPerSecond = ListenerWakesPerSecond) =>
        Math.Clamp(listeners, (int)(listenerWakesPerSecond * Math.Min(latencyBudget.TotalSeconds, 1.0 / MinWakesPerSecond)),
            listenerWakesPerSecond / MinWakesPerSecond);
}
