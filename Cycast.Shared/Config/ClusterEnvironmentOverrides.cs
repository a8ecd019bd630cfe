using System.Globalization;

namespace Cycast.Shared.Config;

/// <summary>
/// Lets CYCAST_CLUSTER_* environment variables override the cluster block, so one file can serve every node
/// of a cluster started side by side. An empty variable counts as unset: shells and compose files often
/// define a variable as empty rather than leave it out.
/// </summary>
internal static class ClusterEnvironmentOverrides
{
    private const string HostnameVariable = "CYCAST_CLUSTER_HOSTNAME";
    private const string PortVariable = "CYCAST_CLUSTER_PORT";
    private const string SeedNodesVariable = "CYCAST_CLUSTER_SEED_NODES";
    private const string NodeNameVariable = "CYCAST_CLUSTER_NODE_NAME";
    private const string SecretVariable = "CYCAST_CLUSTER_SECRET";

    public static ClusterSettings Apply(ClusterSettings fromFile, Func<string, string?> environment)
    {
        var settings = fromFile;
        if (Read(environment, HostnameVariable) is { } hostname)
        {
            settings = settings with
            {
                Hostname = ClusterSettings.IsHostname(hostname)
                    ? hostname
                    : throw Invalid(HostnameVariable, "cluster.hostname", ClusterSettings.HostnameRule, hostname),
            };
        }
        if (Read(environment, PortVariable) is { } portText)
        {
            settings = settings with
            {
                Port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                    ? port
                    : throw Invalid(PortVariable, "cluster.port", BlockReader.DescribeRange(0, 65535), portText),
            };
        }
        if (Read(environment, SeedNodesVariable) is { } seedNodesText)
        {
            var seedNodes = seedNodesText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var invalid = seedNodes.FirstOrDefault(node => !ClusterSettings.IsSeedNode(node));
            settings = settings with
            {
                SeedNodes = invalid is null
                    ? seedNodes
                    : throw Invalid(SeedNodesVariable, "cluster.seed_nodes", $"a comma-separated list where each entry is {ClusterSettings.SeedNodeRule}", invalid),
            };
        }
        if (Read(environment, NodeNameVariable) is { } nodeName)
            settings = settings with { NodeName = nodeName };
        if (Read(environment, SecretVariable) is { } secret)
        {
            settings = settings with
            {
                // The secret itself never goes into an error message.
                Secret = ClusterSettings.IsSecret(secret)
                    ? secret
                    : throw Invalid(SecretVariable, "cluster.secret", ClusterSettings.SecretRule, $"{secret.Length} characters"),
            };
        }
        return settings;
    }

    private static string? Read(Func<string, string?> environment, string variable) =>
        environment(variable)?.Trim() is { Length: > 0 } value ? value : null;

    private static ConfigException Invalid(string variable, string key, string expectation, string got) =>
        new($"environment variable {variable}", null, key, $"{key}: expected {expectation}, got {HclString.Quote(got)}");
}
