using System.Text.RegularExpressions;
using Cycast.Shared.Config;
using Cycast.Tests.Support;

namespace Cycast.Tests.Config;

/// <summary>
/// The files docker compose would use, read as the containers would: there is no Docker engine here, so the
/// compose topology itself runs as real processes in the cluster tests, and these checks tie those files together.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = RepoMusic.RepositoryRoot;

    [Fact]
    public void Every_compose_node_loads_the_deployed_config_as_its_own_cluster_member()
    {
        var nodes = ComposeNodeEnvironments();
        Assert.Equal(["node1", "node2", "node3"], nodes.Keys.Order());
        var configPath = Path.Combine(Root, "deploy", "config.hcl");
        foreach (var (service, variables) in nodes)
        {
            var settings = SettingsLoader.Parse(File.ReadAllText(configPath), configPath, name => variables.GetValueOrDefault(name)).Settings;
            Assert.Equal(service, settings.Cluster.Hostname);
            Assert.Equal(4053, settings.Cluster.Port);
            Assert.Equal(["node1:4053", "node2:4053"], settings.Cluster.SeedNodes);
            Assert.Equal((8000, 8001), (settings.Server.SourcePort, settings.Server.ListenPort));
            Assert.Equal("/music", settings.Playlist.Directory);
            // The operator's secret reaches every node, and compose refuses to start without one.
            Assert.StartsWith("${CYCAST_CLUSTER_SECRET:?", variables["CYCAST_CLUSTER_SECRET"]);
            Assert.NotNull(settings.Cluster.Secret);
        }
    }

    [Fact]
    public void The_image_exposes_and_nginx_reaches_the_ports_the_deployed_config_opens()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        Assert.Matches(@"(?m)^EXPOSE 8000 8001 4053$", dockerfile);
        Assert.Matches(@"(?m)^COPY deploy/config.hcl /etc/cycast/config.hcl$", dockerfile);
        Assert.Matches(@"(?m)^COPY music/ /music/$", dockerfile);
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Assert.Contains($"server {node}:8001;", nginx);
            Assert.Contains($"server {node}:8000;", nginx);
        }
    }

    /// <summary>The CYCAST_ variables of each service in docker-compose.yml (a YAML subset: our own file's layout).</summary>
    private static Dictionary<string, Dictionary<string, string>> ComposeNodeEnvironments()
    {
        var nodes = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in File.ReadLines(Path.Combine(Root, "docker-compose.yml")))
        {
            var service = Regex.Match(line, @"^  ([\w-]+):\s*$");
            if (service.Success)
            {
                var name = service.Groups[1].Value;
                current = name.StartsWith("node", StringComparison.Ordinal) ? nodes[name] = new Dictionary<string, string>() : null;
            }
            if (current is not null && Regex.Match(line, @"^\s+(CYCAST_\w+):\s*(.+?)\s*$") is { Success: true } variable)
                current[variable.Groups[1].Value] = variable.Groups[2].Value.Trim('"');
        }
        return nodes;
    }
}
