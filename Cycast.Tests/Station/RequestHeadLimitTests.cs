using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>Every request head is held to 16 KiB, 100 headers and header_timeout, on both ports, however it arrives.</summary>
public sealed class RequestHeadLimitTests
{
    private const int Limit = 16 * 1024;

    [Theory]
    [InlineData(true, "SOURCE /stream HTTP/1.0")]
    [InlineData(false, "GET /stream HTTP/1.0")]
    [InlineData(false, "GET /api/status HTTP/1.1")]
    public async Task A_1_MiB_header_line_sent_in_one_write_gets_431_not_the_stream(bool sourcePort, string requestLine)
    {
        await using var station = await TestStation.StartAsync();
        await using var client = await RawClient.ConnectAsync(sourcePort ? station.SourcePort : station.ListenPort);
        await client.SendAsync($"{requestLine}\r\nX-Padding: {new string('a', 1024 * 1024)}\r\n\r\n");
        Assert.StartsWith("HTTP/1.0 431 Request Header Fields Too Large\r\n", await client.ReadHeadAsync());
        await station.Logs.WaitForAsync(line => line.StartsWith("Warning") && line.Contains("request head too large"));
    }

    [Fact]
    public async Task A_head_of_exactly_16_KiB_is_served_and_one_byte_more_is_refused()
    {
        await using var station = await TestStation.StartAsync();
        foreach (var (size, status) in new[] { (Limit, "HTTP/1.1 200 OK"), (Limit + 1, "HTTP/1.0 431") })
        {
            await using var client = await RawClient.ConnectAsync(station.ListenPort);
            const string start = "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ";
            await client.SendAsync(start + new string('a', size - start.Length - 4) + "\r\n\r\n");
            Assert.StartsWith(status, await client.ReadHeadAsync());
        }
    }

    [Fact]
    public async Task More_than_100_headers_get_431_and_100_are_served()
    {
        await using var station = await TestStation.StartAsync();
        foreach (var (count, status) in new[] { (100, "HTTP/1.1 200 OK"), (101, "HTTP/1.0 431") })
        {
            await using var client = await RawClient.ConnectAsync(station.ListenPort);
            var headers = string.Concat(Enumerable.Range(1, count - 1).Select(n => $"X-H{n}: {n}\r\n"));
            await client.SendAsync($"GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n");
            Assert.StartsWith(status, await client.ReadHeadAsync());
        }
        await station.Logs.WaitForAsync(line => line.Contains("more than 100 header lines"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_head_unfinished_after_header_timeout_is_closed_with_a_log_line(bool sourcePort)
    {
        await using var station = await TestStation.StartAsync(new StationOptions { HeaderTimeoutSeconds = 1 });
        await using var client = await RawClient.ConnectAsync(sourcePort ? station.SourcePort : station.ListenPort);
        await client.SendAsync("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        Assert.Empty(await client.ReadToEndAsync());
        await station.Logs.WaitForAsync(line => line.Contains("no complete request head within 1 s (header_timeout)"));
    }
}
