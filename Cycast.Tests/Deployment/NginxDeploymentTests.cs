using System.Net;
using System.Net.WebSockets;
using Cycast.Tests.Support;
using Microsoft.Playwright;

namespace Cycast.Tests.Deployment;

/// <summary>
/// Debian's nginx running deploy/nginx.conf itself (<see cref="NginxProxy"/>) in front of a node process: the pages'
/// WebSocket and a mount nginx.conf has never heard of both get through.
/// </summary>
public sealed class NginxDeploymentTests
{
    /// <summary>A mount only the node's config names.</summary>
    private const string UnlistedMount = "/late-night";

    private static readonly StationOptions Station = StationOptions.WithRepoMp3Playlist with
    {
        ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + NginxProxy.TrustedByNodes + $$"""

            mount "{{UnlistedMount}}" {
              station_name = "Late Night"
            }
            """,
    };

    [Fact]
    public async Task Through_nginx_api_live_upgrades_to_a_websocket_and_pushes_the_status_as_it_changes()
    {
        await using var node = ClusterNode.Start(Station, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var nginx = await NginxProxy.StartAsync([node, node, node]);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{nginx.ListenPort}/api/live"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        using (var first = await socket.ReceiveJsonAsync(TimeSpan.FromSeconds(5)))
            Assert.Equal(0, first.RootElement.GetProperty("listeners").GetInt32());

        // A listener joining through nginx is pushed through nginx: the upgraded connection stays open both ways.
        var (listener, head) = await TestListener.ConnectAsync(nginx.ListenPort);
        await using var _ = listener;
        Assert.Contains(" 200 OK\r\n", head);
        while (true)
        {
            using var next = await socket.ReceiveJsonAsync(TimeSpan.FromSeconds(5));
            if (next.RootElement.GetProperty("listeners").GetInt32() == 1)
                break;
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task Through_nginx_the_status_page_in_chromium_follows_a_listener_joining_without_a_reload()
    {
        await using var node = ClusterNode.Start(Station, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var nginx = await NginxProxy.StartAsync([node, node, node]);
        await using var chromium = await TestBrowser.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync();
        await page.GotoAsync($"http://127.0.0.1:{nginx.ListenPort}/");
        await page.WaitForFunctionAsync("document.getElementById('listeners').textContent === '0'");

        // Only the page's WebSocket, upgraded through nginx, can bring the change: the page is not reloaded.
        var (listener, _) = await TestListener.ConnectAsync(nginx.ListenPort);
        await using var _listener = listener;
        await page.WaitForFunctionAsync("document.getElementById('listeners').textContent === '1'", null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
    }

    [Fact]
    public async Task A_mount_only_the_nodes_config_names_plays_through_nginx()
    {
        var nginxConf = await File.ReadAllTextAsync(Path.Combine(RepoMusic.RepositoryRoot, "deploy", "nginx.conf"));
        Assert.DoesNotContain(UnlistedMount, nginxConf);
        await using var node = ClusterNode.Start(Station, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var nginx = await NginxProxy.StartAsync([node, node, node]);

        var (listener, head) = await TestListener.ConnectAsync(nginx.ListenPort, UnlistedMount);
        await using var _ = listener;
        Assert.Contains(" 200 OK\r\n", head);
        Assert.Contains("icy-name: Late Night\r\n", head, StringComparison.OrdinalIgnoreCase);
        // The playlist is paced in real time, so these bytes come as the node sends them, not as a finished reply.
        var audio = await listener.ReadExactlyAsync(16 * 1024).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(Mp3FrameSyncs(audio) >= 2, "the bytes through nginx hold no MP3 frames");
    }

    [Fact]
    public async Task Behind_nginx_a_listener_that_stops_reading_a_mount_it_does_not_name_is_still_cut_off_by_the_node()
    {
        // nginx must pass a stream on as it comes, not spool it: were it buffering, a listener that reads nothing
        // would cost nginx a temporary file of up to a gigabyte, and the node, whose socket nginx keeps draining,
        // would never see the stall its lag budget is for.
        // The ring holds all of it, so the only way to be cut off is the stall itself, not falling off the ring.
        await using var node = ClusterNode.Start(Station with { SizeMb = 64 }, FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        await using var nginx = await NginxProxy.StartAsync([node, node, node]);
        var (stalled, head) = await TestListener.ConnectAsync(nginx.ListenPort, UnlistedMount, receiveBuffer: 4096);
        await using var _ = stalled;
        Assert.Contains(" 200 OK\r\n", head);
        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort, UnlistedMount);
        await using var __ = encoder;
        Assert.Equal("HTTP/1.0 200 OK\r\n\r\n", reply);

        // More than every socket buffer between the node and the listener (loopback lets the kernel grow them to
        // megabytes), at 8 MB/s, then at an encoder's pace: each write wakes the listener, and so has it judged.
        const int fast = 60_000;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(26));
        var frame = 0;
        while (!await IsCutOffAsync(node))
        {
            Assert.True(frame < fast + 1_000, "the node never cut off the listener that stopped reading behind nginx");
            var count = frame < fast ? 500 : 1;
            await pace.WaitForNextTickAsync();
            await encoder.SendAsync(Mp3Frames.Make(count, frame));
            frame += count;
        }
    }

    private static async Task<bool> IsCutOffAsync(ClusterNode node) =>
        (await node.MetricsAsync()).GetValueOrDefault(("cycast_listener_sessions_ended_total", "reason=\"cut_off\"")) >= 1;

    /// <summary>How many MP3 frame headers (11 set sync bits, layer III) the bytes hold.</summary>
    private static int Mp3FrameSyncs(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length - 1).Count(i => bytes[i] == 0xFF && (bytes[i + 1] & 0xE6) == 0xE2);

}
