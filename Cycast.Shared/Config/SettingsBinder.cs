using System.Net;
using System.Net.Sockets;
using System.Text;
using Cycast.Shared.Protocol;

namespace Cycast.Shared.Config;

/// <summary>Gives a parsed HCL tree Cycast's meaning: the schema, its defaults, and every validation rule.</summary>
internal static class SettingsBinder
{
    private const int Mebibyte = 1024 * 1024;
    private const string MountBlock = "mount";
    private const string SleepIgnored = "Cycast is event-driven and never sleeps between chunks";

    private static readonly string[] SectionBlocks = ["server", "buffer", "playlist", "broadcaster", "metadata", "advanced", "cluster", "admin", "tls"];

    public static LoadedSettings Bind(HclBody root, string file, Func<string, string?> environment)
    {
        RejectTopLevelAttributes(root, file);
        var sections = CollectSections(root, file);
        var readers = new List<(string Block, BlockReader Reader)>();
        BlockReader Kept(string block, BlockReader reader)
        {
            readers.Add((block, reader));
            return reader;
        }
        BlockReader Section(string name) => Kept(name, new(file, name, sections.GetValueOrDefault(name)?.Body));

        var notices = new List<string>();
        var server = ServerHostOverride.Apply(ReadServer(Section("server")), environment);
        var broadcasterReader = Section("broadcaster");
        var broadcaster = ReadBroadcaster(broadcasterReader, notices);
        var buffer = ReadBuffer(Section("buffer"), broadcaster, broadcasterReader);
        var playlist = ReadPlaylist(Section("playlist"));
        var metadata = ReadMetadata(Section("metadata"));
        var advanced = ReadAdvanced(Section("advanced"));
        var cluster = ClusterEnvironmentOverrides.Apply(ReadCluster(Section("cluster")), environment);
        var admin = sections.TryGetValue("admin", out var adminBlock) ? ReadAdmin(Section("admin"), adminBlock.Position) : null;
        var tls = sections.TryGetValue("tls", out var tlsBlock) ? ReadTls(Section("tls"), tlsBlock.Position, server) : null;

        var mountReaders = CollectMountBlocks(root, file)
            .Select(block => (Block: block, Reader: Kept(MountBlock, new BlockReader(file, block.Name, block.Body))))
            .ToList();
        var mounts = mountReaders
            .Select(read => ReadMount(read.Reader, MountSettings.Inherited(read.Block.Labels[0], server, playlist, metadata, advanced), buffer, broadcaster))
            .ToList();
        CheckFallbacks(mounts, mountReaders.Select(read => read.Reader).ToList(), server.MountPoint);

        var settings = new CycastSettings(server, buffer, playlist, broadcaster, metadata, advanced, mounts, cluster, admin, tls);
        var keys = readers.SelectMany(read => read.Reader.SchemaKeys.Select(key => $"{read.Block}.{key}")).ToHashSet(StringComparer.Ordinal);
        return new LoadedSettings(settings, notices, keys);
    }

    private static void RejectTopLevelAttributes(HclBody root, string file)
    {
        if (root.Attributes.FirstOrDefault() is { } attribute)
        {
            throw new ConfigException(file, attribute.Position, attribute.Name,
                $"unknown key '{attribute.Name}' at top level (settings belong inside a block such as server {{ }})");
        }
    }

    private static Dictionary<string, HclBlock> CollectSections(HclBody root, string file)
    {
        var sections = new Dictionary<string, HclBlock>(StringComparer.Ordinal);
        foreach (var block in root.Blocks.Where(block => block.Type != MountBlock))
        {
            if (!SectionBlocks.Contains(block.Type))
            {
                throw new ConfigException(file, block.Position, block.Type, $"unknown block '{block.Type}'");
            }
            if (block.Labels.Count > 0)
            {
                throw new ConfigException(file, block.Position, block.Type,
                    $"block '{block.Type}' takes no label, got {HclString.Quote(block.Labels[0])}");
            }
            if (sections.TryGetValue(block.Type, out var first))
            {
                throw new ConfigException(file, block.Position, block.Type,
                    $"duplicate block '{block.Type}' (first defined at line {first.Position.Line})");
            }
            sections.Add(block.Type, block);
        }
        return sections;
    }

