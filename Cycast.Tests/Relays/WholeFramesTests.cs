using Cycast.Actors.Relays;
using Cycast.Tests.Support;

namespace Cycast.Tests.Relays;

/// <summary>What a relay passes on ends on a frame boundary, whatever the reads: a pull that stops leaves no broken frame.</summary>
public sealed class WholeFramesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Only_whole_frames_go_on_and_a_frame_cut_short_by_the_end_never_does(int readSize)
    {
        // Twenty frames, and the first half of the twenty-first, where the upstream dropped.
        var wire = Mp3Frames.Make(21)[..(20 * Mp3Frames.FrameLength + Mp3Frames.FrameLength / 2)];
        var frames = new WholeFrames("audio/mpeg");
        var passed = new List<byte>();
        for (var offset = 0; offset < wire.Length; offset += readSize)
        {
            var fresh = wire.AsSpan(offset, Math.Min(readSize, wire.Length - offset));
            var buffer = new byte[frames.MaxHeld + fresh.Length];
            var held = frames.Restore(buffer);
            fresh.CopyTo(buffer.AsSpan(held));
            var whole = frames.Cut(buffer, held + fresh.Length);
            passed.AddRange(buffer.AsSpan(0, whole).ToArray());
            Assert.Equal(0, passed.Count % Mp3Frames.FrameLength);
        }
        // A frame goes on once the next one's start is confirmed too: the twentieth waited on the twenty-first, which never ended.
        Assert.Equal(wire[..(19 * Mp3Frames.FrameLength)], passed.ToArray());
    }

    [Fact]
    public void A_type_without_frames_goes_on_as_it_comes()
    {
        var frames = new WholeFrames("application/octet-stream");
        Assert.Equal(0, frames.MaxHeld);
        Assert.Equal(123, frames.Cut(new byte[123], 123));
    }
}
