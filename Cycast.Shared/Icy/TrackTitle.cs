using Cycast.Shared.Audio;
using Cycast.Shared.Protocol;

namespace Cycast.Shared.Icy;

/// <summary>
/// A song title as encoders send it: "Artist - Title" by convention. The API reports the two halves apart. It holds
/// text only, whoever made it (an encoder's update, a stream's tags, another node): control characters are dropped.
/// </summary>
public sealed record TrackTitle
{
    public TrackTitle(string artist, string title)
    {
        Artist = PlainText.Of(artist);
        Title = PlainText.Of(title);
    }

    public string Artist { get; }

    public string Title { get; }

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
