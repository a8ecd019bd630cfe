using System.CommandLine;
using System.Text;
using Cycast.Cli;
using Cycast.Cli.Client;
using Cycast.Tests.Support;

namespace Cycast.Tests.EndToEnd;

/// <summary>
/// No password or secret the operator configured is ever shown: not in either program's help, not in the node's log,
/// its public JSON, its pages or its metrics. Each secret is distinctive, so finding it anywhere is a leak.
/// </summary>
public sealed class SecretsTests
{
    private const string AdminPassword = "admin-pw-Hn4Tr8Vc";
    private const string MountPassword = "mount-pw-Jd5Ks1Qy";
    private const string ClusterSecret = "cluster-secret-Xq7Lw2Zp9";

    private static readonly IReadOnlyDictionary<string, string> SecretEnvironment = new Dictionary<string, string>
    {
        [Connection.PasswordVariable] = AdminPassword,
        ["CYCAST_CLUSTER_SECRET"] = ClusterSecret,
    };

    [Fact]
    public async Task Help_of_the_node_and_of_every_cycast_command_shows_no_secret_from_the_environment()
    {
        var helps = new List<(string Command, string Output)>();
        await using (var node = ExternalProgram.StartWith(SecretEnvironment, "dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "--help"))
        {
            var (code, stdout, stderr) = await node.ExitAsync();
            Assert.Equal(0, code);
            helps.Add(("Cycast.Node --help", stdout + stderr));
        }
        foreach (var path in CommandPaths(CycastCommandLine.Build(), []))
        {
            await using var cli = ExternalProgram.StartWith(SecretEnvironment, "dotnet", [Path.Combine(AppContext.BaseDirectory, "cycast.dll"), .. path, "--help"]);
            var (code, stdout, stderr) = await cli.ExitAsync();
            Assert.Equal(0, code);
            helps.Add(($"cycast {string.Join(' ', path)} --help", stdout + stderr));
        }

        // The root, and every command down to the leaves: cluster show, listener kick...
        Assert.True(helps.Count > 10, $"only {helps.Count} help pages were found");
        Assert.Contains(helps, help => help.Output.Contains("(default: $CYCAST_ADMIN_PASSWORD)"));
        Assert.All(helps, help =>
        {
            Assert.DoesNotContain(AdminPassword, help.Output);
            Assert.DoesNotContain(ClusterSecret, help.Output);
        });
    }

    [Fact]
    public async Task The_nodes_log_api_pages_and_metrics_show_none_of_its_passwords()
    {
        var options = StationOptions.WithRepoMp3Playlist with
        {
            ExtraBlocks = StationOptions.WithRepoMp3Playlist.ExtraBlocks + $$"""

                admin {
                  user = "boss"
                  password = "{{AdminPassword}}"
                }
                mount "/other" {
                  source_password = "{{MountPassword}}"
                }
                """,
        };
        await using var node = ClusterNode.Start(options, FreePort.Next(), [], ClusterSecret);
        await node.WhenServingAsync(TimeSpan.FromSeconds(60));

        // Every password in use: an encoder with the mount's, a title with the server's, the admin API with the admin's,
        // and a wrong one that is refused and logged.
        var (encoder, reply) = await TestEncoder.SourceAsync(node.SourcePort, "/other", MountPassword, "User-Agent: secrets-test\r\n");
        await using var _ = encoder;
        Assert.StartsWith("HTTP/1.0 200 OK", reply);
        await encoder.SendAsync(Mp3Frames.Make(20));
        await node.WaitForLogAsync("Encoder for /other from ", TimeSpan.FromSeconds(10));
        using (var title = await TestEncoder.MetadataAsync(node.SourcePort, "mount=/other&mode=updinfo&song=Secret%20Free", MountPassword))
            title.EnsureSuccessStatusCode();
        await node.WaitForLogAsync("Title of /other is now \"Secret Free\"", TimeSpan.FromSeconds(10));
        var (wrong, refused) = await TestEncoder.SourceAsync(node.SourcePort, "/stream", AdminPassword + "-typo");
        await using var __ = wrong;
        Assert.StartsWith("HTTP/1.0 401", refused);
        await node.WaitForLogAsync("Refused source for /stream from ", TimeSpan.FromSeconds(10));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.ListenPort}") };
        var shown = new Dictionary<string, string>();
        foreach (var page in new[] { "/api/status", "/api/stats", "/metrics", "/", "/status-json.xsl", "/api/history" })
            shown[page] = await http.GetStringAsync(page);
        using (var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/stats"))
        {
            admin.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"boss:{AdminPassword}")));
            using var answer = await http.SendAsync(admin);
            answer.EnsureSuccessStatusCode();
            shown["/admin/stats"] = await answer.Content.ReadAsStringAsync();
        }
        Assert.Contains("\"/other\"", shown["/api/stats"]);
        await encoder.DisposeAsync();
        await node.LeaveAsync(TimeSpan.FromSeconds(30));
        shown["log"] = node.Process.StandardOutput + node.Process.StandardError;

        Assert.Contains("Encoder for /other from ", shown["log"]);
        foreach (var secret in new[] { AdminPassword, MountPassword, ClusterSecret, TestStation.Password, Base64($"source:{MountPassword}"), Base64($"boss:{AdminPassword}") })
        {
            foreach (var (where, text) in shown)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} shows the secret {secret}");
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Every command's words from the root, the root's own (empty) included.</summary>
    private static IEnumerable<string[]> CommandPaths(Command command, string[] path)
    {
        yield return path;
        foreach (var sub in command.Subcommands.Where(sub => !sub.Hidden))
        {
            foreach (var deeper in CommandPaths(sub, [.. path, sub.Name]))
                yield return deeper;
        }
    }
}
