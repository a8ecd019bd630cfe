using System.Collections.Concurrent;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The mounts this station serves, as this node knows them: every configured one, plus any an encoder opens with the
/// station's own password (Icecast lets a source create a mount that has no configuration of its own). Those last
/// only while used: <c>advanced.max_mounts</c> caps how many the node knows, and a mount is forgotten once it goes.
/// </summary>
public sealed class MountDirectory
{
    private readonly ConcurrentDictionary<string, MountSettings> _mounts;
    private readonly CycastSettings _station;

    public MountDirectory(CycastSettings station)
    {
        _station = station;
        _mounts = new ConcurrentDictionary<string, MountSettings>(
            station.EffectiveMounts.Select(mount => KeyValuePair.Create(mount.Path, mount)), StringComparer.Ordinal);
    }

    public string DefaultMount => _station.Server.MountPoint;

    public IReadOnlyCollection<MountSettings> All => _mounts.Values.OrderBy(mount => mount.Path, StringComparer.Ordinal).ToArray();

    public bool TryGet(string path, out MountSettings mount) => _mounts.TryGetValue(path, out mount!);

    /// <summary>
    /// The settings of a mount an encoder names: a known one, or a new unconfigured one while fewer than
    /// <c>advanced.max_mounts</c> are known. Returns false past the cap.
    /// </summary>
    public bool TryOpen(string path, out MountSettings mount)
    {
        if (TryGet(path, out mount))
            return true;
        // Two encoders racing past the cap's last place may both get in: the cap bounds memory, it need not be exact.
        if (_mounts.Count >= _station.Advanced.MaxMounts)
            return false;
        mount = GetOrAdd(path);
        return true;
    }

    /// <summary>A mount that has gone: forgotten unless it is configured.</summary>
    public void Forget(string path)
    {
        if (_mounts.TryGetValue(path, out var mount) && !mount.Configured)
            _mounts.TryRemove(KeyValuePair.Create(path, mount));
    }

    /// <summary>The settings of a mount, inventing an unconfigured one from the station's global values.</summary>
    public MountSettings GetOrAdd(string path) => _mounts.GetOrAdd(path, static (newPath, station) => new MountSettings(
        newPath,
        station.Server.SourcePassword,
        station.Playlist.Directory,
        station.Metadata.StationName,
        station.Metadata.StationDescription,
        station.Metadata.StationGenre,
        station.Metadata.StationUrl,
        station.Advanced.MaxListeners,
        Configured: false), _station);
}
