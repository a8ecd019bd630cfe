using System.Globalization;
using System.Text;

namespace Cycast.Bench;

/// <summary>
/// Appends one run to BENCHMARKS.md: plot first, then the context a reader needs to trust
/// the numbers, then one table with both servers and their ratio.
/// </summary>
internal static class MarkdownReport
{
    private const string Header = """
        # Benchmarks: Cycast against Icecast

        ## How to run

        ```sh
        bench/run.sh            # full run: 1 000, 5 000, 10 000 and 19 000 listeners, churn, latency (~10 min)
        bench/run.sh --short    # smoke run: 200 and 1 000 listeners with 10 s windows (~2 min)
        bench/run.sh --short --servers icecast   # only one server
        ```

        `bench/run.sh` installs icecast2 and ffmpeg with apt when missing, builds `Cycast.Bench` in
        Release and runs it; the bench builds `Cycast.Node` in Release itself. Each run appends a
        section below, writes a plot and the raw JSON to `docs/bench/`.

        ## What is measured

        Both servers get the same live source: a generated CBR 128 kbit/s, 44.1 kHz MP3 sent over
        the Icecast `PUT` protocol at real-time pace. Listeners are plain `GET /stream HTTP/1.0`
        clients driven by one epoll thread; they connect at 1 000/s. Every phase starts a fresh
        server with burst-on-connect 64 KiB and a 512 KiB queue (burst off for the latency phase).

        - **playing at end**: still connected at the end of the window and received audio in its last second;
          listeners that connected less than 2 s before the end are still starting and are not expected yet.
        - **stalled**: a gap of more than 1 s between two reads after the first audio byte.
        - **failed**: refused, non-200 answer, closed by the server, or no audio within 2 s.
        - **bitrate p1 / p50**: per-listener received rate over the steady window, starting 1 s after
          each listener's first byte so the burst is not counted; 128 is the source rate.
        - **server CPU**: utime+stime of the server process over the steady window, as % of one core.
        - **RSS per listener**: (RSS at the end of the window − RSS with the source only) / listeners.
        - **time to first byte**: from the start of connect to the first audio byte, during the ramp.
        - **lone listener**: 20 single listeners, 100 ms apart, each closed on its first audio byte.
        - **latency**: source write of a marked frame → the marker's arrival at each of 50 listeners, burst off.
        - **churn**: listeners arrive at a steady rate and each leaves after present/rate seconds.

        Icecast 2.4 listens with a hard-coded backlog of 5 (`ICECAST_LISTEN_QUEUE`), so at 1 000
        connects/s the kernel drops some handshakes and the client retries them after 1, 3, 7, 15 s:
        that, not the load client, is where Icecast's time-to-first-byte tail and its "no audio"
        failures during the ramps come from. On loopback the kernel's TCP work is charged to
        whichever process sends, so the load client's CPU includes its half of every transfer.

        # Results

        """;

    public static void Append(string markdownPath, BenchReport report, string plotRelativePath, string jsonRelativePath)
    {
        var text = new StringBuilder();
        if (!File.Exists(markdownPath)) text.Append(Header);

        text.AppendLine();
        text.AppendLine($"## {report.StartedAtUtc:yyyy-MM-dd HH:mm} UTC, {report.Plan.Mode} run");
        text.AppendLine();
        text.AppendLine($"![Server CPU and RSS against listener count]({plotRelativePath})");
        text.AppendLine();
        text.AppendLine($"- Machine: {report.Machine}");
        text.AppendLine($"- Command: `{report.Command}` (bench at {report.BenchCommit})");
        foreach (var server in report.Servers)
            text.AppendLine($"- {server.Name}: {server.Version ?? "not built"}{(server.Error is null ? "" : $"; **stopped early**: {Escape(server.Error)}")}");
        text.AppendLine($"- Raw results: [{Path.GetFileName(jsonRelativePath)}]({jsonRelativePath})");
        text.AppendLine();
        AppendTable(text, report);
        File.AppendAllText(markdownPath, text.ToString());
    }

