using Akka.Actor;
using Akka.TestKit.Xunit2;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Audio;
using Cycast.Shared.Config;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;
using Cycast.Tests.Support;
using static Cycast.Tests.Playlist.PlaylistAudio;

namespace Cycast.Tests.Cluster;

/// <summary>
/// A node's replica of a mount on its own, with test probes as the shard region and as the mount's entities: it plays
/// the node's playlist while it cannot hear its entity, and hands its ring back to the entity on a clean boundary.
/// </summary>
public sealed class ReplicaFallbackTests() : TestKit("akka.actor.provider = cluster")
{
    private const string Mount = "/stream";

    [Fact]
    public async Task Back_from_the_nodes_playlist_the_ring_takes_the_new_entitys_stream_up_at_a_frame_after_a_whole_frame()
    {
        using var music = new TempMusicDirectory();
        var track = TrackLoader.Load(music.Add(Path.Combine(RepoMusic.Directory, "cycast-a440.mp3")));
        var replica = StartReplica(music);
        var before = Mp3Frames.Make(10);
        var dying = CreateTestProbe();
        dying.Send(replica, State(ContainerFormat.Mp3, earliestJoin: 0));
        dying.Send(replica, new MountAudio(Mount, 0, before, FrameStarts(0, before.Length)));
        dying.Send(replica, new ReplicaSubscribed(Mount));
        var ring = (await replica.Ask<ListenerAttached>(new AttachListener(Mount, 1))).Feed.Ring;

        await EventFilter.Info(start: "Mount /stream plays this node's playlist").ExpectOneAsync(() => StopAsync(dying));
        await AwaitConditionAsync(() => Task.FromResult(ring.WriteOffset > before.Length + 4 * Mp3Frames.FrameLength));

        // The new entity's first write starts inside a frame, as a resumed stream would: the ring starts at its next one.
        var after = Mp3Frames.Make(5, firstIndex: 100);
        const long resumedAt = 5000;
        var next = CreateTestProbe();
        await EventFilter.Info(start: "Mount /stream is back on its entity's stream").ExpectOneAsync(() =>
        {
            next.Send(replica, State(ContainerFormat.Mp3, earliestJoin: 0));
            next.Send(replica, new ReplicaSubscribed(Mount));
            next.Send(replica, new MountAudio(Mount, resumedAt - 100, (byte[])[.. before[^100..], .. after], FrameStarts(resumedAt, after.Length)));
            return Task.CompletedTask;
        });
        var more = Mp3Frames.Make(3, firstIndex: 200);
        next.Send(replica, new MountAudio(Mount, resumedAt + after.Length, more, FrameStarts(resumedAt + after.Length, more.Length)));
        await AwaitConditionAsync(() => Task.FromResult(RingEndsWith(ring, more)));

        var heard = Read(ring, 0, ring.WriteOffset);
        AssertWholeFrames(heard);
        var fromPlaylist = heard[before.Length..^(after.Length + more.Length)];
        Assert.Equal([.. before, .. Sent(track)[..fromPlaylist.Length], .. after, .. more], heard);
    }

    [Fact]
    public async Task Back_from_the_nodes_ogg_playlist_the_ring_gets_the_entitys_header_pages_before_its_burst()
    {
        using var music = new TempMusicDirectory();
        var local = TrackLoader.Load(music.Add(Path.Combine(RepoMusic.Ogg, "cycast-c523.ogg")));
        var replica = StartReplica(music, ".ogg");
        var dying = CreateTestProbe();
        dying.Send(replica, State(ContainerFormat.Ogg, earliestJoin: long.MaxValue));
        dying.Send(replica, new ReplicaSubscribed(Mount));
        var ring = (await replica.Ask<ListenerAttached>(new AttachListener(Mount, 1))).Feed.Ring;

        await EventFilter.Info(start: "Mount /stream plays this node's playlist").ExpectOneAsync(() => StopAsync(dying));
        await AwaitConditionAsync(() => Task.FromResult(ring.WriteOffset > 0));

        // The new entity has played another file for a while: its burst starts on a page well past the header pages.
        var entityFile = await File.ReadAllBytesAsync(Path.Combine(RepoMusic.Ogg, "cycast-g392.ogg"));
        var scanner = new OggPageScanner();
        var pages = new List<long>();
        scanner.Feed(entityFile, 0, pages);
        var burstStart = pages.Last(page => page < entityFile.Length / 2);
        var next = CreateTestProbe();
        await EventFilter.Info(start: "Mount /stream is back on its entity's stream").ExpectOneAsync(() =>
        {
            next.Send(replica, State(ContainerFormat.Ogg, scanner.StreamHeaderAppliesFrom) with { StreamHeader = scanner.StreamHeader.ToArray() });
            next.Send(replica, new MountAudio(Mount, burstStart, entityFile[(int)burstStart..], [.. pages.Where(page => page >= burstStart)]));
            next.Send(replica, new ReplicaSubscribed(Mount));
            return Task.CompletedTask;
        });
        await AwaitConditionAsync(() => Task.FromResult(RingEndsWith(ring, entityFile[(int)burstStart..])));

        var heard = Read(ring, 0, ring.WriteOffset);
        byte[] entityPart = [.. scanner.StreamHeader.Span, .. entityFile[(int)burstStart..]];
        var fromPlaylist = heard[..^entityPart.Length];
        Assert.Equal([.. local.Bytes[..fromPlaylist.Length], .. entityPart], heard);
        Assert.Equal(OggFileInfo.Pages(fromPlaylist).Sum(page => page.Length), fromPlaylist.Length);
    }

    private IActorRef StartReplica(TempMusicDirectory music, params string[] extensions)
    {
        var station = SettingsLoader.Parse(new StationOptions { ExtraBlocks = music.PlaylistBlock(extensions) }.ToHcl(8000, 8001), "test.hcl").Settings;
        var region = CreateTestProbe();
        var replica = Sys.ActorOf(MountReplica.Props(station.EffectiveMounts.Single(), station, region));
        region.ExpectMsg<SubscribeReplica>();
        return replica;
    }

    private Task StopAsync(Akka.TestKit.TestProbe entity)
    {
        Sys.Stop(entity.Ref);
        return Task.CompletedTask;
    }

    private static MountStreamState State(ContainerFormat format, long earliestJoin) => new(Mount, StreamNumber: 1, earliestJoin, [],
        new StreamHeadFields(format.ContentType(), "Test Radio", "", "", "", Public: false, Bitrate: null, AudioInfo: null), TrackTitle.None);

    private static long[] FrameStarts(long offset, int length) =>
        Enumerable.Range(0, length / Mp3Frames.FrameLength).Select(frame => offset + frame * Mp3Frames.FrameLength).ToArray();

    private static bool RingEndsWith(AudioRing ring, byte[] bytes) =>
        ring.WriteOffset >= bytes.Length && Read(ring, ring.WriteOffset - bytes.Length, ring.WriteOffset).SequenceEqual(bytes);

    private static byte[] Read(AudioRing ring, long from, long to) => ring.Read(from, to).ToArray();
}
