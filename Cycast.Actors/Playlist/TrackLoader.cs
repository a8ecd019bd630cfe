using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Icy;

namespace Cycast.Actors.Playlist;

/// <summary>Reads a playlist file into a <see cref="PlaylistTrack"/>, or says why it cannot be played.</summary>
public static class TrackLoader
{
    public static PlaylistTrack Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0)
            throw new UnplayableTrackException("the file is empty");
        return ContainerFormats.Sniff(bytes) == ContainerFormat.Ogg ? LoadOgg(path, bytes) : LoadMp3(path, bytes);
    }

    private static PlaylistTrack LoadMp3(string path, byte[] bytes)
    {
        var id3 = Id3Reader.Read(bytes);
        var units = new List<TrackUnit>();
        var start = TimeSpan.Zero;
        // Only audio frames go out: tag bytes would reach decoders as garbage, and the Xing/Info frame describes the
        // file, not the stream it becomes part of.
        foreach (var frame in Mp3FileInfo.Frames(bytes, id3.AudioStart, id3.AudioEnd))
        {
            if (frame.IsInfoFrame)
                continue;
            units.Add(new TrackUnit(frame.Offset, frame.Length, start));
            start += frame.Duration;
        }
        if (units.Count == 0)
            throw new UnplayableTrackException("no MPEG audio frames found");
        return new PlaylistTrack(path, ContainerFormat.Mp3, TitleOf(path, id3.Tags), bytes, units, start);
    }

    private static PlaylistTrack LoadOgg(string path, byte[] bytes)
    {
        if (OggFileInfo.CodecName(bytes) is null)
            throw new UnplayableTrackException("the Ogg stream is neither Vorbis nor Opus");
        var units = new List<TrackUnit>();
        var start = TimeSpan.Zero;
        // A page is due when the audio before it has played: its start is the previous page's end time.
        foreach (var page in OggFileInfo.Pages(bytes))
        {
            units.Add(new TrackUnit(page.Offset, page.Length, start));
            start = page.EndTime;
        }
        if (start <= TimeSpan.Zero)
            throw new UnplayableTrackException("no Ogg audio pages found");
        return new PlaylistTrack(path, ContainerFormat.Ogg, TitleOf(path, OggFileInfo.ReadTags(bytes)), bytes, units, start);
    }

    /// <summary>The tags' "Artist - Title", else the file name, which often follows the same convention.</summary>
    private static TrackTitle TitleOf(string path, StreamTags? tags) =>
        TrackTitle.FromTags(tags) ?? TrackTitle.Parse(Path.GetFileNameWithoutExtension(path));
}

/// <summary>A playlist file that exists but holds nothing the player can send.</summary>
public sealed class UnplayableTrackException(string reason) : Exception(reason);
