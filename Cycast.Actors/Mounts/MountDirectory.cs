using System.Collections.Concurrent;
using Cycast.Shared.Config;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The mounts this station serves: every configured one, plus any an encoder opens with the station's own
/// password (Icecast lets a source create a mount that has no configuration of its own).
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

    /// <summary>The settings of a mount, inventing an unconfigured one from the station's global values.</summary>
    public MountSettings GetOrAdd(string path) => _mounts.GetOrAdd(path, static (newPath, station) => new MountSettings(
        newPath,
        station.Server.SourcePassword,
        station.Playlist.Directory,
        station.Metadata.StationName,
        station.Metadata.StationDescription,
        station.Metadata.StationGenre,
        station.Metadata.StationUrl,
        station.Advanced.MaxListeners), _station);
}
