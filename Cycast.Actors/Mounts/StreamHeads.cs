using Cycast.Actors.Streaming;
using Cycast.Shared.Config;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>The head a mount's listeners get: the station's own, or a live source's with the station's as the fallback.</summary>
public static class StreamHeads
{
    /// <summary>The mount's own head, for the playlist: in the format the mount streams (MP3 until known otherwise).</summary>
    public static StreamHeadFields Station(MountSettings mount, ContainerFormat? format) => new(
        (format ?? ContainerFormat.Mp3).ContentType(),
        mount.StationName,
        mount.StationGenre,
        mount.StationDescription,
        mount.StationUrl,
        Public: false,
        Bitrate: null,
        AudioInfo: null);

    /// <summary>What a live source says of itself, the station's values where it says nothing.</summary>
    public static StreamHeadFields Source(MountSettings mount, SourceProperties source)
    {
        var station = Station(mount, null);
        return new StreamHeadFields(
            source.ContentType,
            source.Name ?? station.Name,
            source.Genre ?? station.Genre,
            source.Description ?? station.Description,
            source.Url ?? station.Url,
            source.Public ?? station.Public,
            source.Bitrate,
            source.AudioInfo);
    }
}
