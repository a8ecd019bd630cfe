namespace Cycast.Shared.Config;

/// <summary>The <c>buffer { }</c> block.</summary>
/// <param name="SizeMb"><c>size_mb</c>: ring buffer size in MiB per mount, 1-1000 (default 10).</param>
/// <param name="BurstSize">
/// <c>burst_size</c> (Cycast extension, Icecast's burst-size): bytes of recent audio sent to a new listener
/// at connect so playback starts at once; 0 turns it off; 0 to <see cref="SizeBytes"/> (default 65536).
/// </param>
/// <param name="QueueSize">
/// <c>queue_size</c> (Cycast extension, Icecast's queue-size): the lag budget in bytes; a listener whose connection
/// stops taking audio while more than this waits for it is disconnected. Must be at least <c>burst_size</c> +
/// <c>broadcaster.chunk_size</c> and at most half of <see cref="SizeBytes"/> (default 524288, Icecast's: 32 s of
/// 128 kbit/s audio).
/// </param>
public sealed record BufferSettings(int SizeMb, int BurstSize, int QueueSize)
{
    public int SizeBytes => SizeMb * 1024 * 1024;
}
