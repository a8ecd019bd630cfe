using System.Text;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary>No encoder can name a mount after one of the server's pages and so replace the page with its audio.</summary>
public sealed class ReservedMountNameTests
{
    private static readonly string[] PageNames =
    [
        "/", "/api/status", "/API/Status/", "/api/live", "/admin/", "/admin/metadata", "/admin/api/mounts", "/metrics", "/metrics/",
        "/health/ready", "/status-json.xsl",
    ];

    [Fact]
    public async Task A_source_for_a_page_name_gets_403_and_the_page_stays_while_the_honest_listener_hears_no_gap()
    {
        await using var station = await TestStation.StartAsync();
        await using var honest = await HonestTraffic.StartAsync(station.SourcePort, station.ListenPort);
        var attackStart = HonestTraffic.Now;
        using var http = new HttpClient();
        foreach (var (name, index) in PageNames.Select((name, index) => (name, index)))
        {
            await using var encoder = await RawClient.ConnectAsync(station.SourcePort);
            var method = index % 2 == 0 ? "SOURCE" : "PUT";
            await encoder.SendAsync($"{method} {name} HTTP/1.0\r\nAuthorization: {TestEncoder.Auth()}\r\nContent-Type: audio/mpeg\r\n\r\n");
            Assert.StartsWith("HTTP/1.0 403 Forbidden\r\n", await encoder.ReadHeadAsync());
            Assert.Equal("Mount name reserved for the server's own pages", Encoding.UTF8.GetString(await encoder.ReadToEndAsync()));

            using var page = await http.GetAsync(station.Url(name), HttpCompletionOption.ResponseHeadersRead);
            Assert.NotEqual("audio/mpeg", page.Content.Headers.ContentType?.MediaType);
        }
        await station.Logs.WaitForAsync(line => line.StartsWith("Warning") && line.Contains("Refused source for / from") && line.Contains("server's own pages"));
        var mounts = await http.GetStringAsync(station.Url("/api/status"));
        Assert.DoesNotContain("/admin/metadata", mounts);
        honest.AssertNoGapSince(attackStart, "sources naming the server's pages");
    }
}