    private static List<HclBlock> CollectMountBlocks(HclBody root, string file)
    {
        var mounts = new Dictionary<string, HclBlock>(StringComparer.Ordinal);
        foreach (var block in root.Blocks.Where(block => block.Type == MountBlock))
        {
            if (block.Labels.Count != 1)
            {
                throw new ConfigException(file, block.Position, block.Name,
                    $"block '{block.Name}' needs exactly one label, the mount path, e.g. mount \"/main\" {{ }}");
            }
            var path = block.Labels[0];
            if (!IsMountPath(path))
            {
                throw new ConfigException(file, block.Position, block.Name,
                    $"{block.Name}: the mount path must start with '/'");
            }
            if (ServerPaths.IsReserved(path))
            {
                throw new ConfigException(file, block.Position, block.Name,
                    $"{block.Name}: the mount path must be {ServerPaths.Rule}");
            }
            if (mounts.TryGetValue(path, out var first))
            {
                throw new ConfigException(file, block.Position, block.Name,
                    $"duplicate block '{block.Name}' (first defined at line {first.Position.Line})");
            }
            mounts.Add(path, block);
        }
        return [.. mounts.Values];
    }

    private static ServerSettings ReadServer(BlockReader server)
    {
        var settings = new ServerSettings(
            Host: server.String("host", "0.0.0.0", "an IP address such as \"0.0.0.0\"", IsIpAddress),
            SourcePort: server.Integer("source_port", 8000, 1, 65535),
            ListenPort: server.Integer("listen_port", 8001, 1, 65535),
            SourcePassword: server.Secret("source_password", "hackme", "a non-empty string", IsNotEmpty),
            MountPoint: server.String("mount_point", "/stream", $"a path starting with '/' and {ServerPaths.Rule}",
                path => IsMountPath(path) && !ServerPaths.IsReserved(path)));
        server.RejectUnknown();
        return settings;
    }

    private static BroadcasterSettings ReadBroadcaster(BlockReader broadcaster, List<string> notices)
    {
        var settings = new BroadcasterSettings(broadcaster.Integer("chunk_size", 8192, 1024, 65536),
            TimeSpan.FromMilliseconds(broadcaster.Integer("latency_budget_ms", (int)BroadcasterSettings.DefaultLatencyBudget.TotalMilliseconds, 0, 250)));
        broadcaster.IgnoredNumber("sleep_high", SleepIgnored, notices);
        broadcaster.IgnoredNumber("sleep_medium", SleepIgnored, notices);
        broadcaster.IgnoredNumber("sleep_low", SleepIgnored, notices);
        broadcaster.RejectUnknown();
        return settings;
    }

    /// <summary>
    /// The queue must hold the burst plus one more chunk, or a listener would be cut off the moment its burst
    /// arrives; and it must leave half the buffer as headroom so the oldest data a lagging listener still needs is
    /// not overwritten before the lag check sees it.
    /// </summary>
    private static BufferSettings ReadBuffer(BlockReader buffer, BroadcasterSettings broadcaster, BlockReader broadcasterReader)
    {
        var sizeMb = buffer.Integer("size_mb", 10, 1, 1000);
        var sizeBytes = sizeMb * Mebibyte;
        var burstSize = buffer.Integer("burst_size", 65536, 0, sizeBytes,
            $"{BlockReader.DescribeRange(0, sizeBytes)} (buffer.size_mb in bytes)");

        var minQueue = burstSize + broadcaster.ChunkSize;
        var maxQueue = sizeBytes / 2;
        var queueRule = $"an integer between {minQueue} (buffer.burst_size + broadcaster.chunk_size) and {maxQueue} (half of buffer.size_mb in bytes)";
        var queueSize = buffer.Integer("queue_size", 524288, minQueue, maxQueue, queueRule);
        if (queueSize < minQueue || queueSize > maxQueue)
        {
            // Only the default can get here: blame the setting that made it unfit.
            var blame = buffer.PositionOf("burst_size") ?? broadcasterReader.PositionOf("chunk_size") ?? buffer.PositionOf("size_mb");
            throw buffer.Invalid("queue_size", blame, $"expected {queueRule}, got {queueSize} (the default; set buffer.queue_size)");
        }
        buffer.RejectUnknown();
        return new BufferSettings(sizeMb, burstSize, queueSize);
    }

