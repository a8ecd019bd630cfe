using System.Text.Json;
using System.Text.RegularExpressions;
using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>What an operator reads: the node's console log in the formatters ASP.NET Core offers, Akka's lines among them.</summary>
public sealed class NodeLogFormatTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_the_json_formatter_every_line_is_json_and_akka_logs_under_the_actors_class_without_its_own_header()
    {
        await using var node = await StartAsync("json");
        var entries = node.Program.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();

        var mountRuns = Assert.Single(entries, entry => entry.GetProperty("Message").GetString()!.StartsWith("Mount /stream's entity runs here on"));
        Assert.Equal("Cycast.Actors.Mounts.MountActor", mountRuns.GetProperty("Category").GetString());
        Assert.Equal("Information", mountRuns.GetProperty("LogLevel").GetString());
        Assert.StartsWith($"{node.AkkaAddress}/system/sharding/mount/", mountRuns.GetProperty("State").GetProperty("Source").GetString());
        Assert.Contains(entries, entry => entry.GetProperty("Category").GetString() == "Akka.Cluster");
        Assert.DoesNotContain(entries, entry => entry.GetProperty("Category").GetString() == "Akka.Actor.ActorSystem");
        Assert.DoesNotContain(entries, entry => entry.GetProperty("Message").GetString()!.Contains("[INFO]"));
        // Routine: a single node needs no seeds, and a track change every few seconds is no news.
        Assert.DoesNotContain(entries, entry => entry.GetProperty("Message").GetString()!.Contains("No seed-nodes configured"));
        Assert.DoesNotContain(entries, entry => entry.GetProperty("Message").GetString()!.StartsWith("Playlist for /stream plays"));
    }

    [Fact]
    public async Task With_the_systemd_formatter_each_line_carries_its_priority_and_category_once()
    {
        await using var node = await StartAsync("systemd");
        var lines = node.Program.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.All(lines, line => Assert.Matches(@"^<[0-7]>[\w.\-]+\[\d+\] ", line));
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^<6>Cycast\.Actors\.Mounts\.MountActor\[0\] Mount /stream's entity runs here on akka\.tcp://cycast@127\.0\.0\.1:\d+ \(epoch \d+\)$"));
        Assert.DoesNotContain(lines, line => line.Contains("[INFO]"));
    }

    /// <summary>A node playing the repository's playlist, once the mount runs and its first track is on air.</summary>
    private static async Task<LoggingNode> StartAsync(string formatter)
    {
        var (sourcePort, listenPort, akkaPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var config = Path.Combine(Path.GetTempPath(), $"cycast-log-{Guid.NewGuid():N}.hcl");
        await File.WriteAllTextAsync(config, StationOptions.WithRepoMp3Playlist.ToHcl(sourcePort, listenPort) +
            $"\ncluster {{\n  hostname = \"127.0.0.1\"\n  port = {akkaPort}\n}}\n");
        var program = ExternalProgram.StartWith(new Dictionary<string, string> { ["Logging__Console__FormatterName"] = formatter },
            "dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "-c", config);
        var node = new LoggingNode(program, config, $"akka.tcp://cycast@127.0.0.1:{akkaPort}");
        await program.WaitForLineAsync(line => line.Contains("entity runs here on"), StartPatience);
        using var http = new HttpClient();
        for (var deadline = DateTime.UtcNow + StartPatience; ; await Task.Delay(200))
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{listenPort}/api/status"));
            if (status.RootElement.GetProperty("metadata").GetProperty("title").GetString() is { Length: > 0 })
                return node;
            Assert.True(DateTime.UtcNow < deadline, "the playlist's first track never reached /api/status");
        }
    }

    private sealed record LoggingNode(ExternalProgram Program, string Config, string AkkaAddress) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Program.DisposeAsync();
            File.Delete(Config);
        }
    }
}
