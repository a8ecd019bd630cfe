namespace Cycast.Shared.Config;

/// <summary>The <c>playlist { }</c> block.</summary>
/// <param name="Directory"><c>directory</c>: music folder, kept as written; a relative path is resolved by the caller against the working directory (default "./music").</param>
/// <param name="Shuffle"><c>shuffle</c>: shuffle the playlist on load (default true).</param>
/// <param name="Extensions"><c>extensions</c>: file extensions to play, each starting with '.' (default [".mp3", ".ogg"]).</param>
public sealed record PlaylistSettings(string Directory, bool Shuffle, IReadOnlyList<string> Extensions);
