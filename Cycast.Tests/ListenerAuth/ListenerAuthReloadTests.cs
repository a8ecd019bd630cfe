using Cycast.Tests.Support;

namespace Cycast.Tests.ListenerAuth;

/// <summary>An auth block added by a reload (SIGHUP to a node process): the next listener meets it, those playing stay.</summary>
public sealed class ListenerAuthReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_reload_that_adds_auth_asks_new_listeners_for_a_login_while_one_already_playing_plays_on()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, $"alice:{BCrypt.Net.BCrypt.HashPassword("wonderland", 4)}\n");
        try
        {
            await using var node = ClusterNode.Start(StationOptions.WithRepoMp3Playlist with
            {
                ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + "\nmount \"/members\" { }\n",
            }, FreePort.Next(), []);
            await node.WhenServingAsync(Patience);
            var (playing, head) = await TestListener.ConnectAsync(node.ListenPort, "/members");
            await using var _ = playing;
            Assert.StartsWith("HTTP/1.0 200 OK", head);
            await playing.ReadExactlyAsync(8192);

            await node.RewriteConfigAsync(config => config.Replace("mount \"/members\" { }",
                $"mount \"/members\" {{\n  auth {{\n    type = \"htpasswd\"\n    filename = \"{file}\"\n  }}\n}}"));
            node.Process.HangUp();
            await node.WaitForLogAsync("Configuration reloaded from", Patience);

            var (refused, refusal) = await TestListener.ConnectAsync(node.ListenPort, "/members");
            await using var __ = refused;
            Assert.StartsWith("HTTP/1.0 401 Authentication Required", refusal);
            var (admitted, welcome) = await TestListener.ConnectAsync(node.ListenPort, "/members", extraHeaders: TestListener.Login("alice:wonderland"));
            await using var ___ = admitted;
            Assert.StartsWith("HTTP/1.0 200 OK", welcome);
            await admitted.ReadExactlyAsync(8192);
            // The listener from before the reload is still sent audio on its connection.
            await playing.ReadExactlyAsync(32768);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
