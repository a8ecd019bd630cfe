using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Cycast.Tests.Support;

/// <summary>
/// Real nginx in front of a cluster, running the deployment's own <c>deploy/nginx.conf</c>: only what docker compose
/// would supply differently is rewritten (node host names to the test nodes' loopback ports, the public ports to free
/// ones, file paths to a temporary directory), so the test proves the file the compose topology ships.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private const string StreamModule = "/usr/lib/nginx/modules/ngx_stream_module.so";
    private const int NodeListenPort = 8001;
    private const int NodeSourcePort = 8000;

    private readonly string _directory;
    private readonly ExternalProgram _process;

    private NginxProxy(string directory, ExternalProgram process, int listenPort, int sourcePort)
    {
        _directory = directory;
        _process = process;
        ListenPort = listenPort;
        SourcePort = sourcePort;
    }

    public int ListenPort { get; }
    public int SourcePort { get; }

    /// <summary>
    /// The admin block nodes behind this nginx need, as deploy/node*.hcl have one: nginx (on loopback) is a trusted
    /// proxy, so its PROXY protocol headers on the source port are believed.
    /// </summary>
    public const string TrustedByNodes = "\nadmin {\n  password = \"nginx-tests\"\n  trusted_proxies = [\"127.0.0.1\"]\n}\n";

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<ClusterNode> nodes)
    {
        var directory = Directory.CreateTempSubdirectory("cycast-nginx-").FullName;
        var (listenPort, sourcePort) = (FreePort.Next(), FreePort.Next());
        var deployed = await File.ReadAllTextAsync(Path.Combine(RepoMusic.RepositoryRoot, "deploy", "nginx.conf"));
        var config = Regex.Replace(deployed, @"\bnode(\d+):(\d+)", match =>
        {
            var node = nodes[int.Parse(match.Groups[1].Value) - 1];
            return int.Parse(match.Groups[2].Value) switch
            {
                NodeListenPort => $"127.0.0.1:{node.ListenPort}",
                NodeSourcePort => $"127.0.0.1:{node.SourcePort}",
                var port => throw new InvalidDataException($"deploy/nginx.conf names port {port} of a node"),
            };
        });
        config = Replace(config, "load_module modules/ngx_stream_module.so;", $$"""
            load_module {{StreamModule}};
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            """);
        config = Replace(config, "http {", $$"""
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
            """);
        config = Replace(config, "listen 80;", $"listen 127.0.0.1:{listenPort};");
        config = Replace(config, $"listen {NodeSourcePort};", $"listen 127.0.0.1:{sourcePort};");
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), config);
        var process = ExternalProgram.Start("/usr/sbin/nginx", "-p", directory, "-c", "nginx.conf", "-g", "daemon off;");
        var proxy = new NginxProxy(directory, process, listenPort, sourcePort);
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>nginx says nothing when it is ready, so try its port a bounded number of times.</summary>
    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", ListenPort);
                return;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string Replace(string config, string deployed, string test) =>
        config.Contains(deployed, StringComparison.Ordinal)
            ? config.Replace(deployed, test, StringComparison.Ordinal)
            : throw new InvalidDataException($"deploy/nginx.conf no longer has '{deployed}'");

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