    private static PlaylistSettings ReadPlaylist(BlockReader playlist)
    {
        var settings = new PlaylistSettings(
            Directory: playlist.String("directory", "./music", "a non-empty string", IsNotEmpty),
            Shuffle: playlist.Bool("shuffle", true),
            Extensions: playlist.StringList("extensions", [".mp3", ".ogg"],
                "a list of file extensions such as [\".mp3\", \".ogg\"]", "a file extension starting with '.'",
                extension => extension.Length > 1 && extension.StartsWith('.')));
        playlist.RejectUnknown();
        return settings;
    }

    private static MetadataSettings ReadMetadata(BlockReader metadata)
    {
        var settings = new MetadataSettings(
            StationName: metadata.String("station_name", "Cycast Radio"),
            StationDescription: metadata.String("station_description", "Your Description"),
            StationGenre: metadata.String("station_genre", "Various"),
            StationUrl: metadata.String("station_url", "http://localhost:8001"),
            EnableIcy: metadata.Bool("enable_icy", true),
            IcyMetaint: metadata.Integer("icy_metaint", 16000, 1, 1048576),
            Admin: metadata.String("admin", MetadataSettings.DefaultAdmin),
            Location: metadata.String("location", MetadataSettings.DefaultLocation));
        metadata.RejectUnknown();
        return settings;
    }

    private static AdvancedSettings ReadAdvanced(BlockReader advanced)
    {
        const double maxTimeoutSeconds = 86400;
        var settings = new AdvancedSettings(
            MaxListeners: advanced.Integer("max_listeners", 0, 0, int.MaxValue),
            SourceTimeout: TimeSpan.FromSeconds(advanced.Number("source_timeout", 10.0,
                $"a number of seconds greater than 0 and at most {maxTimeoutSeconds}",
                seconds => seconds > 0 && seconds <= maxTimeoutSeconds)),
            VerboseLogging: advanced.Bool("verbose_logging", false),
            EnableStats: advanced.Bool("enable_stats", true),
            FlaskDebug: advanced.Bool("flask_debug", false),
            FlaskSecretKey: advanced.Secret("flask_secret_key", "change-me-in-production", "a string", _ => true),
            MaxMounts: advanced.Integer("max_mounts", 100, 1, 100_000),
            MountIdleTimeout: TimeSpan.FromSeconds(advanced.Number("mount_idle_timeout", 30.0,
                $"a number of seconds greater than 0 and at most {maxTimeoutSeconds}",
                seconds => seconds > 0 && seconds <= maxTimeoutSeconds)),
            HeaderTimeout: TimeSpan.FromSeconds(advanced.Number("header_timeout", 15.0,
                $"a number of seconds greater than 0 and at most {maxTimeoutSeconds}",
                seconds => seconds > 0 && seconds <= maxTimeoutSeconds)),
            WrongPasswordLimit: advanced.Integer("wrong_password_limit", 10, 0, 1_000_000),
            AccessLog: advanced.String("access_log", "", "a file path", IsFilePath) is { Length: > 0 } accessLog ? accessLog : null);
        advanced.RejectUnknown();
        return settings;
    }

    /// <summary>A name a file could have: not empty, not a directory's (a trailing slash), no NUL.</summary>
    private static bool IsFilePath(string path) => path.Length > 0 && !path.EndsWith('/') && !path.Contains('\0');

    private static ClusterSettings ReadCluster(BlockReader cluster)
    {
        var settings = new ClusterSettings(
            Hostname: cluster.String("hostname", "127.0.0.1", ClusterSettings.HostnameRule, ClusterSettings.IsHostname),
            Port: cluster.Integer("port", 0, 0, 65535),
            SeedNodes: cluster.StringList("seed_nodes", [],
                "a list of \"host:port\" strings", ClusterSettings.SeedNodeRule, ClusterSettings.IsSeedNode),
            NodeName: cluster.String("node_name", Environment.MachineName, "a non-empty name", IsNotEmpty),
            Secret: cluster.Secret("secret", "", ClusterSettings.SecretRule, ClusterSettings.IsSecret) is { Length: > 0 } secret ? secret : null);
        cluster.RejectUnknown();
        return settings;
    }

