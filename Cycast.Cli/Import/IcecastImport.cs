using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Cli.Import;

/// <summary>
/// Reads an Icecast 2.4 <c>icecast.xml</c> and writes the Cycast configuration that does the same, element by element,
/// naming every element it cannot carry over with its line, and why. What Cycast does anyway (CORS on every reply,
/// its status page at <c>/</c>) is carried over silently; anything else without a Cycast key is reported.
/// </summary>
public sealed class IcecastImport
{
    /// <summary>A mount's elements Cycast carries over as they are, to the key of the same meaning.</summary>
    private static readonly Dictionary<string, string> MountTextKeys = new(StringComparer.Ordinal)
    {
        ["stream-name"] = "stream_name",
        ["stream-description"] = "stream_description",
        ["stream-url"] = "stream_url",
        ["genre"] = "genre",
        ["fallback-mount"] = "fallback_mount",
    };

    /// <summary>A mount's 0/1 elements, carried over as true or false.</summary>
    private static readonly Dictionary<string, string> MountFlagKeys = new(StringComparer.Ordinal)
    {
        ["public"] = "public",
        ["hidden"] = "hidden",
        ["fallback-override"] = "fallback_override",
        ["fallback-when-full"] = "fallback_when_full",
    };

    private const string Server = "server", Buffer = "buffer", Metadata = "metadata", Advanced = "advanced", Admin = "admin";
    private const int Mebibyte = 1024 * 1024, ChunkSize = 8192, DefaultSizeMb = 10;
    private const string RelayByHand =
        "write it as the relay { } block of the mount named by its <local-mount>: url from <server>, <port>, <mount> (https with <tls>), same credentials (docs/relays.md)";
    private const string NoMasterMode =
        "Cycast has no master/slave mode yet: write each of the master's mounts as a mount with a relay { } block (docs/relays.md)";
    private const string NoAuth = "Cycast has no such authentication setting";
    private const string ListenerAuthByHand =
        "write it as the mount's auth { } block, same type and option names (docs/listener-auth.md)";

    private readonly HclDocument _hcl = new();
    private readonly List<string> _notCarried = [];
    private readonly string _file;

    private IcecastImport(string file)
    {
        _file = file;
        // The blocks in the order Cycast's own config.hcl has them, whatever order the XML has its elements in.
        foreach (var block in new[] { Server, Buffer, Metadata, Advanced })
            _hcl.Open(block, printEmpty: false);
    }

    /// <summary>The configuration, and one line per element not carried over: <c>file:line: &lt;path&gt;: why</c>.</summary>
    public sealed record Result(string Hcl, IReadOnlyList<string> NotCarried);

    /// <exception cref="XmlException">The file is not XML.</exception>
    /// <exception cref="FormatException">The XML is not an Icecast configuration.</exception>
    public static Result Convert(string xml, string file)
    {
        var document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        if (document.Root?.Name.LocalName != "icecast")
            throw new FormatException($"{file}: the root element is <{document.Root?.Name.LocalName}>, not <icecast>: not an Icecast configuration");
        var import = new IcecastImport(file);
        import.Read(document.Root);
        return new Result(import._hcl.ToString(), import._notCarried);
    }

