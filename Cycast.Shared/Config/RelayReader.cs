namespace Cycast.Shared.Config;

/// <summary>
/// Reads a mount's <c>relay { }</c> block. What cannot work is refused at load, naming file, line and key: a block
/// without <c>url</c>, a URL that is not absolute http(s), half a pair of credentials, a retry cap below its start.
/// </summary>
internal static class RelayReader
{
    private const double MaxRetrySeconds = 3600;

    public static RelaySettings? Read(BlockReader mount)
    {
        if (mount.Nested("relay") is not { } nested)
            return null;
        var (relay, position) = nested;
        const string url = "an absolute http:// or https:// URL of the upstream mount, e.g. \"http://upstream:8000/live\"";
        var text = relay.RequiredString("url", url, position);
        if (!HttpUrl.TryParse(text, out var upstream) || upstream.UserInfo.Length > 0)
        {
            throw relay.Invalid("url", relay.PositionOf("url"),
                $"expected {url}{(upstream?.UserInfo.Length > 0 ? " without credentials (set username and password)" : "")}, got {HclString.Quote(text)}");
        }
        var credentials = relay.CredentialPair("the upstream's", position);
        var seconds = $"a number of seconds greater than 0 and at most {MaxRetrySeconds}";
        var first = relay.Number("retry_seconds", 2, seconds, value => value > 0 && value <= MaxRetrySeconds);
        var max = relay.Number("retry_max_seconds", 60, seconds, value => value > 0 && value <= MaxRetrySeconds);
        if (max < first)
            throw relay.Invalid("retry_max_seconds", relay.PositionOf("retry_max_seconds") ?? relay.PositionOf("retry_seconds"), $"is below retry_seconds ({first})");
        var caFile = relay.String("ca_file", "", "the path of a readable PEM file of certificate authorities", File.Exists);
        var settings = new RelaySettings(upstream, credentials?.Username, credentials?.Password,
            RelayMetadata: relay.Bool("relay_metadata", true), OnDemand: relay.Bool("on_demand", false),
            TimeSpan.FromSeconds(first), TimeSpan.FromSeconds(max), caFile.Length > 0 ? caFile : null);
        relay.RejectUnknown();
        return settings;
    }
}
