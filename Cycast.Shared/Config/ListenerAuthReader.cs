namespace Cycast.Shared.Config;

/// <summary>
/// Reads a mount's <c>auth { }</c> block. The keys are Icecast's <c>&lt;option name=...&gt;</c> names, so a station's
/// icecast.xml carries over word for word. What cannot work is refused at load, naming file, line and key: an unknown
/// type, an htpasswd file that cannot be read, a URL that is not absolute http(s).
/// </summary>
internal static class ListenerAuthReader
{
    private const double MaxTimeoutSeconds = 60;

    public static ListenerAuthSettings? Read(BlockReader mount)
    {
        if (mount.Nested("auth") is not { } nested)
            return null;
        var (auth, position) = nested;
        var type = auth.RequiredString("type", "\"htpasswd\" or \"url\"", position);
        ListenerAuthSettings settings = type switch
        {
            "htpasswd" => ReadHtpasswd(auth, position),
            "url" => ReadUrl(auth, position),
            _ => throw auth.Invalid("type", auth.PositionOf("type"), $"expected \"htpasswd\" or \"url\", got {HclString.Quote(type)}"),
        };
        auth.RejectUnknown();
        return settings;
    }

    private static HtpasswdAuthSettings ReadHtpasswd(BlockReader auth, SourcePosition position)
    {
        var filename = auth.RequiredString("filename", "the path of a file of user:hash lines", position);
        try
        {
            // Read once here, so a file that is not there, or not readable, stops start-up rather than refusing everyone.
            using var _ = File.OpenRead(filename);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw auth.Invalid("filename", auth.PositionOf("filename"), $"cannot read {HclString.Quote(filename)}: {error.Message}");
        }
        return new HtpasswdAuthSettings(filename);
    }

    private static UrlAuthSettings ReadUrl(BlockReader auth, SourcePosition position)
    {
        const string url = "an absolute http:// or https:// URL";
        var add = auth.RequiredString("listener_add", url, position);
        var remove = auth.String("listener_remove", "", url, HttpUrl.IsValid);
        var header = auth.String("auth_header", UrlAuthSettings.DefaultAuthHeader, "a header line such as \"icecast-auth-user: 1\"",
            line => line.Contains(':', StringComparison.Ordinal) && line.Split(':', 2)[0].Trim().Length > 0);
        var timeout = auth.Number("timeout", UrlAuthSettings.DefaultTimeout.TotalSeconds,
            $"a number of seconds greater than 0 and at most {MaxTimeoutSeconds}", seconds => seconds > 0 && seconds <= MaxTimeoutSeconds);
        if (!HttpUrl.IsValid(add))
            throw auth.Invalid("listener_add", auth.PositionOf("listener_add"), $"expected {url}, got {HclString.Quote(add)}");
        var credentials = auth.CredentialPair("the backend's", position);
        return new UrlAuthSettings(new Uri(add), remove.Length > 0 ? new Uri(remove) : null, header,
            credentials?.Username, credentials?.Password, TimeSpan.FromSeconds(timeout));
    }
}
