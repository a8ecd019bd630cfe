namespace Cycast.Shared.Config;

/// <summary>Everything a configuration file can say, typed and validated.</summary>
/// <param name="Mounts">The configured <c>mount</c> blocks in file order, inheritance resolved.</param>
/// <param name="Tls">The <c>tls</c> block; null when the file has none, and then the node has no HTTPS port.</param>
/// <param name="Admin">The <c>admin</c> block; null when the file has none, and then the admin endpoints are closed.</param>
public sealed record CycastSettings(
    ServerSettings Server,
    BufferSettings Buffer,
    PlaylistSettings Playlist,
    BroadcasterSettings Broadcaster,
    MetadataSettings Metadata,
    AdvancedSettings Advanced,
    IReadOnlyList<MountSettings> Mounts,
    ClusterSettings Cluster,
    AdminSettings? Admin = null,
    TlsSettings? Tls = null)
{
    /// <summary>
    /// All mounts the station serves: the configured mount blocks, plus server.mount_point (built from the
    /// global settings) when no mount block has that path. Computed on each read so a <c>with</c> copy stays consistent.
    /// </summary>
    public IReadOnlyList<MountSettings> EffectiveMounts =>
        Mounts.Any(mount => mount.Path == Server.MountPoint)
            ? Mounts
            : [.. Mounts, MountSettings.Inherited(Server.MountPoint, Server, Playlist, Metadata, Advanced)];
}
