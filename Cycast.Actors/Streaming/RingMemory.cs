namespace Cycast.Actors.Streaming;

/// <summary>
/// The memory of this process's mount rings: how much is held, and its return to the system when a ring is let go.
/// A ring is one large pinned array; once its mount has gone it is garbage, but only a full collection reclaims it,
/// and an idle node allocates too little to cause one: a station whose encoder-made mounts come and go would keep
/// every ring it ever had. So each release asks for one aggressive collection (which also returns the freed pages),
/// a moment later, however many rings went meanwhile.
/// </summary>
public static class RingMemory
{
    private static readonly TimeSpan ReclaimAfter = TimeSpan.FromSeconds(1);
    private static long _heldBytes;
    private static int _reclaimPending;

    /// <summary>Bytes of the rings held now: what the heap holds for audio, however many listeners read it.</summary>
    public static long HeldBytes => Interlocked.Read(ref _heldBytes);

    public static void Taken(int bytes) => Interlocked.Add(ref _heldBytes, bytes);

    /// <summary>A ring has been let go: its memory goes back within about a second.</summary>
    public static void Released(int bytes)
    {
        Interlocked.Add(ref _heldBytes, -bytes);
        if (Interlocked.Exchange(ref _reclaimPending, 1) == 1)
            return;
        _ = Task.Delay(ReclaimAfter).ContinueWith(_ =>
        {
            Volatile.Write(ref _reclaimPending, 0);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }, TaskScheduler.Default);
    }
}
