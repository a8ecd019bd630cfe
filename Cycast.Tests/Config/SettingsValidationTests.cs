using Cycast.Shared.Config;
using static Cycast.Tests.Config.ConfigSamples;

namespace Cycast.Tests.Config;

/// <summary>Every rejected file must produce one message naming file, line, column and key.</summary>
public class SettingsValidationTests
{
    [Theory]
    // Wrong type.
    [InlineData("server {\n  source_port = \"abc\"\n}", "config.hcl:2:3: server.source_port: expected an integer between 1 and 65535, got \"abc\"", "server.source_port")]
    [InlineData("buffer {\n  size_mb = 10.5\n}", "config.hcl:2:3: buffer.size_mb: expected an integer between 1 and 1000, got 10.5", "buffer.size_mb")]
    [InlineData("playlist {\n  shuffle = \"yes\"\n}", "config.hcl:2:3: playlist.shuffle: expected true or false, got \"yes\"", "playlist.shuffle")]
    [InlineData("metadata {\n  station_name = 5\n}", "config.hcl:2:3: metadata.station_name: expected a string, got 5", "metadata.station_name")]
    [InlineData("advanced {\n  source_timeout = \"10\"\n}", "config.hcl:2:3: advanced.source_timeout: expected a number of seconds greater than 0 and at most 86400, got \"10\"", "advanced.source_timeout")]
    [InlineData("advanced {\n  enable_stats = [true]\n}", "config.hcl:2:3: advanced.enable_stats: expected true or false, got a list", "advanced.enable_stats")]
    [InlineData("playlist {\n  extensions = \".mp3\"\n}", "config.hcl:2:3: playlist.extensions: expected a list of file extensions such as [\".mp3\", \".ogg\"], got \".mp3\"", "playlist.extensions")]
    [InlineData("playlist {\n  extensions = [\".mp3\",\n    3]\n}", "config.hcl:3:5: playlist.extensions[1]: expected a file extension starting with '.', got 3", "playlist.extensions")]
    [InlineData("playlist {\n  extensions = [\"mp3\"]\n}", "config.hcl:2:17: playlist.extensions[0]: expected a file extension starting with '.', got \"mp3\"", "playlist.extensions")]
    [InlineData("broadcaster {\n  sleep_high = \"fast\"\n}", "config.hcl:2:3: broadcaster.sleep_high: expected a number, got \"fast\"", "broadcaster.sleep_high")]
    // Out of range.
    [InlineData("buffer {\n  size_mb = 0\n}", "config.hcl:2:3: buffer.size_mb: expected an integer between 1 and 1000, got 0", "buffer.size_mb")]
    [InlineData("buffer {\n  size_mb = 1001\n}", "config.hcl:2:3: buffer.size_mb: expected an integer between 1 and 1000, got 1001", "buffer.size_mb")]
    [InlineData("broadcaster {\n  chunk_size = 1023\n}", "config.hcl:2:3: broadcaster.chunk_size: expected an integer between 1024 and 65536, got 1023", "broadcaster.chunk_size")]
    [InlineData("broadcaster {\n  chunk_size = 65537\n}", "config.hcl:2:3: broadcaster.chunk_size: expected an integer between 1024 and 65536, got 65537", "broadcaster.chunk_size")]
    [InlineData("server {\n  listen_port = 65536\n}", "config.hcl:2:3: server.listen_port: expected an integer between 1 and 65535, got 65536", "server.listen_port")]
    [InlineData("server {\n  source_port = 0\n}", "config.hcl:2:3: server.source_port: expected an integer between 1 and 65535, got 0", "server.source_port")]
    [InlineData("metadata {\n  icy_metaint = 0\n}", "config.hcl:2:3: metadata.icy_metaint: expected an integer between 1 and 1048576, got 0", "metadata.icy_metaint")]
    [InlineData("advanced {\n  max_listeners = -1\n}", "config.hcl:2:3: advanced.max_listeners: expected an integer >= 0, got -1", "advanced.max_listeners")]
    [InlineData("advanced {\n  access_log = \"\"\n}", "config.hcl:2:3: advanced.access_log: expected a file path, got \"\"", "advanced.access_log")]
    [InlineData("advanced {\n  max_mounts = 0\n}", "config.hcl:2:3: advanced.max_mounts: expected an integer between 1 and 100000, got 0", "advanced.max_mounts")]
    [InlineData("advanced {\n  mount_idle_timeout = 0\n}", "config.hcl:2:3: advanced.mount_idle_timeout: expected a number of seconds greater than 0 and at most 86400, got 0", "advanced.mount_idle_timeout")]
    [InlineData("advanced {\n  source_timeout = 0.0\n}", "config.hcl:2:3: advanced.source_timeout: expected a number of seconds greater than 0 and at most 86400, got 0.0", "advanced.source_timeout")]
    [InlineData("server {\n  mount_point = \"stream\"\n}", "config.hcl:2:3: server.mount_point: expected a path starting with '/' and none of the server's own pages (/, /metrics, /status-json.xsl, anything under /api, /admin or /health), got \"stream\"", "server.mount_point")]
    [InlineData("server {\n  mount_point = \"/admin/metadata\"\n}", "config.hcl:2:3: server.mount_point: expected a path starting with '/' and none of the server's own pages (/, /metrics, /status-json.xsl, anything under /api, /admin or /health), got \"/admin/metadata\"", "server.mount_point")]
    [InlineData("advanced {\n  header_timeout = 0\n}", "config.hcl:2:3: advanced.header_timeout: expected a number of seconds greater than 0 and at most 86400, got 0", "advanced.header_timeout")]
    [InlineData("server {\n  host = \"localhost\"\n}", "config.hcl:2:3: server.host: expected an IP address such as \"0.0.0.0\", got \"localhost\"", "server.host")]
    [InlineData("server {\n  source_password = \"\"\n}", "config.hcl:2:3: server.source_password: expected a non-empty string, got a string of 0 characters", "server.source_password")]
    [InlineData("cluster {\n  port = 65536\n}", "config.hcl:2:3: cluster.port: expected an integer between 0 and 65535, got 65536", "cluster.port")]
    [InlineData("cluster {\n  seed_nodes = [\"127.0.0.1\"]\n}", "config.hcl:2:17: cluster.seed_nodes[0]: expected \"host:port\" with a port between 1 and 65535, got \"127.0.0.1\"", "cluster.seed_nodes")]
    [InlineData("cluster {\n  seed_nodes = [\"a:1\", \"b:0\"]\n}", "config.hcl:2:24: cluster.seed_nodes[1]: expected \"host:port\" with a port between 1 and 65535, got \"b:0\"", "cluster.seed_nodes")]
    [InlineData("cluster {\n  hostname = \"\"\n}", "config.hcl:2:3: cluster.hostname: expected a non-empty host name without spaces, got \"\"", "cluster.hostname")]
    [InlineData("admin {\n  user = \"boss\"\n}", "config.hcl:1:1: admin.password: required in the admin block, expected a non-empty string", "admin.password")]
    [InlineData("admin {\n  password = \"x\"\n  trusted_proxies = [\"10.0.0.0/33\"]\n}", "config.hcl:3:22: admin.trusted_proxies[0]: expected an IP address or a CIDR range such as \"10.0.0.0/8\", got \"10.0.0.0/33\"", "admin.trusted_proxies")]
    [InlineData("cluster {\n  node_name = \"\"\n}", "config.hcl:2:3: cluster.node_name: expected a non-empty name, got \"\"", "cluster.node_name")]
    [InlineData("cluster {\n  secret = \"short\"\n}", "config.hcl:2:3: cluster.secret: expected a secret of at least 16 characters, got a string of 5 characters", "cluster.secret")]
    // Buffer sizes that depend on one another.
    [InlineData("buffer {\n  size_mb = 1\n  burst_size = 1048577\n}", "config.hcl:3:3: buffer.burst_size: expected an integer between 0 and 1048576 (buffer.size_mb in bytes), got 1048577", "buffer.burst_size")]
    [InlineData("buffer {\n  burst_size = 65536\n  queue_size = 70000\n}", "config.hcl:3:3: buffer.queue_size: expected an integer between 73728 (buffer.burst_size + broadcaster.chunk_size) and 5242880 (half of buffer.size_mb in bytes), got 70000", "buffer.queue_size")]
    [InlineData("buffer {\n  size_mb = 1\n  queue_size = 600000\n}", "config.hcl:3:3: buffer.queue_size: expected an integer between 73728 (buffer.burst_size + broadcaster.chunk_size) and 524288 (half of buffer.size_mb in bytes), got 600000", "buffer.queue_size")]
    [InlineData("buffer {\n  size_mb = 10\n  burst_size = 520000\n}", "config.hcl:3:3: buffer.queue_size: expected an integer between 528192 (buffer.burst_size + broadcaster.chunk_size) and 5242880 (half of buffer.size_mb in bytes), got 524288 (the default; set buffer.queue_size)", "buffer.queue_size")]
    [InlineData("broadcaster {\n  chunk_size = 65536\n}\nbuffer {\n  burst_size = 500000\n}", "config.hcl:5:3: buffer.queue_size: expected an integer between 565536 (buffer.burst_size + broadcaster.chunk_size) and 5242880 (half of buffer.size_mb in bytes), got 524288 (the default; set buffer.queue_size)", "buffer.queue_size")]
    // Unknown and duplicate keys and blocks.
    [InlineData("buffer {\n  sizemb = 10\n}", "config.hcl:2:3: unknown key 'buffer.sizemb'", "buffer.sizemb")]
    [InlineData("\nfoo {\n}", "config.hcl:2:1: unknown block 'foo'", "foo")]
    [InlineData("server {\n  host = \"0.0.0.0\"\n  tls {\n  }\n}", "config.hcl:3:3: unknown block 'server.tls'", "server.tls")]
    [InlineData("source_port = 8000", "config.hcl:1:1: unknown key 'source_port' at top level (settings belong inside a block such as server { })", "source_port")]
    [InlineData("server {\n  host = \"1.2.3.4\"\n  host = \"5.6.7.8\"\n}", "config.hcl:3:3: duplicate key 'server.host' (first set at line 2)", "server.host")]
    [InlineData("server {\n}\nbuffer {\n}\nserver {\n}", "config.hcl:5:1: duplicate block 'server' (first defined at line 1)", "server")]
    [InlineData("server \"x\" {\n}", "config.hcl:1:1: block 'server' takes no label, got \"x\"", "server")]
    // Mount blocks.
    [InlineData("mount \"/a\" {\n}\nmount \"/a\" {\n}", "config.hcl:3:1: duplicate block 'mount \"/a\"' (first defined at line 1)", "mount \"/a\"")]
    [InlineData("mount {\n}", "config.hcl:1:1: block 'mount' needs exactly one label, the mount path, e.g. mount \"/main\" { }", "mount")]
    [InlineData("mount \"main\" {\n}", "config.hcl:1:1: mount \"main\": the mount path must start with '/'", "mount \"main\"")]
    [InlineData("mount \"/a\" {\n}\nmount \"/API/Status/\" {\n}", "config.hcl:3:1: mount \"/API/Status/\": the mount path must be none of the server's own pages (/, /metrics, /status-json.xsl, anything under /api, /admin or /health)", "mount \"/API/Status/\"")]
    [InlineData("mount \"/raw\" {\n  allow_passthrough = \"yes\"\n}", "config.hcl:2:3: mount \"/raw\".allow_passthrough: expected true or false, got \"yes\"", "mount \"/raw\".allow_passthrough")]
    [InlineData("mount \"/main\" {\n  password = \"x\"\n}", "config.hcl:2:3: unknown key 'mount \"/main\".password'", "mount \"/main\".password")]
    [InlineData("mount \"/main\" {\n  source_password = 1\n}", "config.hcl:2:3: mount \"/main\".source_password: expected a non-empty string, got a number", "mount \"/main\".source_password")]
    [InlineData("mount \"/main\" {\n  max_listeners = -5\n}", "config.hcl:2:3: mount \"/main\".max_listeners: expected an integer >= 0, got -5", "mount \"/main\".max_listeners")]
    [InlineData("mount \"/main\" {\n  station_url = \"a\"\n  station_url = \"b\"\n}", "config.hcl:3:3: duplicate key 'mount \"/main\".station_url' (first set at line 2)", "mount \"/main\".station_url")]
    public void Invalid_settings_fail_with_one_positioned_message_naming_the_key(string hcl, string expectedMessage, string expectedKey)
    {
        var error = LoadFails(hcl);

        Assert.Equal(expectedMessage, error.Message);
        Assert.Equal(expectedKey, error.Key);
        Assert.Equal(FileName, error.File);
        var position = expectedMessage.Split(':');
        Assert.Equal(int.Parse(position[1]), error.Line);
        Assert.Equal(int.Parse(position[2]), error.Column);
    }

