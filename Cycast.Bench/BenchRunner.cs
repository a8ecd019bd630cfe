namespace Cycast.Bench;

/// <summary>
/// Runs every phase of the plan against one server. Each phase gets a fresh server instance, so
/// memory left behind by an earlier phase never counts against a later one.
/// </summary>
internal sealed class BenchRunner(BenchPlan plan, Mp3Stream audio, string audioPath, string workDirectory)
{
    private const double LatencyConnectsPerSecond = 50;

    public async Task<ServerResult> RunAsync(IStreamServer server, CancellationToken cancellationToken)
    {
        var result = new ServerResult(server.Name);
        var phase = "build";
        try
        {
            Log(server, "preparing");
            result.Version = await server.PrepareAsync(cancellationToken);

            foreach (var loadCase in plan.Cases.Where(c => !c.CycastOnly || server is CycastServer))
            {
                foreach (var count in loadCase.Sizes)
                {
                    phase = $"{loadCase.Name}, {count} listeners";
                    var cpu = loadCase.OneCore ? LoadCase.ServerCpu : (int?)null;
                    var launch = new ServerLaunch(StreamSettings.BurstBytes, loadCase.LatencyBudgetMs, cpu);
                    await using var running = await server.StartAsync(launch, workDirectory, cancellationToken);
                    await using var source = await StartSourceAsync(running, loadCase.Source, plan.SourceWarmupSeconds, cancellationToken);
                    if (result.LoneListener is null)
                    {
                        result.LoneListener = await MeasureAsync(server, "lone listener", "lone listener", 1, running, source,
                            ListenerScenario.LoneConnects(plan.LoneConnects, connectsPerSecond: 10));
                    }
                    var scenario = ListenerScenario.Steady(count, plan.ConnectsPerSecond, loadCase.SettleSeconds ?? plan.SettleSeconds, plan.WindowSeconds)
                        with
                    { PinClientToCpu = loadCase.OneCore ? 0 : null };
                    result.Load.Add(await MeasureAsync(server, loadCase.Name, phase, count, running, source, scenario));
                }
            }

            phase = "churn";
            await using (var running = await server.StartAsync(new ServerLaunch(StreamSettings.BurstBytes), workDirectory, cancellationToken))
            await using (var source = await StartSourceAsync(running, SourceKind.PerFrame, plan.SourceWarmupSeconds, cancellationToken))
            {
                result.Churn = await MeasureAsync(server, "churn", $"churn {plan.ChurnConnectsPerSecond:0}/s, ~{plan.ChurnPresent} present",
                    plan.ChurnPresent, running, source,
                    ListenerScenario.Churn(plan.ChurnPresent, plan.ChurnConnectsPerSecond, plan.SettleSeconds, plan.ChurnWindowSeconds));
            }

            phase = "latency";
            await using (var running = await server.StartAsync(new ServerLaunch(BurstBytes: 0), workDirectory, cancellationToken))
            await using (var source = await StartSourceAsync(running, SourceKind.PerFrame, warmupSeconds: 1, cancellationToken))
            {
                var scenario = ListenerScenario.Steady(plan.LatencyListeners, LatencyConnectsPerSecond, plan.SettleSeconds, plan.LatencyWindowSeconds);
                result.Latency = await MeasureAsync(server, "latency", "latency, burst off", plan.LatencyListeners, running, source, scenario);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            result.Error = $"{phase}: {e.Message}";
            Log(server, $"stopped: {result.Error}");
        }
        return result;
    }

    private async Task<ILiveSource> StartSourceAsync(
        RunningServer running, SourceKind kind, double warmupSeconds, CancellationToken cancellationToken)
    {
        ILiveSource source = kind switch
        {
            SourceKind.Ffmpeg => FfmpegSource.Start(running.SourceEndPoint, audioPath, audio.FrameDuration,
                Path.Combine(Path.GetDirectoryName(running.Process.LogPath)!, "ffmpeg.log")),
            _ => await PacedMp3Feeder.StartAsync(running.SourceEndPoint, audio, framePerWrite: kind is SourceKind.PerFrame, cancellationToken),
        };
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds), cancellationToken);
        if (source.Failure is { } failure)
        {
            await source.DisposeAsync();
            throw new InvalidOperationException($"the {kind} source failed during warm-up: {failure.Message}");
        }
        return source;
    }

    private static async Task<PhaseResult> MeasureAsync(
        IStreamServer server, string loadCase, string phase, int listeners, RunningServer running, ILiveSource source, ListenerScenario scenario)
    {
        Log(server, $"{phase}: running");
        var pid = running.Process.Pid;
        var baselineRss = ProcStats.ReadRssMiB(pid);
        var usage = new ServerUsageWindow(pid);
        var measuresServer = scenario.WindowSeconds > 0;
        using var sends = measuresServer ? SyscallCounter.Start() : null;
        long sourceWritesAtStart = 0, sourceWritesAtEnd = 0;
        var client = new LoadClient(running.ListenEndPoint, StreamSettings.MountPoint, source.MarkerSentTicks);
        // The event loop owns a whole thread for the phase; keep it off the thread pool.
        var run = await Task.Factory.StartNew(
            () => client.Run(scenario,
                onWindowStart: () =>
                {
                    usage.Start();
                    sourceWritesAtStart = source.Writes;
                },
                onWindowEnd: () =>
                {
                    usage.End();
                    sourceWritesAtEnd = source.Writes;
                }),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var figures = ListenerFigures.From(run);
        var windowSeconds = (run.WindowEndTicks - run.WindowStartTicks) / (double)System.Diagnostics.Stopwatch.Frequency;
        var serverSendsPerSecond = sends?.RateWithin(run.WindowStartTicks, run.WindowEndTicks)
            - (sourceWritesAtEnd - sourceWritesAtStart) / windowSeconds;
        var result = new PhaseResult(
            loadCase,
            phase,
            listeners,
            figures,
            measuresServer ? usage.CpuPercent : null,
            measuresServer ? usage.RssMiB : null,
            measuresServer ? baselineRss : null,
            scenario.WindowSeconds,
            measuresServer && figures.PlayingAtEnd > 0 ? serverSendsPerSecond / figures.PlayingAtEnd : null,
            source.Failure?.Message ?? (running.Process.HasExited ? $"server exited: {running.Process.LogTail()}" : null));
        Log(server, $"{phase}: {Summarize(result)}");
        return result;
    }

    private static string Summarize(PhaseResult result)
    {
        var f = result.Figures;
        return $"playing {f.PlayingAtEnd}/{f.ExpectedAtEnd}, stalled {f.Stalled}, failed {f.Failed}, " +
               $"kbit/s p1 {f.BitrateP1Kbps:0.0} p50 {f.BitrateP50Kbps:0.0}, TTFB p50 {f.FirstByteP50Ms:0.0} ms p99 {f.FirstByteP99Ms:0.0} ms, " +
               $"latency p50 {f.LatencyP50Ms:0.0} ms p99 {f.LatencyP99Ms:0.0} ms, gap p99 {f.WindowGapP99Ms:0} ms, " +
               $"sends/listener/s {result.SendsPerListenerPerSecond:0.0} (reads {f.ReadsPerListenerPerSecond:0.0}), server CPU {result.ServerCpuPercent:0.0}%, " +
               $"RSS {result.ServerRssMiB:0.0} MiB, client CPU {f.ClientCpuPercent:0.0}%" +
               (result.SourceFailure is null ? "" : $", source failure: {result.SourceFailure}");
    }

    private static void Log(IStreamServer server, string message) =>
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} [{server.Name}] {message}");
}
