using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Cycast.Bench;

// epoll, /proc and rlimits: the bench measures Linux servers on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
{
    Console.Error.WriteLine("the load client's epoll_event layout is the x86-64 one; run on x86-64 Linux");
    return 2;
}

LibC.RaiseOpenFileLimitToHardLimit();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

BenchPlan plan;
try
{
    plan = options.Select(options.Short ? BenchPlan.Short : BenchPlan.Full);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
var startedAt = DateTimeOffset.UtcNow;
// Taken before the run: the binary was built from this tree, whatever happens to it meanwhile.
var benchCommit = await GitDescribeAsync(options.RepositoryRoot);
var machine = MachineInfo.Collect();
var workDirectory = Directory.CreateTempSubdirectory("cycast-bench-").FullName;
Console.WriteLine($"Cycast.Bench {plan.Mode} run on {machine}; work directory {workDirectory}");

var audioPath = await TestAudio.GenerateAsync(workDirectory, TimeSpan.FromSeconds(plan.AudioSeconds), cancellation.Token);
var runner = new BenchRunner(plan, Mp3Stream.Load(audioPath), audioPath, workDirectory);
var results = new List<ServerResult>();
foreach (var name in options.Servers)
{
    IStreamServer server = name == "cycast" ? new CycastServer(options.RepositoryRoot) : new IcecastServer();
    results.Add(await runner.RunAsync(server, cancellation.Token));
}

var command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? $"dotnet Cycast.Bench.dll {string.Join(' ', args)}";
var report = new BenchReport(startedAt, command, benchCommit, machine, plan, results);

var outputName = $"bench-{startedAt:yyyyMMdd-HHmmss}-{plan.Mode}";
var outputDirectory = Path.Combine(options.RepositoryRoot, "docs", "bench");
Directory.CreateDirectory(outputDirectory);
var jsonPath = Path.Combine(outputDirectory, outputName + ".json");
var plotPath = Path.Combine(outputDirectory, outputName + ".png");
await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
ResultsPlot.Save(report, plotPath);
MarkdownReport.Append(Path.Combine(options.RepositoryRoot, "BENCHMARKS.md"), report,
    $"docs/bench/{outputName}.png", $"docs/bench/{outputName}.json");
Console.WriteLine($"Wrote BENCHMARKS.md, {plotPath} and {jsonPath}");

// Server logs are the only way to see why a server failed, so they are kept in that case.
if (results.All(r => r.Error is null)) Directory.Delete(workDirectory, recursive: true);
else Console.WriteLine($"Server logs kept in {workDirectory}");
return results.Any(r => r.Error is not null) ? 1 : 0;

static async Task<string> GitDescribeAsync(string repository)
{
    var git = Process.Start(new ProcessStartInfo("git", ["-C", repository, "describe", "--always", "--dirty"]) { RedirectStandardOutput = true });
    if (git is null) return "unknown";
    var output = await git.StandardOutput.ReadToEndAsync();
    await git.WaitForExitAsync();
    return git.ExitCode == 0 ? output.Trim() : "unknown";
}
