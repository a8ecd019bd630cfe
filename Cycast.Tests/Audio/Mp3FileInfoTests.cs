using Cycast.Shared.Audio;

namespace Cycast.Tests.Audio;

public class Mp3FileInfoTests
{
    [Fact]
    public void Frames_ListsEveryFrameIncludingTheLast()
    {
        var file = SyntheticMp3.Frames(5, out var offsets);

        var frames = Mp3FileInfo.Frames(file, 0, file.Length).ToList();

        Assert.Equal(offsets, frames.Select(f => f.Offset));
        Assert.Equal([417, 418, 417, 418, 417], frames.Select(f => f.Length));
        Assert.All(frames, f => Assert.False(f.IsInfoFrame));
        Assert.All(frames, f => Assert.Equal(TimeSpan.FromTicks(1152 * TimeSpan.TicksPerSecond / 44100), f.Duration));
    }

    [Fact]
    public void XingFirstFrame_IsFlaggedAsInfoFrame()
    {
        byte[] file = [.. SyntheticMp3.XingFrame(), .. SyntheticMp3.Frames(3, out _)];

        var frames = Mp3FileInfo.Frames(file, 0, file.Length).ToList();

        Assert.Equal(4, frames.Count);
        Assert.True(frames[0].IsInfoFrame);
        Assert.All(frames.Skip(1), f => Assert.False(f.IsInfoFrame));
    }

    [Fact]
    public void Frames_ResyncPastGarbageAndStayInsideTheAudioRange()
    {
        var frames = SyntheticMp3.Frames(3, out var offsets);
        var garbage = SyntheticMp3.SyncFreeGarbage(50, seed: 4);
        byte[] file = [.. garbage, .. frames, .. garbage, .. frames, .. garbage];
        var audioEnd = file.Length - garbage.Length;

        var found = Mp3FileInfo.Frames(file, garbage.Length, audioEnd).Select(f => f.Offset).ToList();

        var second = garbage.Length + frames.Length + garbage.Length;
        // The third frame of the first group is followed by garbage, not by a confirming header, so it is dropped.
        Assert.Equal([garbage.Length + offsets[0], garbage.Length + offsets[1], second + offsets[0], second + offsets[1], second + offsets[2]], found);
    }

    [Fact]
    public void TruncatedLastFrame_IsNotReported()
    {
        var file = SyntheticMp3.Frames(3, out var offsets);

        var found = Mp3FileInfo.Frames(file, 0, file.Length - 10).Select(f => f.Offset).ToList();

        Assert.Equal([offsets[0], offsets[1]], found);
    }
}
