using System.Security.Cryptography.X509Certificates;
using Cycast.Shared.Config;

namespace Cycast.Node.Tls;

/// <summary>
/// The certificate the HTTPS ports present, chosen by Kestrel at each handshake, so a new one serves the next
/// connection while those already open keep theirs. Read again on SIGHUP and whenever either PEM file changes: a
/// certbot renewal replaces the files (or the symlinks to them) and needs no restart.
/// </summary>
/// <remarks>
/// A change is read once the files have been quiet for <see cref="Settle"/>, and again while they do not load yet for
/// up to <see cref="RetryFor"/>: a renewal writes the two files one after the other, and a writer may hold a file
/// locked until it closes it, which raises no further change event.
/// </remarks>
public sealed class ServerCertificates : IDisposable
{
    private readonly ILogger<ServerCertificates> _log;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(10);

    private readonly Lock _watching = new();
    private readonly ITimer _reread;
    private DateTimeOffset _changedAt;
    private volatile X509Certificate2? _current;
    private TlsSettings? _files;
    private FileSystemWatcher[] _watchers = [];

    private readonly TimeProvider _clock;

    public ServerCertificates(LiveSettings live, TimeProvider clock, ILogger<ServerCertificates> log)
    {
        _log = log;
        _clock = clock;
        _reread = clock.CreateTimer(_ => RereadChangedFiles(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Load(live.Current.Tls, "start-up");
        live.Changed += settings => Load(settings.Tls, "SIGHUP");
    }

    /// <summary>What the next handshake presents; null only without a tls block, when no HTTPS port is bound.</summary>
    public X509Certificate2? Current => _current;

    /// <summary>Loads the pair the settings name; false when it does not load, and the current one goes on serving.</summary>
    private bool Load(TlsSettings? tls, string why, LogLevel failure = LogLevel.Debug)
    {
        if (tls is null)
            return true;
        lock (_watching)
        {
            if (_files is null || _files.Certificate != tls.Certificate || _files.Key != tls.Key)
                Watch(tls);
            _files = tls;
        }
        var pair = TlsSettings.Load(tls.Certificate, tls.Key, out var problem, out _);
        if (pair is null)
        {
            // A renewal writes the two files one after the other: in between they do not match, and the next
            // change completes the pair. Until then the current certificate goes on serving.
            _log.Log(failure, "TLS certificate not loaded ({Why}), the current one is kept: {Problem}", why, problem);
            return false;
        }
        var previous = _current;
        if (previous is not null && previous.Thumbprint == pair.Thumbprint)
        {
            pair.Dispose();
            return true;
        }
        _current = pair;
        _log.LogInformation("TLS certificate loaded ({Why}): {Subject}, serial {Serial}, valid until {NotAfter:u}", why, pair.Subject,
            pair.SerialNumber, pair.NotAfter.ToUniversalTime());
        // Handshakes already under way may still hold the old one; it is left to the finalizer rather than disposed under them.
        return true;
    }

    private void FilesChanged()
    {
        lock (_watching)
            _changedAt = _clock.GetUtcNow();
        _reread.Change(Settle, Timeout.InfiniteTimeSpan);
    }

    private void RereadChangedFiles()
    {
        DateTimeOffset changedAt;
        TlsSettings? files;
        lock (_watching)
            (changedAt, files) = (_changedAt, _files);
        var givingUp = _clock.GetUtcNow() - changedAt >= RetryFor;
        if (!Load(files, "the files changed", givingUp ? LogLevel.Warning : LogLevel.Debug) && !givingUp)
            _reread.Change(Settle, Timeout.InfiniteTimeSpan);
    }

    private void Watch(TlsSettings tls)
    {
        foreach (var watcher in _watchers)
            watcher.Dispose();
        _watchers = [.. new[] { tls.Certificate, tls.Key }
            .Select(Path.GetFullPath)
            .GroupBy(file => Path.GetDirectoryName(file)!)
            .Select(directory =>
            {
                var names = directory.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
                var watcher = new FileSystemWatcher(directory.Key)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                void Changed(object? _, FileSystemEventArgs change)
                {
                    if (names.Contains(change.Name ?? ""))
                        FilesChanged();
                }
                watcher.Changed += Changed;
                watcher.Created += Changed;
                watcher.Renamed += (sender, renamed) => Changed(sender, renamed);
                watcher.Error += (_, failure) => _log.LogWarning(failure.GetException(),
                    "Watching {Directory} for certificate changes failed; SIGHUP still reloads them", directory.Key);
                watcher.EnableRaisingEvents = true;
                return watcher;
            })];
    }

    public void Dispose()
    {
        _reread.Dispose();
        foreach (var watcher in _watchers)
            watcher.Dispose();
    }
}
