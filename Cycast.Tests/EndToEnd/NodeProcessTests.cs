using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>The executable itself, as an operator starts it.</summary>
public sealed class NodeProcessTests
{
    [Fact]
    public async Task A_bad_config_stops_start_up_with_one_message_naming_file_line_column_and_key()
    {
        var config = Path.Combine(Path.GetTempPath(), $"cycast-bad-{Guid.NewGuid():N}.hcl");
        await File.WriteAllTextAsync(config, "server {\n  host = \"127.0.0.1\"\n  source_port = \"eight thousand\"\n}\n");
        try
        {
            await using var node = ExternalProgram.Start("dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "-c", config);
            Assert.Equal(2, await node.ExitCodeAsync(TimeSpan.FromSeconds(60)));
            var message = node.StandardError.Trim();
            Assert.StartsWith($"cycast: bad configuration: {config}:3:3: server.source_port", message);
            Assert.DoesNotContain("\n", message);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task The_node_runs_from_a_config_file_and_serves_its_status()
    {
        await using var node = ClusterNode.Start(new StationOptions(), FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        var status = await http.GetStringAsync($"http://127.0.0.1:{node.ListenPort}/api/status");
        Assert.Contains("\"station_name\":\"Test Radio\"", status);
    }

    [Fact]
    public async Task On_sigterm_the_node_closes_its_listeners_and_encoders_connections_cleanly_and_exits()
    {
        await using var node = ClusterNode.Start(new StationOptions(), FreePort.Next(), []);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));
        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort);
        await using var _ = encoder;
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        var (listener, head) = await TestListener.ConnectAsync(node.ListenPort);
        await using var __ = listener;
        Assert.StartsWith("HTTP/1.0 200 OK", head);
        await encoder.SendAsync(Mp3Frames.Make(20));

        // A FIN, not a reset after Kestrel's 30 s shutdown timeout: the players reconnect at once, wherever nginx sends them.
        var leaving = node.LeaveAsync(TimeSpan.FromSeconds(20));
        Assert.True(await listener.EndsCleanlyAsync(), "the listener's stream ended with a reset");
        Assert.True(await encoder.EndsCleanlyAsync(), "the encoder's connection ended with a reset");
        await leaving;
        Assert.Contains("the node is shutting down", node.Process.StandardOutput);
    }
}
