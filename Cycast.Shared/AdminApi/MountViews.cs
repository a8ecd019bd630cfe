namespace Cycast.Shared.AdminApi;

/// <summary>
/// One row of <c>GET /admin/api/mounts</c>. <see cref="EntityAnswering"/> is false while the mount's entity moves off a
/// dead node: its node is then unknown (null) and it shows no source.
/// </summary>
/// <param name="SourceStatus"><c>Connected</c>, <c>Playlist</c> or <c>Disconnected</c>, as in <c>/api/status</c>.</param>
/// <param name="Title">What listeners see: "Artist - Title", or empty.</param>
/// <param name="EntityHere">Whether the node that answered runs the mount's entity itself, as its own record says
/// (asked of no other node: each node's answer is its own view, for seeing where each mount's one writer is).</param>
/// <param name="EntityEpoch">The fencing number of the entity running on the node that answered; null if none runs there.</param>
public sealed record MountSummary(
    string Mount,
    string? EntityNode,
    bool EntityAnswering,
    bool SourceConnected,
    string SourceStatus,
    string Title,
    int Listeners,
    bool EntityHere = false,
    long? EntityEpoch = null);

/// <summary><c>GET /admin/api/mount?mount=/path</c>: one mount in full, with its live source if it has one.</summary>
/// <param name="SourcePeer">The encoder's address and port, as its node saw it.</param>
/// <param name="SourceUserAgent">The encoder's <c>User-Agent</c>.</param>
/// <param name="Bitrate">The bitrate the source (or the station) announces, as announced.</param>
public sealed record MountDetail(
    string Mount,
    string? EntityNode,
    bool EntityAnswering,
    bool SourceConnected,
    string SourceStatus,
    string? SourcePeer,
    string? SourceUserAgent,
    string ContentType,
    string? Bitrate,
    string Title,
    MountBuffer Buffer,
    int Listeners,
    IReadOnlyDictionary<string, int> ListenersByNode);

/// <summary>The entity's ring: bytes held, its size, and how full it is, as <c>/api/stats</c>'s <c>buffer</c>.</summary>
public sealed record MountBuffer(long Available, long Space, double FillPercentage);
