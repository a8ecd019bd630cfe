using System.Buffers;
using System.Text;
using CsCheck;
using Cycast.Node.Http;

namespace Cycast.Tests.Fuzzing;

/// <summary>
/// The chunked decoder on any bytes, read by read as a pipe hands them over: only <see cref="FormatException"/>, and
/// the same body, the same end and the same verdict whether the bytes came in one read or in many.
/// </summary>
public sealed class ChunkedBodyFuzzing
{
    private static readonly byte[][] Tokens =
    [
        .. new[] { "\r\n", "\n", ";", "0\r\n\r\n", "0\r\n", "ffffffff", "7fffffffffffffff", "FFFFFFFFFFFFFFFF", "-1", "0x", " " }
            .Select(Encoding.ASCII.GetBytes),
    ];

    /// <summary>Bodies as proxies frame them: sizes in either case with leading zeros, extensions, trailers, LF or CRLF.</summary>
    private static readonly Gen<byte[]> ValidBodies = Gen.Select(
        Gen.Select(Gen.Byte.Array[1, 300], Gen.Bool, Gen.OneOf("", ";a=b", " ; x")).Array[0, 6],
        Gen.OneOf("", "X-Trailer: 1\r\n", "A: b\r\nC: d\r\n"),
        Gen.OneOf("\r\n", "\n"),
        (chunks, trailer, newline) =>
        {
            var body = new List<byte>();
            foreach (var (data, upper, extension) in chunks)
            {
                var size = data.Length.ToString(upper ? "X4" : "x");
                body.AddRange(Encoding.ASCII.GetBytes(size + extension + newline));
                body.AddRange(data);
                body.AddRange(Encoding.ASCII.GetBytes(newline));
            }
            body.AddRange(Encoding.ASCII.GetBytes("0" + newline + trailer + newline));
            return body.ToArray();
        });

    [Fact]
    public void Any_bytes_in_any_reads_decode_the_same_or_fail_the_same_as_framing_errors() =>
        Fuzz.Check(Gen.Select(Mutations.Around(ValidBodies, Tokens), Pieces.Lengths), input =>
        {
            var (bytes, lengths) = input;
            Outcome whole = default;
            Fuzz.AssertAllocatesAtMost(8L * bytes.Length + 64 * 1024, () => whole = Decode([bytes]));
            var split = Decode(Pieces.Cut(bytes, lengths));

            Assert.Equal(whole.Error, split.Error);
            Assert.Equal(whole.Complete, split.Complete);
            // A read that fails consumes nothing, so after an error only the body so far can be compared.
            if (whole.Error is null)
                Assert.Equal(whole.Consumed, split.Consumed);
            Assert.Equal(whole.Body, split.Body);
            Assert.InRange(whole.Body.Length, 0, bytes.Length);
        }, input => Pieces.Print(input.Item1, input.Item2), Fuzz.Iterations());

    /// <summary>Feeds the reads the way the source handler does: what was not consumed comes back with the next read appended.</summary>
    private static Outcome Decode(IEnumerable<byte[]> reads)
    {
        var decoder = new ChunkedBodyDecoder();
        var body = new List<byte>();
        var pending = Array.Empty<byte>();
        long consumed = 0;
        try
        {
            foreach (var read in reads)
            {
                if (decoder.IsComplete)
                    break;
                var buffer = new ReadOnlySequence<byte>([.. pending, .. read]);
                var end = decoder.Decode(buffer, run => body.AddRange(run.ToArray()));
                consumed += buffer.Slice(0, end).Length;
                pending = buffer.Slice(end).ToArray();
            }
            return new Outcome([.. body], decoder.IsComplete, consumed, null);
        }
        catch (FormatException e)
        {
            return new Outcome([.. body], false, consumed, e.Message);
        }
    }

    private readonly record struct Outcome(byte[] Body, bool Complete, long Consumed, string? Error);
}
