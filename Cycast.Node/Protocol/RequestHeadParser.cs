using System.Buffers;
using System.Text;

namespace Cycast.Node.Protocol;

public enum HeadParseStatus { Incomplete, Complete, Malformed }

/// <summary>
/// Parses a request head from the bytes a connection has received so far. Kestrel's HTTP parser cannot be used on
/// the source port: it rejects <c>SOURCE</c> and <c>ICE/1.0</c>, and it cannot hand an unbounded, unframed body to us.
/// </summary>
public static class RequestHeadParser
{
    /// <summary>Icecast refuses heads over 8 KiB; twice that leaves room for long ice-* headers.</summary>
    public const int MaxHeadBytes = 16 * 1024;

    private static readonly HashSet<string> KnownVersions = ["HTTP/1.0", "HTTP/1.1", "ICE/1.0"];

    /// <summary>
    /// On <see cref="HeadParseStatus.Complete"/>, <paramref name="end"/> is the position just after the blank line
    /// that ends the head; on <see cref="HeadParseStatus.Malformed"/>, <paramref name="error"/> says why.
    /// Lines may end in CRLF or a bare LF, as some embedded encoders send.
    /// </summary>
    public static HeadParseStatus TryParse(in ReadOnlySequence<byte> buffer, out RequestHead? head, out SequencePosition end, out string? error)
    {
        head = null;
        error = null;
        end = buffer.Start;
        if (!TryFindHeadEnd(buffer, out var headLength))
        {
            if (buffer.Length > MaxHeadBytes)
            {
                error = $"request head longer than {MaxHeadBytes} bytes";
                return HeadParseStatus.Malformed;
            }
            return HeadParseStatus.Incomplete;
        }

        // Latin-1 maps every byte to one char, so no input can make decoding fail; header values stay byte-exact.
        var text = Encoding.Latin1.GetString(buffer.Slice(0, headLength));
        end = buffer.GetPosition(headLength);
        head = Parse(text, out error);
        return head is null ? HeadParseStatus.Malformed : HeadParseStatus.Complete;
    }

    private static bool TryFindHeadEnd(in ReadOnlySequence<byte> buffer, out long headLength)
    {
        var reader = new SequenceReader<byte>(buffer);
        var limit = Math.Min(buffer.Length, MaxHeadBytes);
        while (reader.Consumed < limit && reader.TryAdvanceTo((byte)'\n'))
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

    private static RequestHead? Parse(string text, out string? error)
    {
        var lines = text.Split('\n');
        var requestLine = lines[0].TrimEnd('\r').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length != 3)
        {
            error = "request line is not 'METHOD target VERSION'";
            return null;
        }
        var (method, target, version) = (requestLine[0], requestLine[1], requestLine[2]);
        if (!method.All(char.IsAsciiLetterUpper))
        {
            error = $"invalid method '{method}'";
            return null;
        }
        // OPTIONS * asks about the server, not a path: libshout 2.4 sends it before every connect.
        if (!target.StartsWith('/') && !(method == "OPTIONS" && target == "*"))
        {
            error = $"request target '{target}' does not start with '/'";
            return null;
        }
        if (!KnownVersions.Contains(version))
        {
            error = $"unsupported protocol version '{version}'";
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in lines.AsSpan(1))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Any(char.IsWhiteSpace))
            {
                error = $"malformed header line '{Truncate(line)}'";
                return null;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }
        error = null;
        return new RequestHead(method, target, version, headers);
    }

    private static string Truncate(string line) => line.Length <= 60 ? line : line[..60] + "…";
}
