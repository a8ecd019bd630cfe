using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

/// <summary>The <c>tls</c> block: its files are checked when the configuration is read, not at the first handshake.</summary>
public sealed class TlsBlockTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void A_missing_certificate_file_names_the_line_and_key()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"cycast-missing-{Guid.NewGuid():N}.pem");
        var error = Assert.Throws<ConfigException>(() =>
            SettingsLoader.Parse($"tls {{\n  certificate = \"{missing}\"\n  key = \"{missing}\"\n}}\n", "tls.hcl", NoEnvironment));
        Assert.Equal(("tls.certificate", 2, 3), (error.Key, error.Line, error.Column));
        Assert.StartsWith($"tls.hcl:2:3: tls.certificate: cannot read {missing}", error.Message);
    }

    [Fact]
    public void A_tls_block_without_a_key_names_the_block()
    {
        var error = Assert.Throws<ConfigException>(() =>
            SettingsLoader.Parse("\ntls {\n  certificate = \"/etc/ssl/cert.pem\"\n}\n", "tls.hcl", NoEnvironment));
        Assert.Equal(("tls.key", 2), (error.Key, error.Line));
    }

    [Fact]
    public void An_https_port_that_is_already_the_listen_port_is_refused()
    {
        var error = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(
            "server {\n  listen_port = 9000\n}\ntls {\n  certificate = \"a.pem\"\n  key = \"b.pem\"\n  https_port = 9000\n}\n", "tls.hcl", NoEnvironment));
        Assert.Equal(("tls.https_port", 7), (error.Key, error.Line));
    }
}