    private static AdminSettings ReadAdmin(BlockReader admin, SourcePosition position)
    {
        var settings = new AdminSettings(
            User: admin.String("user", "admin", "a non-empty string", IsNotEmpty),
            Password: admin.RequiredSecret("password", "a non-empty string", IsNotEmpty, position),
            TrustedProxies: [.. admin.StringList("trusted_proxies", [], "a list of addresses or CIDR ranges such as [\"127.0.0.1\", \"10.0.0.0/8\"]",
                AdminSettings.ProxyRule, text => AdminSettings.TryParseProxy(text, out _))
                .Select(text => AdminSettings.TryParseProxy(text, out var network) ? network : default)]);
        admin.RejectUnknown();
        return settings;
    }

    /// <summary>The files are read here, so a certificate that cannot serve stops start-up (or a reload) rather than the first handshake.</summary>
    private static TlsSettings ReadTls(BlockReader tls, SourcePosition position, ServerSettings server)
    {
        const string pemFile = "the path of a PEM file";
        var certificate = tls.RequiredString("certificate", pemFile, position);
        var key = tls.RequiredString("key", pemFile, position);
        var settings = new TlsSettings(certificate, key,
            HttpsPort: tls.Integer("https_port", 8443, 1, 65535),
            SourceHttpsPort: tls.Integer("source_https_port", 0, 0, 65535),
            Hsts: tls.Bool("hsts", false));
        tls.RejectUnknown();
        foreach (var (port, name) in new[] { (settings.HttpsPort, "https_port"), (settings.SourceHttpsPort, "source_https_port") })
        {
            if (port == server.SourcePort || port == server.ListenPort)
                throw tls.Invalid(name, tls.PositionOf(name), $"port {port} is already server.source_port or server.listen_port");
        }
        using var pair = TlsSettings.Load(certificate, key, out var problem, out var keyAtFault);
        if (problem is not null)
            throw tls.Invalid(keyAtFault ? "key" : "certificate", tls.PositionOf(keyAtFault ? "key" : "certificate"), problem);
        return settings;
    }

    private static MountSettings ReadMount(BlockReader mount, MountSettings inherited, BufferSettings buffer, BroadcasterSettings broadcaster)
    {
        var settings = inherited with
        {
            SourcePassword = mount.Secret("source_password", inherited.SourcePassword, "a non-empty string", IsNotEmpty),
            PlaylistDirectory = mount.String("playlist_directory", inherited.PlaylistDirectory, "a non-empty string", IsNotEmpty),
            StationName = mount.String("station_name", inherited.StationName),
            StationDescription = mount.String("station_description", inherited.StationDescription),
            StationGenre = mount.String("station_genre", inherited.StationGenre),
            StationUrl = mount.String("station_url", inherited.StationUrl),
            MaxListeners = mount.Integer("max_listeners", inherited.MaxListeners, 0, int.MaxValue),
            AllowPassthrough = mount.Bool("allow_passthrough", inherited.AllowPassthrough),
            Limits = ReadMountLimits(mount, buffer, broadcaster),
            Overrides = ReadMountOverrides(mount),
            Intro = mount.String("intro", "", "the path of a readable MP3 or Ogg file", File.Exists) is { Length: > 0 } intro ? intro : null,
            Fallback = ReadFallback(mount),
            Auth = ListenerAuthReader.Read(mount),
            Recording = RecordingReader.Read(mount),
            Relay = RelayReader.Read(mount),
        };
        mount.RejectUnknown();
        return settings;
    }

