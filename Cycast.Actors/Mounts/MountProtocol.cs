using Cycast.Actors.Playlist;
using Cycast.Actors.Streaming;
using Cycast.Shared.Icy;
using Cycast.Shared.Protocol;

namespace Cycast.Actors.Mounts;

/// <summary>Every message addressed to one mount carries its path, so a directory (or a shard region) can route it.</summary>
public interface IMountMessage
{
    string MountPath { get; }
}

/// <summary>A message that may cross between nodes: bound to <see cref="Clustering.MountMessageSerializer"/> in hocon/.</summary>
public interface IClusterMessage;

/// <summary>An encoder asks to go live. Answered with <see cref="SourceAccepted"/> or <see cref="SourceRefused"/>.</summary>
public sealed record SourceConnect(string MountPath, Guid SessionId, SourceProperties Properties, string Peer) : IMountMessage, IClusterMessage;

public sealed record SourceAccepted(string MountPath) : IClusterMessage;

public sealed record SourceRefused(string MountPath, string Reason) : IClusterMessage;

/// <summary>
/// Bytes from the live encoder. <see cref="Buffer"/> is rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>;
/// the mount copies it into its ring and returns it.
/// </summary>
public sealed record SourceData(string MountPath, Guid SessionId, byte[] Buffer, int Length) : IMountMessage, IClusterMessage;

public sealed record SourceDisconnect(string MountPath, Guid SessionId, string Reason) : IMountMessage, IClusterMessage;

/// <summary>A title update (Icecast's admin/metadata). Answered with <see cref="MetadataUpdated"/> or <see cref="MetadataRefused"/>.</summary>
public sealed record UpdateMetadata(string MountPath, TrackTitle Title) : IMountMessage, IClusterMessage;

public sealed record MetadataUpdated(string MountPath) : IClusterMessage;

public sealed record MetadataRefused(string MountPath, string Reason) : IClusterMessage;

/// <summary>A listener asks to join. Answered with <see cref="ListenerAttached"/> or <see cref="ListenerRefused"/>.</summary>
public sealed record AttachListener(string MountPath, long ListenerId) : IMountMessage;

/// <summary>
/// Where a new listener starts: its burst is the ring from <see cref="BurstStart"/> (a join point) to
/// <see cref="LiveEdge"/>, after <see cref="StreamHeader"/> (Ogg codec headers; empty for MP3).
/// </summary>
public sealed record ListenerAttached(MountFeed Feed, long BurstStart, long LiveEdge, ReadOnlyMemory<byte> StreamHeader);

public sealed record ListenerRefused(string MountPath, string Reason);

public sealed record DetachListener(string MountPath, long ListenerId) : IMountMessage;

public sealed record GetMountStatus(string MountPath) : IMountMessage, IClusterMessage;

public sealed record MountStatus(
    string MountPath,
    bool SourceConnected,
    bool PlayingFallback,
    TrackTitle Title,
    int Listeners,
    StreamHeadFields Head,
    long BytesReceived,
    int BufferAvailable,
    int BufferCapacity) : IClusterMessage;

/// <summary>Published on the event stream when a mount's live source comes or goes, for whoever watches the station.</summary>
public sealed record MountSourceChanged(string MountPath, bool Live);

/// <summary>Published on the event stream when a mount's playlist takes over: at start-up, or after its live source went.</summary>
public sealed record MountFallbackStarted(string MountPath, TrackFormat Format);

/// <summary>Published on the event stream when a mount's title changes, from a source, its tags, or the playlist.</summary>
public sealed record MountTitleChanged(string MountPath, TrackTitle Title);
