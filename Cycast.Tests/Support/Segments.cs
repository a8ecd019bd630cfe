using System.Buffers;

namespace Cycast.Tests.Support;

/// <summary>
/// Byte arrays as a <see cref="ReadOnlySequence{T}"/> of several segments, the shape a pipe hands a parser when a
/// request arrived in several reads.
/// </summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params byte[][] pieces)
    {
        if (pieces.Length == 0)
            return ReadOnlySequence<byte>.Empty;
        var first = new Segment(pieces[0], 0);
        var last = first;
        foreach (var piece in pieces.Skip(1))
            last = last.Append(piece);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes cut at each of <paramref name="cuts"/> (ascending offsets), so no cut is ever seen whole.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Prepend(0).Append(bytes.Length).ToArray();
        return Of([.. bounds.Zip(bounds.Skip(1), (from, to) => bytes[from..to])]);
    }

    /// <summary>One segment per byte: the most a parser's position can be split.</summary>
    public static ReadOnlySequence<byte> BytePerSegment(byte[] bytes) => Of([.. bytes.Select(b => new[] { b })]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
