using System.Runtime;

namespace Cycast.Actors.Streaming;

/// <summary>
/// Gives the memory of released rings back to the system. A ring is one large pinned array; once its mount has gone
/// it is garbage, but only a full collection reclaims it, and an idle node allocates too little to cause one: a
/// station whose encoder-made mounts come and go would keep every ring it ever had. So each release asks for one
/// aggressive collection (which also returns the freed pages), a moment later, however many rings went meanwhile.
/// </summary>
public static class RingReclaimer
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static int _pending;

    /// <summary>A ring has been let go: its memory goes back within about a second.</summary>
    public static void Released()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
            return;
        _ = Task.Delay(Delay).ContinueWith(_ =>
        {
            Volatile.Write(ref _pending, 0);
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }, TaskScheduler.Default);
    }
}
