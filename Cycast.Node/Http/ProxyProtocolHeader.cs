using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Cycast.Node.Http;

/// <summary>
/// The PROXY protocol header (HAProxy's, v1 text or v2 binary) a load balancer such as nginx's stream module puts
/// before a proxied connection's first byte, naming the client it came from. <see cref="Source"/> is null when the
/// proxy says it has no client to name (v1 <c>UNKNOWN</c>, v2 <c>LOCAL</c> or an address family other than TCP/UDP
/// over IPv4/IPv6): the connection is then the proxy's own.
/// </summary>
public sealed record ProxyProtocolHeader(int Version, IPEndPoint? Source)
{
    /// <summary>v1's longest line, CRLF included, as the specification bounds it.</summary>
    private const int V1MaxLength = 107;
    private const int V2FixedLength = 16;

    private static ReadOnlySpan<byte> V1Prefix => "PROXY "u8;
    private static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>Reads a header at the start of <paramref name="buffer"/>; <paramref name="end"/> is where the request begins after it.</summary>
    public static ProxyHeaderStatus TryParse(ReadOnlySequence<byte> buffer, out ProxyProtocolHeader? header, out SequencePosition end, out string? error)
    {
        header = null;
        error = null;
        end = buffer.Start;
        Span<byte> start = stackalloc byte[V2FixedLength];
        var available = (int)Math.Min(buffer.Length, V2FixedLength);
        buffer.Slice(0, available).CopyTo(start);
        var seen = start[..available];
        if (StartsLike(seen, V1Prefix))
            return seen.Length < V1Prefix.Length ? ProxyHeaderStatus.Incomplete : ParseV1(buffer, out header, out end, out error);
        if (StartsLike(seen, V2Signature))
            return seen.Length < V2FixedLength ? ProxyHeaderStatus.Incomplete : ParseV2(buffer, seen, out header, out end, out error);
        return ProxyHeaderStatus.Absent;
    }

    /// <summary>Whether what has arrived so far agrees with <paramref name="signature"/> (all of it, or as far as it goes).</summary>
    private static bool StartsLike(ReadOnlySpan<byte> seen, ReadOnlySpan<byte> signature)
    {
        var length = Math.Min(seen.Length, signature.Length);
        return length > 0 && seen[..length].SequenceEqual(signature[..length]);
    }

    private static ProxyHeaderStatus ParseV1(ReadOnlySequence<byte> buffer, out ProxyProtocolHeader? header, out SequencePosition end, out string? error)
    {
        header = null;
        end = buffer.Start;
        var window = buffer.Slice(0, Math.Min(buffer.Length, V1MaxLength));
        if (window.PositionOf((byte)'\n') is not { } newline)
        {
            error = window.Length < V1MaxLength ? null : $"PROXY line longer than {V1MaxLength} bytes";
            return error is null ? ProxyHeaderStatus.Incomplete : ProxyHeaderStatus.Malformed;
        }
        var line = Encoding.ASCII.GetString(window.Slice(0, newline));
        end = buffer.GetPosition(1, newline);
        if (!line.EndsWith('\r'))
        {
            error = "PROXY line does not end with CRLF";
            return ProxyHeaderStatus.Malformed;
        }
        var fields = line[..^1].Split(' ');
        if (fields is ["PROXY", "UNKNOWN", ..])
        {
            header = new ProxyProtocolHeader(1, null);
            error = null;
            return ProxyHeaderStatus.Complete;
        }
        if (fields is not ["PROXY", var family and ("TCP4" or "TCP6"), var source, var destination, var sourcePort, var destinationPort]
            || !TryAddress(source, family, out var sourceAddress) || !TryAddress(destination, family, out _)
            || !TryPort(sourcePort, out var port) || !TryPort(destinationPort, out _))
        {
            error = "PROXY line is not 'PROXY TCP4|TCP6 source destination source-port destination-port'";
            return ProxyHeaderStatus.Malformed;
        }
        header = new ProxyProtocolHeader(1, new IPEndPoint(sourceAddress, port));
        error = null;
        return ProxyHeaderStatus.Complete;
    }

    private static bool TryAddress(string text, string family, out IPAddress address) =>
        IPAddress.TryParse(text, out address!)
        && address.AddressFamily == (family == "TCP4" ? System.Net.Sockets.AddressFamily.InterNetwork : System.Net.Sockets.AddressFamily.InterNetworkV6)
        && (family == "TCP6" || text.Split('.').Length == 4);

    /// <summary>Decimal, no sign and no leading zero, as v1 writes ports.</summary>
    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
        && port <= 65535 && (text.Length == 1 || text[0] != '0');

    private static ProxyHeaderStatus ParseV2(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> fixedPart, out ProxyProtocolHeader? header, out SequencePosition end,
        out string? error)
    {
        header = null;
        end = buffer.Start;
        var (versionAndCommand, family) = (fixedPart[12], fixedPart[13]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[14..16]);
        if (versionAndCommand >> 4 != 2 || (versionAndCommand & 0x0F) > 1)
        {
            error = $"PROXY v2 header with version/command byte 0x{versionAndCommand:x2}";
            return ProxyHeaderStatus.Malformed;
        }
        if (buffer.Length < V2FixedLength + length)
        {
            error = null;
            return ProxyHeaderStatus.Incomplete;
        }
        var addresses = buffer.Slice(V2FixedLength, length).ToArray();
        end = buffer.GetPosition(V2FixedLength + length);
        var local = (versionAndCommand & 0x0F) == 0;
        var addressLength = (family >> 4) switch { 1 => 4, 2 => 16, _ => 0 };
        if (local || addressLength == 0)
        {
            header = new ProxyProtocolHeader(2, null);
            error = null;
            return ProxyHeaderStatus.Complete;
        }
        if (addresses.Length < 2 * addressLength + 4)
        {
            error = $"PROXY v2 header too short for its addresses ({addresses.Length} bytes)";
            return ProxyHeaderStatus.Malformed;
        }
        var source = new IPAddress(addresses.AsSpan(0, addressLength));
        var port = BinaryPrimitives.ReadUInt16BigEndian(addresses.AsSpan(2 * addressLength, 2));
        header = new ProxyProtocolHeader(2, new IPEndPoint(source, port));
        error = null;
        return ProxyHeaderStatus.Complete;
    }
}
