using Cycast.Actors.Messages;

namespace Cycast.Actors.Mounts;

/// <summary>
/// What a new entity of a mount learns before it starts: whether the mount's live source is about to follow it here
/// (then it waits for that source rather than play the playlist over it), and the highest fencing number and stream
/// offset any replica has heard of, so it takes a higher number and goes on past that offset. Plain state, no actor:
/// the entity feeds it its first messages and asks whether it may start.
/// </summary>
public sealed class MountStart
{
    /// <summary>Whether the previous entity's live source is on its way here.</summary>
    public bool ResumeExpected { get; private set; }

    /// <summary>The highest fencing number a replica has accepted: the new entity's is above it.</summary>
    public long HighestEpoch { get; private set; }

    /// <summary>How far into the mount's stream any replica has heard: a new stream goes on from here.</summary>
    public long HighestOffset { get; private set; }

    /// <summary>Whether the entity may start now with its playlist, for lack of a source to wait for.</summary>
    public bool MayPlayPlaylist => !ResumeExpected;

    /// <summary>Audio from a session the entity does not carry: the previous entity's source is on its way.</summary>
    public void SourceAudioArrived() => ResumeExpected = true;

    /// <summary>A replica subscribed: what it says of the mount's previous entity. Returns <see cref="MayPlayPlaylist"/>.</summary>
    public bool ReplicaSubscribed(SubscribeReplica subscribe)
    {
        HighestEpoch = Math.Max(HighestEpoch, subscribe.Epoch);
        HighestOffset = Math.Max(HighestOffset, subscribe.Offset);
        ResumeExpected |= subscribe.SourceWasLive;
        return MayPlayPlaylist;
    }

    /// <summary>
    /// Where the entity's stream begins when a source connects first: where the previous entity's stream ended, for a
    /// source that carries that stream on; else past anything a replica has heard of.
    /// </summary>
    public long OffsetFor(SourceResume? resume) => resume is { Continues: true } ? resume.StreamOffset : HighestOffset;
}
