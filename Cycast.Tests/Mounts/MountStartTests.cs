using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Actors.Mounts;
using Cycast.Shared.Icy;

namespace Cycast.Tests.Mounts;

/// <summary>What a new entity of a mount decides from its first messages: wait for a moving source, or start; and from which offset.</summary>
public sealed class MountStartTests
{
    private readonly MountStart _start = new();

    [Fact]
    public void Without_word_of_a_live_source_the_entity_may_play_its_playlist_past_every_offset_heard_of()
    {
        Assert.True(_start.ReplicaSubscribed(Subscribe(epoch: 7, offset: 5000, sourceWasLive: false)));
        Assert.True(_start.ReplicaSubscribed(Subscribe(epoch: 3, offset: 9000, sourceWasLive: false)));

        Assert.Equal(7, _start.HighestEpoch);
        Assert.Equal(9000, _start.HighestOffset);
        Assert.Equal(9000, _start.OffsetFor(resume: null));
    }

    [Fact]
    public void A_replica_that_heard_a_live_source_or_audio_from_an_unknown_session_makes_the_entity_wait_for_its_resume()
    {
        Assert.False(_start.ReplicaSubscribed(Subscribe(epoch: 1, offset: 100, sourceWasLive: true)));
        Assert.False(_start.ReplicaSubscribed(Subscribe(epoch: 1, offset: 100, sourceWasLive: false)));
        Assert.False(_start.MayPlayPlaylist);

        var other = new MountStart();
        other.SourceAudioArrived();
        Assert.False(other.MayPlayPlaylist);
    }

    [Fact]
    public void A_source_that_carries_the_stream_on_starts_at_the_offset_where_the_previous_entity_stopped()
    {
        _start.ReplicaSubscribed(Subscribe(epoch: 1, offset: 12_000, sourceWasLive: true));

        Assert.Equal(10_000, _start.OffsetFor(new SourceResume(400, TrackTitle.None, [], Continues: true, StreamOffset: 10_000)));
        // A source that resumes after its entity died starts a new stream: past anything heard of.
        Assert.Equal(12_000, _start.OffsetFor(new SourceResume(400, TrackTitle.None, [], Continues: false, StreamOffset: 0)));
    }

    private static SubscribeReplica Subscribe(long epoch, long offset, bool sourceWasLive) =>
        new("/stream", ActorRefs.Nobody, Listeners: 0, sourceWasLive, Continues: false, epoch, offset);
}
