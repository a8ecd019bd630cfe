using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

public class ClusterEnvironmentTests
{
    private const string ClusterBlock = """
        cluster {
          hostname = "10.0.0.1"
          port = 4053
          seed_nodes = ["10.0.0.1:4053"]
        }
        """;

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static ClusterSettings Load(string hcl, Func<string, string?> environment) =>
        SettingsLoader.Parse(hcl, "config.hcl", environment).Settings.Cluster;

    [Fact]
    public void File_values_stand_when_no_variable_is_set()
    {
        var cluster = Load(ClusterBlock, Environment());

        Assert.Equal("10.0.0.1", cluster.Hostname);
        Assert.Equal(4053, cluster.Port);
        Assert.Equal(["10.0.0.1:4053"], cluster.SeedNodes);
    }

    [Fact]
    public void Each_variable_overrides_its_key_in_the_file()
    {
        var cluster = Load(ClusterBlock, Environment(
            ("CYCAST_CLUSTER_HOSTNAME", "10.0.0.2"),
            ("CYCAST_CLUSTER_PORT", "4054"),
            ("CYCAST_CLUSTER_SEED_NODES", " 10.0.0.1:4053 , node-b:4054,")));

        Assert.Equal("10.0.0.2", cluster.Hostname);
        Assert.Equal(4054, cluster.Port);
        Assert.Equal(["10.0.0.1:4053", "node-b:4054"], cluster.SeedNodes);
    }

    [Fact]
    public void One_variable_leaves_the_other_keys_to_the_file()
    {
        var cluster = Load(ClusterBlock, Environment(("CYCAST_CLUSTER_PORT", "0")));

        Assert.Equal("10.0.0.1", cluster.Hostname);
        Assert.Equal(0, cluster.Port);
        Assert.Equal(["10.0.0.1:4053"], cluster.SeedNodes);
    }

    [Fact]
    public void The_secret_comes_from_the_file_or_its_variable_and_defaults_to_none()
    {
        Assert.Null(Load(ClusterBlock, Environment()).Secret);
        Assert.Equal("sixteen characters", Load("cluster {\n  secret = \"sixteen characters\"\n}", Environment()).Secret);
        Assert.Equal("from the environment", Load(ClusterBlock, Environment(("CYCAST_CLUSTER_SECRET", "from the environment"))).Secret);
    }

    [Fact]
    public void Empty_variables_count_as_unset()
    {
        var cluster = Load(ClusterBlock, Environment(
            ("CYCAST_CLUSTER_HOSTNAME", ""),
            ("CYCAST_CLUSTER_PORT", "  "),
            ("CYCAST_CLUSTER_SEED_NODES", "")));

        Assert.Equal("10.0.0.1", cluster.Hostname);
        Assert.Equal(4053, cluster.Port);
        Assert.Equal(["10.0.0.1:4053"], cluster.SeedNodes);
    }

    [Fact]
    public void Variables_apply_to_the_built_in_defaults_too()
    {
        var cluster = SettingsLoader.Defaults(Environment(
            ("CYCAST_CLUSTER_HOSTNAME", "node-a"),
            ("CYCAST_CLUSTER_SEED_NODES", "node-a:4053"))).Settings.Cluster;

        Assert.Equal("node-a", cluster.Hostname);
        Assert.Equal(0, cluster.Port);
        Assert.Equal(["node-a:4053"], cluster.SeedNodes);
    }

    [Theory]
    [InlineData("CYCAST_CLUSTER_PORT", "abc", "environment variable CYCAST_CLUSTER_PORT: cluster.port: expected an integer between 0 and 65535, got \"abc\"", "cluster.port")]
    [InlineData("CYCAST_CLUSTER_PORT", "70000", "environment variable CYCAST_CLUSTER_PORT: cluster.port: expected an integer between 0 and 65535, got \"70000\"", "cluster.port")]
    [InlineData("CYCAST_CLUSTER_PORT", "-1", "environment variable CYCAST_CLUSTER_PORT: cluster.port: expected an integer between 0 and 65535, got \"-1\"", "cluster.port")]
    [InlineData("CYCAST_CLUSTER_HOSTNAME", "two words", "environment variable CYCAST_CLUSTER_HOSTNAME: cluster.hostname: expected a non-empty host name without spaces, got \"two words\"", "cluster.hostname")]
    [InlineData("CYCAST_CLUSTER_SECRET", "short secret", "environment variable CYCAST_CLUSTER_SECRET: cluster.secret: expected a secret of at least 16 characters, got \"12 characters\"", "cluster.secret")]
    [InlineData("CYCAST_CLUSTER_SEED_NODES", "a:1,b", "environment variable CYCAST_CLUSTER_SEED_NODES: cluster.seed_nodes: expected a comma-separated list where each entry is \"host:port\" with a port between 1 and 65535, got \"b\"", "cluster.seed_nodes")]
    public void Invalid_variables_fail_naming_the_variable_and_key(string variable, string value, string expectedMessage, string expectedKey)
    {
        var error = Assert.Throws<ConfigException>(() => Load(ClusterBlock, Environment((variable, value))));

        Assert.Equal(expectedMessage, error.Message);
        Assert.Equal(expectedKey, error.Key);
        Assert.Equal($"environment variable {variable}", error.File);
        Assert.Equal(0, error.Line);
    }
}
