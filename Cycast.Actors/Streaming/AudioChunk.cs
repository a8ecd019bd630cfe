namespace Cycast.Actors.Streaming;

/// <summary>
/// A run of a mount's stream: <see cref="Data"/> is a slice of the mount's ring, shared by every listener and never
/// copied per listener. <see cref="Offset"/> is the position of its first byte since the mount started.
/// </summary>
public sealed record AudioChunk(long Offset, ReadOnlyMemory<byte> Data)
{
    public long End => Offset + Data.Length;
}
