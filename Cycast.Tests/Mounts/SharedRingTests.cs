using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Tests.Support;

namespace Cycast.Tests.Mounts;

/// <summary>
/// A mount's entity and its node's replica on one node keep one ring: the replica lends it to the entity, which writes
/// it directly, and takes it back when the entity stops. Only replicas on other nodes get copies of the writes.
/// </summary>
public sealed class SharedRingTests : MountTestKit
{
    [Fact]
    public async Task The_entity_writes_its_nodes_ring_once_and_a_successor_on_the_node_carries_the_stream_on_in_it()
    {
        using var music = new TempMusicDirectory();
        var station = SettingsLoader.Parse(new StationOptions { ExtraBlocks = music.PlaylistBlock() }.ToHcl(8000, 8001), "test.hcl").Settings;
        var mount = station.EffectiveMounts.Single();
        var region = CreateTestProbe();
        var replica = Sys.ActorOf(MountReplica.Props(mount, station, region));
        var subscribe = region.ExpectMsg<SubscribeReplica>();
        var ringKeeper = replica.Path.ToStringWithoutAddress();
        var session = CreateTestProbe();
        var elsewhere = CreateTestProbe();

        var entity = Sys.ActorOf(MountActor.Props(new MountDirectory(station), mount.Path, station, new RunningEntities(), ringKeeper));
        session.Send(entity, new SourceConnect(Mount, Session, Mp3, "peer"));
        Assert.Equal(0, session.FishForMessage<SourceAccepted>(_ => true).Position);
        entity.Tell(subscribe);
        elsewhere.Send(entity, new SubscribeReplica(Mount, elsewhere.Ref, Listeners: 0));
        var ring = (await replica.Ask<ListenerAttached>(new AttachListener(Mount, 1))).Feed.Ring;

        var frames = Mp3Frames.Make(8);
        session.Send(entity, new SourceData(Mount, Session, 0, frames));
        // Another node's replica gets a copy of the write; this node's ring holds it once, written by the entity.
        Assert.Equal(frames, elsewhere.FishForMessage<MountAudio>(audio => audio.Data.Length > 0).Data.ToArray());
        Assert.Equal(frames.Length, ring.WriteOffset);
        Assert.Equal(frames, ring.Read(0, ring.WriteOffset).ToArray());

        // The entity stops (the shard moves, say): the ring is the replica's again, ending where the entity stopped.
        Sys.Stop(entity);
        Assert.Equal(frames.Length, elsewhere.FishForMessage<MountMoving>(_ => true).EndOffset);
        var resumeAt = session.FishForMessage<SourceMoving>(_ => true).Position;

        // Its successor starts on the same node, and the source follows it: the stream goes on in the same ring.
        var next = Sys.ActorOf(MountActor.Props(new MountDirectory(station), mount.Path, station, new RunningEntities(), ringKeeper));
        session.Send(next, new SourceConnect(Mount, Session, Mp3, "peer", new SourceResume(resumeAt, TrackTitle.None, [], Continues: true)));
        Assert.Equal(resumeAt, session.FishForMessage<SourceAccepted>(_ => true).Position);
        elsewhere.Send(next, new SubscribeReplica(Mount, elsewhere.Ref, Listeners: 0, SourceWasLive: true, Continues: true));
        var state = elsewhere.FishForMessage<MountStreamState>(_ => true);
        Assert.True(state.Continuation);
        Assert.Equal(frames.Length, state.Origin);

        var more = Mp3Frames.Make(4, firstIndex: 8);
        session.Send(next, new SourceData(Mount, Session, resumeAt, more));
        var carried = elsewhere.FishForMessage<MountAudio>(audio => audio.Data.Length > 0);
        Assert.Equal((long)frames.Length, carried.Offset);
        await AwaitConditionAsync(() => Task.FromResult(ring.WriteOffset == frames.Length + more.Length));
        Assert.Equal([.. frames, .. more], ring.Read(0, ring.WriteOffset).ToArray());
    }

    [Fact]
    public async Task When_the_entity_on_its_node_stops_for_good_the_replica_fills_its_ring_with_the_nodes_playlist()
    {
        using var music = new TempMusicDirectory();
        music.Add(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3"));
        var station = SettingsLoader.Parse(new StationOptions { ExtraBlocks = music.PlaylistBlock() }.ToHcl(8000, 8001), "test.hcl").Settings;
        var mount = station.EffectiveMounts.Single();
        var region = CreateTestProbe();
        var replica = Sys.ActorOf(MountReplica.Props(mount, station, region));
        var subscribe = region.ExpectMsg<SubscribeReplica>();
        var session = CreateTestProbe();

        var entity = Sys.ActorOf(MountActor.Props(new MountDirectory(station), mount.Path, station, new RunningEntities(), replica.Path.ToStringWithoutAddress()));
        session.Send(entity, new SourceConnect(Mount, Session, Mp3, "peer"));
        session.FishForMessage<SourceAccepted>(_ => true);
        entity.Tell(subscribe);
        var ring = (await replica.Ask<ListenerAttached>(new AttachListener(Mount, 1))).Feed.Ring;
        var frames = Mp3Frames.Make(4);
        session.Send(entity, new SourceData(Mount, Session, 0, frames));
        await AwaitConditionAsync(() => Task.FromResult(ring.WriteOffset == frames.Length));

        Sys.Stop(entity);
        // No successor comes: the node's own playlist goes on in the ring after the entity's last frame.
        await AwaitConditionAsync(() => Task.FromResult(ring.WriteOffset > frames.Length + 4 * Mp3Frames.FrameLength), MountEvents.Patience);
        Assert.Equal(frames, ring.Read(0, frames.Length).ToArray());
    }
}
