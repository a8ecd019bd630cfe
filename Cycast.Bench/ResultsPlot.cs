using ScottPlot;

namespace Cycast.Bench;

/// <summary>Server CPU and RSS against listener count, one line per server, side by side in one PNG.</summary>
internal static class ResultsPlot
{
    public static void Save(BenchReport report, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Draw(multiplot.GetPlot(0), report, phase => phase.ServerCpuPercent, "Server CPU over the steady window", "% of one core");
        Draw(multiplot.GetPlot(1), report, phase => phase.ServerRssMiB, "Server resident memory", "RSS (MiB)");
        multiplot.SavePng(path, 1200, 500);
    }

    private static void Draw(Plot plot, BenchReport report, Func<PhaseResult, double?> figure, string title, string yLabel)
    {
        double maxX = 0, maxY = 0;
        foreach (var server in report.Servers)
        {
            var points = server.Scaling
                .Where(phase => figure(phase) is not null)
                .Select(phase => (X: (double)phase.Listeners, Y: figure(phase)!.Value))
                .ToArray();
            if (points.Length == 0) continue;
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            scatter.LegendText = server.Name;
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
            maxX = Math.Max(maxX, points.Max(p => p.X));
            maxY = Math.Max(maxY, points.Max(p => p.Y));
        }

        plot.Title(title);
        plot.XLabel("listeners");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        // Both axes start at zero so the servers' lines are compared by height, not by zoom.
        plot.Axes.SetLimits(0, Math.Max(1, maxX * 1.05), 0, Math.Max(1, maxY * 1.15));
    }
}
