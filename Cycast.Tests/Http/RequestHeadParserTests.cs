using System.Buffers;
using System.Text;
using Cycast.Node.Http;
using Cycast.Tests.Support;

namespace Cycast.Tests.Http;

/// <summary>The request-head parser on byte arrays: what it accepts, where it says the head ends, and what it refuses.</summary>
public sealed class RequestHeadParserTests
{
    private const string ListenerHead = "GET /stream?x=1 HTTP/1.1\r\nHost: radio\r\nIcy-MetaData: 1\r\n\r\n";

    [Fact]
    public void A_crlf_head_is_complete_and_ends_just_after_its_blank_line()
    {
        var bytes = Bytes(ListenerHead + "body");

        var status = Parse(new ReadOnlySequence<byte>(bytes), out var head, out var end, out var length);

        Assert.Equal(HeadParseStatus.Complete, status);
        Assert.Equal(ListenerHead.Length, length);
        Assert.Equal("body", Encoding.ASCII.GetString(new ReadOnlySequence<byte>(bytes).Slice(end)));
        Assert.Equal(("GET", "/stream"), (head!.Method, head.Path));
        Assert.Equal("1", head.Header("icy-metadata"));
        Assert.Equal("radio", head.Header("HOST"));
    }

    [Fact]
    public void A_bare_lf_head_from_an_embedded_encoder_is_complete()
    {
        const string text = "SOURCE /live ICE/1.0\ncontent-type: audio/mpeg\nice-name: Test\n\n";

        var status = Parse(Segments.Of(Bytes(text + "\xFF\xFB")), out var head, out _, out var length);

        Assert.Equal(HeadParseStatus.Complete, status);
        Assert.Equal(text.Length, length);
        Assert.Equal(("SOURCE", "/live"), (head!.Method, head.Path));
        Assert.Equal("audio/mpeg", head.Header("Content-Type"));
    }

