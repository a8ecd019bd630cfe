using Cycast.Shared.Audio;

namespace Cycast.Shared.Icy;

/// <summary>
/// A song title as encoders send it: "Artist - Title" by convention. The API reports the two halves apart.
/// </summary>
public sealed record TrackTitle(string Artist, string Title)
{
    public static TrackTitle None { get; } = new("", "");

    public static TrackTitle Parse(string? song)
    {
        if (string.IsNullOrWhiteSpace(song))
            return None;
        var separator = song.IndexOf(" - ", StringComparison.Ordinal);
        return separator < 0
            ? new TrackTitle("", song.Trim())
            : new TrackTitle(song[..separator].Trim(), song[(separator + 3)..].Trim());
    }

    /// <summary>The title a file's or a stream's tags (ID3, Vorbis comments) give, or null when they carry no title.</summary>
    public static TrackTitle? FromTags(StreamTags? tags) =>
        string.IsNullOrWhiteSpace(tags?.Title) ? null : new TrackTitle(tags.Artist?.Trim() ?? "", tags.Title.Trim());

    /// <summary>The text players show: "Artist - Title", or the title alone.</summary>
    public string StreamTitle => Artist.Length == 0 ? Title : $"{Artist} - {Title}";
}
