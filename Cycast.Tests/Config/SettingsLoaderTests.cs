using Cycast.Shared.Config;
using static Cycast.Tests.Config.ConfigSamples;

namespace Cycast.Tests.Config;

public class SettingsLoaderTests
{
    [Fact]
    public void Spec_example_loads_every_value()
    {
        var settings = Load(SpecExample).Settings;

        Assert.Equal(new ServerSettings("0.0.0.0", 8000, 8001, "hackme", "/stream"), settings.Server);
        Assert.Equal(new BufferSettings(10, 65536, 524288), settings.Buffer);
        Assert.Equal(10 * 1024 * 1024, settings.Buffer.SizeBytes);
        Assert.Equal("./music", settings.Playlist.Directory);
        Assert.True(settings.Playlist.Shuffle);
        Assert.Equal([".mp3", ".ogg"], settings.Playlist.Extensions);
        Assert.Equal(new BroadcasterSettings(8192, BroadcasterSettings.DefaultLatencyBudget), settings.Broadcaster);
        Assert.Equal(new MetadataSettings("Cycast Radio", "Your Description", "Various", "http://localhost:8001", true, 16000, "icemaster@localhost", "Earth"), settings.Metadata);
        Assert.Equal(new AdvancedSettings(0, TimeSpan.FromSeconds(10), false, true, false, "change-me-in-production", 100, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15), 10), settings.Advanced);
        Assert.Equal(
            [
                new MountSettings("/main", "main-pass", "./music/main", "Cycast Radio", "Your Description", "Various", "http://localhost:8001", 0),
                new MountSettings("/alternative", "alt-pass", "./music/alternative", "Cycast Radio", "Your Description", "Various", "http://localhost:8001", 0),
            ],
            settings.Mounts);
        Assert.Equal("127.0.0.1", settings.Cluster.Hostname);
        Assert.Equal(0, settings.Cluster.Port);
        Assert.Empty(settings.Cluster.SeedNodes);
    }

    /// <summary>The spec example uses the defaults, so only non-default values prove each key is actually read.</summary>
    [Fact]
    public void Every_key_is_read_from_the_file()
    {
        var settings = Load("""
            server {
              host = "127.0.0.2"
              source_port = 9000
              listen_port = 9001
              source_password = "s3cret"
              mount_point = "/live"
            }
            buffer {
              size_mb = 20
              burst_size = 0
              queue_size = 100000
            }
            playlist {
              directory = "/srv/music"
              shuffle = false
              extensions = [".flac"]
            }
            broadcaster {
              chunk_size = 4096
            }
            metadata {
              station_name = "N"
              station_description = "D"
              station_genre = "G"
              station_url = "http://u"
              enable_icy = false
              icy_metaint = 8192
              admin = "ops@radio.example"
              location = "Oslo"
            }
            advanced {
              max_listeners = 50
              source_timeout = 2.5
              verbose_logging = true
              enable_stats = false
              flask_debug = true
              flask_secret_key = "k"
              max_mounts = 7
              mount_idle_timeout = 1.5
              header_timeout = 4
              wrong_password_limit = 3
              access_log = "/var/log/cycast/access.log"
            }
            cluster {
              hostname = "10.1.2.3"
              port = 4053
              seed_nodes = ["10.1.2.3:4053", "node-b:4054"]
            }
            """).Settings;

        Assert.Equal(new ServerSettings("127.0.0.2", 9000, 9001, "s3cret", "/live"), settings.Server);
        Assert.Equal(new BufferSettings(20, 0, 100000), settings.Buffer);
        Assert.Equal("/srv/music", settings.Playlist.Directory);
        Assert.False(settings.Playlist.Shuffle);
        Assert.Equal([".flac"], settings.Playlist.Extensions);
        Assert.Equal(new BroadcasterSettings(4096, BroadcasterSettings.DefaultLatencyBudget), settings.Broadcaster);
        Assert.Equal(new MetadataSettings("N", "D", "G", "http://u", false, 8192, "ops@radio.example", "Oslo"), settings.Metadata);
        Assert.Equal(new AdvancedSettings(50, TimeSpan.FromSeconds(2.5), true, false, true, "k", 7, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4), 3, "/var/log/cycast/access.log"), settings.Advanced);
        Assert.Equal("10.1.2.3", settings.Cluster.Hostname);
        Assert.Equal(4053, settings.Cluster.Port);
        Assert.Equal(["10.1.2.3:4053", "node-b:4054"], settings.Cluster.SeedNodes);
    }

    [Fact]
    public void Defaults_match_the_documented_schema_and_an_empty_file()
    {
        var defaults = SettingsLoader.Defaults(NoEnvironment);
        var empty = Load("# nothing but a comment\n");

        foreach (var settings in new[] { defaults.Settings, empty.Settings })
        {
            Assert.Equal(new ServerSettings("0.0.0.0", 8000, 8001, "hackme", "/stream"), settings.Server);
            Assert.Equal(new BufferSettings(10, 65536, 524288), settings.Buffer);
            Assert.Equal("./music", settings.Playlist.Directory);
            Assert.True(settings.Playlist.Shuffle);
            Assert.Equal([".mp3", ".ogg"], settings.Playlist.Extensions);
            Assert.Equal(new BroadcasterSettings(8192, BroadcasterSettings.DefaultLatencyBudget), settings.Broadcaster);
            Assert.Equal(new MetadataSettings("Cycast Radio", "Your Description", "Various", "http://localhost:8001", true, 16000, "icemaster@localhost", "Earth"), settings.Metadata);
            Assert.Equal(new AdvancedSettings(0, TimeSpan.FromSeconds(10), false, true, false, "change-me-in-production", 100, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15), 10), settings.Advanced);
            Assert.Empty(settings.Mounts);
            Assert.Equal("127.0.0.1", settings.Cluster.Hostname);
            Assert.Equal(0, settings.Cluster.Port);
            Assert.Empty(settings.Cluster.SeedNodes);
        }
        Assert.Empty(defaults.Notices);
        Assert.Empty(empty.Notices);
    }

    [Fact]
    public void Integer_literals_are_accepted_where_numbers_are_expected()
    {
        var loaded = Load("""
            advanced {
              source_timeout = 30
            }
            broadcaster {
              sleep_low = 1
            }
            """);

        Assert.Equal(TimeSpan.FromSeconds(30), loaded.Settings.Advanced.SourceTimeout);
        Assert.Single(loaded.Notices);
    }

    [Fact]
    public void Sleep_settings_are_accepted_and_each_produces_a_positioned_notice()
    {
        var loaded = Load(SpecExample);

        Assert.Equal(
            [
                "config.hcl:18:3: broadcaster.sleep_high is ignored: Cycast is event-driven and never sleeps between chunks",
                "config.hcl:19:3: broadcaster.sleep_medium is ignored: Cycast is event-driven and never sleeps between chunks",
                "config.hcl:20:3: broadcaster.sleep_low is ignored: Cycast is event-driven and never sleeps between chunks",
            ],
            loaded.Notices);
    }

    [Fact]
    public void Mount_blocks_inherit_every_unset_value_from_the_global_settings()
    {
        var settings = Load("""
            server {
              source_password = "global-pass"
            }
            playlist {
              directory = "/music"
            }
            metadata {
              station_name = "Global"
              station_description = "Global description"
              station_genre = "Jazz"
              station_url = "http://global"
            }
            advanced {
              max_listeners = 7
            }
            mount "/inherits" {
            }
            mount "/overrides" {
              source_password = "own-pass"
              playlist_directory = "/music/own"
              station_name = "Own"
              station_description = "Own description"
              station_genre = "Rock"
              station_url = "http://own"
              max_listeners = 0
              allow_passthrough = true
            }
            """).Settings;

        Assert.Equal(
            [
                new MountSettings("/inherits", "global-pass", "/music", "Global", "Global description", "Jazz", "http://global", 7),
                new MountSettings("/overrides", "own-pass", "/music/own", "Own", "Own description", "Rock", "http://own", 0, AllowPassthrough: true),
            ],
            settings.Mounts);
    }

    [Fact]
    public void Effective_mounts_are_the_server_mount_point_alone_without_mount_blocks()
    {
        var settings = Load("""
            server {
              source_password = "pw"
              mount_point = "/radio"
            }
            """).Settings;

        var mount = Assert.Single(settings.EffectiveMounts);
        Assert.Equal(new MountSettings("/radio", "pw", "./music", "Cycast Radio", "Your Description", "Various", "http://localhost:8001", 0), mount);
    }

    [Fact]
    public void Effective_mounts_add_the_server_mount_point_after_the_mount_blocks()
    {
        var settings = Load(SpecExample).Settings;

        Assert.Equal(["/main", "/alternative", "/stream"], settings.EffectiveMounts.Select(m => m.Path));
        Assert.Equal("hackme", settings.EffectiveMounts[2].SourcePassword);
        Assert.Equal("./music", settings.EffectiveMounts[2].PlaylistDirectory);
    }

    [Fact]
    public void A_mount_block_at_the_server_mount_point_replaces_the_built_in_one()
    {
        var settings = Load("""
            mount "/stream" {
              source_password = "block-pass"
            }
            mount "/other" {
            }
            """).Settings;

        Assert.Equal(["/stream", "/other"], settings.EffectiveMounts.Select(m => m.Path));
        Assert.Equal("block-pass", settings.EffectiveMounts[0].SourcePassword);
    }

    [Fact]
    public void Effective_mounts_follow_a_changed_copy()
    {
        var settings = Load("").Settings;

        var moved = settings with { Server = settings.Server with { MountPoint = "/moved" } };

        Assert.Equal("/moved", Assert.Single(moved.EffectiveMounts).Path);
    }

    [Fact]
    public void Relative_playlist_directories_are_kept_as_written()
    {
        var settings = Load("""
            playlist {
              directory = "../music"
            }
            mount "/a" {
              playlist_directory = "sub/dir"
            }
            """).Settings;

        Assert.Equal("../music", settings.Playlist.Directory);
        Assert.Equal("sub/dir", settings.Mounts[0].PlaylistDirectory);
    }

    [Fact]
    public void Load_file_reads_the_file_and_names_it_as_given_in_messages()
    {
        var directory = Directory.CreateTempSubdirectory("cycast-config-");
        try
        {
            var good = Path.Combine(directory.FullName, "good.hcl");
            File.WriteAllText(good, "server {\n  listen_port = 9100\n}\n");
            var bad = Path.Combine(directory.FullName, "bad.hcl");
            File.WriteAllText(bad, "server {\n  listen_port = 0\n}\n");

            Assert.Equal(9100, SettingsLoader.LoadFile(good, NoEnvironment).Settings.Server.ListenPort);
            var error = Assert.Throws<ConfigException>(() => SettingsLoader.LoadFile(bad, NoEnvironment));
            Assert.Equal($"{bad}:2:3: server.listen_port: expected an integer between 1 and 65535, got 0", error.Message);
            Assert.Equal(bad, error.File);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_file_reports_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cycast-missing-{Guid.NewGuid():N}", "config.hcl");

        var error = Assert.Throws<ConfigException>(() => SettingsLoader.LoadFile(path, NoEnvironment));

        Assert.Equal($"{path}: file not found", error.Message);
        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Line);
        Assert.Equal(0, error.Column);
        Assert.Null(error.Key);
    }

    [Fact]
    public void The_admin_block_names_the_admin_and_the_proxies_whose_forwarded_addresses_count()
    {
        var settings = SettingsLoader.Parse("""
            admin {
              password = "secret"
              trusted_proxies = ["127.0.0.1", "10.0.0.0/8", "::1"]
            }
            """, "config.hcl").Settings;
        var admin = Assert.IsType<AdminSettings>(settings.Admin);
        Assert.Equal(("admin", "secret"), (admin.User, admin.Password));
        Assert.True(admin.Trusts(System.Net.IPAddress.Parse("10.1.2.3")));
        Assert.True(admin.Trusts(System.Net.IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(admin.Trusts(System.Net.IPAddress.Parse("127.0.0.2")));
        Assert.Null(SettingsLoader.Parse("", "config.hcl").Settings.Admin);
        Assert.Equal(Environment.MachineName, SettingsLoader.Parse("", "config.hcl").Settings.Cluster.NodeName);
    }
}
