using Cycast.Actors.Streaming;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Delivery;

/// <summary>
/// What a listener on this node reads a mount from: the ring (for its burst and to catch up), the fan-out that wakes
/// it as the stream grows, and the mount's current title and stream head. Listeners only read; the title and head
/// are set by the node's replica of the mount.
/// </summary>
public sealed class MountFeed(AudioRing ring, LiveFanOut fanOut, StreamHeadFields head)
{
    private NowPlaying _nowPlaying = NowPlaying.Initial;
    private StreamHeadFields _head = head;

    public AudioRing Ring => ring;

    /// <summary>This node's fan-out for the mount: listeners join it to be woken as the stream grows.</summary>
    public LiveFanOut FanOut => fanOut;

    public NowPlaying NowPlaying
    {
        get => Volatile.Read(ref _nowPlaying);
        internal set => Volatile.Write(ref _nowPlaying, value);
    }

    public StreamHeadFields Head
    {
        get => Volatile.Read(ref _head);
        internal set => Volatile.Write(ref _head, value);
    }
}
