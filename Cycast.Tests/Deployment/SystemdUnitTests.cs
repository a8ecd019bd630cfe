using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Cycast.Tests.Support;

namespace Cycast.Tests.Deployment;

/// <summary>
/// deploy/cycast.service, checked by Debian's systemd-analyze, and the node under the conditions that unit makes:
/// systemd's notify socket and environment, played here by the test itself (this machine runs no systemd).
/// </summary>
public sealed class SystemdUnitTests
{
    private static readonly string UnitPath = Path.Combine(RepoMusic.RepositoryRoot, "deploy", "cycast.service");
    private const string Analyze = "/usr/bin/systemd-analyze";
    private const string ShippedExecutable = "/opt/cycast/Cycast.Node";

    [FactWhenInstalled(Analyze, "systemd")]
    public async Task Systemd_analyze_verify_passes_the_shipped_unit_without_a_complaint()
    {
        var unit = await File.ReadAllTextAsync(UnitPath);
        // verify insists that ExecStart's program exists: the same launcher, from the build the tests run, stands in
        // for the installed one. Nothing else of the shipped unit changes.
        var launcher = Path.Combine(AppContext.BaseDirectory, "Cycast.Node");
        Assert.True(File.Exists(launcher), $"no launcher {launcher} in the build");
        Assert.Single(Regex.Matches(unit, $"(?m)^ExecStart={Regex.Escape(ShippedExecutable)} "));
        var directory = Directory.CreateTempSubdirectory("cycast-unit-");
        try
        {
            var copy = Path.Combine(directory.FullName, "cycast.service");
            await File.WriteAllTextAsync(copy, unit.Replace($"ExecStart={ShippedExecutable} ", $"ExecStart={launcher} ", StringComparison.Ordinal));
            await using var verify = ExternalProgram.Start(Analyze, "verify", copy);
            var (exitCode, stdout, stderr) = await verify.ExitAsync();
            // verify exits 0 even for an unknown key or a value it ignores: those come out as lines, so none may.
            Assert.True(exitCode == 0 && stdout.Length == 0 && stderr.Length == 0, $"systemd-analyze verify exited {exitCode}:\n{stdout}\n{stderr}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_unit_runs_the_node_as_its_own_user_sandboxed_with_reload_and_room_for_listeners()
    {
        var unit = File.ReadAllText(UnitPath);
        string[] required =
        [
            "Type=notify", "User=cycast", "ExecReload=/bin/kill -HUP $MAINPID", "ProtectSystem=strict", "NoNewPrivileges=yes",
            "PrivateTmp=yes", "ProtectHome=yes", "ReadWritePaths=/var/lib/cycast /var/log/cycast", "#AmbientCapabilities=CAP_NET_BIND_SERVICE",
            "ExecStart=/opt/cycast/Cycast.Node -c /etc/cycast/config.hcl",
        ];
        foreach (var line in required)
            Assert.Matches($"(?m)^{Regex.Escape(line)}$", unit);
        var files = Regex.Match(unit, @"(?m)^LimitNOFILE=(\d+)$");
        Assert.True(files.Success && long.Parse(files.Groups[1].Value) >= 65536, "LimitNOFILE is not raised past 65536");
    }

    [Fact]
    public async Task Under_the_units_systemd_the_node_says_ready_only_once_it_serves_and_logs_one_line_per_event_with_a_priority()
    {
        var directory = Directory.CreateTempSubdirectory("cycast-notify-");
        try
        {
            // systemd's side of Type=notify: a datagram socket named by NOTIFY_SOCKET.
            using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            var socketPath = Path.Combine(directory.FullName, "notify");
            notify.Bind(new UnixDomainSocketEndPoint(socketPath));
            var (sourcePort, listenPort) = (FreePort.Next(), FreePort.Next());
            var config = Path.Combine(directory.FullName, "config.hcl");
            await File.WriteAllTextAsync(config, new StationOptions().ToHcl(sourcePort, listenPort));
            var environment = UnitEnvironment();
            environment["NOTIFY_SOCKET"] = socketPath;
            environment["INVOCATION_ID"] = Guid.NewGuid().ToString("N");
            // Microsoft.Extensions.Hosting.Systemd knows systemd by its parent process's name: a shell named systemd
            // stands in for it, passing SIGTERM on as systemd's stop would and exiting with the node's own status.
            var systemd = Path.Combine(directory.FullName, "systemd");
            File.CreateSymbolicLink(systemd, "/bin/sh");
            await using var node = ExternalProgram.StartWith(environment, systemd, "-c", StandInSystemd, "systemd",
                "dotnet", Path.Combine(AppContext.BaseDirectory, "Cycast.Node.dll"), "-c", config);

            Assert.Equal("READY=1", await ReceiveAsync(notify, TimeSpan.FromSeconds(60)));
            // Ready means serving: both ports take connections and the node answers, at once, with no retry.
            using (var source = new TcpClient())
                await source.ConnectAsync(IPAddress.Loopback, sourcePort);
            using (var http = new HttpClient())
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{listenPort}/health/live")).StatusCode);

            node.Terminate();
            Assert.Equal("STOPPING=1", await ReceiveAsync(notify, TimeSpan.FromSeconds(30)));
            var (exitCode, stdout, stderr) = await node.ExitAsync();
            Assert.Equal(0, exitCode);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            // journald takes "<N>" at a line's start as its priority; a line without one would be a second line of an event.
            // The one exception: Akka writes its last words itself, once the host's loggers have stopped; journald files
            // those single lines at the unit's default priority (info). Nothing else may come without a priority.
            var unprefixed = lines.Where(line => !Regex.IsMatch(line, @"^<[0-7]>\S")).ToList();
            Assert.All(unprefixed, line => Assert.Matches(@"^\[INFO\]\[[^\]]+\]\[Thread \d+\]\[remoting[^\]]*\] Remoting shut down\.?$", line));
            Assert.True(unprefixed.Count <= 2, string.Join('\n', unprefixed));
            Assert.Contains(lines, line => line.StartsWith("<6>", StringComparison.Ordinal));
            Assert.True(stderr.Length == 0, stderr);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private const string StandInSystemd = """
        trap 'kill -TERM "$node"' TERM
        "$@" &
        node=$!
        while :; do wait "$node"; status=$?; kill -0 "$node" 2>/dev/null || exit "$status"; done
        """;

    /// <summary>The variables the unit's Environment= lines set.</summary>
    private static Dictionary<string, string> UnitEnvironment() =>
        Regex.Matches(File.ReadAllText(UnitPath), @"(?m)^Environment=(\w+)=(.*)$")
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value.Trim());

    private static async Task<string> ReceiveAsync(Socket notify, TimeSpan patience)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(patience);
        var count = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, count).Trim();
    }
}
