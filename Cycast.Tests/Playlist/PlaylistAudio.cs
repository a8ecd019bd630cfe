using Cycast.Actors.Playlist;
using Cycast.Shared.Audio;

namespace Cycast.Tests.Playlist;

/// <summary>What a listener should hear of a playlist track, and checks that a byte stream is whole MP3 frames.</summary>
internal static class PlaylistAudio
{
    /// <summary>The track as the player sends it: its audio frames back to back, without tags or the Xing frame.</summary>
    public static byte[] Sent(PlaylistTrack track) => track.Units.SelectMany(unit => track.Bytes.AsSpan(unit.Offset, unit.Length).ToArray()).ToArray();

    /// <summary>Asserts <paramref name="received"/> begins on a frame of <paramref name="track"/> and follows it, playing it round if need be.</summary>
    public static void AssertJoinsOnAFrameOf(PlaylistTrack track, byte[] received)
    {
        var sent = Sent(track);
        var looped = sent.Concat(sent).Concat(sent).ToArray();
        var offset = 0;
        foreach (var unit in track.Units)
        {
            if (looped.AsSpan(offset).StartsWith(received))
                return;
            offset += unit.Length;
        }
        Assert.Fail($"the {received.Length} bytes are not the track's from any of its {track.Units.Count} frames");
    }

    /// <summary>Asserts the bytes are MP3 frames back to back, the first at byte 0 and the last ending at the end.</summary>
    public static void AssertWholeFrames(byte[] stream)
    {
        var expected = 0;
        foreach (var frame in Mp3FileInfo.Frames(stream, 0, stream.Length))
        {
            Assert.Equal(expected, frame.Offset);
            expected += frame.Length;
        }
        Assert.Equal(stream.Length, expected);
    }
}
