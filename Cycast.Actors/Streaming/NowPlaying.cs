using Cycast.Shared.Icy;

namespace Cycast.Actors.Streaming;

/// <summary>
/// The mount's current title, with its ICY block encoded once for every listener. <see cref="Version"/> changes with
/// the title, so each listener knows whether its next block must carry it or may be the empty one.
/// </summary>
public sealed class NowPlaying
{
    private NowPlaying(int version, TrackTitle title)
    {
        Version = version;
        Title = title;
        IcyBlock = IcyMetadataBlock.Encode(title.StreamTitle);
    }

    public static NowPlaying Initial { get; } = new(0, TrackTitle.None);

    public int Version { get; }
    public TrackTitle Title { get; }
    public ReadOnlyMemory<byte> IcyBlock { get; }

    public NowPlaying With(TrackTitle title) => new(Version + 1, title);
}
