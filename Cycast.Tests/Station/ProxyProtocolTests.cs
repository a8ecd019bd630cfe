using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>The encoders' port behind nginx's stream module: the PROXY protocol names the encoder, from trusted proxies only.</summary>
public sealed class ProxyProtocolTests
{
    private static readonly IPAddress Encoder = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Behind_the_deployed_nginx_an_encoders_own_address_reaches_the_log_and_the_admins_mount_view()
    {
        await using var node = ClusterNode.Start(new StationOptions { ExtraBlocks = NginxProxy.TrustedByNodes }, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var nginx = await NginxProxy.StartAsync([node, node, node]);

        await using var encoder = await RawClient.ConnectAsync(nginx.SourcePort, from: Encoder);
        await encoder.SendAsync($"SOURCE /stream HTTP/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\nContent-Type: audio/mpeg\r\n\r\n");
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", await encoder.ReadHeadAsync());
        await node.WaitForLogAsync("Encoder for /stream from 127.0.0.2:", TimeSpan.FromSeconds(10));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{node.ListenPort}/admin/api/mount?mount=/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:nginx-tests")));
        using var response = await http.SendAsync(request);
        using var mount = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(mount.RootElement.GetProperty("source_connected").GetBoolean());
        Assert.StartsWith("127.0.0.2:", mount.RootElement.GetProperty("source_peer").GetString());
    }

    [Theory]
    [InlineData("PROXY TCP4 192.0.2.7 127.0.0.1 5000 8000\r\n")]
    [InlineData("\r\n\r\n\0\r\nQUIT\n\u0021\u0011\0\u000c\u00c0\0\u0002\u0007\u007f\0\0\u0001\u0013\u0088\u001f\u0040")]
    public async Task From_a_peer_that_is_not_a_trusted_proxy_a_proxy_header_is_a_malformed_request(string header)
    {
        await using var station = await TestStation.StartAsync(new StationOptions
        {
            ExtraBlocks = NginxProxy.TrustedByNodes,
        });
        await using var client = await RawClient.ConnectAsync(station.SourcePort, from: Encoder);
        await client.SendAsync(Encoding.Latin1.GetBytes(header + $"SOURCE /stream HTTP/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\n\r\n"));

        Assert.StartsWith("HTTP/1.0 400 Bad Request\r\n", await client.ReadHeadAsync());
        Assert.True(await client.EndsCleanlyAsync(), "the connection was not closed after the 400");
        await station.Logs.WaitForAsync(line => line.StartsWith("Warning: Refused 127.0.0.2:") && line.Contains("not in admin.trusted_proxies"));
    }
}
