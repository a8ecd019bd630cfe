using System.Text.RegularExpressions;
using Cycast.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cycast.Tests.Docs;

/// <summary>
/// docs/api.md's route table against the routes a started node has mapped (ASP.NET Core's endpoint data source):
/// every route is listed, with its method, and every listed route is mapped; and its list of metrics against the
/// families a node's <c>/metrics</c> exposes.
/// </summary>
public sealed partial class ApiDocTests
{
    private const string RouteTable = "Every route";

    [Fact]
    public async Task Every_route_the_node_maps_is_in_the_api_page_and_every_route_there_is_mapped()
    {
        await using var station = await TestStation.StartAsync();
        var mapped = station.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(endpoint => (Route: endpoint.RoutePattern.RawText!, Methods: endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods))
            .ToList();
        var listed = DocsPage.Read("docs/api.md").ListedNames(RouteTable)
            .Select(name => name.Split(' ', 2))
            .Select(parts => (Method: parts[0], Route: parts.Length > 1 ? parts[1] : ""))
            .ToList();

        // A route mapped without methods (a WebSocket, health checks, metrics) takes any: the page names the one clients use.
        bool Covers((string Route, IReadOnlyList<string>? Methods) route, (string Method, string Route) line) =>
            route.Route == line.Route && (route.Methods is null || route.Methods.Contains(line.Method));

        var unlisted = mapped.Where(route => route.Methods is null
                ? !listed.Any(line => Covers(route, line))
                : route.Methods.Any(method => !listed.Contains((method, route.Route))))
            .Select(route => $"{string.Join(",", route.Methods ?? ["(any)"])} {route.Route}")
            .ToList();
        var unmapped = listed.Where(line => !mapped.Any(route => Covers(route, line))).Select(line => $"{line.Method} {line.Route}").ToList();

        Assert.True(mapped.Count > 20, $"only {mapped.Count} routes found: is the node's endpoint data source the one read?");
        Assert.True(unlisted.Count == 0, "mapped but not in docs/api.md's route table:\n" + string.Join("\n", unlisted));
        Assert.True(unmapped.Count == 0, "in docs/api.md's route table but not mapped:\n" + string.Join("\n", unmapped));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Fact]
    public async Task Every_cycast_metric_the_node_exposes_is_in_the_api_page_and_every_one_there_is_exposed()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        var exposed = MetricFamily().Matches(await http.GetStringAsync(station.Url("/metrics")))
            .Select(match => match.Groups["name"].Value).ToHashSet();
        var listed = MetricName().Matches(DocsPage.Read("docs/api.md").Section("`GET /metrics`"))
            .Select(match => match.Value).ToHashSet();

        Assert.True(exposed.Count > 10, $"only {exposed.Count} cycast_ families in /metrics");
        Assert.True(exposed.SetEquals(listed),
            $"exposed, not listed: {string.Join(", ", exposed.Except(listed))}; listed, not exposed: {string.Join(", ", listed.Except(exposed))}");
    }

    [GeneratedRegex(@"^# TYPE (?<name>cycast_[a-z_]+) ", RegexOptions.Multiline)]
    private static partial Regex MetricFamily();

    [GeneratedRegex(@"cycast_[a-z_]+")]
    private static partial Regex MetricName();
}
