using System.Globalization;

namespace Cycast.Shared.Config;

/// <summary>
/// The Cycast extension block <c>cluster { }</c>. Each key can be overridden by an environment variable,
/// which wins over the file; an empty variable counts as unset.
/// </summary>
/// <param name="Hostname"><c>hostname</c> / CYCAST_CLUSTER_HOSTNAME: address this node is reachable at (default "127.0.0.1").</param>
/// <param name="Port"><c>port</c> / CYCAST_CLUSTER_PORT: 0-65535, 0 = pick any free port (default 0).</param>
/// <param name="SeedNodes"><c>seed_nodes</c> / CYCAST_CLUSTER_SEED_NODES (comma-separated): "host:port" entries, port 1-65535 (default none).</param>
/// <param name="NodeName"><c>node_name</c> / CYCAST_CLUSTER_NODE_NAME: the name public pages and APIs call this node by (default: the host name).</param>
/// <param name="Secret"><c>secret</c> / CYCAST_CLUSTER_SECRET: shared by every node of the cluster, at least 16 characters; with it, nodes talk
/// over mutual TLS and admit only nodes that hold it (default none: remoting is open to whoever reaches the port).</param>
public sealed record ClusterSettings(string Hostname, int Port, IReadOnlyList<string> SeedNodes, string NodeName, string? Secret = null)
{
    internal const string HostnameRule = "a non-empty host name without spaces";
    internal const string SecretRule = "a secret of at least 16 characters";

    internal static bool IsSecret(string text) => text.Length >= 16;
    internal const string SeedNodeRule = "\"host:port\" with a port between 1 and 65535";

    internal static bool IsHostname(string text) => text.Length > 0 && !text.Any(char.IsWhiteSpace);

    internal static bool IsSeedNode(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0
            && IsHostname(text[..colon])
            && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
    }
}
