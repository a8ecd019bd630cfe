using System.Buffers;
using System.Text;
using Cycast.Shared.Protocol;

namespace Cycast.Node.Http;

/// <summary>
/// What the bytes so far make: not a whole head yet, a head, one that breaks the syntax (400), or one past the limits
/// on its size or header count (431, Request Header Fields Too Large).
/// </summary>
public enum HeadParseStatus { Incomplete, Complete, Malformed, TooLarge }

/// <summary>
/// Parses a request head from the bytes a connection has received so far. Kestrel's HTTP parser cannot be used on
/// the source port: it rejects <c>SOURCE</c> and <c>ICE/1.0</c>, and it cannot hand an unbounded, unframed body to us.
/// </summary>
public static class RequestHeadParser
{
    /// <summary>Icecast refuses heads over 8 KiB; twice that leaves room for long ice-* headers.</summary>
    public const int MaxHeadBytes = 16 * 1024;

    /// <summary>Kestrel's default, which the HTTP side keeps too: no player or encoder sends more than a dozen.</summary>
    public const int MaxHeaderCount = 100;

    private static readonly HashSet<string> KnownVersions = ["HTTP/1.0", "HTTP/1.1", "ICE/1.0"];

    /// <summary>
    /// On <see cref="HeadParseStatus.Complete"/>, <paramref name="end"/> is the position just after the blank line
    /// that ends the head; on <see cref="HeadParseStatus.Malformed"/> or <see cref="HeadParseStatus.TooLarge"/>,
    /// <paramref name="error"/> says why.
    /// Lines may end in CRLF or a bare LF, as some embedded encoders send.
    /// </summary>
    public static HeadParseStatus TryParse(in ReadOnlySequence<byte> buffer, out RequestHead? head, out SequencePosition end, out string? error)
    {
        head = null;
        error = null;
        end = buffer.Start;
        // Only the first MaxHeadBytes are searched: a head must end within them, however much one read brought.
        if (!TryFindHeadEnd(buffer.Slice(0, Math.Min(buffer.Length, MaxHeadBytes)), out var headLength))
        {
            if (buffer.Length >= MaxHeadBytes)
            {
                error = $"request head longer than {MaxHeadBytes} bytes";
                return HeadParseStatus.TooLarge;
            }
            return HeadParseStatus.Incomplete;
        }

        // Latin-1 maps every byte to one char, so no input can make decoding fail; header values stay byte-exact.
        var text = Encoding.Latin1.GetString(buffer.Slice(0, headLength));
        end = buffer.GetPosition(headLength);
        var lines = text.Split('\n');
        // Besides the headers: the request line, the blank line that ends the head, and the empty rest after it.
        if (lines.Length - 3 > MaxHeaderCount)
        {
            error = $"more than {MaxHeaderCount} header lines";
            return HeadParseStatus.TooLarge;
        }
        head = Parse(lines, out error);
        return head is null ? HeadParseStatus.Malformed : HeadParseStatus.Complete;
    }

    private static bool TryFindHeadEnd(in ReadOnlySequence<byte> buffer, out long headLength)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryAdvanceTo((byte)'\n'))
        {
            if (reader.IsNext((byte)'\n'))
            {
                headLength = reader.Consumed + 1;
                return true;
            }
            if (reader.IsNext("\r\n"u8))
            {
                headLength = reader.Consumed + 2;
                return true;
            }
        }
        headLength = 0;
        return false;
    }

    private static RequestHead? Parse(string[] lines, out string? error)
    {
        var requestLine = lines[0].TrimEnd('\r').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length != 3)
        {
            error = "request line is not 'METHOD target VERSION'";
            return null;
        }
        var (method, target, version) = (requestLine[0], requestLine[1], requestLine[2]);
        if (!method.All(char.IsAsciiLetterUpper))
        {
            error = $"invalid method '{LogText.Of(method)}'";
            return null;
        }
        // OPTIONS * asks about the server, not a path: libshout 2.4 sends it before every connect.
        if (!target.StartsWith('/') && !(method == "OPTIONS" && target == "*"))
        {
            error = $"request target '{LogText.Of(target)}' does not start with '/'";
            return null;
        }
        if (!KnownVersions.Contains(version))
        {
            error = $"unsupported protocol version '{LogText.Of(version)}'";
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in lines.AsSpan(1))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                error = $"malformed header line '{LogText.Of(line)}'";
                return null;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }
        var head = new RequestHead(method, target, version, headers);
        // A mount name, a page's path and every log line naming it are text: %0A in a path would end a log line.
        if (head.Path.Any(char.IsControl))
        {
            error = $"request path '{LogText.Of(head.Path)}' holds control characters";
            return null;
        }
        error = null;
        return head;
    }
}
