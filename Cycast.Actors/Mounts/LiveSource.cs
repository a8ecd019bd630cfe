using Akka.Actor;
using Cycast.Actors.Messages;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>
/// The mount's live encoder as its entity sees it: the encoder's session (on the node holding its connection) and how
/// far into the source's own bytes the mount is. Plain state, no actor: it decides which bytes a session sends are new
/// to the mount, and when the session may let go of what the mount has taken.
/// </summary>
/// <param name="position">The source's byte the mount takes next: 0 for a new source, the resume point for a moved one.</param>
public sealed class LiveSource(Guid sessionId, IActorRef session, SourceProperties properties, string peer, long position)
{
    /// <summary>A source's session is told what the mount has taken this often (in bytes), so it can let go of it.</summary>
    public const long ProgressEvery = 32 * 1024;

    private long _confirmed = position;

    public Guid SessionId => sessionId;

    public IActorRef Session => session;

    public SourceProperties Properties => properties;

    public string Peer => peer;

    /// <summary>The source's byte the mount takes next.</summary>
    public long Position { get; private set; } = position;

    /// <summary>
    /// The bytes of <paramref name="data"/> the mount has not had yet. None when they are another session's (one
    /// resuming here replays them once accepted) or all already taken (sent again after a move); only their tail when
    /// they begin before <see cref="Position"/>. Bytes that begin after it are taken as they come: a piece lost on its
    /// way leaves a gap, not a stall.
    /// </summary>
    public ReadOnlyMemory<byte> Take(SourceData data)
    {
        if (data.SessionId != sessionId || data.End <= Position)
            return ReadOnlyMemory<byte>.Empty;
        var skip = (int)Math.Max(0, Position - data.Position);
        Position = data.End;
        return data.Data[skip..];
    }

    /// <summary>Whether the session should be told now how far the mount got: every <see cref="ProgressEvery"/> bytes.</summary>
    public bool ProgressDue()
    {
        if (Position - _confirmed < ProgressEvery)
            return false;
        _confirmed = Position;
        return true;
    }
}
