using System.Globalization;
using System.Text;

namespace Cycast.Shared.Config;

/// <summary>
/// Where a mount's recording goes (Icecast's <c>&lt;dump-file&gt;</c>): a file path whose strftime conversions are
/// filled in with the local time each file is opened, e.g. <c>/var/rec/live-%Y%m%d-%H%M%S.mp3</c>. Only the
/// conversions that make sense in a file name are taken; any other is refused when the configuration loads, so a
/// typo cannot turn into a literal <c>%Q</c> in every file name.
/// </summary>
public sealed record DumpFilePattern
{
    /// <summary>The conversions a pattern may use, as the docs list them.</summary>
    public const string Conversions = "%Y %y %m %d %e %j %H %I %M %S %p %a %A %b %B %F %T %s %z %%";

    private DumpFilePattern(string pattern) => Pattern = pattern;

    /// <summary>The pattern as configured.</summary>
    public string Pattern { get; }

    /// <summary>Takes <paramref name="pattern"/> if every <c>%</c> starts a known conversion and it names a file, not a directory.</summary>
    public static bool TryParse(string pattern, out DumpFilePattern? parsed, out string problem)
    {
        parsed = null;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%')
                continue;
            if (i + 1 == pattern.Length || !Conversions.Contains($"%{pattern[i + 1]}", StringComparison.Ordinal))
            {
                problem = $"{(i + 1 == pattern.Length ? "a lone % at its end" : $"%{pattern[i + 1]}")} is not a conversion Cycast knows ({Conversions})";
                return false;
            }
            i++;
        }
        if (pattern.Length == 0 || pattern.EndsWith('/'))
        {
            problem = "it names no file";
            return false;
        }
        parsed = new DumpFilePattern(pattern);
        problem = "";
        return true;
    }

    /// <summary>The file name for a file opened at <paramref name="time"/> (its offset is the zone %z, %H and the rest show).</summary>
    public string Expand(DateTimeOffset time)
    {
        var name = new StringBuilder(Pattern.Length + 16);
        for (var i = 0; i < Pattern.Length; i++)
        {
            if (Pattern[i] != '%')
            {
                name.Append(Pattern[i]);
                continue;
            }
            name.Append(Convert(Pattern[++i], time));
        }
        return name.ToString();
    }

    private static string Convert(char conversion, DateTimeOffset time) => conversion switch
    {
        'Y' => time.ToString("yyyy", CultureInfo.InvariantCulture),
        'y' => time.ToString("yy", CultureInfo.InvariantCulture),
        'm' => time.ToString("MM", CultureInfo.InvariantCulture),
        'd' => time.ToString("dd", CultureInfo.InvariantCulture),
        'e' => time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
        'j' => time.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
        'H' => time.ToString("HH", CultureInfo.InvariantCulture),
        'I' => time.ToString("hh", CultureInfo.InvariantCulture),
        'M' => time.ToString("mm", CultureInfo.InvariantCulture),
        'S' => time.ToString("ss", CultureInfo.InvariantCulture),
        'p' => time.Hour < 12 ? "AM" : "PM",
        'a' => time.ToString("ddd", CultureInfo.InvariantCulture),
        'A' => time.ToString("dddd", CultureInfo.InvariantCulture),
        'b' => time.ToString("MMM", CultureInfo.InvariantCulture),
        'B' => time.ToString("MMMM", CultureInfo.InvariantCulture),
        'F' => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        'T' => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        's' => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        'z' => (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", CultureInfo.InvariantCulture),
        _ => "%",
    };
}
