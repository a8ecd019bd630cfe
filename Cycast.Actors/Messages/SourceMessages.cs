using Akka.Event;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Messages;

// Between an encoder's session, on the node holding its connection, and the mount's entity.

/// <summary>
/// An encoder's session asks to go live, or, with <see cref="Resume"/>, to carry on where the mount's previous entity
/// left off (the entity moved to another node). Sent by the session actor on the encoder's node, which is where
/// the mount's replies go. Answered with <see cref="SourceAccepted"/> or <see cref="SourceRefused"/>.
/// </summary>
public sealed record SourceConnect(string MountPath, Guid SessionId, SourceProperties Properties, string Peer, SourceResume? Resume = null)
    : IMountMessage, IClusterMessage;

/// <summary>
/// What a moved mount needs to carry a live source on: the source's byte position to take its audio from, the title
/// and the codec header of its stream. <see cref="Continues"/> says the previous entity stopped cleanly at exactly
/// <see cref="Position"/> (a hand-over), so the new entity's stream is the old one's next bytes, not a new stream:
/// they go on at the mount's offset <see cref="StreamOffset"/>, where the previous entity's stream ended.
/// </summary>
public sealed record SourceResume(long Position, TrackTitle Title, byte[] StreamHeader, bool Continues, long StreamOffset = 0);

/// <summary>The mount takes the source's audio from its byte <see cref="Position"/> on (0 for a new source).</summary>
public sealed record SourceAccepted(string MountPath, long Position) : IClusterMessage;

public sealed record SourceRefused(string MountPath, string Reason) : IClusterMessage;

/// <summary>
/// Bytes from the live encoder, the source's own bytes from <see cref="Position"/> on. <see cref="Data"/> belongs to
/// the session, which may send it again after a move: the mount copies what it has not had yet and keeps nothing.
/// </summary>
/// <remarks>
/// Sent straight to the entity that took the source on; those that reach it after it stopped (a move) are replayed to
/// the next one, so their dead letters are no news.
/// </remarks>
public sealed record SourceData(string MountPath, Guid SessionId, long Position, ReadOnlyMemory<byte> Data)
    : IMountMessage, IClusterMessage, IDeadLetterSuppression
{
    public long End => Position + Data.Length;
}

public sealed record SourceDisconnect(string MountPath, Guid SessionId, string Reason) : IMountMessage, IClusterMessage;

/// <summary>The mount has taken the source's bytes up to <see cref="Position"/>: its session need not keep them any longer.</summary>
public sealed record SourceProgress(string MountPath, Guid SessionId, long Position) : IClusterMessage;

/// <summary>The title and codec header of the source's stream changed: what the session hands a moved mount.</summary>
public sealed record SourceStreamContext(string MountPath, Guid SessionId, TrackTitle Title, byte[] StreamHeader) : IClusterMessage;

/// <summary>
/// The mount's entity is handing over to another node and took the source's bytes up to exactly
/// <see cref="Position"/>, which ended the mount's stream at its offset <see cref="StreamOffset"/>: the session
/// resumes there, on the mount's next entity, which carries the stream on from that offset.
/// </summary>
public sealed record SourceMoving(string MountPath, Guid SessionId, long Position, long StreamOffset = 0) : IClusterMessage;
