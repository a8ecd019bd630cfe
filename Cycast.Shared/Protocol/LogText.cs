using System.Globalization;
using System.Text;

namespace Cycast.Shared.Protocol;

/// <summary>
/// Whatever a request brought (paths, mount names, user agents, user names) as a log line may show it: control and
/// line-breaking characters written as <c>\xNN</c> or <c>\uNNNN</c>, so one request stays one log line and nobody can
/// write a line of their own into the log, and cut to a length an operator can read.
/// </summary>
public static class LogText
{
    private const int MaxLength = 200;

    public static string? Of(string? text)
    {
        if (text is null)
            return null;
        var shown = text.Length <= MaxLength ? text : text[..MaxLength];
        var escaped = shown.Any(BreaksLine) ? Escape(shown) : shown;
        return shown.Length == text.Length ? escaped : escaped + "…";
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!BreaksLine(c))
                escaped.Append(c);
            else if (c <= '\xFF')
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return escaped.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, and the Unicode line and paragraph separators some log viewers break at.</summary>
    private static bool BreaksLine(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
