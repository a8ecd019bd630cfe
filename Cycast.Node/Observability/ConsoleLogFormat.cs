using Microsoft.Extensions.Logging.Console;

namespace Cycast.Node.Observability;

/// <summary>
/// The console log's format: one line per event, with a timestamp, so grep and log shippers see whole events; under
/// systemd, journald's own format (a priority per line, its own timestamps). Logging__Console__FormatterName (json,
/// systemd, simple) and its Logging__Console__FormatterOptions__* choose otherwise.
/// </summary>
public static class ConsoleLogFormat
{
    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.AddConsole();
        // The slim builder pins the simple formatter after configuration is read, and UseSystemd() chooses journald's
        // only when its own test says so: the choice is made once more, last.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(console =>
            console.FormatterName = configuration["Logging:Console:FormatterName"]
                ?? (UnderSystemd(Environment.GetEnvironmentVariable) ? ConsoleFormatterNames.Systemd : ConsoleFormatterNames.Simple));
        logging.Services.Configure<SimpleConsoleFormatterOptions>(simple =>
        {
            simple.SingleLine = true;
            simple.TimestampFormat ??= "yyyy-MM-dd HH:mm:ss ";
        });
    }

    /// <summary>systemd sets these for the processes of a unit; JOURNAL_STREAM only when the output goes to the journal.</summary>
    public static bool UnderSystemd(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("JOURNAL_STREAM")) || !string.IsNullOrEmpty(environment("INVOCATION_ID"));
}
