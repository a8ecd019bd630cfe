namespace Cycast.Actors.Sources;

/// <summary>
/// The audio a source's session has sent towards its mount and the mount has not yet confirmed taking. When the mount
/// moves to another node, its next entity is given exactly the bytes the previous one never got, so a hand-over
/// loses nothing even though the cluster drops messages for a shard while it moves.
/// </summary>
public sealed class SourceReplay(long capacity)
{
    private readonly LinkedList<SourcePiece> _pieces = new();

    /// <summary>Bytes held.</summary>
    public long Held { get; private set; }

    /// <summary>
    /// Keeps a piece that was sent. Past its capacity (a mount that has not answered for minutes) the
    /// oldest are forgotten; returns how many bytes were.
    /// </summary>
    public long Add(SourcePiece piece)
    {
        _pieces.AddLast(piece);
        Held += piece.Length;
        long forgotten = 0;
        while (Held > capacity && _pieces.First is { } oldest)
        {
            forgotten += oldest.Value.Length;
            Held -= oldest.Value.Length;
            _pieces.RemoveFirst();
        }
        return forgotten;
    }

    /// <summary>
    /// The mount has taken everything before <paramref name="position"/>: those pieces are let go. Their chunks are left
    /// to the garbage collector, not pooled: the mount's entity forwards them by reference to its node's replica and
    /// keeps its latest writes for subscribing replicas, so only the collector knows when nobody reads one any more.
    /// </summary>
    public void Release(long position)
    {
        while (_pieces.First is { } oldest && oldest.Value.End <= position)
        {
            Held -= oldest.Value.Length;
            _pieces.RemoveFirst();
        }
    }

    /// <summary>The pieces that hold bytes at or after <paramref name="position"/>, oldest first.</summary>
    public IEnumerable<SourcePiece> From(long position) => _pieces.Where(piece => piece.End > position);

    /// <summary>Forgets everything, for a mount that lost what it held anyway (its node died).</summary>
    public void Clear()
    {
        _pieces.Clear();
        Held = 0;
    }
}

/// <summary>The source's bytes <see cref="Position"/> to <see cref="End"/>, in the chunk the session was handed (<see cref="SourceBytes"/>).</summary>
public readonly record struct SourcePiece(long Position, byte[] Buffer, int Length)
{
    public long End => Position + Length;
}
