namespace Cycast.Shared.Config;

/// <summary>
/// Lets CYCAST_SERVER_HOST override server.host, so a node file written for its own loopback address (127.0.0.2)
/// also serves the same node in a container, where it must listen on the container's network (0.0.0.0). An empty
/// variable counts as unset, as for the CYCAST_CLUSTER_* variables.
/// </summary>
internal static class ServerHostOverride
{
    private const string Variable = "CYCAST_SERVER_HOST";

    public static ServerSettings Apply(ServerSettings fromFile, Func<string, string?> environment)
    {
        if (environment(Variable)?.Trim() is not { Length: > 0 } host)
            return fromFile;
        return SettingsBinder.IsIpAddress(host)
            ? fromFile with { Host = host }
            : throw new ConfigException($"environment variable {Variable}", null, "server.host",
                $"server.host: expected an IP address such as \"0.0.0.0\", got {HclString.Quote(host)}");
    }
}
