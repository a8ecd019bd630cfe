using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Node.Hosting;
using Cycast.Shared.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cycast.Tests.Support;

/// <summary>A real Cycast node in this process, on two free loopback ports, for tests to talk to over sockets.</summary>
public sealed class TestStation : IAsyncDisposable
{
    public const string Password = "hackme";

    private readonly WebApplication _app;

    private TestStation(WebApplication app, int sourcePort, int listenPort, LogCapture logs)
    {
        _app = app;
        SourcePort = sourcePort;
        ListenPort = listenPort;
        Logs = logs;
    }

    public int SourcePort { get; }
    public int ListenPort { get; }
    public LogCapture Logs { get; }
    public ActorSystem System => _app.Services.GetRequiredService<ActorSystem>();

    public static async Task<TestStation> StartAsync(StationOptions? options = null)
    {
        options ??= new StationOptions();
        // A port found free can be taken by someone else's connection before Kestrel binds it: try fresh ones.
        for (var attempt = 1; ; attempt++)
        {
            var sourcePort = FreePort.Next();
            var listenPort = FreePort.Next();
            var loaded = SettingsLoader.Parse(options.ToHcl(sourcePort, listenPort), "test.hcl");
            var logs = new LogCapture();
            var app = CycastApp.Build(loaded, logging: logging => logging.AddProvider(logs)
                // Cycast's own debug lines too, so tests can check that routine steps are logged at debug only.
                .AddFilter<LogCapture>("Cycast", LogLevel.Debug));
            try
            {
                await app.StartAsync();
                return new TestStation(app, sourcePort, listenPort, logs);
            }
            catch (IOException error) when (error.InnerException is AddressInUseException && attempt < 5)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>What public pages call the node: its <c>cluster.node_name</c>, the host name unless the test set one.</summary>
    public string NodeName => _app.Services.GetRequiredService<CycastSettings>().Cluster.NodeName;

    public Uri Url(string path) => new($"http://127.0.0.1:{ListenPort}{path}");

    /// <summary>Completes when the mount's source goes live (or away), as the mount announces it.</summary>
    public Task WhenSourceAsync(string mount, bool live) => MountEvents.WaitAsync(System, (MountSourceChanged e) => e.MountPath == mount && e.Live == live);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
