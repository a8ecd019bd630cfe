namespace Cycast.Bench;

/// <summary>Command line: [--short] [--servers cycast,icecast] [--cases NAME,...] [--repo PATH].</summary>
internal sealed record BenchOptions(bool Short, IReadOnlyList<string> Servers, IReadOnlyList<string>? Cases, string RepositoryRoot)
{
    public static readonly string[] KnownServers = ["cycast", "icecast"];

    public const string Usage =
        "usage: Cycast.Bench [--short] [--servers cycast,icecast] [--cases NAME,...] [--repo PATH]\n" +
        "  --short    each case once at small sizes with short windows instead of the full sweep\n" +
        "  --cases    run only these load cases, by name (e.g. \"per-frame encoder,one core\"); storm, churn and latency still run\n" +
        "  --servers  which servers to run, comma-separated, in that order (default: cycast,icecast)\n" +
        "  --repo     repository root holding Cycast.Node and BENCHMARKS.md (default: found from the binary)";

    public static BenchOptions Parse(string[] args)
    {
        var isShort = false;
        IReadOnlyList<string> servers = KnownServers;
        string? repository = null;
        IReadOnlyList<string>? cases = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--short":
                    isShort = true;
                    break;
                case "--servers" when i + 1 < args.Length:
                    servers = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = servers.Except(KnownServers).ToArray();
                    if (unknown.Length > 0 || servers.Count == 0) throw new ArgumentException($"unknown server(s): {string.Join(", ", unknown)}\n{Usage}");
                    break;
                case "--cases" when i + 1 < args.Length:
                    cases = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--repo" when i + 1 < args.Length:
                    repository = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"unexpected argument '{args[i]}'\n{Usage}");
            }
        }
        return new BenchOptions(isShort, servers, cases, repository ?? FindRepositoryRoot());
    }

    /// <summary>The plan with only the chosen cases, in the plan's order; unknown names are an error.</summary>
    public BenchPlan Select(BenchPlan plan)
    {
        if (Cases is null) return plan;
        var unknown = Cases.Except(plan.Cases.Select(c => c.Name)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"unknown case(s): {string.Join(", ", unknown)}; the {plan.Mode} plan has: {string.Join(", ", plan.Cases.Select(c => c.Name))}");
        return plan with { Cases = [.. plan.Cases.Where(c => Cases.Contains(c.Name))] };
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cycast.Cluster.sln"))) return directory.FullName;
        }
        throw new ArgumentException($"could not find Cycast.Cluster.sln above {AppContext.BaseDirectory}; pass --repo\n{Usage}");
    }
}
