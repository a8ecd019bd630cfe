namespace Cycast.Shared.Audio;

/// <summary>The tags a radio shows for the playing track.</summary>
public sealed record StreamTags(string? Title, string? Artist, string? Album)
{
    /// <summary>"Artist - Title", or Title alone, or null when there is no title to show.</summary>
    public string? DisplayTitle =>
        string.IsNullOrEmpty(Title) ? null
        : string.IsNullOrEmpty(Artist) ? Title
        : $"{Artist} - {Title}";
}