    /// <summary>A password or key that fails its check is never quoted: it may be the real one, and errors reach logs.</summary>
    [Theory]
    [InlineData("cluster {\n  secret = \"hunter2-hunter2\"\n}", "hunter2-hunter2", "a string of 15 characters")]
    [InlineData("cluster {\n  secret = 123456789012345\n}", "123456789012345", "a number")]
    [InlineData("server {\n  source_password = 918273645\n}", "918273645", "a number")]
    [InlineData("server {\n  source_password = [\"hunter2\"]\n}", "hunter2", "a list")]
    [InlineData("mount \"/main\" {\n  source_password = 31.41592\n}", "31.41592", "a number")]
    [InlineData("admin {\n  password = 4815162342\n}", "4815162342", "a number")]
    [InlineData("advanced {\n  flask_secret_key = 27182818\n}", "27182818", "a number")]
    public void A_secret_that_fails_its_check_is_described_never_quoted(string hcl, string secret, string described)
    {
        var error = LoadFails(hcl);

        Assert.DoesNotContain(secret, error.Message);
        Assert.EndsWith($", got {described}", error.Message);
    }

    /// <summary>Property: an integer setting accepts exactly its documented range.</summary>
    [Theory]
    [InlineData("server", "source_port", 1, 65535)]
    [InlineData("server", "listen_port", 1, 65535)]
    [InlineData("buffer", "size_mb", 1, 1000)]
    [InlineData("broadcaster", "chunk_size", 1024, 65536)]
    [InlineData("metadata", "icy_metaint", 1, 1048576)]
    [InlineData("cluster", "port", 0, 65535)]
    public void Integer_settings_accept_exactly_their_range(string block, string key, int min, int max)
    {
        var random = new Random(key.Length * 7919 + min);
        var inside = new[] { min, max }.Concat(Enumerable.Range(0, 20).Select(_ => random.Next(min, max + 1)));
        var outside = new long[] { min - 1L, max + 1L, long.MinValue + 1, long.MaxValue, -random.Next(1, 1000) - (long)max };

        foreach (var value in inside)
        {
            var loaded = Load($"{block} {{\n  {key} = {value}\n}}");
            Assert.Contains(value, ReadBack(loaded.Settings));
        }
        foreach (var value in outside.Where(v => v < min || v > max))
        {
            var error = LoadFails($"{block} {{\n  {key} = {value}\n}}");
            Assert.Equal($"{block}.{key}", error.Key);
            Assert.EndsWith($"got {value}", error.Message);
        }
    }

    private static int[] ReadBack(CycastSettings settings) =>
    [
        settings.Server.SourcePort, settings.Server.ListenPort, settings.Buffer.SizeMb, settings.Broadcaster.ChunkSize,
        settings.Metadata.IcyMetaint, settings.Cluster.Port,
    ];
}
