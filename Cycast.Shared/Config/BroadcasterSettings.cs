namespace Cycast.Shared.Config;

/// <summary>
/// The <c>broadcaster { }</c> block. The original's <c>sleep_high</c>, <c>sleep_medium</c> and <c>sleep_low</c>
/// are accepted for compatibility but ignored, each with a notice: Cycast is event-driven.
/// </summary>
/// <param name="ChunkSize"><c>chunk_size</c>: bytes per chunk, 1024-65536 (default 8192).</param>
public sealed record BroadcasterSettings(int ChunkSize);
