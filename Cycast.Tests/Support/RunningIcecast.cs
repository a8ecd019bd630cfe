using System.Net.Sockets;
using System.Security;

namespace Cycast.Tests.Support;


/// <summary>
/// Debian's icecast2 (2.4.4), the server Cycast stands in for, on a free loopback port with a generated icecast.xml,
/// so tests can send it what they send Cycast and compare. One port serves sources, listeners and admin, as in Icecast.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RunningIcecast : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "icecast-admin";

    private readonly string _directory;
    private readonly string _config;

    private RunningIcecast(string directory, int port)
    {
        _directory = directory;
        _config = Path.Combine(directory, "icecast.xml");
        Port = port;
    }

    public int Port { get; }
    public ExternalProgram Program { get; private set; } = null!;
    public string AccessLogPath => Path.Combine(_directory, "access.log");

    /// <param name="extraConfig">More of icecast.xml, such as <c>&lt;mount&gt;</c> elements, placed inside <c>&lt;icecast&gt;</c>.</param>
    public static async Task<RunningIcecast> StartAsync(string extraConfig = "")
    {
        var directory = Path.Combine(Path.GetTempPath(), $"icecast-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        // As root, icecast2 must drop to nobody, who must still write its logs here.
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var port = FreePort.Next();
        var config = Path.Combine(directory, "icecast.xml");
        await File.WriteAllTextAsync(config, Config(port, directory, extraConfig));
        var icecast = new RunningIcecast(directory, port);
        await icecast.StartProgramAsync();
        return icecast;
    }

    /// <summary>Kills icecast2 (its clients see their connections drop) and starts it again on the same port and config.</summary>
    public async Task RestartAsync()
    {
        await Program.DisposeAsync();
        await StartProgramAsync();
    }

    /// <summary>
    /// Starts icecast2 and waits until it answers over HTTP. icecast2 2.4.4 now and then dies of a null pointer in the
    /// moment after it has bound its port (a segfault in libc, in the kernel log), so a suite would see its port
    /// refuse a test's first connection: one that does not answer is started again, up to three times.
    /// </summary>
    private async Task StartProgramAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Program = ExternalProgram.Start("icecast2", "-c", _config);
            await WaitUntilAcceptingAsync();
            if (await AnswersAsync() || attempt == 3)
                return;
            await Program.DisposeAsync();
        }
    }

    private async Task<bool> AnswersAsync()
    {
        using var http = new HttpClient();
        try
        {
            using var status = await http.GetAsync($"http://127.0.0.1:{Port}/status-json.xsl");
            return status.IsSuccessStatusCode;
        }
        catch (HttpRequestException) when (Program.HasExited)
        {
            return false;
        }
    }

    /// <summary>Icecast's admin/metadata: sets the title of <paramref name="mount"/>, which its listeners get in their next ICY block.</summary>
    public async Task UpdateTitleAsync(string mount, string song)
    {
        using var http = AdminClient();
        var reply = await http.GetStringAsync($"http://127.0.0.1:{Port}/admin/metadata?mount={Uri.EscapeDataString(mount)}&mode=updinfo&song={Uri.EscapeDataString(song)}");
        Assert.Contains("<return>1</return>", reply);
    }

    /// <summary>How many clients listen to <paramref name="mount"/>, as icecast2's admin/listclients lists them.</summary>
    public async Task<int> ListenerCountAsync(string mount)
    {
        using var http = AdminClient();
        var reply = await http.GetStringAsync($"http://127.0.0.1:{Port}/admin/listclients?mount={Uri.EscapeDataString(mount)}");
        return System.Xml.Linq.XDocument.Parse(reply).Descendants("listener").Count();
    }

    private static HttpClient AdminClient()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{AdminUser}:{AdminPassword}")));
        return http;
    }

    /// <summary>Icecast logs a request when it lets the client go, which nothing announces: the file is read again until it holds the line.</summary>
    public async Task<string> WaitForAccessLogLineAsync(Func<string, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++, await Task.Delay(100))
        {
            if (File.Exists(AccessLogPath) && (await File.ReadAllLinesAsync(AccessLogPath)).FirstOrDefault(match) is { } line)
                return line;
        }
        throw new TimeoutException($"icecast2 logged no such access line:\n{(File.Exists(AccessLogPath) ? await File.ReadAllTextAsync(AccessLogPath) : "(no access.log)")}");
    }

    /// <summary>Waits until <paramref name="mount"/> has a source, as status-json.xsl shows it; icecast2 announces it nowhere else.</summary>
    public async Task WaitForSourceAsync(string mount)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++, await Task.Delay(100))
        {
            if ((await http.GetStringAsync($"http://127.0.0.1:{Port}/status-json.xsl")).Contains($"\"listenurl\":\"http://127.0.0.1:{Port}{mount}\"", StringComparison.Ordinal))
                return;
        }
        throw new TimeoutException($"icecast2 never had a source on {mount}");
    }

    private async Task WaitUntilAcceptingAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (attempt < 100 && !Program.HasExited)
            {
                // Nothing tells when icecast2 has bound its port; it takes a few milliseconds.
                await Task.Delay(50);
            }
        }
    }

    private static string Config(int port, string directory, string extraConfig) => $"""
        <icecast>
          <location>tests</location>
          <admin>tests@localhost</admin>
          <hostname>127.0.0.1</hostname>
          <limits>
            <clients>100</clients>
            <sources>10</sources>
            <burst-size>0</burst-size>
            <source-timeout>10</source-timeout>
          </limits>
          <authentication>
            <source-password>{TestStation.Password}</source-password>
            <admin-user>{AdminUser}</admin-user>
            <admin-password>{AdminPassword}</admin-password>
          </authentication>
          <listen-socket>
            <port>{port}</port>
            <bind-address>127.0.0.1</bind-address>
          </listen-socket>
          <paths>
            <basedir>/usr/share/icecast2</basedir>
            <webroot>/usr/share/icecast2/web</webroot>
            <adminroot>/usr/share/icecast2/admin</adminroot>
            <logdir>{SecurityElement.Escape(directory)}</logdir>
          </paths>
          <logging>
            <accesslog>access.log</accesslog>
            <errorlog>error.log</errorlog>
            <loglevel>2</loglevel>
          </logging>
          <security>
            <chroot>0</chroot>
            {(Environment.UserName == "root" ? "<changeowner><user>nobody</user><group>nogroup</group></changeowner>" : "")}
          </security>
          {extraConfig}
        </icecast>
        """;

    public async ValueTask DisposeAsync()
    {
        await Program.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
