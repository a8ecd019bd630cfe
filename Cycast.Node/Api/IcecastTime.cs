using System.Globalization;

namespace Cycast.Node.Api;

/// <summary>Icecast's two ways of writing a time: RFC 822 for people, ISO 8601 (with a colonless offset) for scripts.</summary>
public static class IcecastTime
{
    public static string Rfc822(DateTimeOffset at) => at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static string Iso8601(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);
}
