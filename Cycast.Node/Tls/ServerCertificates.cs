using System.Security.Cryptography.X509Certificates;
using Cycast.Shared.Config;

namespace Cycast.Node.Tls;

/// <summary>
/// The certificate the HTTPS ports present, chosen by Kestrel at each handshake, so a new one serves the next
/// connection while those already open keep theirs. Read again on SIGHUP and whenever either PEM file changes: a
/// certbot renewal replaces the files (or the symlinks to them) and needs no restart.
/// </summary>
public sealed class ServerCertificates : IDisposable
{
    private readonly ILogger<ServerCertificates> _log;
    private readonly Lock _watching = new();
    private volatile X509Certificate2? _current;
    private TlsSettings? _files;
    private FileSystemWatcher[] _watchers = [];

    public ServerCertificates(LiveSettings live, ILogger<ServerCertificates> log)
    {
        _log = log;
        Load(live.Current.Tls, "start-up");
        live.Changed += settings => Load(settings.Tls, "SIGHUP");
    }

    /// <summary>What the next handshake presents; null only without a tls block, when no HTTPS port is bound.</summary>
    public X509Certificate2? Current => _current;

    private void Load(TlsSettings? tls, string why)
    {
        if (tls is null)
            return;
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
            _log.LogDebug("TLS certificate not loaded ({Why}), the current one is kept: {Problem}", why, problem);
            return;
        }
        var previous = _current;
        if (previous is not null && previous.Thumbprint == pair.Thumbprint)
        {
            pair.Dispose();
            return;
        }
        _current = pair;
        _log.LogInformation("TLS certificate loaded ({Why}): {Subject}, serial {Serial}, valid until {NotAfter:u}", why, pair.Subject,
            pair.SerialNumber, pair.NotAfter.ToUniversalTime());
        // Handshakes already under way may still hold the old one; it is left to the finalizer rather than disposed under them.
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
                    if (names.Contains(change.Name ?? "") && _files is { } files)
                        Load(files, $"{change.Name} changed");
                }
                watcher.Changed += Changed;
                watcher.Created += Changed;
                watcher.Renamed += (sender, renamed) => Changed(sender, renamed);
                watcher.EnableRaisingEvents = true;
                return watcher;
            })];
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
            watcher.Dispose();
    }
}
