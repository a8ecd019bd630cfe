using ScottPlot;

namespace Cycast.Bench;

/// <summary>
/// Three panels in one PNG: server CPU and RSS against listeners for the default case, and CPU per listener
/// against live latency p99 (Cycast's latency-budget curve at each size, Icecast's point beside it).
/// </summary>
internal static class ResultsPlot
{
    public static void Save(BenchReport report, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var defaultCase = report.Plan.Cases[0].Name;
        DrawAgainstListeners(multiplot.GetPlot(0), report, defaultCase, phase => phase.ServerCpuPercent,
            $"Server CPU, {defaultCase}", "% of one core");
        DrawAgainstListeners(multiplot.GetPlot(1), report, defaultCase, phase => phase.ServerRssMiB,
            $"Server resident memory, {defaultCase}", "RSS (MiB)");
        DrawCpuAgainstLatency(multiplot.GetPlot(2), report);
        multiplot.SavePng(path, 1800, 500);
    }

    private static void DrawAgainstListeners(Plot plot, BenchReport report, string loadCase, Func<PhaseResult, double?> figure, string title, string yLabel)
    {
        var points = report.Servers.Select(server => (Label: server.Name, Points: server.Load
            .Where(phase => phase.Case == loadCase && figure(phase) is not null)
            .Select(phase => ((double)phase.Listeners, figure(phase)!.Value))
            .ToArray()));
        Draw(plot, points, title, "listeners", yLabel);
    }

    /// <summary>Lower-left is better on both axes; a setting that moves along the curve trades one for the other.</summary>
    private static void DrawCpuAgainstLatency(Plot plot, BenchReport report)
    {
        var series = new List<(string Label, (double X, double Y)[] Points)>();
        // The default case is the curve's default-budget point for Cycast and Icecast's only point.
        var curveCases = report.Plan.Cases.Where(c => c.CycastOnly).Select(c => c.Name).Append(report.Plan.Cases[0].Name).ToHashSet();
        var sizes = report.Plan.Cases.Where(c => c.CycastOnly).SelectMany(c => c.Sizes).Distinct().Order();
        foreach (var size in sizes)
        {
            foreach (var server in report.Servers)
            {
                var points = server.Load
                    .Where(phase => phase.Listeners == size && curveCases.Contains(phase.Case))
                    .Where(phase => phase.Figures.LatencyP99Ms is not null && phase.CpuPer1000Playing is not null)
                    .Select(phase => (phase.Figures.LatencyP99Ms!.Value, phase.CpuPer1000Playing!.Value))
                    .OrderBy(point => point.Item1)
                    .ToArray();
                if (points.Length > 0) series.Add(($"{server.Name}, {size:N0} listeners", points));
            }
        }
        Draw(plot, series, "CPU per listener against live latency", "live latency p99 (ms)", "CPU per 1 000 playing (% of one core)");
    }

    private static void Draw(Plot plot, IEnumerable<(string Label, (double X, double Y)[] Points)> series, string title, string xLabel, string yLabel)
    {
        double maxX = 0, maxY = 0;
        foreach (var (label, points) in series)
        {
            if (points.Length == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            scatter.LegendText = label;
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
            maxX = Math.Max(maxX, points.Max(p => p.X));
            maxY = Math.Max(maxY, points.Max(p => p.Y));
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        // Both axes start at zero so lines are compared by height, not by zoom.
        plot.Axes.SetLimits(0, Math.Max(1, maxX * 1.05), 0, Math.Max(1, maxY * 1.15));
    }
}
