using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Tests.Support;

namespace Cycast.Tests.Mounts;

/// <summary>
/// A mount entity on its own, with test probes as the source's session and as a replica: how it tells them it moves,
/// and how its successor carries the source's stream on from the exact byte, whatever the cluster dropped or repeated.
/// </summary>
public sealed class MountHandOverTests : MountTestKit
{
    private static readonly TrackTitle Title = new("Artist", "Show");

    private readonly CycastSettings _station = SettingsLoader.Parse(new StationOptions
    {
        ExtraBlocks = $$"""playlist { directory = "{{Path.Combine(Path.GetTempPath(), "cycast-no-music")}}" }""",
    }.ToHcl(8000, 8001), "test.hcl").Settings;

    [Fact]
    public void A_stopping_entity_tells_its_source_and_replicas_how_far_it_got_and_its_successor_carries_the_stream_on()
    {
        var frames = Mp3Frames.Make(10);
        var session = CreateTestProbe();
        var replica = CreateTestProbe();
        var first = Sys.ActorOf(MountActor.Props(new MountDirectory(_station), Mount, _station, new RunningEntities()));
        session.Send(first, new SourceConnect(Mount, Session, Mp3, "peer"));
        Assert.Equal(0, session.FishForMessage<SourceAccepted>(_ => true).Position);
        replica.Send(first, new SubscribeReplica(Mount, replica.Ref, Listeners: 1));
        replica.FishForMessage(message => message is ReplicaSubscribed);
        session.Send(first, new UpdateMetadata(Mount, Title));
        // What a successor needs lives with the session.
        var context = session.FishForMessage<SourceStreamContext>(message => message.Title == Title);

        // Frame 0 and half of frame 1, then the same bytes again with more: only the new ones are written.
        session.Send(first, new SourceData(Mount, Session, 0, frames[..600]));
        session.Send(first, new SourceData(Mount, Session, 0, frames[..1000]));
        byte[] written = [.. replica.FishForMessage<MountAudio>(_ => true).Data.Span, .. replica.FishForMessage<MountAudio>(_ => true).Data.Span];
        Assert.Equal(frames[..1000], written);

        Sys.Stop(first);
        var moving = session.FishForMessage<SourceMoving>(_ => true);
        Assert.Equal(1000, moving.Position);
        Assert.Equal(1000, moving.StreamOffset);
        Assert.Equal(1000, replica.FishForMessage<MountMoving>(_ => true).EndOffset);

        // The successor hears of the source first through audio the cluster delivered late: it waits for the resume.
        var next = Sys.ActorOf(MountActor.Props(new MountDirectory(_station), Mount, _station, new RunningEntities()));
        session.Send(next, new SourceData(Mount, Session, 1000, frames[1000..1200]));
        replica.Send(next, new SubscribeReplica(Mount, replica.Ref, Listeners: 1, SourceWasLive: true, Continues: true));
        session.Send(next, new SourceConnect(Mount, Session, Mp3, "peer", new SourceResume(1000, context.Title, context.StreamHeader, Continues: true, moving.StreamOffset)));
        Assert.Equal(1000, session.FishForMessage<SourceAccepted>(_ => true).Position);
        var state = replica.FishForMessage<MountStreamState>(_ => true);
        Assert.True(state.Continuation);
        Assert.Equal(1000, state.Origin);
        Assert.True(state.SourceLive);
        Assert.Equal(Title, state.Title);

        // The session replays from byte 1000, in the middle of frame 2: the successor sends it at once, at the mount's
        // offset where its predecessor stopped.
        session.Send(next, new SourceData(Mount, Session, 1000, frames[1000..]));
        var carried = replica.FishForMessage<MountAudio>(_ => true);
        Assert.Equal(1000, carried.Offset);
        Assert.Equal(frames[1000..], carried.Data.ToArray());
    }
}
