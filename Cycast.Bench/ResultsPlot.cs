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
        var cpu = multiplot.GetPlot(0);
        var rss = multiplot.GetPlot(1);

        foreach (var server in report.Servers)
        {
            AddSeries(cpu, server, phase => phase.ServerCpuPercent);
            AddSeries(rss, server, phase => phase.ServerRssMiB);
        }

        Describe(cpu, "Server CPU over the steady window", "% of one core");
        Describe(rss, "Server resident memory", "RSS (MiB)");
        multiplot.SavePng(path, 1200, 500);
    }

    private static void AddSeries(Plot plot, ServerResult server, Func<PhaseResult, double?> figure)
    {
        var points = server.Scaling
            .Where(phase => figure(phase) is not null)
            .Select(phase => (X: (double)phase.Listeners, Y: figure(phase)!.Value))
            .ToArray();
        if (points.Length == 0) return;
        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        scatter.LegendText = server.Name;
        scatter.MarkerSize = 8;
        scatter.LineWidth = 2;
    }

    private static void Describe(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("listeners");
        plot.YLabel(yLabel);
        // Both axes start at zero so the two servers' lines are compared by height, not by zoom.
        if (plot.GetPlottables().Any())
        {
            var data = plot.Axes.GetDataLimits();
            plot.Axes.SetLimitsX(0, data.Right * 1.05);
            plot.Axes.SetLimitsY(0, Math.Max(1, data.Top * 1.15));
        }
        plot.ShowLegend(Alignment.UpperLeft);
    }
}
