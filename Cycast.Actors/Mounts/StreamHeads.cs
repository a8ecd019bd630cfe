using Cycast.Actors.Streaming;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The head a mount's listeners get: the station's own, or a live source's with the station's as the fallback; the
/// mount's Icecast-style overrides (<see cref="MountOverrides"/>) win over both, as in Icecast.
/// </summary>
public static class StreamHeads
{
    /// <summary>The mount's own head, for the playlist: in the format the mount streams (MP3 until known otherwise).</summary>
    public static StreamHeadFields Station(MountSettings mount, ContainerFormat? format) => new(
        (format ?? ContainerFormat.Mp3).ContentType(),
        mount.Overrides.StreamName ?? mount.StationName,
        mount.Overrides.Genre ?? mount.StationGenre,
        mount.Overrides.StreamDescription ?? mount.StationDescription,
        mount.Overrides.StreamUrl ?? mount.StationUrl,
        Public: mount.Overrides.Public ?? false,
        Bitrate: null,
        AudioInfo: null);

    /// <summary>What a live source says of itself, the station's values where it says nothing.</summary>
    public static StreamHeadFields Source(MountSettings mount, SourceProperties source)
    {
        var station = Station(mount, null);
        var overrides = mount.Overrides;
        return new StreamHeadFields(
            source.ContentType,
            overrides.StreamName ?? source.Name ?? station.Name,
            overrides.Genre ?? source.Genre ?? station.Genre,
            overrides.StreamDescription ?? source.Description ?? station.Description,
            overrides.StreamUrl ?? source.Url ?? station.Url,
            overrides.Public ?? source.Public ?? station.Public,
            source.Bitrate,
            source.AudioInfo);
    }
}
