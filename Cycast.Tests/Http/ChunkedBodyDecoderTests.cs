using System.Buffers;
using System.Text;
using Cycast.Node.Http;
using Cycast.Tests.Support;

namespace Cycast.Tests.Http;

/// <summary>The chunked-body decoder on byte arrays, fed whole, in segments, and read by read as a pipe hands it bytes.</summary>
public sealed class ChunkedBodyDecoderTests
{
    [Fact]
    public void Chunks_give_their_data_and_the_last_chunk_completes_the_body()
    {
        const string framed = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";

        var (body, decoder, consumed) = DecodeWhole(framed);

        Assert.Equal("hello world", body);
        Assert.True(decoder.IsComplete);
        Assert.Equal(framed.Length, consumed);
    }

    [Theory]
    [InlineData("a", 10)]
    [InlineData("A", 10)]
    [InlineData("1f", 31)]
    [InlineData("001F", 31)]
    [InlineData(" 3 ", 3)]
    public void Sizes_are_hexadecimal_in_either_case(string size, int expected)
    {
        var data = new string('x', expected);

        var (body, decoder, _) = DecodeWhole($"{size}\r\n{data}\r\n0\r\n\r\n");

        Assert.Equal(data, body);
        Assert.True(decoder.IsComplete);
    }

    [Fact]
    public void Chunk_extensions_are_ignored()
    {
        var (body, decoder, _) = DecodeWhole("3;name=value\r\nabc\r\n2 ; quoted=\"x;y\"\r\nde\r\n0;last\r\n\r\n");

        Assert.Equal("abcde", body);
        Assert.True(decoder.IsComplete);
    }

    [Fact]
    public void Bare_lf_framing_is_accepted()
    {
        var (body, decoder, _) = DecodeWhole("3\nabc\n0\n\n");

        Assert.Equal("abc", body);
        Assert.True(decoder.IsComplete);
    }

    [Fact]
    public void Trailers_after_the_last_chunk_are_read_and_dropped()
    {
        var (body, decoder, _) = DecodeWhole("2\r\nok\r\n0\r\nX-Checksum: 1234\r\nX-Other: y\r\n\r\n");

        Assert.Equal("ok", body);
        Assert.True(decoder.IsComplete);
    }

    [Fact]
    public void Bytes_after_the_last_chunk_are_left_unconsumed()
    {
        const string framed = "1\r\na\r\n0\r\n\r\n";

        var (_, decoder, consumed) = DecodeWhole(framed + "NEXT");

        Assert.True(decoder.IsComplete);
        Assert.Equal(framed.Length, consumed);
    }

    [Fact]
    public void A_body_without_its_last_chunk_is_not_complete()
    {
        var (body, decoder, _) = DecodeWhole("4\r\nabcd\r\n");

        Assert.Equal("abcd", body);
        Assert.False(decoder.IsComplete);
    }

    [Fact]
    public void A_body_split_anywhere_across_segments_decodes_as_it_does_whole()
    {
        var bytes = Bytes("5;x=1\r\nhello\r\n0\r\nT: v\r\n\r\n");
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var (body, decoder, _) = Decode(Segments.SplitAt(bytes, cut));
            Assert.Equal("hello", body);
            Assert.True(decoder.IsComplete, $"cut at {cut}");
        }
        Assert.Equal("hello", Decode(Segments.BytePerSegment(bytes)).Body);
    }

    [Fact]
    public void A_body_arriving_a_byte_at_a_time_decodes_whole()
    {
        var bytes = Bytes("3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
        var decoder = new ChunkedBodyDecoder();
        var body = new StringBuilder();
        var pending = Array.Empty<byte>();
        foreach (var b in bytes)
        {
            // As a pipe does: what the decoder did not consume comes back with the next read appended.
            var buffer = new ReadOnlySequence<byte>([.. pending, b]);
            var end = decoder.Decode(buffer, run => body.Append(Encoding.Latin1.GetString(run)));
            pending = buffer.Slice(end).ToArray();
        }

        Assert.Equal("abc0123456789abcdef", body.ToString());
        Assert.True(decoder.IsComplete);
        Assert.Empty(pending);
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("\r\n")]
    [InlineData("-1\r\n")]
    [InlineData("0x10\r\n")]
    [InlineData("FFFFFFFFFFFFFFFF\r\n")]
    [InlineData("10000000000000000\r\n")]
    [InlineData(";ext\r\n")]
    public void Malformed_sizes_are_refused(string framing)
    {
        var error = Assert.Throws<FormatException>(() => DecodeWhole(framing));
        Assert.Contains("invalid chunk size", error.Message);
    }

    [Fact]
    public void Chunk_data_longer_than_its_size_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => DecodeWhole("3\r\nabcd\r\n0\r\n\r\n"));
        Assert.Contains("not followed by CRLF", error.Message);
    }

    [Fact]
    public void A_framing_line_that_never_ends_is_refused_once_past_its_limit()
    {
        var decoder = new ChunkedBodyDecoder();
        decoder.Decode(new ReadOnlySequence<byte>(Bytes(new string('1', 1000))), _ => { });

        Assert.Throws<FormatException>(() => decoder.Decode(new ReadOnlySequence<byte>(Bytes(new string('1', 1025))), _ => { }));
    }

    [Fact]
    public void A_framing_line_past_its_limit_is_refused_however_the_reads_cut_it()
    {
        // Found by ChunkedBodyFuzzing: a long line whose end came in the same read was parsed, in two reads it was refused.
        var framing = $"5;{new string('x', 1100)}\r\nhello\r\n0\r\n\r\n";

        var whole = Assert.Throws<FormatException>(() => DecodeWhole(framing));
        var firstRead = new ReadOnlySequence<byte>(Bytes(framing)[..1050]);
        var inReads = Assert.Throws<FormatException>(() => new ChunkedBodyDecoder().Decode(firstRead, _ => { }));
        Assert.Equal("chunk framing line longer than 1024 bytes", whole.Message);
        Assert.Equal(whole.Message, inReads.Message);
        Assert.Equal("hello", DecodeWhole($"5;{new string('x', 1000)}\r\nhello\r\n0\r\n\r\n").Body);
    }

    private static (string Body, ChunkedBodyDecoder Decoder, long Consumed) DecodeWhole(string framed) =>
        Decode(new ReadOnlySequence<byte>(Bytes(framed)));

    private static (string Body, ChunkedBodyDecoder Decoder, long Consumed) Decode(ReadOnlySequence<byte> buffer)
    {
        var decoder = new ChunkedBodyDecoder();
        var body = new StringBuilder();
        var end = decoder.Decode(buffer, run => body.Append(Encoding.Latin1.GetString(run)));
        return (body.ToString(), decoder, buffer.Slice(0, end).Length);
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
