using Cycast.Actors.Streaming;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The head a mount's listeners get: the station's own, or a live source's with the station's as the fallback. The
/// mount's Icecast-style overrides (<see cref="MountOverrides"/>) are what the mount is listed as (<see cref="Listed"/>);
/// over a live source's head, players get only the name overridden, as from Icecast 2.4 (format.c).
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

    /// <summary>What a live source says of itself, the station's values where it says nothing; the name overridden.</summary>
    public static StreamHeadFields Source(MountSettings mount, SourceProperties source)
    {
        var station = Station(mount, null);
        return new StreamHeadFields(
            source.ContentType,
            mount.Overrides.StreamName ?? source.Name ?? station.Name,
            source.Genre ?? station.Genre,
            source.Description ?? station.Description,
            source.Url ?? station.Url,
            source.Public ?? station.Public,
            source.Bitrate,
            source.AudioInfo);
    }

    /// <summary>What status documents and directories show of a mount playing <paramref name="head"/>: every override wins.</summary>
    public static StreamHeadFields Listed(MountSettings mount, StreamHeadFields head)
    {
        var overrides = mount.Overrides;
        return head with
        {
            Name = overrides.StreamName ?? head.Name,
            Genre = overrides.Genre ?? head.Genre,
            Description = overrides.StreamDescription ?? head.Description,
            Url = overrides.StreamUrl ?? head.Url,
            Public = overrides.Public ?? head.Public,
        };
    }
}
