using Cycast.Actors.Streaming;

namespace Cycast.Actors.Delivery;

/// <summary>
/// The one copy of a mount's stream that a node keeps: its <see cref="StreamHistory"/>, and the <see cref="Feed"/> this
/// node's listeners read it through. The node's replica of the mount makes it and keeps it for as long as the node
/// serves the mount. The replica is its only writer, with what it hears from the mount's entity (wherever that runs)
/// or with its own playlist.
/// </summary>
public sealed class NodeRing(StreamHistory history, MountFeed feed)
{
    public StreamHistory History => history;

    public MountFeed Feed => feed;

    /// <summary>Appends the stream's next bytes and tells this node's listeners that the ring grew.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        history.Ring.Append(bytes);
        feed.FanOut.RingGrew(history.Ring.WriteOffset);
    }
}
