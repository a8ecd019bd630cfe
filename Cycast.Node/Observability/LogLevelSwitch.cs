using Cycast.Shared.Config;

namespace Cycast.Node.Observability;

/// <summary>
/// <c>advanced.verbose_logging</c> as a filter read at each log call rather than a minimum level fixed when the host
/// was built, so a reload turns debug logs on or off without a restart.
/// </summary>
public sealed class LogLevelSwitch
{
    private volatile bool _verbose;

    public LogLevelSwitch(LiveSettings live)
    {
        _verbose = live.Current.Advanced.VerboseLogging;
        live.Changed += settings => _verbose = settings.Advanced.VerboseLogging;
    }

    public bool Verbose => _verbose;

    /// <summary>ASP.NET Core's own categories log a level less: their information lines are one per request.</summary>
    public bool Allows(string? category, LogLevel level) =>
        category is not null && category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            ? level >= (_verbose ? LogLevel.Information : LogLevel.Warning)
            : level >= (_verbose ? LogLevel.Debug : LogLevel.Information);
}
