namespace Cycast.Shared.Config;

/// <summary>
/// A mount with every inherited value resolved. Configured by the Cycast extension block
/// <c>mount "/path" { }</c> (label must start with '/', each label once) whose keys are all optional:
/// <c>source_password</c> (inherits server.source_password), <c>playlist_directory</c> (playlist.directory),
/// <c>station_name</c>, <c>station_description</c>, <c>station_genre</c>, <c>station_url</c> (metadata.*),
/// <c>max_listeners</c> (advanced.max_listeners; 0 = unlimited), <c>allow_passthrough</c> (false), Icecast's own
/// <see cref="Limits"/>, <see cref="Overrides"/>, <see cref="Intro"/>, <see cref="Fallback"/>, <see cref="Auth"/>,
/// <see cref="Relay"/> and <see cref="Recording"/>. <see cref="Configured"/>
/// is false for a mount an encoder opened without a block of its own: it lives only while it is used.
/// </summary>
/// <param name="AllowPassthrough">
/// Whether an encoder may stream a content type the server cannot find frames or pages in: its bytes are then sent as
/// they come, joined anywhere, and only silence on the wire drops it. Off, such an encoder is refused with 415.
/// </param>
public sealed record MountSettings(
    string Path,
    string SourcePassword,
    string PlaylistDirectory,
    string StationName,
    string StationDescription,
    string StationGenre,
    string StationUrl,
    int MaxListeners,
    bool Configured = true,
    bool AllowPassthrough = false)
{
    public MountLimits Limits { get; init; } = MountLimits.Station;

    public MountOverrides Overrides { get; init; } = MountOverrides.None;

    /// <summary>
    /// <c>intro</c>: an audio file (Icecast's <c>&lt;intro&gt;</c>) every new listener hears before the mount's audio;
    /// null for none.
    /// </summary>
    public string? Intro { get; init; }

    /// <summary><c>fallback_mount</c> and its options (<see cref="MountFallback"/>); null for none.</summary>
    public MountFallback? Fallback { get; init; }

    /// <summary>The block <c>auth { }</c>: who may listen (<see cref="ListenerAuthSettings"/>); null lets everyone in.</summary>
    public ListenerAuthSettings? Auth { get; init; }

    /// <summary><c>dump_file</c> and its rotation (<see cref="RecordingSettings"/>); null records nothing.</summary>
    public RecordingSettings? Recording { get; init; }

    /// <summary>The block <c>relay { }</c>: the upstream this mount pulls its audio from (<see cref="RelaySettings"/>); null for none.</summary>
    public RelaySettings? Relay { get; init; }

    /// <summary>The mount a block at <paramref name="path"/> would describe if it set nothing.</summary>
    internal static MountSettings Inherited(
        string path, ServerSettings server, PlaylistSettings playlist, MetadataSettings metadata, AdvancedSettings advanced) =>
        new(path, server.SourcePassword, playlist.Directory, metadata.StationName, metadata.StationDescription,
            metadata.StationGenre, metadata.StationUrl, advanced.MaxListeners);

    /// <summary>A mount an encoder opens with no block of its own: the station's global values, for as long as it is used.</summary>
    public static MountSettings Unconfigured(string path, CycastSettings station) =>
        Inherited(path, station.Server, station.Playlist, station.Metadata, station.Advanced) with { Configured = false };
}
