using Cycast.Node.Observability;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cluster;

/// <summary>
/// A node started without <c>cluster.secret</c> but seeded at a secured cluster retries its join for ever: the seed
/// counts every attempt it refuses but logs them once a minute, not three lines every few seconds.
/// </summary>
public sealed class UnsecuredPeerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_without_the_secret_retrying_its_join_costs_the_seed_one_log_line()
    {
        var seedPort = FreePort.Next();
        await using var seed = ClusterNode.Start(new StationOptions(), seedPort, [seedPort]);
        await seed.WhenServingAsync(Patience);
        await using var unsecured = ClusterNode.Start(new StationOptions(), FreePort.Next(), [seedPort], secret: null);

        // Each refusal is one attempt of the unsecured node to join.
        using var http = new HttpClient();
        await seed.WaitUntilAsync(async () => PrometheusText.Parse(await http.GetStringAsync($"http://127.0.0.1:{seed.ListenPort}/metrics"))
            .GetValueOrDefault(("cycast_connections_refused_total", $"reason=\"{Refusals.ClusterHandshake}\"")) >= 3, Patience);

        var log = seed.Process.StandardOutput.Split('\n');
        Assert.Single(log, line => line.Contains("Refused a cluster connection from 127.0.0.1:") && line.Contains("its TLS handshake failed"));
        Assert.DoesNotContain(log, line => line.Contains("Rejected incoming connection") || line.Contains("TLS handshake failed on channel")
            || line.Contains("Error caught channel"));
    }
}