    private static void AppendTable(StringBuilder text, BenchReport report)
    {
        var cycast = report.Servers.FirstOrDefault(s => s.Name == "cycast");
        var icecast = report.Servers.FirstOrDefault(s => s.Name == "icecast");
        text.AppendLine("| Phase | Figure | Cycast | Icecast | Cycast / Icecast |");
        text.AppendLine("|---|---|---:|---:|---:|");

        Rows(text, "lone listener", cycast?.LoneListener, icecast?.LoneListener,
            ("time to first byte p50 (ms)", p => p.Figures.FirstByteP50Ms),
            ("time to first byte p99 (ms)", p => p.Figures.FirstByteP99Ms));

        foreach (var count in report.Plan.ListenerCounts)
        {
            Rows(text, $"{count:N0} listeners",
                cycast?.Scaling.FirstOrDefault(p => p.Listeners == count),
                icecast?.Scaling.FirstOrDefault(p => p.Listeners == count),
                LoadFigures);
        }

        Rows(text, cycast?.Churn?.Phase ?? icecast?.Churn?.Phase ?? "churn", cycast?.Churn, icecast?.Churn, LoadFigures);

        Rows(text, $"latency, burst off, {report.Plan.LatencyListeners} listeners", cycast?.Latency, icecast?.Latency,
            ("source write → listener p50 (ms)", p => p.Figures.LatencyP50Ms),
            ("source write → listener p99 (ms)", p => p.Figures.LatencyP99Ms),
            ("marker arrivals measured", p => p.Figures.LatencySamples),
            ("playing at end", p => p.Figures.PlayingAtEnd),
            ("stalled (gap > 1 s)", p => p.Figures.Stalled));
    }

    private static readonly (string Label, Func<PhaseResult, double?> Value)[] LoadFigures =
    [
        ("listeners expected at end", p => p.Figures.ExpectedAtEnd),
        ("playing at end", p => p.Figures.PlayingAtEnd),
        ("stalled (gap > 1 s)", p => p.Figures.Stalled),
        ("failed", p => p.Figures.Failed),
        ("… of which TCP handshake still pending", p => p.Figures.NoAudioStillConnecting),
        ("… of which no HTTP response", p => p.Figures.NoAudioNoResponse),
        ("bitrate p1 (kbit/s)", p => p.Figures.BitrateP1Kbps),
        ("bitrate p50 (kbit/s)", p => p.Figures.BitrateP50Kbps),
        ("server CPU (% of one core)", p => p.ServerCpuPercent),
        // The bar is CPU per listener served: a server that drops listeners must not look cheaper for it.
        ("server CPU per 1 000 playing listeners (% of one core)",
            p => p.ServerCpuPercent is { } cpu && p.Figures.PlayingAtEnd is > 0 ? cpu * 1000 / p.Figures.PlayingAtEnd : null),
        ("server RSS (MiB)", p => p.ServerRssMiB),
        ("RSS per listener (KiB)", p => p.RssPerListenerKiB),
        ("time to first byte p50 (ms)", p => p.Figures.FirstByteP50Ms),
        ("time to first byte p99 (ms)", p => p.Figures.FirstByteP99Ms),
        ("load client CPU (% of one core)", p => p.Figures.ClientCpuPercent),
        ("live latency p50 under load, sampled listeners (ms)", p => p.Figures.LatencyP50Ms),
        ("live latency p99 under load, sampled listeners (ms)", p => p.Figures.LatencyP99Ms),
    ];

    private static void Rows(StringBuilder text, string phase, PhaseResult? cycast, PhaseResult? icecast,
        params (string Label, Func<PhaseResult, double?> Value)[] figures)
    {
        if (cycast is null && icecast is null) return;
        var phaseCell = $"**{phase}**";
        foreach (var (label, value) in figures)
        {
            var c = cycast is null ? null : value(cycast);
            var i = icecast is null ? null : value(icecast);
            var ratio = c is { } cv && i is { } iv && iv != 0 ? $"{cv / iv:0.00}" : "";
            text.AppendLine($"| {phaseCell} | {label} | {Format(c)} | {Format(i)} | {ratio} |");
            phaseCell = "";
        }
        if (cycast?.Figures.FailureReasons.Count > 0 || icecast?.Figures.FailureReasons.Count > 0)
            text.AppendLine($"| | failure reasons | {Reasons(cycast)} | {Reasons(icecast)} | |");
        if (cycast?.SourceFailure is not null || icecast?.SourceFailure is not null)
            text.AppendLine($"| | source failure | {Escape(cycast?.SourceFailure ?? "")} | {Escape(icecast?.SourceFailure ?? "")} | |");
    }

    private static string Reasons(PhaseResult? phase) =>
        phase is null ? "" : Escape(string.Join("; ", phase.Figures.FailureReasons.Select(r => $"{r.Key} ×{r.Value}")));

    private static string Format(double? value) => value switch
    {
        null => "–",
        { } v when Math.Abs(v) >= 1000 || v == Math.Floor(v) => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 1 => v.ToString("0.0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
