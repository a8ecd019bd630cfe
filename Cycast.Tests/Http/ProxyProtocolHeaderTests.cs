using System.Buffers;
using System.Net;
using System.Text;
using Cycast.Node.Http;
using Cycast.Tests.Support;

namespace Cycast.Tests.Http;

/// <summary>The PROXY protocol header nginx's stream module puts before an encoder's connection, v1 and v2, read by hand.</summary>
public sealed class ProxyProtocolHeaderTests
{
    private static readonly byte[] Signature = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];
    private static readonly byte[] Request = "SOURCE /stream HTTP/1.0\r\n\r\n"u8.ToArray();

    [Theory]
    [InlineData("PROXY TCP4 192.0.2.7 10.0.0.1 56324 8000\r\n", "192.0.2.7:56324")]
    [InlineData("PROXY TCP6 2001:db8::7 2001:db8::1 4 8000\r\n", "[2001:db8::7]:4")]
    [InlineData("PROXY UNKNOWN\r\n", null)]
    [InlineData("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n", null)]
    public void A_v1_line_names_the_client_and_the_request_starts_after_it(string line, string? client)
    {
        var (status, header, rest, _) = Parse([.. Encoding.ASCII.GetBytes(line), .. Request]);

        Assert.Equal(ProxyHeaderStatus.Complete, status);
        Assert.Equal(1, header!.Version);
        Assert.Equal(client, header.Source?.ToString());
        Assert.Equal(Request, rest);
    }

    [Fact]
    public void A_v2_header_names_an_ipv4_client_and_skips_its_tlvs()
    {
        byte[] addresses = [192, 0, 2, 7, 10, 0, 0, 1, 0xDC, 0x04, 0x1F, 0x40];
        byte[] tlv = [0x04, 0x00, 0x01, 0x00];
        var (status, header, rest, _) = Parse([.. V2(0x21, 0x11, [.. addresses, .. tlv]), .. Request]);

        Assert.Equal(ProxyHeaderStatus.Complete, status);
        Assert.Equal((2, "192.0.2.7:56324"), (header!.Version, header.Source?.ToString()));
        Assert.Equal(Request, rest);
    }

    [Fact]
    public void A_v2_header_names_an_ipv6_client()
    {
        var source = IPAddress.Parse("2001:db8::7").GetAddressBytes();
        var destination = IPAddress.Parse("2001:db8::1").GetAddressBytes();
        var (status, header, _, _) = Parse(V2(0x21, 0x21, [.. source, .. destination, 0x00, 0x04, 0x1F, 0x40]));

        Assert.Equal(ProxyHeaderStatus.Complete, status);
        Assert.Equal("[2001:db8::7]:4", header!.Source?.ToString());
    }

    [Fact]
    public void A_v2_local_header_is_the_proxys_own_connection_and_names_nobody()
    {
        var (status, header, rest, _) = Parse([.. V2(0x20, 0x00, []), .. Request]);

        Assert.Equal(ProxyHeaderStatus.Complete, status);
        Assert.Null(header!.Source);
        Assert.Equal(Request, rest);
    }

    [Theory]
    [InlineData("SOURCE /stream HTTP/1.0\r\n\r\n")]
    [InlineData("PUT /stream HTTP/1.1\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    public void A_request_without_a_header_is_left_alone(string request) =>
        Assert.Equal(ProxyHeaderStatus.Absent, Parse(Encoding.ASCII.GetBytes(request)).Status);

    [Theory]
    [InlineData("P")]
    [InlineData("PROXY TCP4 192.0.2.7 10.0")]
    [InlineData("\r\n\r\n\0\r\n")]
    public void A_header_cut_short_waits_for_more(string start) =>
        Assert.Equal(ProxyHeaderStatus.Incomplete, Parse(Encoding.Latin1.GetBytes(start)).Status);

    [Fact]
    public void A_v2_header_whose_addresses_have_not_all_arrived_waits_for_more() =>
        Assert.Equal(ProxyHeaderStatus.Incomplete, Parse(V2(0x21, 0x11, [192, 0, 2, 7, 10, 0, 0, 1, 0xDC, 0x04, 0x1F, 0x40])[..20]).Status);

    [Theory]
    [InlineData("PROXY TCP4 192.0.2.7 10.0.0.1 56324\r\n")]
    [InlineData("PROXY TCP4 2001:db8::7 10.0.0.1 1 2\r\n")]
    [InlineData("PROXY TCP6 192.0.2.7 10.0.0.1 1 2\r\n")]
    [InlineData("PROXY TCP4 192.0.2.7 10.0.0.1 65536 8000\r\n")]
    [InlineData("PROXY TCP4 192.0.2.7 10.0.0.1 -1 8000\r\n")]
    [InlineData("PROXY TCP4 192.0.2.7 10.0.0.1 01 8000\r\n")]
    [InlineData("PROXY TCP4 192.0.2.7 10.0.0.1 1 8000\n")]
    [InlineData("PROXY UDP4 192.0.2.7 10.0.0.1 1 8000\r\n")]
    [InlineData("PROXY garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage")]
    public void A_malformed_v1_line_is_refused(string line)
    {
        var (status, _, _, error) = Parse(Encoding.ASCII.GetBytes(line));

        Assert.Equal(ProxyHeaderStatus.Malformed, status);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData(0x11, 0x11)] // version 1 in a v2 header
    [InlineData(0x22, 0x11)] // command 2
    public void A_v2_header_of_another_version_or_command_is_refused(byte versionAndCommand, byte family) =>
        Assert.Equal(ProxyHeaderStatus.Malformed, Parse(V2(versionAndCommand, family, new byte[12])).Status);

    [Fact]
    public void A_v2_proxy_header_too_short_for_its_addresses_is_refused() =>
        Assert.Equal(ProxyHeaderStatus.Malformed, Parse(V2(0x21, 0x21, new byte[12])).Status);

    private static byte[] V2(byte versionAndCommand, byte family, byte[] body) =>
        [.. Signature, versionAndCommand, family, (byte)(body.Length >> 8), (byte)body.Length, .. body];

    /// <summary>Parses <paramref name="bytes"/> arriving in two segments, as a pipe may hand them over.</summary>
    private static (ProxyHeaderStatus Status, ProxyProtocolHeader? Header, byte[] After, string? Error) Parse(byte[] bytes)
    {
        var buffer = Segments.SplitAt(bytes, bytes.Length / 2);
        var status = ProxyProtocolHeader.TryParse(buffer, out var header, out var end, out var error);
        return (status, header, buffer.Slice(end).ToArray(), error);
    }
}
