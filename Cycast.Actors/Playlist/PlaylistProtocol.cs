using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Playlist;

/// <summary>The player begins a track: its title is the mount's title from now on, and its format the mount's.</summary>
public sealed record FallbackTrackStarted(TrackTitle Title, ContainerFormat Format);

/// <summary>
/// Whole MP3 frames or Ogg pages of the current track, due now. <see cref="Audio"/> is a slice of the loaded file,
/// which nobody writes to, so it is passed without copying.
/// </summary>
public sealed record FallbackAudio(ReadOnlyMemory<byte> Audio);
