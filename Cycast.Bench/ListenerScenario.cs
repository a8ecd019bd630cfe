namespace Cycast.Bench;

/// <summary>
/// One bounded run of the load client: listeners are opened at <see cref="ConnectsPerSecond"/>
/// until <see cref="TotalListeners"/> have been opened, the steady window starts
/// <see cref="SettleSeconds"/> after the last scheduled connect of the ramp, and everything is
/// closed when the window ends.
/// </summary>
/// <param name="Lifetime">
/// How long each listener stays, measured from its connect; null keeps it until the window ends,
/// <see cref="TimeSpan.Zero"/> closes it as soon as its first audio byte arrives.
/// </param>
/// <param name="RampListeners">
/// Listeners whose connects make up the ramp before the settle time; for churn this is the steady
/// population, and the remaining listeners keep arriving during the window.
/// </param>
/// <param name="PinClientToCpu">The CPU the load client's thread stays on, for phases whose server is pinned to another.</param>
internal sealed record ListenerScenario(
    int TotalListeners,
    int RampListeners,
    double ConnectsPerSecond,
    TimeSpan? Lifetime,
    double SettleSeconds,
    double WindowSeconds,
    int? PinClientToCpu = null)
{
    public double RampSeconds => RampListeners / ConnectsPerSecond;

    public static ListenerScenario Steady(int listeners, double connectsPerSecond, double settleSeconds, double windowSeconds) =>
        new(listeners, listeners, connectsPerSecond, null, settleSeconds, windowSeconds);

    /// <summary>A population of about <paramref name="present"/> listeners that is fully replaced every present/rate seconds.</summary>
    public static ListenerScenario Churn(int present, double connectsPerSecond, double settleSeconds, double windowSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(present / connectsPerSecond);
        var total = (int)Math.Ceiling(connectsPerSecond * (lifetime.TotalSeconds + settleSeconds + windowSeconds));
        return new(total, present, connectsPerSecond, lifetime, settleSeconds, windowSeconds);
    }

    /// <summary>Single listeners spaced far enough apart that each one is alone on the server.</summary>
    public static ListenerScenario LoneConnects(int count, double connectsPerSecond) =>
        new(count, count, connectsPerSecond, TimeSpan.Zero, 0.5, 0);
}
