using CsCheck;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// Inputs a parser meets in the wild: valid ones with a few bytes wrong, the way a fuzzer's mutator makes them. Each
/// input gets up to eight edits: a byte flipped or set to a boundary value, a run inserted, deleted, duplicated, or a
/// token of the format (a keyword, a separator, a length field's extreme) written over or into it.
/// </summary>
internal static class Mutations
{
    private static readonly byte[] BoundaryBytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, (byte)'\r', (byte)'\n', (byte)' ', (byte)'0'];

    /// <summary>Bytes of the format plus length-field extremes every binary format must survive.</summary>
    private static readonly byte[][] Extremes =
    [
        [0xFF, 0xFF, 0xFF, 0x7F], [0x7F, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0xFF], [0x00, 0x00, 0x00, 0x80], [0x00, 0x00, 0x00, 0x00],
        [0xFF, 0xFF, 0xFF, 0xFF, 0x07],
    ];

    public static Gen<byte[]> Of(Gen<byte[]> valid, params byte[][] tokens)
    {
        var dictionary = tokens.Concat(Extremes).ToArray();
        var edit = Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Byte, Gen.Int[0, dictionary.Length - 1],
            (kind, at, length, value, token) => new Edit(kind, at, length, value, dictionary[token]));
        return Gen.Select(valid, edit.Array[0, 8], (input, edits) => edits.Aggregate(input, (bytes, e) => e.ApplyTo(bytes)));
    }

    /// <summary>Arbitrary bytes, weighted towards short inputs and towards the bytes the format is built from.</summary>
    public static Gen<byte[]> Arbitrary(params byte[][] tokens)
    {
        var alphabet = tokens.SelectMany(token => token).Concat(BoundaryBytes).Distinct().ToArray();
        var formatByte = Weighted.Of((1, Gen.Byte), (1, Gen.OneOf<byte>(alphabet)));
        return Weighted.Of((2, formatByte.Array[0, 256]), (1, Gen.Byte.Array[0, 4096]));
    }

    /// <summary>A valid input or a mutant of one, or plain noise, in even shares.</summary>
    public static Gen<byte[]> Around(Gen<byte[]> valid, params byte[][] tokens) =>
        Weighted.Of((1, valid), (2, Of(valid, tokens)), (1, Arbitrary(tokens)));

    private readonly record struct Edit(int Kind, int At, int Length, byte Value, byte[] Token)
    {
        public byte[] ApplyTo(byte[] bytes)
        {
            var at = bytes.Length == 0 ? 0 : At % (bytes.Length + 1);
            var span = Math.Min(Length, bytes.Length - at);
            return Kind switch
            {
                0 when at < bytes.Length => Set(bytes, at, (byte)(bytes[at] ^ (1 << (Value & 7)))),
                1 when at < bytes.Length => Set(bytes, at, BoundaryBytes[Value % BoundaryBytes.Length]),
                2 => [.. bytes[..at], .. Enumerable.Repeat(Value, Length), .. bytes[at..]],
                3 => [.. bytes[..at], .. bytes[(at + span)..]],
                4 => [.. bytes[..(at + span)], .. bytes[at..(at + span)], .. bytes[(at + span)..]],
                5 => [.. bytes[..at], .. Token, .. bytes[at..]],
                _ => [.. bytes[..at], .. Token, .. bytes[Math.Min(bytes.Length, at + Token.Length)..]],
            };
        }

        private static byte[] Set(byte[] bytes, int at, byte value)
        {
            var copy = (byte[])bytes.Clone();
            copy[at] = value;
            return copy;
        }
    }
}
