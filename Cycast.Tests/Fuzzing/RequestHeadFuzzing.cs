using System.Buffers;
using System.Text;
using CsCheck;
using Cycast.Node.Http;

namespace Cycast.Tests.Fuzzing;

/// <summary>The request-head parser on any bytes, cut into any reads: a status and never an exception, the same status however it was cut.</summary>
public sealed class RequestHeadFuzzing
{
    private static readonly byte[][] Tokens =
    [
        .. new[] { "\r\n", "\n", "\r\n\r\n", "\n\n", ": ", ":", " ", "GET", "SOURCE", "PUT", "OPTIONS", "*", "/", "HTTP/1.1", "HTTP/1.0", "ICE/1.0", "%", "%zz", "%00", "?" }
            .Select(Encoding.ASCII.GetBytes),
    ];

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz-ABCXYZ0123456789"], 1, 12];

    /// <summary>Heads as listeners and encoders send them, with LF or CRLF lines.</summary>
    private static readonly Gen<byte[]> ValidHeads = Gen.Select(
        Gen.OneOf("GET", "SOURCE", "PUT", "HEAD", "OPTIONS"),
        Word.Array[0, 3],
        Gen.OneOf("HTTP/1.0", "HTTP/1.1", "ICE/1.0"),
        Gen.Select(Word, Gen.String[Gen.Char[" abcxyz0123456789=;,/:'\"\t\u00e9\u00ff"], 0, 40]).Array[0, 8],
        Gen.OneOf("\r\n", "\n"),
        (method, path, version, headers, newline) =>
        {
            var head = new StringBuilder($"{method} /{string.Join('/', path)} {version}{newline}");
            foreach (var (name, value) in headers)
                head.Append($"{name}: {value}{newline}");
            return Encoding.Latin1.GetBytes(head.Append(newline).ToString());
        });

    [Fact]
    public void Any_bytes_in_any_reads_get_one_status_and_never_an_exception() =>
        Fuzz.Check(Gen.Select(Mutations.Around(ValidHeads, Tokens), Pieces.Lengths), input =>
        {
            var (bytes, lengths) = input;
            Outcome whole = default;
            Fuzz.AssertAllocatesAtMost(32L * bytes.Length + 64 * 1024, () => whole = Parse(new ReadOnlySequence<byte>(bytes)));
            var split = Parse(Pieces.Segmented(bytes, lengths));

            Assert.Equal(whole, split);
            switch (whole.Status)
            {
                case HeadParseStatus.Complete:
                    Assert.Null(whole.Error);
                    Assert.InRange(whole.HeadLength, 1, bytes.Length);
                    break;
                case HeadParseStatus.Malformed:
                    Assert.False(string.IsNullOrEmpty(whole.Error));
                    break;
                case HeadParseStatus.TooLarge:
                    Assert.False(string.IsNullOrEmpty(whole.Error));
                    Assert.True(bytes.Length > RequestHeadParser.MaxHeadBytes || whole.Error!.Contains("header lines"), whole.Error);
                    break;
                case HeadParseStatus.Incomplete:
                    Assert.InRange(bytes.Length, 0, RequestHeadParser.MaxHeadBytes);
                    break;
            }
        }, input => Pieces.Print(input.Item1, input.Item2), Fuzz.Iterations());

    [Fact]
    public void No_head_longer_than_the_cap_is_ever_complete()
    {
        var longLine = Gen.Select(ValidHeads, Gen.Int[RequestHeadParser.MaxHeadBytes - 64, 3 * RequestHeadParser.MaxHeadBytes],
            (head, length) => (byte[])[.. Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nX-Long: {new string('a', length)}\r\n"), .. head[head.AsSpan().IndexOf((byte)'\n')..]]);
        Fuzz.Check(Gen.Select(longLine, Pieces.Lengths), input =>
        {
            var outcome = Parse(Pieces.Segmented(input.Item1, input.Item2));
            Assert.True(outcome.Status != HeadParseStatus.Complete || outcome.HeadLength <= RequestHeadParser.MaxHeadBytes,
                $"a head of {outcome.HeadLength} bytes was accepted");
        }, input => Pieces.Print(input.Item1, input.Item2), Fuzz.Iterations(shortRun: 50));
    }

    private static Outcome Parse(ReadOnlySequence<byte> buffer)
    {
        var status = RequestHeadParser.TryParse(buffer, out var head, out var end, out var error);
        Assert.Equal(status == HeadParseStatus.Complete, head is not null);
        return new Outcome(status, buffer.Slice(0, end).Length, error, head?.Method, head?.Path, head?.Header("Host"));
    }

    private readonly record struct Outcome(HeadParseStatus Status, long HeadLength, string? Error, string? Method, string? Path, string? Host);
}
