using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Playlist;

/// <summary>
/// A file ready to play: its bytes, read once, and the units to send (MP3 frames or Ogg pages), each with the audio
/// time at which it starts within the track. Units are slices of <see cref="Bytes"/>, which nobody writes to.
/// </summary>
public sealed record PlaylistTrack(string Path, ContainerFormat Format, TrackTitle Title, byte[] Bytes, IReadOnlyList<TrackUnit> Units, TimeSpan Duration);

/// <summary>One MP3 frame or Ogg page of a track, starting <paramref name="Start"/> into it.</summary>
public readonly record struct TrackUnit(int Offset, int Length, TimeSpan Start)
{
    public int End => Offset + Length;
}
