using System.Text.RegularExpressions;
using Cycast.Node.Observability;
using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// The node's default console log as an operator reads it: one line per event, one event per happening, and nothing
/// routine (probes, a clean leave, Akka's start and stop) dressed as a warning or a failure.
/// </summary>
public sealed class NodeLogLineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The simple formatter's single line: time, level, category and event id, then the message.</summary>
    private static readonly Regex OneLine = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (trce|dbug|info|warn|fail|crit): [\w.+\-]+\[\d+\] \S");

    [Fact]
    public async Task An_encoder_arriving_setting_a_title_and_leaving_is_one_info_line_each()
    {
        await using var node = ClusterNode.Start(StationOptions.WithRepoMp3Playlist, FreePort.Next(), []);
        await node.WhenServingAsync(Patience);

        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort, extraHeaders: "User-Agent: log-line-test/1.0\r\n");
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        var peer = $"127.0.0.1:{encoder.LocalEndPoint.Port}";
        await encoder.SendAsync(Mp3Frames.Make(20));
        await node.WaitForLogAsync($"Encoder for /stream from {peer} is live", Patience);
        await TestEncoder.SetTitleAsync(node.SourcePort, "Log Artist - Log Song");
        await node.WaitForLogAsync("Title of /stream is now", Patience);
        await encoder.DisposeAsync();
        await node.WaitForLogAsync($"Encoder for /stream from {peer} is gone", Patience);

        var lines = Lines(node.Process);
        Assert.All(lines, line => Assert.Matches(OneLine, line));
        var aboutEncoder = lines.Where(line => line.Contains(peer, StringComparison.Ordinal)).ToList();
        Assert.Collection(aboutEncoder,
            live => Assert.EndsWith($" info: Cycast.Node.Connections.SourceConnectionHandler[0] Encoder for /stream from {peer} is live: audio/mpeg, user agent log-line-test/1.0", live),
            title => Assert.Matches(new Regex($@" info: Cycast\.Actors\.Mounts\.MountActor\[0\] Title of /stream is now ""Log Artist - Log Song"", from admin/metadata via akka\.ssl\.tcp://cycast@127\.0\.0\.1:{node.AkkaPort} \(source from {Regex.Escape(peer)}\)$"), title),
            gone => Assert.EndsWith($" info: Cycast.Node.Connections.SourceConnectionHandler[0] Encoder for /stream from {peer} is gone: encoder closed the connection", gone));
    }

    [Fact]
    public async Task Failing_readiness_probes_while_the_node_joins_are_not_logged_as_failures()
    {
        // A seed nobody listens on: the node stays Joining, and not ready, for as long as the test probes it.
        await using var node = ClusterNode.Start(StationOptions.WithRepoMp3Playlist, FreePort.Next(), [FreePort.Next()]);
        await node.WhenServingAsync(Patience);
        using var http = new HttpClient();
        for (var probe = 0; probe < 3; probe++)
        {
            using var ready = await http.GetAsync($"http://127.0.0.1:{node.ListenPort}/health/ready");
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        // The console logs in order: once a later line is out, any line the probes caused would be too.
        var (source, refused) = await TestEncoder.SourceAsync(node.SourcePort, password: "not-the-password");
        await using var _ = source;
        Assert.StartsWith("HTTP/1.0 401", refused);
        await node.WaitForLogAsync("Refused source for /stream from ", Patience);

        var lines = Lines(node.Process);
        Assert.DoesNotContain(lines, line => line.Contains("HealthCheck", StringComparison.Ordinal) || line.Contains("Unhealthy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clean_leave_and_a_start_log_no_warning_failure_or_akka_chatter()
    {
        var seedPort = FreePort.Next();
        await using var seed = ClusterNode.Start(StationOptions.WithRepoMp3Playlist, seedPort, [seedPort]);
        await seed.WhenServingAsync(Patience);
        await using var leaving = ClusterNode.Start(StationOptions.WithRepoMp3Playlist, FreePort.Next(), [seedPort]);
        await seed.WaitForLogAsync($"Leader is moving node [{leaving.Address}] to [Up]", Patience);

        await leaving.LeaveAsync(Patience);
        // Akka words the removal differently depending on who saw the exit first: the seed's own view is the event.
        await seed.WaitUntilAsync(async () => (await seed.MetricsAsync()).Where(sample => sample.Key.Name == "cycast_cluster_members").Sum(sample => sample.Value) == 1,
            Patience);

        foreach (var node in new[] { seed, leaving })
        {
            var lines = Lines(node.Process);
            string[] chatter = ["Disassociated", "dead letters", "Remoting started", "ClusterSingletonManager state change", "Starting up..."];
            Assert.All(lines, line =>
            {
                Assert.True(OneLine.IsMatch(line), $"not one line in the node's format: {line}");
                Assert.False(line.Contains(" warn: ", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal), $"a warning or failure: {line}");
                Assert.False(chatter.Any(routine => line.Contains(routine, StringComparison.Ordinal)), $"routine chatter: {line}");
            });
        }
    }

    [Fact]
    public async Task Under_systemd_every_line_is_journalds_with_its_priority_unless_told_otherwise()
    {
        var (sourcePort, listenPort, akkaPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var config = Path.Combine(Path.GetTempPath(), $"cycast-journal-{Guid.NewGuid():N}.hcl");
        await File.WriteAllTextAsync(config, StationOptions.WithRepoMp3Playlist.ToHcl(sourcePort, listenPort) +
            $"\ncluster {{\n  hostname = \"127.0.0.1\"\n  port = {akkaPort}\n}}\n");
        try
        {
            await using var node = ExternalProgram.StartWith(new Dictionary<string, string> { ["INVOCATION_ID"] = "0123456789abcdef" },
                "dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "-c", config);
            await node.WaitForLineAsync(line => line.Contains("entity runs here on"), Patience);

            var lines = Lines(node);
            Assert.All(lines, line => Assert.Matches(@"^<[0-7]>[\w.+\-]+\[\d+\] \S", line));
            Assert.Contains(lines, line => line.StartsWith("<6>Cycast.Actors.Mounts.MountActor[0] Mount /stream's entity runs here on", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Theory]
    [InlineData("JOURNAL_STREAM", "8:12345", true)]
    [InlineData("INVOCATION_ID", "0123456789abcdef", true)]
    [InlineData("HOME", "/root", false)]
    public void Systemds_variables_choose_its_log_format(string name, string value, bool underSystemd) =>
        Assert.Equal(underSystemd, ConsoleLogFormat.UnderSystemd(variable => variable == name ? value : null));

    private static List<string> Lines(ExternalProgram program) =>
        program.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
