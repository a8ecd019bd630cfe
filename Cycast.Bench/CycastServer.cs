using System.Diagnostics;
using System.Net;

namespace Cycast.Bench;

/// <summary>
/// Cycast.Node from this repository, published as the Dockerfile and the service install ship it (trimmed,
/// self-contained; Cycast.Node.csproj says why), and started with a generated HCL config. Sources and listeners use
/// separate ports, as Cycast's config defines them.
/// </summary>
internal sealed class CycastServer(string repositoryRoot) : IStreamServer
{
    /// <summary>What deploy/cycast.service and the Dockerfile set: the runtime reads it from the environment only.</summary>
    private static readonly Dictionary<string, string> ShippedEnvironment = new() { ["DOTNET_GCgen0size"] = "0x200000" };

    private int _instance;

    public string Name => "cycast";

    private string ProjectDirectory => Path.Combine(repositoryRoot, "Cycast.Node");

    private string PublishDirectory => Path.Combine(ProjectDirectory, "bin", "bench-published");

    private string NodeProgram => Path.Combine(PublishDirectory, "Cycast.Node");

    public async Task<string> PrepareAsync(CancellationToken cancellationToken)
    {
        var (buildExit, buildOutput) = await RunAsync("dotnet",
            ["publish", ProjectDirectory, "-c", "Release", "--use-current-runtime", "-p:PublishTrimmed=true", "-o", PublishDirectory, "--nologo", "-v", "quiet"],
            cancellationToken);
        if (buildExit != 0)
            throw new InvalidOperationException($"dotnet publish of Cycast.Node failed: {string.Join(" | ", buildOutput.Split('\n').TakeLast(10))}");
        if (!File.Exists(NodeProgram)) throw new FileNotFoundException("Cycast.Node was published but its program is missing", NodeProgram);

        var (_, commit) = await RunAsync("git", ["-C", repositoryRoot, "rev-parse", "--short", "HEAD"], cancellationToken);
        return $"Cycast.Node @ {commit.Trim()}, trimmed self-contained";
    }

    public async Task<RunningServer> StartAsync(ServerLaunch launch, string workDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(workDirectory, $"cycast-{++_instance}");
        Directory.CreateDirectory(directory);
        var ports = LoopbackPorts.TakeFree(2);
        var source = new IPEndPoint(IPAddress.Loopback, ports[0]);
        var listen = new IPEndPoint(IPAddress.Loopback, ports[1]);
        var configPath = Path.Combine(directory, "cycast.hcl");
        await File.WriteAllTextAsync(configPath, Config(source.Port, listen.Port, launch), cancellationToken);

        var process = ServerProcess.Start(NodeProgram, ["-c", configPath], Path.Combine(directory, "stdout.log"), directory, launch.Cpu,
            ShippedEnvironment);
        try
        {
            // The runtime and actor system take a few seconds to come up on a busy machine.
            await process.WaitUntilAcceptingAsync([listen, source], maxAttempts: 300, cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new RunningServer(process, source, listen);
    }

    private static string Config(int sourcePort, int listenPort, ServerLaunch launch) => $$"""
        server { host = "127.0.0.1"  source_port = {{sourcePort}}  listen_port = {{listenPort}}  source_password = "{{StreamSettings.SourcePassword}}"  mount_point = "{{StreamSettings.MountPoint}}" }
        buffer { size_mb = 10  burst_size = {{launch.BurstBytes}}  queue_size = {{StreamSettings.QueueBytes}} }
        {{(launch.LatencyBudgetMs is { } budget ? $"broadcaster {{ latency_budget_ms = {budget} }}" : "")}}
        metadata { enable_icy = true  icy_metaint = 16000 }
        advanced { max_listeners = 0  source_timeout = 10.0 }
        """;

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
