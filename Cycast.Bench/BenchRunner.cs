namespace Cycast.Bench;

/// <summary>
/// Runs every phase of the plan against one server. Each phase gets a fresh server instance, so
/// memory left behind by an earlier phase never counts against a later one.
/// </summary>
internal sealed class BenchRunner(BenchPlan plan, Mp3Stream audio, string workDirectory)
{
    private const double LatencyConnectsPerSecond = 50;
    private const int LatencySampleEvery = 50;

    public async Task<ServerResult> RunAsync(IStreamServer server, CancellationToken cancellationToken)
    {
        var result = new ServerResult(server.Name);
        var phase = "build";
        try
        {
            Log(server, "preparing");
            result.Version = await server.PrepareAsync(cancellationToken);

            foreach (var count in plan.ListenerCounts)
            {
                phase = $"{count} listeners";
                await using var running = await server.StartAsync(StreamSettings.BurstBytes, workDirectory, cancellationToken);
                var markerInterval = TimeSpan.FromSeconds(plan.MarkerIntervalSeconds);
                await using var feeder = await StartSourceAsync(running, markerInterval, plan.SourceWarmupSeconds, cancellationToken);
                if (result.LoneListener is null)
                {
                    result.LoneListener = await MeasureAsync(server, "lone listener", 1, running, feeder,
                        ListenerScenario.LoneConnects(plan.LoneConnects, connectsPerSecond: 10));
                }
                // A sample of the audience measures live latency under load; every listener would load the client.
                var scenario = ListenerScenario.Steady(count, plan.ConnectsPerSecond, plan.SettleSeconds, plan.WindowSeconds)
                    with
                { LatencySampleEvery = LatencySampleEvery };
                result.Scaling.Add(await MeasureAsync(server, phase, count, running, feeder, scenario));
            }

            phase = "churn";
            await using (var running = await server.StartAsync(StreamSettings.BurstBytes, workDirectory, cancellationToken))
            await using (var feeder = await StartSourceAsync(running, markerInterval: null, plan.SourceWarmupSeconds, cancellationToken))
            {
                result.Churn = await MeasureAsync(server, $"churn {plan.ChurnConnectsPerSecond:0}/s, ~{plan.ChurnPresent} present",
                    plan.ChurnPresent, running, feeder,
                    ListenerScenario.Churn(plan.ChurnPresent, plan.ChurnConnectsPerSecond, plan.SettleSeconds, plan.ChurnWindowSeconds));
            }

            phase = "latency";
            await using (var running = await server.StartAsync(burstBytes: 0, workDirectory, cancellationToken))
            await using (var feeder = await StartSourceAsync(running, TimeSpan.FromSeconds(plan.MarkerIntervalSeconds), warmupSeconds: 1, cancellationToken))
            {
                var scenario = ListenerScenario.Steady(plan.LatencyListeners, LatencyConnectsPerSecond, plan.SettleSeconds, plan.LatencyWindowSeconds)
                    with
                { LatencySampleEvery = 1 };
                result.Latency = await MeasureAsync(server, "latency, burst off", plan.LatencyListeners, running, feeder, scenario);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            result.Error = $"{phase}: {e.Message}";
            Log(server, $"stopped: {result.Error}");
        }
        return result;
    }

    private async Task<PacedMp3Feeder> StartSourceAsync(
        RunningServer running, TimeSpan? markerInterval, double warmupSeconds, CancellationToken cancellationToken)
    {
        var feeder = await PacedMp3Feeder.StartAsync(running.SourceEndPoint, audio, markerInterval, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds), cancellationToken);
        return feeder;
    }

    private static async Task<PhaseResult> MeasureAsync(
        IStreamServer server, string phase, int listeners, RunningServer running, PacedMp3Feeder feeder, ListenerScenario scenario)
    {
        Log(server, $"{phase}: running");
        var pid = running.Process.Pid;
        var baselineRss = ProcStats.ReadRssMiB(pid);
        var usage = new ServerUsageWindow(pid);
        var client = new LoadClient(running.ListenEndPoint, StreamSettings.MountPoint, feeder.MarkerSentTicks);
        // The event loop owns a whole thread for the phase; keep it off the thread pool.
        var run = await Task.Factory.StartNew(
            () => client.Run(scenario, usage.Start, usage.End),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var measuresServer = scenario.WindowSeconds > 0;
        var result = new PhaseResult(
            phase,
            listeners,
            ListenerFigures.From(run),
            measuresServer ? usage.CpuPercent : null,
            measuresServer ? usage.RssMiB : null,
            measuresServer ? baselineRss : null,
            scenario.WindowSeconds,
            feeder.Failure?.Message ?? (running.Process.HasExited ? $"server exited: {running.Process.LogTail()}" : null));
        Log(server, $"{phase}: {Summarize(result)}");
        return result;
    }

    private static string Summarize(PhaseResult result)
    {
        var f = result.Figures;
        return $"playing {f.PlayingAtEnd}/{f.ExpectedAtEnd}, stalled {f.Stalled}, failed {f.Failed}, " +
               $"kbit/s p1 {f.BitrateP1Kbps:0.0} p50 {f.BitrateP50Kbps:0.0}, TTFB p50 {f.FirstByteP50Ms:0.0} ms p99 {f.FirstByteP99Ms:0.0} ms, " +
               $"latency p50 {f.LatencyP50Ms:0.0} ms p99 {f.LatencyP99Ms:0.0} ms, server CPU {result.ServerCpuPercent:0.0}%, " +
               $"RSS {result.ServerRssMiB:0.0} MiB, client CPU {f.ClientCpuPercent:0.0}%" +
               (result.SourceFailure is null ? "" : $", source failure: {result.SourceFailure}");
    }

    private static void Log(IStreamServer server, string message) =>
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} [{server.Name}] {message}");
}
