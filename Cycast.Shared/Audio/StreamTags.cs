namespace Cycast.Shared.Audio;

/// <summary>The tags a radio shows for the playing track (see <c>TrackTitle.FromTags</c>).</summary>
public sealed record StreamTags(string? Title, string? Artist, string? Album);
