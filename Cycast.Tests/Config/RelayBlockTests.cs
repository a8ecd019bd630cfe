using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

/// <summary>A mount's <c>relay { }</c> block: Icecast's <c>&lt;relay&gt;</c> options, and every mistake named by file, line and key.</summary>
public sealed class RelayBlockTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static MountSettings Mount(string relay) =>
        SettingsLoader.Parse($"mount \"/relayed\" {{\n  relay {{\n{relay}\n  }}\n}}\n", "relay.hcl", NoEnvironment).Settings.Mounts.Single();

    private static ConfigException Refused(string relay) =>
        Assert.Throws<ConfigException>(() => Mount(relay));

    [Fact]
    public void A_url_alone_relays_always_with_titles_and_a_short_first_retry()
    {
        var relay = Mount("url = \"http://upstream.example:8000/live\"").Relay;
        Assert.Equal(new RelaySettings(new Uri("http://upstream.example:8000/live"), null, null, RelayMetadata: true, OnDemand: false,
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), null), relay);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var relay = Mount("""
            url = "https://upstream.example/live.ogg"
            username = "relay"
            password = "secret"
            relay_metadata = false
            on_demand = true
            retry_seconds = 0.5
            retry_max_seconds = 10
            """).Relay!;
        Assert.Equal((new Uri("https://upstream.example/live.ogg"), "relay", "secret"), (relay.Url, relay.Username, relay.Password));
        Assert.Equal((false, true), (relay.RelayMetadata, relay.OnDemand));
        Assert.Equal((TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10)), (relay.RetryFirst, relay.RetryMax));
        Assert.Equal("https://upstream.example/live.ogg", relay.Upstream);
    }

    [Fact]
    public void A_mount_without_a_relay_block_waits_for_an_encoder()
    {
        Assert.Null(SettingsLoader.Parse("mount \"/live\" { }\n", "relay.hcl", NoEnvironment).Settings.Mounts.Single().Relay);
    }

    [Fact]
    public void A_block_without_a_url_names_the_block()
    {
        var error = Refused("on_demand = true");
        Assert.Equal(("mount \"/relayed\".relay.url", 2), (error.Key, error.Line));
        Assert.Contains("relay.hcl:2:3: mount \"/relayed\".relay.url: required in the mount \"/relayed\".relay block", error.Message);
    }

    [Theory]
    [InlineData("upstream.example/live")]
    [InlineData("ftp://upstream.example/live")]
    [InlineData("http:///live")]
    [InlineData("http://user:pass@upstream.example/live")]
    public void A_bad_url_names_the_line_and_key(string url)
    {
        var error = Refused($"url = \"{url}\"");
        Assert.Equal(("mount \"/relayed\".relay.url", 3), (error.Key, error.Line));
        Assert.Contains($"relay.hcl:3:1: mount \"/relayed\".relay.url: expected an absolute http:// or https:// URL", error.Message);
    }

    [Fact]
    public void Half_a_pair_of_credentials_is_refused()
    {
        var error = Refused("url = \"http://u.example/live\"\nusername = \"relay\"");
        Assert.Equal("mount \"/relayed\".relay.password", error.Key);
    }

    [Fact]
    public void A_retry_cap_below_the_first_wait_is_refused()
    {
        var error = Refused("url = \"http://u.example/live\"\nretry_seconds = 5\nretry_max_seconds = 1");
        Assert.Equal(("mount \"/relayed\".relay.retry_max_seconds", 5), (error.Key, error.Line));
    }

    [Fact]
    public void An_unknown_key_is_refused()
    {
        var error = Refused("url = \"http://u.example/live\"\nserver = \"u.example\"");
        Assert.Equal(("mount \"/relayed\".relay.server", 4), (error.Key, error.Line));
    }
}
