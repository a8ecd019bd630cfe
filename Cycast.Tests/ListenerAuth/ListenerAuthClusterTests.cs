using Cycast.Tests.Support;

namespace Cycast.Tests.ListenerAuth;

/// <summary>
/// Auth on a three-node cluster: whichever node a listener joins, the entity's or another, it checks the listener
/// itself, against the same htpasswd file or the same backend.
/// </summary>
public sealed class ListenerAuthClusterTests
{
    [Fact]
    public async Task Every_node_refuses_and_admits_listeners_itself_against_the_same_file_and_backend()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, $"alice:{BCrypt.Net.BCrypt.HashPassword("wonderland", 4)}\n");
        await using var backend = await AuthBackend.StartAsync();
        var options = StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""

                mount "/members" {
                  auth {
                    type = "htpasswd"
                    filename = "{{file}}"
                  }
                }
                mount "/paid" {
                  auth {
                    type = "url"
                    listener_add = "{{backend.Url("/add")}}"
                  }
                }
                """,
        };
        try
        {
            await using var cluster = await TestCluster.StartAsync(options);
            // Three nodes: one runs each mount's entity, the others only serve its listeners; all check them alike.
            foreach (var node in cluster.Nodes)
            {
                Assert.StartsWith("HTTP/1.0 401", await AskAsync(node, "/members", null, read: false));
                Assert.StartsWith("HTTP/1.0 401", await AskAsync(node, "/members", "alice:looking-glass", read: false));
                Assert.StartsWith("HTTP/1.0 200 OK", await AskAsync(node, "/members", "alice:wonderland", read: true));

                Assert.StartsWith("HTTP/1.0 401", await AskAsync(node, "/paid", "no:pass", read: false));
                Assert.Equal(node.ListenPort.ToString(), (await backend.NextAsync("listener_add"))["port"]);
                Assert.StartsWith("HTTP/1.0 200 OK", await AskAsync(node, "/paid", "yes:pass", read: true));
                Assert.Equal(node.ListenPort.ToString(), (await backend.NextAsync("listener_add"))["port"]);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The status line a player gets; an admitted one also hears audio (from the mount's playlist).</summary>
    private static async Task<string> AskAsync(ClusterNode node, string mount, string? credentials, bool read)
    {
        var (client, head) = await TestListener.ConnectAsync(node.ListenPort, mount, extraHeaders: TestListener.Login(credentials));
        await using var _ = client;
        if (read)
            Assert.Equal(4096, (await client.ReadExactlyAsync(4096)).Length);
        return head.Split("\r\n")[0];
    }
}