    /// <summary>
    /// The same bounds as the station's <c>buffer</c> block, checked against whichever of the two sizes the mount sets.
    /// Every key is read whether set or not, so the binder's record of its keys is whole; an unset one is null.
    /// </summary>
    private static MountLimits ReadMountLimits(BlockReader mount, BufferSettings buffer, BroadcasterSettings broadcaster)
    {
        int? IfSet(string key, int value) => mount.PositionOf(key) is null ? null : value;
        var seconds = mount.Integer("max_listener_duration", 0, 0, int.MaxValue);
        var burst = mount.Integer("burst_size", buffer.BurstSize, 0, buffer.SizeBytes, $"{BlockReader.DescribeRange(0, buffer.SizeBytes)} (buffer.size_mb in bytes)");
        var minQueue = burst + broadcaster.ChunkSize;
        var maxQueue = buffer.SizeBytes / 2;
        var queueRule = $"an integer between {minQueue} (burst_size + broadcaster.chunk_size) and {maxQueue} (half of buffer.size_mb in bytes)";
        var queue = mount.Integer("queue_size", buffer.QueueSize, minQueue, maxQueue, queueRule);
        if (queue < minQueue)
            throw mount.Invalid("burst_size", mount.PositionOf("burst_size"), $"leaves buffer.queue_size ({buffer.QueueSize}) below {queueRule}; set queue_size too");
        return new MountLimits(seconds > 0 ? TimeSpan.FromSeconds(seconds) : null, IfSet("burst_size", burst), IfSet("queue_size", queue));
    }

    private static MountFallback? ReadFallback(BlockReader mount)
    {
        var target = mount.String("fallback_mount", "", "a mount path starting with '/'", path => path.StartsWith('/'));
        var overrides = mount.Bool("fallback_override", false);
        var whenFull = mount.Bool("fallback_when_full", false);
        return target.Length > 0 ? new MountFallback(target, overrides, whenFull) : null;
    }

    /// <summary>
    /// A fallback must be a mount of its own block or the main mount, and following fallbacks must end: a loop would
    /// pass listeners round it for ever.
    /// </summary>
    private static void CheckFallbacks(IReadOnlyList<MountSettings> mounts, IReadOnlyList<BlockReader> readers, string mainMount)
    {
        var fallbacks = mounts.Where(mount => mount.Fallback is not null).ToDictionary(mount => mount.Path, mount => mount.Fallback!.Mount, StringComparer.Ordinal);
        var known = mounts.Select(mount => mount.Path).Append(mainMount).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < mounts.Count; i++)
        {
            if (mounts[i].Fallback is not { } fallback)
                continue;
            var at = readers[i].PositionOf("fallback_mount");
            if (!known.Contains(fallback.Mount))
                throw readers[i].Invalid("fallback_mount", at, $"{HclString.Quote(fallback.Mount)} is no mount of this file (give it a mount block)");
            var seen = new List<string> { mounts[i].Path };
            for (var next = fallback.Mount; next is not null; next = fallbacks.GetValueOrDefault(next))
            {
                if (seen.Contains(next))
                    throw readers[i].Invalid("fallback_mount", at, $"fallbacks go round in a loop: {string.Join(" -> ", seen.Append(next))}");
                seen.Add(next);
            }
        }
    }

    private static MountOverrides ReadMountOverrides(BlockReader mount)
    {
        string? Optional(string key) => mount.String(key, "") is { Length: > 0 } text ? text : null;
        var isPublic = mount.Bool("public", false);
        return new MountOverrides(
            StreamName: Optional("stream_name"),
            StreamDescription: Optional("stream_description"),
            StreamUrl: Optional("stream_url"),
            Genre: Optional("genre"),
            Public: mount.PositionOf("public") is null ? null : isPublic,
            Hidden: mount.Bool("hidden", false),
            Charset: mount.String("charset", "", "a character set .NET knows, such as \"ISO-8859-1\"", IsCharset) is { Length: > 0 } charset ? charset : null);
    }

    private static bool IsCharset(string name)
    {
        try
        {
            Encoding.GetEncoding(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsNotEmpty(string text) => text.Length > 0;

    private static bool IsMountPath(string path) => path.StartsWith('/');

    /// <summary>IPAddress.TryParse alone would take "1" as 0.0.0.1; a bind address should be written in full.</summary>
    internal static bool IsIpAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 || text.Split('.').Length == 4);
}
