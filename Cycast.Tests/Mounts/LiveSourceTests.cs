using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Protocol;

namespace Cycast.Tests.Mounts;

/// <summary>Which of the bytes a source's session sends are new to the mount, and when the session may let go of them.</summary>
public sealed class LiveSourceTests
{
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly SourceProperties Mp3 = new("audio/mpeg", "Live", null, null, null, null, null, null, null);

    [Fact]
    public void Bytes_sent_again_after_a_move_are_taken_once_and_another_sessions_not_at_all()
    {
        var source = new LiveSource(Session, ActorRefs.Nobody, Mp3, "peer", position: 1000);
        byte[] bytes = [.. Enumerable.Range(0, 600).Select(index => (byte)index)];

        // The replay starts before the resume point: only its tail is new.
        Assert.Equal(bytes[200..], source.Take(new SourceData("/stream", Session, 800, bytes)).ToArray());
        Assert.Equal(1400, source.Position);
        // The same piece again, late: nothing new.
        Assert.True(source.Take(new SourceData("/stream", Session, 800, bytes)).IsEmpty);
        Assert.True(source.Take(new SourceData("/stream", Guid.NewGuid(), 1400, bytes)).IsEmpty);
        Assert.Equal(1400, source.Position);
        // A piece lost on its way leaves a gap, not a stall.
        Assert.Equal(bytes, source.Take(new SourceData("/stream", Session, 2000, bytes)).ToArray());
        Assert.Equal(2600, source.Position);
    }

    [Fact]
    public void The_session_is_told_how_far_the_mount_got_every_32_KiB()
    {
        var source = new LiveSource(Session, ActorRefs.Nobody, Mp3, "peer", position: 0);
        var piece = new byte[LiveSource.ProgressEvery / 2];

        source.Take(new SourceData("/stream", Session, 0, piece));
        Assert.False(source.ProgressDue());
        source.Take(new SourceData("/stream", Session, piece.Length, piece));
        Assert.True(source.ProgressDue());
        Assert.False(source.ProgressDue());
    }
}
