using Cycast.Node.Observability;
using Cycast.Tests.Support;

namespace Cycast.Tests.Station;

/// <summary><c>GET /metrics</c>: Prometheus text for this node, with listeners counted as they come and go.</summary>
public sealed class MetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Metrics_is_prometheus_text_with_the_nodes_series()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        var text = await http.GetStringAsync(station.Url("/metrics"));

        var samples = PrometheusText.Parse(text);
        foreach (var name in new[] { "cycast_listeners", "cycast_listener_bytes_sent_total", "cycast_listener_sends_total", "cycast_listener_sessions_ended_total",
                     "cycast_internode_bytes_sent_total", "cycast_cluster_members" })
        {
            Assert.Contains($"# HELP {name} ", text);
            Assert.Contains($"# TYPE {name} ", text);
        }
        Assert.Equal(0, samples[("cycast_listeners", "mount=\"/stream\"")]);
        Assert.Equal(0, samples[("cycast_source_connected", "mount=\"/stream\"")]);
        Assert.Equal(1, samples[("cycast_cluster_members", "status=\"Up\"")]);
        Assert.Equal(0, samples[("cycast_listener_sessions_ended_total", "reason=\"refused\"")]);
        // prometheus-net's runtime series come along.
        Assert.Contains(samples.Keys, key => key.Name.StartsWith("process_", StringComparison.Ordinal) || key.Name.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listeners_gauge_follows_the_connected_listeners()
    {
        await using var station = await TestStation.StartAsync();
        await using var encoder = await TestEncoder.LiveAsync(station);
        using var http = new HttpClient();
        var series = ("cycast_listeners", "mount=\"/stream\"");

        var (first, _) = await TestListener.ConnectAsync(station);
        await using var _ = first;
        var (second, _) = await TestListener.ConnectAsync(station);
        await using (second)
        {
            await WaitForAsync(http, station, series, 2);
            Assert.Equal(1, (await ScrapeAsync(http, station))[("cycast_source_connected", "mount=\"/stream\"")]);
        }
        await WaitForAsync(http, station, series, 1);
        await WaitForAsync(http, station, ("cycast_listener_sessions_ended_total", "reason=\"hung_up\""), 1);
        // Each listener was sent its head and burst at least; the departed one's sends still count.
        Assert.True((await ScrapeAsync(http, station))[("cycast_listener_sends_total", "")] >= 2);
    }

    [Theory]
    [InlineData("client disconnected", "hung_up")]
    [InlineData("connection lost", "hung_up")]
    [InlineData("cut off: fell 9000 bytes behind, past the oldest audio the ring holds", "cut_off")]
    [InlineData("cut off: its connection took nothing for over 10 s with 5 bytes waiting (lag budget 4 bytes)", "cut_off")]
    [InlineData("kicked by an admin", "kicked")]
    public void Session_end_reasons_fold_into_the_labels(string reason, string label) =>
        Assert.Equal(label, NodeMetrics.ReasonLabel(reason));

    /// <summary>Re-scrapes until the series has the value; the last scrape's value is what a failure shows.</summary>
    private static async Task WaitForAsync(HttpClient http, TestStation station, (string Name, string Labels) series, double expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        double? seen;
        while (true)
        {
            seen = (await ScrapeAsync(http, station)).TryGetValue(series, out var value) ? value : null;
            if (seen == expected || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(20);
        }
        Assert.Equal(expected, seen);
    }

    private static async Task<IReadOnlyDictionary<(string Name, string Labels), double>> ScrapeAsync(HttpClient http, TestStation station) =>
        PrometheusText.Parse(await http.GetStringAsync(station.Url("/metrics")));
}
