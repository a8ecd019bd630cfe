using System.Collections.Concurrent;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The mounts this station serves, as this node knows them: every configured one, plus any an encoder opens with the
/// station's own password (Icecast lets a source create a mount that has no configuration of its own). Those last
/// only while used: <c>advanced.max_mounts</c> caps how many the node knows, and a mount is forgotten once it goes.
/// </summary>
public sealed class MountDirectory
{
    private readonly ConcurrentDictionary<string, MountSettings> _mounts;
    private volatile CycastSettings _station;

    public MountDirectory(CycastSettings station)
    {
        _station = station;
        _mounts = new ConcurrentDictionary<string, MountSettings>(
            station.EffectiveMounts.Select(mount => KeyValuePair.Create(mount.Path, mount)), StringComparer.Ordinal);
    }

    public string DefaultMount => _station.Server.MountPoint;

    public IReadOnlyCollection<MountSettings> All => _mounts.Values.OrderBy(mount => mount.Path, StringComparer.Ordinal).ToArray();

    /// <summary>Why <see cref="TryOpen"/> refused a mount, as the encoder is told (Icecast's words for the cap).</summary>
    public const string ReservedName = "Mount name reserved for the server's own pages", TooManyMounts = "Too many mounts";

    public bool TryGet(string path, out MountSettings mount) => _mounts.TryGetValue(path, out mount!);

    /// <summary>
    /// <paramref name="mount"/>'s settings as the node knows them now: a reload may have changed them since an actor
    /// was given them. A mount the directory no longer holds keeps the settings it was given.
    /// </summary>
    public MountSettings Current(MountSettings mount) => TryGet(mount.Path, out var current) ? current : mount;

    /// <summary>
    /// The one door to a new mount: an encoder's (on this node), or a mount's entity taking on a mount that an encoder
    /// opened on another node. A known mount is simply found. A new one may not take a name of the server's own pages,
    /// and is refused once the node knows <c>advanced.max_mounts</c>. Nothing else (a title update, a listener, a
    /// status request) ever adds a mount. <paramref name="refusal"/> says why not, for the encoder.
    /// </summary>
    public bool TryOpen(string path, out MountSettings mount, out string refusal)
    {
        refusal = "";
        if (TryGet(path, out mount))
            return true;
        if (NameRefusal(path) is { } refused)
        {
            refusal = refused;
            return false;
        }
        // Two encoders racing past the cap's last place may both get in: the cap bounds memory, it need not be exact.
        if (_mounts.Count >= _station.Advanced.MaxMounts)
        {
            refusal = TooManyMounts;
            return false;
        }
        mount = _mounts.GetOrAdd(path, MountSettings.Unconfigured(path, _station));
        return true;
    }

    /// <summary>
    /// Why no mount may have this name (it is one of the server's own pages), or null: what <see cref="TryOpen"/> checks
    /// first, and what an encoder's request is told before its credentials are even looked at.
    /// </summary>
    public static string? NameRefusal(string path) => ServerPaths.IsReserved(path) ? ReservedName : null;

    /// <summary>
    /// Takes a reloaded configuration: configured mounts get their new settings, new ones are added, and configured
    /// ones no longer in the file are forgotten, so nobody new can reach them (those connected stay, as in Icecast).
    /// A mount an encoder opened keeps its settings until it goes. Returns the mount paths added and removed.
    /// </summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Reconfigure(CycastSettings station)
    {
        _station = station;
        var wanted = station.EffectiveMounts.ToDictionary(mount => mount.Path, StringComparer.Ordinal);
        var removed = _mounts.Values.Where(mount => mount.Configured && !wanted.ContainsKey(mount.Path)).Select(mount => mount.Path).ToList();
        foreach (var path in removed)
            _mounts.TryRemove(path, out _);
        var added = wanted.Keys.Where(path => !_mounts.TryGetValue(path, out var known) || !known.Configured).ToList();
        foreach (var mount in wanted.Values)
            _mounts[mount.Path] = mount;
        return (added, removed);
    }

    /// <summary>A mount that has gone: forgotten unless it is configured.</summary>
    public void Forget(string path)
    {
        if (_mounts.TryGetValue(path, out var mount) && !mount.Configured)
            _mounts.TryRemove(KeyValuePair.Create(path, mount));
    }
}
