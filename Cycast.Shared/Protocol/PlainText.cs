namespace Cycast.Shared.Protocol;

/// <summary>
/// Text from encoders (titles, ice-* headers) as players and pages should get it: control characters (NUL, CR, LF,
/// the rest below 0x20, DEL) carry no text, and in an ICY block, a reply head or a log line they would end a field or
/// a line, so they are dropped.
/// </summary>
public static class PlainText
{
    public static string Of(string text) => text.Any(IsControl) ? string.Concat(text.Where(c => !IsControl(c))) : text;

    public static string? OfOptional(string? text) => text is null ? null : Of(text);

    private static bool IsControl(char c) => c < ' ' || c == '\x7F';
}
