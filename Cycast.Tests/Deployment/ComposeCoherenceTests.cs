using System.Net;
using System.Text.RegularExpressions;
using Cycast.Shared.Config;
using Cycast.Tests.Support;

namespace Cycast.Tests.Deployment;

/// <summary>
/// The files docker compose would use, read as the containers would: there is no Docker engine here, so the compose
/// topology itself runs as real processes in the cluster tests, and these checks tie docker-compose.yml, the
/// Dockerfile, deploy/nginx.conf and deploy/node*.hcl to what the node's own settings loader accepts.
/// </summary>
public sealed class ComposeCoherenceTests
{
    private static readonly string Root = RepoMusic.RepositoryRoot;
    private static readonly string[] Services = ["node1", "node2", "node3"];
    private const string SomeSecret = "a-secret-of-sixteen-or-more";

    [Fact]
    public void Every_compose_node_runs_its_own_deploy_file_as_its_own_cluster_member()
    {
        var compose = ComposeServices();
        Assert.Equal(Services, compose.Keys.Where(name => name.StartsWith("node", StringComparison.Ordinal)).Order());
        var image = DockerfileEnvironment();
        var baked = DockerfileCopies().Where(copy => copy.Destination == "/etc/cycast/").SelectMany(copy => copy.Sources).ToList();
        foreach (var service in Services)
        {
            var (command, variables) = compose[service];
            Assert.Equal(["-c", $"/etc/cycast/{service}.hcl"], command);
            Assert.Contains($"deploy/{service}.hcl", baked);
            // The operator's secret reaches every node, and compose refuses to start without one.
            Assert.StartsWith("${CYCAST_CLUSTER_SECRET:?", variables["CYCAST_CLUSTER_SECRET"]);
            var environment = new Dictionary<string, string>(image);
            foreach (var (name, value) in variables)
                environment[name] = value.StartsWith("${", StringComparison.Ordinal) ? SomeSecret : value;

            var settings = SettingsLoader.LoadFile(Path.Combine(Root, "deploy", $"{service}.hcl"), name => environment.GetValueOrDefault(name)).Settings;
            Assert.Equal("0.0.0.0", settings.Server.Host);
            Assert.Equal(service, settings.Cluster.Hostname);
            Assert.Equal(service, settings.Cluster.NodeName);
            Assert.Equal(int.Parse(variables["CYCAST_CLUSTER_PORT"]), settings.Cluster.Port);
            Assert.All(settings.Cluster.SeedNodes, seed => Assert.Contains(seed.Split(':')[0], Services));
            Assert.Equal(SomeSecret, settings.Cluster.Secret);
        }
    }

