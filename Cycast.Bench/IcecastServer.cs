using System.Diagnostics;
using System.Net;
using System.Security;

namespace Cycast.Bench;

/// <summary>The reference: Debian's icecast2 binary with a generated icecast.xml in a temp directory.</summary>
internal sealed class IcecastServer : IStreamServer
{
    private const string Executable = "icecast2";
    private int _instance;

    public string Name => "icecast";

    public async Task<string> PrepareAsync(CancellationToken cancellationToken)
    {
        // "icecast2 -v" prints e.g. "Icecast 2.4.4".
        var version = Process.Start(new ProcessStartInfo(Executable, "-v") { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{Executable} not found; run bench/install.sh");
        var output = await version.StandardOutput.ReadToEndAsync(cancellationToken);
        await version.WaitForExitAsync(cancellationToken);
        return output.Trim();
    }

    public async Task<RunningServer> StartAsync(ServerLaunch launch, string workDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(workDirectory, $"icecast-{++_instance}");
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.TakeFree(1)[0];
        var configPath = Path.Combine(directory, "icecast.xml");
        var runsAsRoot = LibC.geteuid() == 0;
        if (runsAsRoot)
        {
            // icecast2 refuses to keep root; <changeowner> makes it drop to nobody after binding,
            // and that user must still be able to reach and write the logs here.
            File.SetUnixFileMode(workDirectory, File.GetUnixFileMode(workDirectory) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        }
        await File.WriteAllTextAsync(configPath, Config(port, launch.BurstBytes, directory, runsAsRoot), cancellationToken);

        var process = ServerProcess.Start(Executable, ["-c", configPath], Path.Combine(directory, "stdout.log"), directory, launch.Cpu);
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        try
        {
            await process.WaitUntilAcceptingAsync([endpoint], maxAttempts: 100, cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new RunningServer(process, endpoint, endpoint);
    }

    private static string Config(int port, int burstBytes, string directory, bool runsAsRoot)
    {
        var logDirectory = SecurityElement.Escape(directory);
        var password = SecurityElement.Escape(StreamSettings.SourcePassword);
        var changeOwner = runsAsRoot
            ? $"<changeowner><user>nobody</user><group>{UnprivilegedGroup()}</group></changeowner>"
            : "";
        return $"""
            <icecast>
              <location>cycast-bench</location>
              <admin>bench@localhost</admin>
              <hostname>127.0.0.1</hostname>
              <limits>
                <clients>{StreamSettings.ClientLimit}</clients>
                <sources>4</sources>
                <queue-size>{StreamSettings.QueueBytes}</queue-size>
                <client-timeout>30</client-timeout>
                <header-timeout>15</header-timeout>
                <source-timeout>10</source-timeout>
                <burst-on-connect>{(burstBytes > 0 ? 1 : 0)}</burst-on-connect>
                <burst-size>{burstBytes}</burst-size>
              </limits>
              <authentication>
                <source-password>{password}</source-password>
                <admin-user>admin</admin-user>
                <admin-password>{password}</admin-password>
              </authentication>
              <listen-socket>
                <port>{port}</port>
                <bind-address>127.0.0.1</bind-address>
              </listen-socket>
              <fileserve>1</fileserve>
              <paths>
                <basedir>/usr/share/icecast2</basedir>
                <webroot>/usr/share/icecast2/web</webroot>
                <adminroot>/usr/share/icecast2/admin</adminroot>
                <logdir>{logDirectory}</logdir>
              </paths>
              <logging>
                <accesslog>access.log</accesslog>
                <errorlog>error.log</errorlog>
                <loglevel>2</loglevel>
              </logging>
              <security>
                <chroot>0</chroot>
                {changeOwner}
              </security>
            </icecast>
            """;
    }

    /// <summary>Debian calls nobody's group "nogroup"; other systems call it "nobody".</summary>
    private static string UnprivilegedGroup() =>
        File.ReadLines("/etc/group").Any(line => line.StartsWith("nogroup:", StringComparison.Ordinal)) ? "nogroup" : "nobody";
}
