namespace Cycast.Bench;

/// <summary>
/// Source-write-to-listener-read latencies of every marked frame every listener receives: 19 000 listeners
/// receive 700 000 frames a second, too many to keep one by one, so they are counted in 0.1 ms buckets.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double BucketMs = 0.1;
    /// <summary>30 s: a listener further behind than that has long been cut off by either server's queue limit.</summary>
    private const int Buckets = 300_000;

    private readonly long[] _counts = new long[Buckets];

    public long Count { get; private set; }

    public void Add(double milliseconds)
    {
        _counts[Math.Clamp((int)(milliseconds / BucketMs), 0, Buckets - 1)]++;
        Count++;
    }

    /// <summary>The upper edge of the bucket holding the given rank; null when nothing was counted.</summary>
    public double? Percentile(double percentile)
    {
        if (Count == 0) return null;
        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        long seen = 0;
        for (var bucket = 0; bucket < Buckets; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= Math.Max(1, rank)) return (bucket + 1) * BucketMs;
        }
        return Buckets * BucketMs;
    }
}
