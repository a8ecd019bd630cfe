using Cycast.Shared.Audio;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Playlist;

/// <summary>Turns a file's or a stream's tags into the title listeners see, the same way for ID3 and Vorbis comments.</summary>
public static class TagTitle
{
    /// <summary>The title a player shows for these tags, or null when they carry no title.</summary>
    public static TrackTitle? From(StreamTags? tags) =>
        string.IsNullOrWhiteSpace(tags?.Title) ? null : new TrackTitle(tags.Artist?.Trim() ?? "", tags.Title.Trim());
}
