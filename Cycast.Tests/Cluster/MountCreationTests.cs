using System.Text.Json;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cluster;

/// <summary>
/// Only an encoder makes a mount. A title update that names a page of the server or a path no encoder opened is
/// refused on every node (400, Icecast's "Source does not exist") and leaves nothing behind: the pages stay pages, no
/// node lists or runs the path, and however many such names come, the mount cap stays free for real encoders.
/// </summary>
[StartsFirst]
public sealed class MountCreationTests
{
    private static readonly string[] PageNames = ["/api/status", "/metrics", "/", "/status-json.xsl", "/admin/stats", "/health/live"];

    [Fact]
    public async Task Title_updates_for_pages_or_unknown_mounts_are_refused_on_every_node_and_create_nothing()
    {
        await using var cluster = await TestCluster.StartAsync(StationOptions.WithRepoMp3Playlist with { MaxMounts = 20 });
        // Three times the cap of new names, spread over the nodes, and every page name on every node.
        var names = PageNames.Concat(Enumerable.Range(0, 60).Select(index => $"/made-up-{index}")).ToArray();
        foreach (var (name, index) in names.Select((name, index) => (name, index)))
        {
            foreach (var node in name.StartsWith("/made-up-", StringComparison.Ordinal) ? [cluster.Nodes[index % 3]] : cluster.Nodes)
            {
                using var refused = await TestEncoder.MetadataAsync(node.ListenPort, $"mount={Uri.EscapeDataString(name)}&mode=updinfo&song=x");
                Assert.Equal(400, (int)refused.StatusCode);
                Assert.Contains("Source does not exist", await refused.Content.ReadAsStringAsync());
            }
        }

        using var http = new HttpClient();
        foreach (var node in cluster.Nodes)
        {
            foreach (var page in PageNames)
            {
                using var answer = await http.GetAsync($"http://{node.Host}:{node.ListenPort}{page}", HttpCompletionOption.ResponseHeadersRead);
                Assert.NotEqual("audio/mpeg", answer.Content.Headers.ContentType?.MediaType);
            }
            using var status = JsonDocument.Parse(await http.GetStringAsync($"http://{node.Host}:{node.ListenPort}/api/status"));
            Assert.Equal(["/stream"], status.RootElement.GetProperty("mounts").EnumerateArray().Select(mount => mount.GetProperty("mount").GetString()));
            var metrics = await http.GetStringAsync($"http://{node.Host}:{node.ListenPort}/metrics");
            Assert.DoesNotContain("made-up", metrics);
        }

        // The cap is still free: a real encoder opens a new mount through any node.
        var (encoder, reply) = await TestEncoder.SourceAsync(cluster.Nodes[2].SourcePort, "/fresh");
        await using var _ = encoder;
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);
    }
}
