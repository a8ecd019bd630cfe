using System.Globalization;
using System.Text;

namespace Cycast.Bench;

/// <summary>
/// Appends one run to BENCHMARKS.md: plot first, then the context a reader needs to trust
/// the numbers, then a table per load case with both servers side by side.
/// </summary>
internal static class MarkdownReport
{
    private const string Header = """
        # Benchmarks: Cycast against Icecast

        ## How to run

        ```sh
        bench/run.sh            # full run: every case below, both servers (~30 min)
        bench/run.sh --short    # smoke run: each case once at small sizes (~6 min)
        bench/run.sh --short --servers icecast            # only one server
        bench/run.sh --cases "per-frame encoder,one core" # only some cases
        ```

        `bench/run.sh` installs icecast2, ffmpeg and perf with apt when missing, builds `Cycast.Bench` in
        Release and runs it; the bench builds `Cycast.Node` in Release itself. Each run appends a
        section below, writes a plot and the raw JSON to `docs/bench/`. Run it on a quiet machine: sends are
        counted system-wide.

        ## What is measured

        Both servers get the same live source over the Icecast `PUT` protocol at real-time pace: a generated
        CBR 128 kbit/s, 44.1 kHz MP3. The cases differ in how the encoder writes, because that decides how often
        a server is handed new audio:

        - **per-frame encoder** (the default): one MP3 frame per write, 38 a second, as ffmpeg and liquidsoap write;
        - **per-frame encoder, 90 s in**: the same, with the window opened after the listeners have played for 90 s:
          a station runs for days, and a .NET server spends its first minute finishing its JIT compilation, which a
          window opened seconds after start charges to the listeners;
        - **100 ms chunks**: about four frames per write;
        - **ffmpeg -re**: a real ffmpeg with its `icecast://` output (no latency markers, so no latency figures);
        - **one core**: the per-frame encoder with the server pinned to one CPU (`taskset`) and the load client to
          the other, as on a small board;
        - **latency budget N ms**: Cycast alone with `broadcaster.latency_budget_ms = N` (the default is 90), for
          the CPU-against-latency curve; Icecast has no such knob, its point is the per-frame case's.

        Listeners are plain `GET /stream HTTP/1.0` clients driven by one epoll thread; they connect at 1 000/s.
        Every phase starts a fresh server with burst-on-connect 64 KiB and a 512 KiB queue (burst off for the
        latency phase).

        - **CPU**: utime+stime of the server process over the steady window, as % of one core; **per 1 000**:
          divided by the listeners playing at the end, so a server that drops listeners does not look cheaper.
        - **sends / listener / s**: the server's `sendto` and `sendmsg` calls over the window, counted by `perf`'s
          syscall tracepoints system-wide (per-process counting does not work in this machine's sandbox; the
          source's own writes are subtracted, the load client only receives), per playing listener. **reads** is
          the same seen from the listeners: a listener that keeps up reads each send once.
        - **latency**: every frame carries a marker with its sequence number; every listener looks for every
          marker, and the time from the source's write of that frame to the listener's read is counted in a
          0.1 ms histogram (p50, p99 over all of them).
        - **longest gap p99**: each listener's longest silence between two reads inside the window; p99 over the
          listeners present through the whole window.
        - **RSS idle**: the server's resident memory with the source and no listener; **per listener**: (RSS at the
          end of the window − RSS idle) / listeners.
        - **playing**: still connected at the end of the window and received audio in its last second;
          listeners that connected less than 2 s before the end are still starting and are not expected yet.
        - **stalled**: a gap of more than 1 s between two reads after the first audio byte.
        - **failed**: refused, non-200 answer, closed by the server, or no audio within 2 s.
        - **time to first byte**: from the start of connect to the first audio byte, during the 1 000/s ramp.
        - **lone listener**: 20 single listeners, 100 ms apart, each closed on its first audio byte.
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
        text.AppendLine($"![Server CPU and RSS against listeners, CPU per listener against latency]({plotRelativePath})");
        text.AppendLine();
        text.AppendLine($"- Machine: {report.Machine}");
        text.AppendLine($"- Command: `{report.Command}` (bench at {report.BenchCommit})");
        foreach (var server in report.Servers)
            text.AppendLine($"- {server.Name}: {server.Version ?? "not built"}{(server.Error is null ? "" : $"; **stopped early**: {Escape(server.Error)}")}");
        text.AppendLine($"- Raw results: [{Path.GetFileName(jsonRelativePath)}]({jsonRelativePath})");
        text.AppendLine();
        text.AppendLine("Server figures are over each phase's steady window; a dash is a figure the phase could not give.");
        text.AppendLine();
        AppendTable(text, report);
        File.AppendAllText(markdownPath, text.ToString());
    }

    private static void AppendTable(StringBuilder text, BenchReport report)
    {
        var cycast = report.Servers.FirstOrDefault(s => s.Name == "cycast");
        var icecast = report.Servers.FirstOrDefault(s => s.Name == "icecast");
        foreach (var loadCase in report.Plan.Cases)
            AppendCase(text, loadCase, report.Servers);

        text.AppendLine("### Storm, churn and latency");
        text.AppendLine();
        text.AppendLine("| Phase | Figure | Cycast | Icecast | Cycast / Icecast |");
        text.AppendLine("|---|---|---:|---:|---:|");

        Rows(text, "lone listener", cycast?.LoneListener, icecast?.LoneListener,
            ("time to first byte p50 (ms)", p => p.Figures.FirstByteP50Ms),
            ("time to first byte p99 (ms)", p => p.Figures.FirstByteP99Ms));

        var storm = report.Plan.Cases[0];
        foreach (var count in storm.Sizes)
        {
            Rows(text, $"{count:N0} listeners connecting at {report.Plan.ConnectsPerSecond:N0}/s",
                cycast?.Load.FirstOrDefault(p => p.Case == storm.Name && p.Listeners == count),
                icecast?.Load.FirstOrDefault(p => p.Case == storm.Name && p.Listeners == count),
                ("time to first byte p50 (ms)", p => p.Figures.FirstByteP50Ms),
                ("time to first byte p99 (ms)", p => p.Figures.FirstByteP99Ms),
                ("failed", p => p.Figures.Failed));
        }

        Rows(text, cycast?.Churn?.Phase ?? icecast?.Churn?.Phase ?? "churn", cycast?.Churn, icecast?.Churn,
            ("playing at end", p => p.Figures.PlayingAtEnd),
            ("failed", p => p.Figures.Failed),
            ("server CPU (% of one core)", p => p.ServerCpuPercent),
            ("time to first byte p99 (ms)", p => p.Figures.FirstByteP99Ms));

        Rows(text, $"latency, burst off, {report.Plan.LatencyListeners} listeners", cycast?.Latency, icecast?.Latency,
            ("source write → listener p50 (ms)", p => p.Figures.LatencyP50Ms),
            ("source write → listener p99 (ms)", p => p.Figures.LatencyP99Ms),
            ("marker arrivals measured", p => p.Figures.LatencySamples),
            ("playing at end", p => p.Figures.PlayingAtEnd),
            ("stalled (gap > 1 s)", p => p.Figures.Stalled));
    }

    /// <summary>One row per audience size and server, so both servers of one size sit together.</summary>
    private static void AppendCase(StringBuilder text, LoadCase loadCase, IReadOnlyList<ServerResult> servers)
    {
        text.AppendLine($"### {loadCase.Name}");
        text.AppendLine();
        text.AppendLine("| listeners | server | playing / expected | failed | CPU (% of a core) | CPU per 1 000 | sends / listener / s | reads / listener / s | latency p50 / p99 (ms) | longest gap p99 (ms) | RSS idle (MiB) | RSS per listener (KiB) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in loadCase.Sizes)
        {
            foreach (var server in servers)
            {
                var phase = server.Load.FirstOrDefault(p => p.Case == loadCase.Name && p.Listeners == size);
                if (phase is null) continue;
                var f = phase.Figures;
                text.AppendLine(
                    $"| {size:N0} | {server.Name} | {f.PlayingAtEnd:N0} / {f.ExpectedAtEnd:N0} | {f.Failed:N0} | {Format(phase.ServerCpuPercent)} | " +
                    $"{Format(phase.CpuPer1000Playing)} | {Format(phase.SendsPerListenerPerSecond)} | {Format(f.ReadsPerListenerPerSecond)} | " +
                    $"{Format(f.LatencyP50Ms)} / {Format(f.LatencyP99Ms)} | {Format(f.WindowGapP99Ms)} | {Format(phase.BaselineRssMiB)} | {Format(phase.RssPerListenerKiB)} |");
            }
        }
        text.AppendLine();
    }

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
