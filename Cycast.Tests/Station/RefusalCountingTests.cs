using System.Net;
using Cycast.Node.Observability;
using Cycast.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cycast.Tests.Station;

/// <summary>Refusals are counted in /metrics, every one, and logged once a minute per address and reason.</summary>
public sealed class RefusalCountingTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task Many_refusals_from_one_address_are_all_counted_and_logged_once_each_kind()
    {
        await using var station = await TestStation.StartAsync(new StationOptions { HeaderTimeoutSeconds = 1 });
        await using var honest = await HonestTraffic.StartAsync(station.SourcePort, station.ListenPort);
        var attackStart = HonestTraffic.Now;

        for (var i = 0; i < 30; i++)
            Assert.StartsWith("HTTP/1.0 400 ", await SendFromAsync(station.SourcePort, "GARBAGE\r\n\r\n"));
        for (var i = 0; i < 20; i++)
        {
            var reply = await SendFromAsync(station.SourcePort, $"SOURCE /stream HTTP/1.0\r\nAuthorization: {TestEncoder.Auth("guess" + i)}\r\n\r\n");
            Assert.StartsWith(i < 10 ? "HTTP/1.0 401 " : "HTTP/1.0 429 ", reply);
        }
        for (var i = 0; i < 5; i++)
            Assert.StartsWith("HTTP/1.0 403 ", await SendFromAsync(station.SourcePort, $"SOURCE /metrics HTTP/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\n\r\n"));
        var slow = Enumerable.Range(0, 5).Select(_ => SendFromAsync(station.ListenPort, "GET /stream HTTP/1.0\r\n")).ToArray();
        Assert.All(await Task.WhenAll(slow), Assert.Empty);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(station.Url("/metrics"));
        Assert.Equal(30, Refused(metrics, Refusals.MalformedHead));
        Assert.Equal(10, Refused(metrics, Refusals.WrongPassword));
        Assert.Equal(10, Refused(metrics, Refusals.TooManyGuesses));
        Assert.Equal(5, Refused(metrics, Refusals.Forbidden));
        Assert.Equal(5, Refused(metrics, Refusals.HeaderTimeout));
        Assert.Equal(0, Refused(metrics, Refusals.HeadTooLarge));

        string[] Logged(string what) => [.. station.Logs.Lines.Where(line => line.Contains("127.0.0.2") && line.Contains(what))];
        Assert.Single(Logged("malformed request head"));
        Assert.Single(Logged("wrong user or password"));
        Assert.Single(Logged("too many wrong passwords"));
        Assert.Single(Logged("server's own pages"));
        Assert.Single(Logged("header_timeout"));
        honest.AssertNoGapSince(attackStart, "a flood of refusals");
    }

    [Fact]
    public async Task The_first_refusal_after_the_minute_is_logged_with_how_many_went_unlogged()
    {
        await using var station = await TestStation.StartAsync();
        var clock = new ManualClock();
        var refusals = new Refusals(station.Services.GetRequiredService<NodeMetrics>(), clock, station.Services.GetRequiredService<ILogger<Refusals>>());
        for (var i = 0; i < 5; i++)
            refusals.Refused(Refusals.BadRequest, Attacker, $"test refusal {i}");
        clock.Advance(TimeSpan.FromSeconds(59));
        refusals.Refused(Refusals.BadRequest, Attacker, "test refusal 5");
        clock.Advance(TimeSpan.FromSeconds(1));
        refusals.Refused(Refusals.BadRequest, Attacker, "test refusal 6");

        string[] logged = [.. station.Logs.Lines.Where(line => line.Contains("test refusal"))];
        Assert.Equal(["Warning: test refusal 0", "Warning: test refusal 6 (5 more like it from 127.0.0.2 in the minute before were not logged)"], logged);
    }

    private static double Refused(string metrics, string reason) =>
        PrometheusText.Parse(metrics).TryGetValue(("cycast_connections_refused_total", $"reason=\"{reason}\""), out var count)
            ? count
            : throw new Xunit.Sdk.XunitException($"no cycast_connections_refused_total series for {reason}");

    /// <summary>Sends from the attacker's address and reads whatever comes back until the node closes the connection.</summary>
    private static async Task<string> SendFromAsync(int port, string request)
    {
        await using var client = await RawClient.ConnectAsync(port, from: Attacker);
        await client.SendAsync(request);
        return System.Text.Encoding.Latin1.GetString(await client.ReadToEndAsync());
    }
}
