using Cycast.Shared.Config;
using Cycast.Tests.Support;

namespace Cycast.Tests.Cli;

/// <summary>
/// <c>cycast import-icecast</c>, run as its own process: what it prints loads with Cycast's own loader and means what
/// the Icecast file meant, and every element it cannot carry over is named on stderr with its line.
/// </summary>
public sealed class ImportIcecastTests : IDisposable
{
    private const string DebianDefault = "/etc/icecast2/icecast.xml";

    // A directory of the test's own, deleted afterwards.
    private readonly TempMusicDirectory _directory = new();

    public void Dispose() => _directory.Dispose();


    /// <summary>Debian's own file, read where the icecast2 package puts it (its licence is Icecast's GPL: not copied here).</summary>
    [FactWhenInstalled(DebianDefault, "icecast2")]
    public async Task Debians_default_icecast_xml_becomes_a_config_that_loads_and_means_the_same()
    {
        var result = await CycastCli.RunAsync("import-icecast", DebianDefault);

        Assert.Equal(0, result.ExitCode);
        var settings = Load(result.Stdout);
        Assert.Equal((8000, 8001, "hackme"), (settings.Server.ListenPort, settings.Server.SourcePort, settings.Server.SourcePassword));
        Assert.Equal((65535, 524288), (settings.Buffer.BurstSize, settings.Buffer.QueueSize));
        Assert.Equal((100, 2), (settings.Advanced.MaxListeners, settings.Advanced.MaxMounts));
        Assert.Equal(("Earth", "icemaster@localhost"), (settings.Metadata.Location, settings.Metadata.Admin));
        Assert.Equal(("admin", "hackme"), (settings.Admin!.User, settings.Admin.Password));
        Assert.Equal("/var/log/icecast2/access.log", settings.Advanced.AccessLog);
        var lines = await File.ReadAllLinesAsync(DebianDefault);
        foreach (var element in new[] { "relay-password", "hostname", "fileserve", "client-timeout", "webroot", "errorlog" })
            Assert.Contains($"icecast.xml:{LineOf(lines, $"<{element}>")}: ", Reported(result, element));
        // CORS for everyone and / as the status page are what Cycast does anyway.
        Assert.DoesNotContain("http-headers", result.Stderr);
        Assert.DoesNotContain("alias", result.Stderr);
    }

