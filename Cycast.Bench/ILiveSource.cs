namespace Cycast.Bench;

/// <summary>The encoder feeding a phase's mount: the bench's own paced feeder or a real ffmpeg.</summary>
internal interface ILiveSource : IAsyncDisposable
{
    /// <summary>Set when the server dropped the source or a write failed.</summary>
    Exception? Failure { get; }

    /// <summary>When the frame carrying latency marker <paramref name="sequence"/> was written, in Stopwatch ticks; null when unknown.</summary>
    long? MarkerSentTicks(int sequence);

    /// <summary>Writes to the server's socket so far, so a system-wide send count can leave the source's own out.</summary>
    long Writes { get; }
}
