using Akka.Actor;
using Akka.TestKit;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Tests.Support;

namespace Cycast.Tests.Mounts;

/// <summary>
/// The replica on a mount entity's own node is fed like every other: the entity sends it the same write, in-process,
/// and the replica alone writes its ring. A successor on the node goes on from the mount's offset where the stream
/// ended, so the ring carries it on byte for byte.
/// </summary>
public sealed class ReplicaOnEntityNodeTests : MountTestKit
{
    [Fact]
    public async Task The_replica_on_the_entitys_node_writes_its_ring_and_a_successor_carries_the_stream_on_in_it()
    {
        using var music = new TempMusicDirectory();
        var (station, mount, replica, region, subscribe) = ReplicaOfMount(music);
        var session = CreateTestProbe();
        var elsewhere = CreateTestProbe();

        var entity = EntityOf(station, mount);
        session.Send(entity, new SourceConnect(Mount, Session, Mp3, "peer"));
        Assert.Equal(0, session.FishForMessage<SourceAccepted>(_ => true).Position);
        entity.Tell(subscribe);
        elsewhere.Send(entity, new SubscribeReplica(Mount, elsewhere.Ref, Listeners: 0));
        var ring = (await replica.Ask<ListenerAttached>(new AttachListener(Mount, 1))).Feed.Ring;

        var frames = Mp3Frames.Make(8);
        session.Send(entity, new SourceData(Mount, Session, 0, frames));
        // Another node's replica gets the write; this node's replica gets it too, and its ring holds it once.
        Assert.Equal(frames, elsewhere.FishForMessage<MountAudio>(audio => audio.Data.Length > 0).Data.ToArray());
        await AwaitConditionAsync(() => Task.FromResult(ring.WriteOffset == frames.Length));
        Assert.Equal(frames, ring.Read(0, ring.WriteOffset).ToArray());

        // The entity stops (the shard moves, say): every replica and the source hear where the mount's stream ended.
        Sys.Stop(entity);
        Assert.Equal(frames.Length, elsewhere.FishForMessage<MountMoving>(_ => true).EndOffset);
        var moving = session.FishForMessage<SourceMoving>(_ => true);
        Assert.Equal(frames.Length, moving.StreamOffset);
        var resubscribe = region.FishForMessage<SubscribeReplica>(again => again.Continues);
        Assert.Equal(frames.Length, resubscribe.Offset);

        // Its successor starts on the same node, and the source follows it: the stream goes on at the same offset.
        var next = EntityOf(station, mount);
        session.Send(next, new SourceConnect(Mount, Session, Mp3, "peer",
            new SourceResume(moving.Position, TrackTitle.None, [], Continues: true, moving.StreamOffset)));
        Assert.Equal(moving.Position, session.FishForMessage<SourceAccepted>(_ => true).Position);
        next.Tell(resubscribe);
        elsewhere.Send(next, new SubscribeReplica(Mount, elsewhere.Ref, Listeners: 0, SourceWasLive: true, Continues: true));
        var state = elsewhere.FishForMessage<MountStreamState>(_ => true);
        Assert.True(state.Continuation);
        Assert.Equal(frames.Length, state.Origin);

        var more = Mp3Frames.Make(4, firstIndex: 8);
        session.Send(next, new SourceData(Mount, Session, moving.Position, more));
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
        var (station, mount, replica, region, subscribe) = ReplicaOfMount(music);
        var session = CreateTestProbe();

        var entity = EntityOf(station, mount);
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

    /// <summary>
    /// The station's one mount, playing <paramref name="music"/> when nothing else, and this node's replica of it, which
    /// has asked the region (a probe) to subscribe it.
    /// </summary>
    private (CycastSettings Station, MountSettings Mount, IActorRef Replica, TestProbe Region, SubscribeReplica Subscribe) ReplicaOfMount(TempMusicDirectory music)
    {
        var station = SettingsLoader.Parse(new StationOptions { ExtraBlocks = music.PlaylistBlock() }.ToHcl(8000, 8001), "test.hcl").Settings;
        var mount = station.EffectiveMounts.Single();
        var region = CreateTestProbe();
        var replica = Sys.ActorOf(MountReplica.Props(mount, station, region));
        return (station, mount, replica, region, region.ExpectMsg<SubscribeReplica>());
    }

    private IActorRef EntityOf(CycastSettings station, MountSettings mount) =>
        Sys.ActorOf(MountActor.Props(new MountDirectory(station), mount.Path, station, new RunningEntities()));
}
