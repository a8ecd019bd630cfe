namespace Cycast.Shared.Config;

/// <summary>
/// Icecast's per-mount limits (<c>&lt;max-listener-duration&gt;</c>, <c>&lt;burst-size&gt;</c>, <c>&lt;queue-size&gt;</c>),
/// set in a <c>mount</c> block as <c>max_listener_duration</c>, <c>burst_size</c> and <c>queue_size</c>. A size left
/// unset is the station's <c>buffer</c> value.
/// </summary>
/// <param name="MaxListenerDuration">How long a listener may stay before it is disconnected; null: as long as it likes.</param>
/// <param name="BurstSize">Bytes of recent audio a new listener gets at once; null: <c>buffer.burst_size</c>.</param>
/// <param name="QueueSize">The lag budget in bytes before a slow listener is cut; null: <c>buffer.queue_size</c>.</param>
public sealed record MountLimits(TimeSpan? MaxListenerDuration, int? BurstSize, int? QueueSize)
{
    public static readonly MountLimits Station = new(null, null, null);

    public int BurstSizeIn(BufferSettings buffer) => BurstSize ?? buffer.BurstSize;

    public int QueueSizeIn(BufferSettings buffer) => QueueSize ?? buffer.QueueSize;
}