    [Fact]
    public async Task Relays_and_auth_are_named_and_mounts_carry_their_icecast_options_and_fallbacks()
    {
        var intro = Path.Combine(RepoMusic.Directory, "cycast-a440.mp3");
        var xml = Path.Combine(_directory.Path, "icecast.xml");
        await File.WriteAllTextAsync(xml, $"""
            <icecast>
              <limits>
                <clients>500</clients>
                <queue-size>4000000</queue-size>
                <burst-size>131072</burst-size>
              </limits>
              <authentication>
                <source-password>station-secret</source-password>
                <admin-user>boss</admin-user>
                <admin-password>admin-secret</admin-password>
              </authentication>
              <listen-socket>
                <port>9000</port>
                <bind-address>127.0.0.1</bind-address>
              </listen-socket>
              <listen-socket>
                <port>9443</port>
                <ssl>1</ssl>
              </listen-socket>
              <http-headers>
                <header name="X-Station" value="ours" />
              </http-headers>
              <master-server>master.example</master-server>
              <master-password>relay-secret</master-password>
              <relay>
                <server>upstream.example</server>
                <port>8000</port>
                <mount>/upstream</mount>
                <local-mount>/relayed</local-mount>
                <on-demand>1</on-demand>
              </relay>
              <mount type="default">
                <max-listener-duration>7200</max-listener-duration>
              </mount>
              <mount type="normal">
                <mount-name>/live</mount-name>
                <username>source</username>
                <password>live-secret</password>
                <max-listeners>50</max-listeners>
                <max-listener-duration>3600</max-listener-duration>
                <burst-size>32768</burst-size>
                <stream-name>Live Show</stream-name>
                <stream-description>From the studio</stream-description>
                <stream-url>https://radio.example</stream-url>
                <genre>Talk</genre>
                <public>1</public>
                <hidden>0</hidden>
                <charset>ISO8859-1</charset>
                <intro>{intro}</intro>
                <fallback-mount>/automation</fallback-mount>
                <fallback-override>1</fallback-override>
                <fallback-when-full>1</fallback-when-full>
                <dump-file>/var/recordings/live-%Y%m%d.mp3</dump-file>
                <authentication type="htpasswd">
                  <option name="filename" value="/etc/icecast2/listeners"/>
                </authentication>
              </mount>
              <mount>
                <mount-name>/automation</mount-name>
                <hidden>1</hidden>
                <burst-size>200000</burst-size>
                <queue-size>100000</queue-size>
              </mount>
              <mount>
                <mount-name>/admin/sneaky</mount-name>
              </mount>
              <shoutcast-mount>/sc</shoutcast-mount>
            </icecast>
            """);

        var result = await CycastCli.RunAsync("import-icecast", xml);

        Assert.Equal(0, result.ExitCode);
        var settings = Load(result.Stdout);
        Assert.Equal(("127.0.0.1", 9000, 9001, "station-secret"), (settings.Server.Host, settings.Server.ListenPort, settings.Server.SourcePort, settings.Server.SourcePassword));
        Assert.Equal((131072, 4000000), (settings.Buffer.BurstSize, settings.Buffer.QueueSize));
        Assert.True(settings.Buffer.SizeBytes >= 2 * 4000000, "the ring grows to hold twice the queue");
        Assert.Equal(("boss", "admin-secret"), (settings.Admin!.User, settings.Admin.Password));
        var live = settings.Mounts.Single(mount => mount.Path == "/live");
        Assert.Equal(("live-secret", 50, intro), (live.SourcePassword, live.MaxListeners, live.Intro));
        Assert.Equal("/var/recordings/live-%Y%m%d.mp3", live.Recording?.File.Pattern);
        Assert.Equal(new MountLimits(TimeSpan.FromHours(1), 32768, null), live.Limits);
        Assert.Equal(new MountOverrides("Live Show", "From the studio", "https://radio.example", "Talk", true, false, "ISO-8859-1"), live.Overrides);
        Assert.Equal(new MountFallback("/automation", Override: true, WhenFull: true), live.Fallback);
        var automation = settings.Mounts.Single(mount => mount.Path == "/automation");
        Assert.True(automation.Overrides.Hidden);
        Assert.Equal(new MountLimits(null, 200000, 200000 + 8192), automation.Limits);
        Assert.DoesNotContain(settings.Mounts, mount => mount.Path == "/admin/sneaky");

        var lines = await File.ReadAllLinesAsync(xml);
        foreach (var (element, why) in new[]
        {
            ("relay", "relay { } block of the mount named by its <local-mount>"), ("master-server", "no master/slave mode"), ("master-password", "no master/slave mode"),
            ("authentication type=\"htpasswd\"", "auth { } block"),
            ("mount type=\"default\"", "in each mount block"), ("ssl", "tls"), ("header name=\"X-Station\"", "no configured headers"),
            ("shoutcast-mount", "no such setting"), ("mount-name>/admin/sneaky", "Cycast's own pages"),
        })
        {
            var line = LineOf(lines, $"<{element}");
            Assert.Contains(result.Stderr.Split('\n'), reported => reported.StartsWith($"icecast.xml:{line}: ", StringComparison.Ordinal) && reported.Contains(why, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_file_that_is_not_an_icecast_configuration_is_one_clear_error()
    {
        var notXml = Path.Combine(_directory.Path, "config.hcl");
        await File.WriteAllTextAsync(notXml, "server { }\n");
        var notIcecast = Path.Combine(_directory.Path, "other.xml");
        await File.WriteAllTextAsync(notIcecast, "<shoutcast/>\n");

        CycastCli.AssertOneLineError(await CycastCli.RunAsync("import-icecast", notXml), "config.hcl: Data at the root level is invalid. Line 1, position 1.");
        CycastCli.AssertOneLineError(await CycastCli.RunAsync("import-icecast", notIcecast), "the root element is <shoutcast>, not <icecast>");
        CycastCli.AssertOneLineError(await CycastCli.RunAsync("import-icecast", Path.Combine(_directory.Path, "missing.xml")), "cannot read");
    }

    private static CycastSettings Load(string hcl) => SettingsLoader.Parse(hcl, "imported.hcl").Settings;

    private static int LineOf(string[] lines, string text) => Array.FindIndex(lines, line => line.Contains(text, StringComparison.Ordinal)) + 1;

    private static string Reported(CycastCli.Result result, string element) =>
        result.Stderr.Split('\n').SingleOrDefault(line => line.Contains($"<{element}>: not carried over", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"<{element}> is not reported:\n{result.Stderr}");
}
