using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Hosting;
using Cycast.Actors.Listeners;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;

namespace Cycast.Node.Reload;

/// <summary>
/// SIGHUP, as Icecast and logrotate's <c>postrotate kill -HUP</c> use it: the node reads its configuration file again
/// through the same loader as start-up and applies it without dropping anyone. A file start-up would refuse is refused
/// with the same file:line:key, and the running configuration stays. Without this the signal's default action would
/// end the process at once.
/// </summary>
public sealed class ConfigReload(
    ConfigFile file,
    LiveSettings live,
    MountDirectory directory,
    ListenerRegistry registry,
    IRequiredActor<MountRouter> router,
    ActorSystem system,
    ILogger<ConfigReload> log) : IHostedService, IDisposable
{
    // Two signals in quick succession apply one file after the other, never interleaved.
    private readonly SemaphoreSlim _one = new(1, 1);
    private PosixSignalRegistration? _hangUp;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _ = Task.Run(ReloadAsync);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads the file and applies it, or says why not; never throws, for a signal has nobody to tell.</summary>
    public async Task ReloadAsync()
    {
        await _one.WaitAsync();
        try
        {
            if (file.Path is not { } path)
            {
                log.LogWarning("SIGHUP: nothing to reload, the node runs on the built-in defaults (start it with -c FILE)");
                return;
            }
            LoadedSettings loaded;
            try
            {
                loaded = SettingsLoader.LoadFile(path);
            }
            catch (ConfigException error)
            {
                log.LogError("Configuration not reloaded, the running one is kept: {Problem}", error.Message);
                return;
            }
            await ApplyAsync(path, loaded.Settings);
        }
        catch (Exception error)
        {
            log.LogError(error, "Configuration reload failed");
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task ApplyAsync(string path, CycastSettings next)
    {
        var running = live.Current;
        var restartOnly = RestartOnlySettings.Changed(running, next);
        var applied = RestartOnlySettings.Keep(running, next);
        var (added, removed) = directory.Reconfigure(applied);
        registry.MaxListeners = applied.Advanced.MaxListeners;
        live.Replace(applied);
        system.EventStream.SetLogLevel(applied.Advanced.VerboseLogging ? Akka.Event.LogLevel.DebugLevel : Akka.Event.LogLevel.InfoLevel);
        if (added.Count > 0)
            (await router.GetAsync()).Tell(new MountsAdded(added));
        log.LogInformation("Configuration reloaded from {File}; mounts added: {Added}; mounts removed: {Removed}", path,
            added.Count == 0 ? "none" : string.Join(", ", added), removed.Count == 0 ? "none" : string.Join(", ", removed));
        if (restartOnly.Count > 0)
            log.LogWarning("Changed in {File} but not applied until restart: {Keys}", path, string.Join(", ", restartOnly));
    }

    public void Dispose()
    {
        _hangUp?.Dispose();
        _one.Dispose();
    }
}
