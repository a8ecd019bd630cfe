using Akka.Actor;
using Cycast.Actors.Listeners;
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

    /// <summary>The node's own services, for a test that drives one of its parts with a clock of its own.</summary>
    public IServiceProvider Services => _app.Services;

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

    /// <summary>Completes once exactly <paramref name="count"/> listeners are attached to the mount on this node.</summary>
    public Task WhenListenersAsync(string mount, int count)
    {
        var registry = _app.Services.GetRequiredService<ListenerRegistry>();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (registry.Sessions.Count(session => session.MountPath == mount) == count)
                reached.TrySetResult();
        }
        registry.Changed += Check;
        Check();
        return reached.Task.WaitAsync(MountEvents.Patience).ContinueWith(task =>
        {
            registry.Changed -= Check;
            return task;
        }).Unwrap();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
