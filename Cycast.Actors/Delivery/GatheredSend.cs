using System.Runtime.InteropServices;

namespace Cycast.Actors.Delivery;

/// <summary>
/// The pieces one send hands the socket together: a run of audio, the ICY block after it, the audio after the block,
/// the part of the ring after its wrap-around. The kernel's cost of a send barely depends on its size, so pieces that
/// are ready together go out in one gathered send (one <c>sendmsg</c>) rather than one each. The list is reused for
/// every send, and the pieces are the ring's and the title's own memory: gathering allocates and copies nothing.
/// </summary>
internal sealed class GatheredSend
{
    /// <summary>Audio, a block, audio, the rest after the ring's wrap: what one wake can have for a listener.</summary>
    public const int MaxPieces = 4;

    private readonly List<ArraySegment<byte>> _pieces = new(MaxPieces);

    /// <summary>The pieces, front first, as a socket's buffer list takes them.</summary>
    public IList<ArraySegment<byte>> Pieces => _pieces;

    /// <summary>The bytes not yet taken by the socket.</summary>
    public int Length { get; private set; }

    public bool IsEmpty => Length == 0;

    public bool IsFull => _pieces.Count == MaxPieces;

    /// <summary>Adds a piece at the back; it must be array memory (the ring's, a title block, a response head).</summary>
    public void Add(ReadOnlyMemory<byte> piece)
    {
        if (piece.IsEmpty)
            return;
        if (!MemoryMarshal.TryGetArray(piece, out var segment))
            throw new ArgumentException("a gathered piece must be array memory", nameof(piece));
        _pieces.Add(segment);
        Length += segment.Count;
    }

    /// <summary>The socket took <paramref name="bytes"/> from the front: drops them, keeping the rest in order.</summary>
    public void Taken(int bytes)
    {
        if (bytes > Length)
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"only {Length} bytes were offered");
        Length -= bytes;
        var whole = 0;
        while (bytes > 0 && bytes >= _pieces[whole].Count)
            bytes -= _pieces[whole++].Count;
        _pieces.RemoveRange(0, whole);
        if (bytes > 0)
            _pieces[0] = _pieces[0][bytes..];
    }
}
