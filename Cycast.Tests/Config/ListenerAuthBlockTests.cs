using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

/// <summary>A mount's <c>auth { }</c> block: Icecast's option names, and every mistake named by file, line and key.</summary>
public sealed class ListenerAuthBlockTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static MountSettings Mount(string auth) =>
        SettingsLoader.Parse($"mount \"/live\" {{\n  auth {{\n{auth}\n  }}\n}}\n", "auth.hcl", NoEnvironment).Settings.Mounts.Single();

    private static ConfigException Refused(string auth) =>
        Assert.Throws<ConfigException>(() => Mount(auth));

    [Fact]
    public void An_htpasswd_block_names_its_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(new HtpasswdAuthSettings(file), Mount($"type = \"htpasswd\"\nfilename = \"{file}\"").Auth);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_url_block_takes_icecasts_option_names_and_a_short_default_timeout()
    {
        var auth = Assert.IsType<UrlAuthSettings>(Mount("""
            type = "url"
            listener_add = "http://auth.example/add"
            listener_remove = "https://auth.example/remove"
            username = "station"
            password = "secret"
            """).Auth);
        Assert.Equal(new Uri("http://auth.example/add"), auth.ListenerAdd);
        Assert.Equal(new Uri("https://auth.example/remove"), auth.ListenerRemove);
        Assert.Equal(("station", "secret"), (auth.Username, auth.Password));
        Assert.Equal("icecast-auth-user: 1", auth.AuthHeader);
        Assert.Equal(TimeSpan.FromSeconds(5), auth.Timeout);
    }

    [Fact]
    public void A_mount_without_an_auth_block_lets_everyone_in()
    {
        Assert.Null(SettingsLoader.Parse("mount \"/live\" { }\n", "auth.hcl", NoEnvironment).Settings.Mounts.Single().Auth);
    }

    [Fact]
    public void A_missing_htpasswd_file_names_the_line_and_key()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"cycast-missing-{Guid.NewGuid():N}.htpasswd");
        var error = Refused($"type = \"htpasswd\"\nfilename = \"{missing}\"");
        Assert.Equal(("mount \"/live\".auth.filename", 4), (error.Key, error.Line));
        Assert.Contains($"auth.hcl:4:1: mount \"/live\".auth.filename: cannot read \"{missing}\"", error.Message);
    }

    [Fact]
    public void An_unknown_type_names_the_line_and_key()
    {
        var error = Refused("type = \"ldap\"");
        Assert.Equal(("mount \"/live\".auth.type", 3), (error.Key, error.Line));
        Assert.Contains("expected \"htpasswd\" or \"url\", got \"ldap\"", error.Message);
    }

    [Fact]
    public void A_block_without_a_type_names_the_block()
    {
        var error = Refused("filename = \"x\"");
        Assert.Equal(("mount \"/live\".auth.type", 2), (error.Key, error.Line));
    }

    [Theory]
    [InlineData("listener_add = \"auth.example/add\"", "listener_add")]
    [InlineData("listener_add = \"ftp://auth.example/add\"", "listener_add")]
    [InlineData("listener_add = \"http://a/add\"\nlistener_remove = \"/remove\"", "listener_remove")]
    [InlineData("listener_add = \"http://a/add\"\ntimeout = 0", "timeout")]
    [InlineData("listener_add = \"http://a/add\"\nusername = \"station\"", "password")]
    public void A_bad_url_setting_names_its_key(string keys, string key)
    {
        var error = Refused($"type = \"url\"\n{keys}");
        Assert.Equal($"mount \"/live\".auth.{key}", error.Key);
        Assert.NotEqual(0, error.Line);
    }

    [Fact]
    public void A_key_of_the_other_type_is_unknown()
    {
        var error = Refused("type = \"url\"\nlistener_add = \"http://a/add\"\nfilename = \"x\"");
        Assert.Equal(("mount \"/live\".auth.filename", 5), (error.Key, error.Line));
    }

    [Fact]
    public void Two_auth_blocks_are_refused()
    {
        var error = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(
            "mount \"/live\" {\n  auth {\n type = \"url\"\nlistener_add = \"http://a/\"\n }\n  auth { }\n}\n", "auth.hcl", NoEnvironment));
        Assert.Equal(("mount \"/live\".auth", 6), (error.Key, error.Line));
    }
}
