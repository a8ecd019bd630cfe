using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

public sealed class ServerHostOverrideTests
{
    private const string ServerBlock = "server {\n  host = \"127.0.0.2\"\n}\n";

    private static ServerSettings Load(string? variable) =>
        SettingsLoader.Parse(ServerBlock, "node1.hcl", name => name == "CYCAST_SERVER_HOST" ? variable : null).Settings.Server;

    [Theory]
    [InlineData(null, "127.0.0.2")]
    [InlineData("", "127.0.0.2")]
    [InlineData(" 0.0.0.0 ", "0.0.0.0")]
    [InlineData("::", "::")]
    public void CYCAST_SERVER_HOST_overrides_the_files_host_when_set(string? variable, string expected) =>
        Assert.Equal(expected, Load(variable).Host);

    [Theory]
    [InlineData("node1")]
    [InlineData("1")]
    public void A_host_that_is_not_a_full_ip_address_is_refused_naming_the_variable(string variable)
    {
        var error = Assert.Throws<ConfigException>(() => Load(variable));
        Assert.Contains("CYCAST_SERVER_HOST", error.Message);
        Assert.Contains("server.host", error.Message);
    }
}
