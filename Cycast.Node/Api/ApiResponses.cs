namespace Cycast.Node.Api;

// The spec's JSON documents. Property names become snake_case (source_connected, uptime_seconds, ...).

public sealed record StatusResponse(
    bool SourceConnected,
    string SourceStatus,
    TrackMetadata Metadata,
    int Listeners,
    long UptimeSeconds,
    string UptimeFormatted,
    string StationName,
    string StationGenre);

public sealed record TrackMetadata(string Title, string Artist);

public sealed record StatsResponse(int TotalListeners, long TotalBytesSent, IReadOnlyList<ListenerStats> Listeners, BufferStats Buffer);

public sealed record ListenerStats(long Id, long BytesSent, long ConnectedSeconds, bool Active);

public sealed record BufferStats(long Available, long Space, double FillPercentage);
