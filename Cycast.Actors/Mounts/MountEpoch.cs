namespace Cycast.Actors.Mounts;

/// <summary>
/// A mount entity's fencing number: every incarnation of a mount's entity takes one higher than any it has heard of,
/// and every replica accepts writes only from the highest it has seen. So an entity left behind (on a node about to
/// be downed, or one that missed a hand-over) can no longer write into any replica that has heard of its successor.
/// </summary>
/// <remarks>
/// A hybrid logical clock: the wall clock in microseconds, never below what was heard of plus one. Incarnations of a
/// mount are seconds apart (a hand-over, a node downed), far more than the skew of clocks kept by NTP, and an entity
/// that still comes out lower than a replica's number learns it from that replica and makes way for a newer one.
/// </remarks>
public static class MountEpoch
{
    public static long After(long highestHeardOf, DateTimeOffset now) =>
        Math.Max((now - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, highestHeardOf + 1);
}