    [Fact]
    public void Lf_lines_may_end_with_a_crlf_blank_line()
    {
        const string text = "GET / HTTP/1.0\nHost: a\n\r\n";

        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.Of(Bytes(text)), out _, out _, out var length));
        Assert.Equal(text.Length, length);
    }

    [Fact]
    public void A_head_without_its_blank_line_yet_is_incomplete()
    {
        Assert.Equal(HeadParseStatus.Incomplete, Parse(Segments.Of(Bytes("GET /stream HTTP/1.1\r\nHost: radio\r\n")), out var head, out _, out _));
        Assert.Null(head);
        Assert.Equal(HeadParseStatus.Incomplete, Parse(ReadOnlySequence<byte>.Empty, out _, out _, out _));
    }

    [Fact]
    public void A_head_split_anywhere_across_segments_parses_as_it_does_whole()
    {
        var bytes = Bytes(ListenerHead + "tail");
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(HeadParseStatus.Complete, Parse(Segments.SplitAt(bytes, cut), out var head, out _, out var length));
            Assert.Equal(ListenerHead.Length, length);
            Assert.Equal("1", head!.Header("Icy-MetaData"));
        }
        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.BytePerSegment(bytes), out _, out _, out var perByte));
        Assert.Equal(ListenerHead.Length, perByte);
    }

    [Fact]
    public void A_head_arriving_a_byte_at_a_time_is_incomplete_until_its_last_byte()
    {
        var bytes = Bytes(ListenerHead);
        for (var received = 0; received < bytes.Length; received++)
            Assert.Equal(HeadParseStatus.Incomplete, Parse(Segments.BytePerSegment(bytes[..received]), out _, out _, out _));
        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.BytePerSegment(bytes), out _, out _, out _));
    }

    [Theory]
    [InlineData("HTTP/1.0")]
    [InlineData("HTTP/1.1")]
    [InlineData("ICE/1.0")]
    public void Icecast_protocol_versions_are_accepted(string version) =>
        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.Of(Bytes($"GET / {version}\r\n\r\n")), out _, out _, out _));

    [Theory]
    [InlineData("HTTP/2.0")]
    [InlineData("HTTP/1.2")]
    [InlineData("http/1.1")]
    [InlineData("ICE/2.0")]
    public void Other_protocol_versions_are_malformed(string version)
    {
        Assert.Equal(HeadParseStatus.Malformed, Parse(Segments.Of(Bytes($"GET / {version}\r\n\r\n")), out var head, out _, out _, out var error));
        Assert.Null(head);
        Assert.Contains(version, error);
    }

    [Theory]
    [InlineData("GET /\r\n\r\n", "request line")]
    [InlineData("GET / HTTP/1.1 extra\r\n\r\n", "request line")]
    [InlineData("get / HTTP/1.1\r\n\r\n", "invalid method")]
    [InlineData("G3T / HTTP/1.1\r\n\r\n", "invalid method")]
    [InlineData("GET stream HTTP/1.1\r\n\r\n", "does not start with '/'")]
    [InlineData("GET * HTTP/1.1\r\n\r\n", "does not start with '/'")]
    [InlineData("GET / HTTP/1.1\r\nNoColon\r\n\r\n", "malformed header line")]
    [InlineData("GET / HTTP/1.1\r\n: value\r\n\r\n", "malformed header line")]
    [InlineData("GET / HTTP/1.1\r\nBad Name: value\r\n\r\n", "malformed header line")]
    [InlineData("GET / HTTP/1.1\r\n Folded: value\r\n\r\n", "malformed header line")]
    public void Malformed_lines_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Equal(HeadParseStatus.Malformed, Parse(Segments.Of(Bytes(text)), out var head, out _, out _, out var error));
        Assert.Null(head);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_malformed_header_line_is_quoted_cut_short_in_the_reason()
    {
        var text = $"GET / HTTP/1.1\r\n{new string('x', 500)}\r\n\r\n";

        Parse(Segments.Of(Bytes(text)), out _, out _, out _, out var error);

        // Log text is cut at 200 characters: one hostile header cannot make a log line of its own size.
        Assert.True(error!.Length < 260, error);
        Assert.EndsWith("…'", error);
    }

    [Fact]
    public void Libshouts_options_star_asks_about_the_server()
    {
        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.Of(Bytes("OPTIONS * HTTP/1.1\r\n\r\n")), out var head, out _, out _));
        Assert.Equal("OPTIONS", head!.Method);
    }

    [Fact]
    public void A_repeated_header_is_joined_and_values_are_trimmed_byte_exact()
    {
        var text = "GET /a%20b?c=d HTTP/1.1\r\nX-Tag:  one \r\nx-tag: two\r\nIce-Name: Caf\xE9\r\n\r\n";

        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.Of(Bytes(text)), out var head, out _, out _));

        Assert.Equal("one, two", head!.Header("X-Tag"));
        Assert.Equal("Caf\xE9", head.Header("ice-name"));
        Assert.Equal("/a b", head.Path);
        Assert.Null(head.Header("Absent"));
    }

    [Fact]
    public void A_head_just_under_the_cap_is_accepted()
    {
        var text = $"GET / HTTP/1.1\r\nIce-Description: {new string('d', RequestHeadParser.MaxHeadBytes - 200)}\r\n\r\n";

        Assert.Equal(HeadParseStatus.Complete, Parse(Segments.Of(Bytes(text)), out var head, out _, out _));
        Assert.Equal(RequestHeadParser.MaxHeadBytes - 200, head!.Header("Ice-Description")!.Length);
    }

    [Fact]
    public void Bytes_past_the_cap_without_a_blank_line_are_too_large()
    {
        var bytes = Bytes("GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Repeat("X-Filler: 0123456789\r\n", 800)));
        Assert.True(bytes.Length > RequestHeadParser.MaxHeadBytes);

        Assert.Equal(HeadParseStatus.TooLarge, Parse(Segments.SplitAt(bytes, 100, 9000), out _, out _, out _, out var error));
        Assert.Contains($"{RequestHeadParser.MaxHeadBytes}", error);
        Assert.Equal(HeadParseStatus.TooLarge, Parse(Segments.Of(Bytes(new string('a', RequestHeadParser.MaxHeadBytes + 1))), out _, out _, out _));
    }

    [Fact]
    public void Many_short_lines_past_the_cap_are_too_large_even_when_the_blank_line_arrived_too()
    {
        var bytes = Bytes("GET / HTTP/1.1\r\n" + string.Concat(Enumerable.Repeat("X-Filler: 0123456789\r\n", 800)) + "\r\n");

        Assert.Equal(HeadParseStatus.TooLarge, Parse(Segments.Of(bytes), out _, out _, out _));
    }

    [Fact]
    public void A_long_header_line_whose_end_arrived_in_the_same_read_is_too_large()
    {
        var bytes = Bytes($"GET / HTTP/1.1\r\nX-Long: {new string('a', 1 << 20)}\r\n\r\n");

        Assert.Equal(HeadParseStatus.TooLarge, Parse(Segments.Of(bytes), out _, out _, out _));
    }

    private static HeadParseStatus Parse(ReadOnlySequence<byte> buffer, out RequestHead? head, out SequencePosition end, out long headLength) =>
        Parse(buffer, out head, out end, out headLength, out _);

    private static HeadParseStatus Parse(ReadOnlySequence<byte> buffer, out RequestHead? head, out SequencePosition end, out long headLength,
        out string? error)
    {
        var status = RequestHeadParser.TryParse(buffer, out head, out end, out error);
        headLength = buffer.Slice(0, end).Length;
        return status;
    }

    /// <summary>Latin-1, so each char below 256 is exactly one byte, as on the wire.</summary>
    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
