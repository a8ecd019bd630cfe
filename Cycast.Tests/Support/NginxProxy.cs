using System.Net.Sockets;

namespace Cycast.Tests.Support;

/// <summary>
/// Real nginx in front of a cluster, configured as the deployment's nginx.conf is: the listen ports behind an http
/// proxy that does not buffer streams, the source ports behind a TCP (stream) proxy, both round robin.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private const string StreamModule = "/usr/lib/nginx/modules/ngx_stream_module.so";

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

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<ClusterNode> nodes)
    {
        var directory = Directory.CreateTempSubdirectory("cycast-nginx-").FullName;
        var (listenPort, sourcePort) = (FreePort.Next(), FreePort.Next());
        string Servers(Func<ClusterNode, int> port) => string.Join("\n", nodes.Select(node => $"    server 127.0.0.1:{port(node)};"));
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            load_module {{StreamModule}};
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            events {}
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              upstream cycast_listen {
            {{Servers(node => node.ListenPort)}}
              }
              server {
                listen 127.0.0.1:{{listenPort}};
                location / {
                  proxy_pass http://cycast_listen;
                  proxy_buffering off;
                  proxy_read_timeout 1h;
                }
              }
            }
            stream {
              upstream cycast_source {
            {{Servers(node => node.SourcePort)}}
              }
              server {
                listen 127.0.0.1:{{sourcePort}};
                proxy_pass cycast_source;
                proxy_timeout 1h;
              }
            }
            """);
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

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