    private void Read(XElement icecast)
    {
        // Cycast's defaults differ from Icecast's where Icecast says nothing: the file's absence of a key keeps Icecast's.
        var limits = icecast.Element("limits");
        var burst = Int(limits?.Element("burst-size")) ?? 65535;
        if (Int(limits?.Element("burst-on-connect")) == 0)
            burst = 0;
        var queue = Int(limits?.Element("queue-size")) ?? 524288;
        foreach (var element in icecast.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "location":
                    _hcl.Set(Metadata, "location", element.Value.Trim(), Origin(element));
                    break;
                case "admin":
                    _hcl.Set(Metadata, "admin", element.Value.Trim(), Origin(element));
                    break;
                case "limits":
                    ReadLimits(element, burst, queue);
                    break;
                case "authentication":
                    ReadAuthentication(element);
                    break;
                case "listen-socket":
                    ReadListenSocket(element, icecast.Elements("listen-socket").First() == element);
                    break;
                case "http-headers":
                    ReadHttpHeaders(element);
                    break;
                case "paths":
                    ReadPaths(element, icecast.Element("logging"));
                    break;
                case "logging":
                    ReadLogging(element);
                    break;
                case "security":
                    ReadSecurity(element);
                    break;
                case "mount":
                    ReadMount(element, burst, queue);
                    break;
                case "hostname":
                    NotCarried(element, "Cycast names itself in playlists by the Host the player asked for (behind a proxy, admin.trusted_proxies)");
                    break;
                case "fileserve":
                    if (Bool(element) != false)
                        NotCarried(element, "Cycast serves no files from a web root");
                    break;
                case "relay":
                    NotCarried(element, RelayByHand);
                    break;
                case "master-server" or "master-server-port" or "master-update-interval" or "master-username"
                    or "master-password" or "master-relay-auth" or "master-ssl-port" or "relays-on-demand" or "master-redirect":
                    NotCarried(element, NoMasterMode);
                    break;
                case "directory":
                    NotCarried(element, "Cycast lists in no YP directory");
                    break;
                default:
                    NotCarried(element, "Cycast has no such setting");
                    break;
            }
        }
    }

    private void ReadLimits(XElement limits, int burst, int queue)
    {
        foreach (var element in limits.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "clients":
                    _hcl.Set(Advanced, "max_listeners", Int(element) ?? 0, Origin(element));
                    break;
                case "sources":
                    _hcl.Set(Advanced, "max_mounts", Math.Max(1, Int(element) ?? 1), Origin(element));
                    break;
                case "header-timeout":
                    _hcl.Set(Advanced, "header_timeout", Math.Max(1, Int(element) ?? 15), Origin(element));
                    break;
                case "source-timeout":
                    _hcl.Set(Advanced, "source_timeout", Math.Max(1, Int(element) ?? 10), Origin(element));
                    break;
                case "burst-size" or "burst-on-connect":
                    _hcl.Set(Buffer, "burst_size", burst, Origin(element));
                    break;
                case "queue-size":
                    // Written below, once it is known to hold the burst.
                    break;
                case "client-timeout":
                    NotCarried(element, "Cycast waits for a listener as long as its queue_size allows");
                    break;
                default:
                    NotCarried(element, "Cycast has no such limit");
                    break;
            }
        }
        // Cycast's lag budget must hold the burst and a chunk, and fit in half the ring: the ring grows to fit.
        var fitted = Math.Max(queue, burst + ChunkSize);
        var origin = limits.Element("queue-size") is { } queueElement ? Origin(queueElement) : Origin(limits);
        _hcl.Set(Buffer, "queue_size", fitted, origin);
        if (fitted != queue)
            NotCarried(limits.Element("queue-size") ?? limits, $"queue_size raised to {fitted}: Cycast's must hold burst_size and one chunk ({ChunkSize} bytes)");
        var sizeMb = Math.Max(DefaultSizeMb, (int)Math.Ceiling(2.0 * fitted / Mebibyte));
        if (sizeMb != DefaultSizeMb)
            _hcl.Set(Buffer, "size_mb", sizeMb, $"{origin}, twice the queue");
    }

    private void ReadAuthentication(XElement authentication)
    {
        foreach (var element in authentication.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "source-password":
                    _hcl.Set(Server, "source_password", element.Value, Origin(element));
                    break;
                case "admin-user" or "admin-password":
                    break;
                case "relay-user" or "relay-password":
                    NotCarried(element, NoMasterMode);
                    break;
                default:
                    NotCarried(element, NoAuth);
                    break;
            }
        }
        // Cycast's admin block needs its password: without one the admin endpoints stay closed, as they would in Icecast.
        if (authentication.Element("admin-password") is not { Value.Length: > 0 } password)
            return;
        if (authentication.Element("admin-user") is { } user)
            _hcl.Set(Admin, "user", user.Value, Origin(user));
        _hcl.Set(Admin, "password", password.Value, Origin(password));
    }

    /// <summary>
    /// Icecast takes players and encoders on one port; Cycast on two. Players keep the port (their URLs stay the same),
    /// encoders move to the next port, and the report says so.
    /// </summary>
    private void ReadListenSocket(XElement socket, bool first)
    {
        if (!first)
        {
            if (socket.Element("ssl") is { } ssl && Bool(ssl) == true)
                NotCarried(ssl, $"HTTPS on port {socket.Element("port")?.Value.Trim()}: set tls {{ certificate, key, https_port }} with the PEM files of <ssl-certificate>");
            else
                NotCarried(socket, "Cycast listens on one listen_port (and tls.https_port); the first <listen-socket> is used");
            return;
        }
        foreach (var element in socket.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "port" when Int(element) is { } port:
                    _hcl.Set(Server, "listen_port", port, Origin(element));
                    _hcl.Set(Server, "source_port", port + 1, Origin(element) + " + 1");
                    NotCarried(element, $"not as it is: players keep port {port}, encoders move to source_port = {port + 1} (Cycast takes them on a port of their own)");
                    break;
                case "bind-address":
                    _hcl.Set(Server, "host", element.Value.Trim(), Origin(element));
                    break;
                case "ssl" when Bool(element) == false:
                    break;
                case "ssl":
                    NotCarried(element, "set tls { certificate, key } with the PEM files of <ssl-certificate>");
                    break;
                default:
                    NotCarried(element, "Cycast has no such listen-socket setting");
                    break;
            }
        }
    }

    private void ReadHttpHeaders(XElement headers)
    {
        foreach (var header in headers.Elements())
        {
            // Cycast sends this on every reply already.
            if (header.Name.LocalName == "header" && (string?)header.Attribute("name") is { } name
                && name.Equals("Access-Control-Allow-Origin", StringComparison.OrdinalIgnoreCase) && (string?)header.Attribute("value") == "*")
            {
                continue;
            }
            NotCarried(header, "Cycast sends no configured headers (it sends Access-Control-Allow-Origin: * on every reply)");
        }
    }

    private void ReadPaths(XElement paths, XElement? logging)
    {
        foreach (var element in paths.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "logdir" when logging?.Element("accesslog") is { } accessLog:
                    _hcl.Set(Advanced, "access_log", Path.Combine(element.Value.Trim(), accessLog.Value.Trim()), $"{Origin(element)} and {Origin(accessLog)}");
                    break;
                case "logdir":
                    break;
                case "alias" when (string?)element.Attribute("source") == "/" && (string?)element.Attribute("destination") == "/status.xsl":
                    // Cycast's status page is at / already.
                    break;
                case "basedir" or "webroot" or "adminroot":
                    NotCarried(element, "Cycast serves its own pages, not Icecast's XSL files");
                    break;
                default:
                    NotCarried(element, "Cycast has no such path");
                    break;
            }
        }
    }

    private void ReadLogging(XElement logging)
    {
        foreach (var element in logging.Elements())
        {
            switch (element.Name.LocalName)
            {
                case "accesslog":
                    // Written with <paths><logdir>.
                    break;
                case "loglevel":
                    if (Int(element) >= 4)
                        _hcl.Set(Advanced, "verbose_logging", true, Origin(element));
                    break;
                case "errorlog":
                    NotCarried(element, "Cycast logs to standard output (systemd's journal, docker logs)");
                    break;
                default:
                    NotCarried(element, "Cycast leaves log files to the system's logging");
                    break;
            }
        }
    }

    private void ReadSecurity(XElement security)
    {
        foreach (var element in security.Elements())
        {
            if (element.Name.LocalName == "chroot" && Bool(element) == false)
                continue;
            NotCarried(element, "run Cycast as the user it should be (the systemd unit and the container do)");
        }
    }

    private void ReadMount(XElement mount, int burst, int queue)
    {
        if ((string?)mount.Attribute("type") is { } type && type != "normal")
        {
            NotCarried(mount, $"<mount type=\"{type}\">: set what it sets in each mount block");
            return;
        }
        if (mount.Element("mount-name")?.Value.Trim() is not { Length: > 0 } path || !path.StartsWith('/'))
        {
            NotCarried(mount, "a mount without a <mount-name> starting with '/'");
            return;
        }
        if (ServerPaths.IsReserved(path))
        {
            NotCarried(mount.Element("mount-name")!, $"{path} is one of Cycast's own pages: a mount's path must be {ServerPaths.Rule}");
            return;
        }
        var block = $"mount {Shared.Config.HclString.Quote(path)}";
        _hcl.Open(block, printEmpty: true);
        int? mountBurst = null, mountQueue = null;
        foreach (var element in mount.Elements())
        {
            var origin = Origin(element);
            var text = element.Value.Trim();
            switch (element.Name.LocalName)
            {
                case "mount-name":
                    break;
                case "password":
                    _hcl.Set(block, "source_password", element.Value, origin);
                    break;
                case "username" when text == "source":
                    break;
                case "username":
                    NotCarried(element, "Cycast takes any user name with the mount's source_password");
                    break;
                case "max-listeners" when Int(element) is { } max:
                    _hcl.Set(block, "max_listeners", Math.Max(0, max), origin);
                    break;
                case "max-listener-duration" when Int(element) is { } seconds:
                    _hcl.Set(block, "max_listener_duration", Math.Max(0, seconds), origin);
                    break;
                case "burst-size" when Int(element) is { } size:
                    mountBurst = Math.Max(0, size);
                    _hcl.Set(block, "burst_size", mountBurst.Value, origin);
                    break;
                case "queue-size" when Int(element) is { } size:
                    mountQueue = size;
                    _hcl.Set(block, "queue_size", size, origin);
                    break;
                case var name when MountTextKeys.TryGetValue(name, out var key):
                    _hcl.Set(block, key, text, origin);
                    break;
                case var name when MountFlagKeys.TryGetValue(name, out var key) && Bool(element) is { } flag:
                    _hcl.Set(block, key, flag, origin);
                    break;
                case "charset":
                    _hcl.Set(block, "charset", NormalCharset(text), origin);
                    break;
                case "intro":
                    _hcl.Set(block, "intro", text, origin);
                    if (!File.Exists(text))
                        NotCarried(element, $"carried over, but {text} does not exist here: Cycast refuses the configuration until it does");
                    break;
                case "authentication":
                    NotCarried(element, ListenerAuthByHand);
                    break;
                case "dump-file" when DumpFilePattern.TryParse(text, out _, out _):
                    _hcl.Set(block, "dump_file", text, origin);
                    break;
                case "dump-file":
                    NotCarried(element, $"Cycast's dump_file takes only the strftime conversions {DumpFilePattern.Conversions}");
                    break;
                case "dump-file-size-limit" or "dump-file-time-limit":
                    NotCarried(element, "Cycast cuts recordings by dump_rotate_bytes and dump_rotate_seconds: set them by hand");
                    break;
                default:
                    NotCarried(element, "Cycast has no such mount setting");
                    break;
            }
        }
        // A mount's burst must fit in its lag budget, as the station's must.
        var needed = (mountBurst ?? burst) + ChunkSize;
        if ((mountQueue ?? Math.Max(queue, burst + ChunkSize)) < needed)
        {
            _hcl.Set(block, "queue_size", needed, $"raised to hold burst_size and one chunk ({ChunkSize} bytes)");
            NotCarried(mount, $"queue_size of {path} raised to {needed}: Cycast's must hold burst_size and one chunk");
        }
    }

    /// <summary>iconv's names that .NET spells otherwise.</summary>
    private static string NormalCharset(string name) => name.ToUpperInvariant() switch
    {
        "ISO8859-1" or "ISO88591" or "LATIN1" => "ISO-8859-1",
        "UTF8" => "UTF-8",
        _ => name,
    };

    private void NotCarried(XElement element, string why) =>
        _notCarried.Add($"{_file}:{Line(element)}: {PathOf(element)}: not carried over: {why}");

    private string Origin(XElement element) => $"{PathOf(element)}, line {Line(element)}";

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private static string PathOf(XElement element) =>
        string.Concat(element.AncestorsAndSelf().Reverse().Skip(1).Select(node => $"<{node.Name.LocalName}>"));

    private static int? Int(XElement? element) =>
        int.TryParse(element?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Icecast's booleans: a number (non-zero is true) or true/yes/on.</summary>
    private static bool? Bool(XElement element)
    {
        var text = element.Value.Trim();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            return number != 0;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => null,
        };
    }
}