    [Fact]
    public void The_deploy_node_files_alone_are_the_loopback_recipe_on_127_0_0_2_to_4()
    {
        var nodes = Services.Select(service => SettingsLoader.LoadFile(Path.Combine(Root, "deploy", $"{service}.hcl"), _ => null).Settings).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            var address = $"127.0.0.{i + 2}";
            Assert.Equal(address, nodes[i].Server.Host);
            Assert.Equal(address, nodes[i].Cluster.Hostname);
            Assert.Equal(Services[i], nodes[i].Cluster.NodeName);
            Assert.Equal(["127.0.0.2:4053", "127.0.0.3:4053"], nodes[i].Cluster.SeedNodes);
            // Each node is itself on its own address: same ports, and the same station otherwise.
            Assert.Equal((8000, 8001, 4053), (nodes[i].Server.SourcePort, nodes[i].Server.ListenPort, nodes[i].Cluster.Port));
            Assert.Equal(nodes[0].Mounts.Select(mount => mount.Path), nodes[i].Mounts.Select(mount => mount.Path));
            // nginx on the same machine reaches the nodes from a loopback address: its PROXY headers must be believed.
            Assert.True(nodes[i].Admin?.Trusts(IPAddress.Parse("127.0.0.1")), "nginx on loopback is not a trusted proxy");
        }
        Assert.Equal(Directory.GetFiles(Path.Combine(Root, "deploy"), "*.hcl").Select(Path.GetFileName).Order(), Services.Select(s => $"{s}.hcl"));
    }

    [Fact]
    public void The_image_exposes_and_nginx_reaches_the_ports_the_node_files_open()
    {
        var settings = SettingsLoader.LoadFile(Path.Combine(Root, "deploy", "node1.hcl"), DockerfileEnvironment().GetValueOrDefault).Settings;
        var exposed = Instructions("EXPOSE").SelectMany(expose => expose.Split(' ')).Select(int.Parse).ToList();
        Assert.Equal([settings.Server.SourcePort, settings.Server.ListenPort, settings.Cluster.Port], exposed);
        Assert.Equal(settings.Server.ListenPort, HealthUrl(Assert.Single(Instructions("HEALTHCHECK"))).Port);
        Assert.Equal(settings.Server.ListenPort, HealthUrl(File.ReadAllText(Path.Combine(Root, "docker-compose.yml"))).Port);
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        foreach (var node in Services)
        {
            Assert.Contains($"server {node}:{settings.Server.ListenPort};", nginx);
            Assert.Contains($"server {node}:{settings.Server.SourcePort};", nginx);
        }
        // The playlist directory is relative: in the image it is under WORKDIR, where the Dockerfile puts music/.
        var workdir = Instructions("WORKDIR").Last();
        var playlist = Path.GetFullPath(settings.Playlist.Directory, workdir).TrimEnd('/') + "/";
        Assert.Contains(DockerfileCopies(), copy => copy.Sources.SequenceEqual(["music/"]) && copy.Destination == playlist);
    }

    [Fact]
    public async Task The_health_paths_the_image_and_compose_probe_are_the_nodes_own()
    {
        await using var station = await TestStation.StartAsync();
        using var http = new HttpClient();
        var live = HealthUrl(Assert.Single(Instructions("HEALTHCHECK")));
        var ready = HealthUrl(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        Assert.Equal("/health/live", live.AbsolutePath);
        Assert.Equal("/health/ready", ready.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(station.Url(live.AbsolutePath))).StatusCode);
        // A lone node becomes ready once it is Up and its main mount answers: ask until it says so, a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            var status = (await http.GetAsync(station.Url(ready.AbsolutePath))).StatusCode;
            if (status == HttpStatusCode.OK)
                break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(attempt < 100, "the node never became ready");
            await Task.Delay(200);
        }
    }

    private static Uri HealthUrl(string text) => new(Regex.Match(text, @"http://127\.0\.0\.1:\d+/health/\w+").Value);

    private static IEnumerable<string> Instructions(string keyword) =>
        Dockerfile.Stages(Path.Combine(Root, "Dockerfile"))[^1].Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    private static Dictionary<string, string> DockerfileEnvironment() =>
        Instructions("ENV").Select(env => env.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    private static IEnumerable<(string[] Sources, string Destination)> DockerfileCopies() =>
        Instructions("COPY").Where(copy => !copy.StartsWith("--", StringComparison.Ordinal))
            .Select(copy => copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(words => (words[..^1], words[^1]));

    /// <summary>Each service's command and CYCAST_ variables in docker-compose.yml (a YAML subset: our own file's layout).</summary>
    private static Dictionary<string, (string[] Command, Dictionary<string, string> Environment)> ComposeServices()
    {
        var services = new Dictionary<string, (string[] Command, Dictionary<string, string> Environment)>();
        string? current = null;
        foreach (var line in File.ReadLines(Path.Combine(Root, "docker-compose.yml")))
        {
            if (Regex.Match(line, @"^  ([\w-]+):\s*$") is { Success: true } service)
                services[current = service.Groups[1].Value] = ([], new Dictionary<string, string>());
            else if (current is not null && Regex.Match(line, @"^    command:\s*\[(.*)\]\s*$") is { Success: true } command)
                services[current] = (Regex.Matches(command.Groups[1].Value, "\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray(), services[current].Environment);
            else if (current is not null && Regex.Match(line, @"^\s+(CYCAST_\w+):\s*(.+?)\s*$") is { Success: true } variable)
                services[current].Environment[variable.Groups[1].Value] = variable.Groups[2].Value.Trim('"');
        }
        return services;
    }
}
