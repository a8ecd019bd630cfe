using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// A real node's <c>/metrics</c> as Prometheus's own lint judges it (<c>promtool check metrics</c>, Debian's
/// <c>prometheus</c> package): the node's series and the process's, nothing per HTTP route.
/// </summary>
public sealed class MetricsLintTests
{
    private const string Promtool = "promtool";

    [Fact]
    public async Task Promtool_finds_nothing_to_say_about_a_busy_nodes_metrics_and_no_series_is_per_route()
    {
        Assert.True(OnPath(Promtool), "promtool is not installed: scripts/install-test-deps.sh installs Debian's prometheus package");
        await using var node = ClusterNode.Start(StationOptions.WithRepoMp3Playlist, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.ListenPort}") };
        // Pages, a 404 and a listener: each would add request-duration buckets per route and status code.
        foreach (var page in new[] { "/api/status", "/api/stats", "/", "/status-json.xsl", "/health/live", "/metrics" })
            (await http.GetAsync(page)).EnsureSuccessStatusCode();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/no-such-page")).StatusCode);
        var (listener, head) = await TestListener.ConnectAsync(node.ListenPort);
        await using (listener)
        {
            Assert.StartsWith("HTTP/1.0 200 OK", head);
            await listener.ReadExactlyAsync(4096);
        }

        var text = await http.GetStringAsync("/metrics");
        await using var promtool = ExternalProgram.Start(Promtool, "check", "metrics");
        await promtool.PipeInAsync(text);
        var (code, stdout, stderr) = await promtool.ExitAsync();

        Assert.True(code == 0 && stdout == "" && stderr == "", $"promtool check metrics exited {code}:\n{stdout}\n{stderr}");
        var names = PrometheusText.Parse(text).Keys.Select(key => key.Name).ToHashSet();
        Assert.Contains("cycast_listeners", names);
        Assert.Contains("cycast_listener_sessions_ended_total", names);
        Assert.Contains("process_cpu_seconds_total", names);
        Assert.Contains("process_working_set_bytes", names);
        Assert.DoesNotContain(names, name => name.StartsWith("microsoft_aspnetcore", StringComparison.Ordinal)
            || name.StartsWith("system_runtime", StringComparison.Ordinal) || name.StartsWith("prometheus_net", StringComparison.Ordinal)
            || name.StartsWith("http_", StringComparison.Ordinal));
        var samples = PrometheusText.Parse(text).Count;
        Assert.True(samples < 200, $"/metrics holds {samples} samples");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, program)));
}
