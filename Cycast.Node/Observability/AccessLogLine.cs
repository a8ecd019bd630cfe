using System.Globalization;

namespace Cycast.Node.Observability;

/// <summary>
/// One finished request in Icecast's access.log layout, the combined log format with the session's seconds last:
/// <c>ip - user [02/Dec/2026:17:59:33 +0000] "GET /stream HTTP/1.1" 200 14244 "referer" "user agent" 2</c>.
/// </summary>
public static class AccessLogLine
{
    public static string Format(string address, string? user, DateTimeOffset startedAt, string requestLine, int status, long bytes,
        string? referer, string? userAgent, TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{address} - {Field(user)} [{startedAt.ToUniversalTime():dd/MMM/yyyy:HH:mm:ss} +0000] \"{Escape(requestLine)}\" {status} {bytes} \"{Field(referer)}\" \"{Field(userAgent)}\" {(long)duration.TotalSeconds}");

    private static string Field(string? value) => string.IsNullOrEmpty(value) ? "-" : Escape(value);

    /// <summary>
    /// What a client sent cannot end a field early or start a new line: as icecast2 does, quotes and control
    /// characters become dots.
    /// </summary>
    private static string Escape(string value) =>
        string.Create(value.Length, value, static (target, source) =>
        {
            for (var index = 0; index < source.Length; index++)
                target[index] = source[index] == '"' || char.IsControl(source[index]) ? '.' : source[index];
        });
}
