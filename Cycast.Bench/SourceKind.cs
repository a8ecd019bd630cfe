namespace Cycast.Bench;

/// <summary>How the phase's encoder writes: what decides how often a server is handed new audio.</summary>
internal enum SourceKind
{
    /// <summary>One MP3 frame per write, 38 a second, as ffmpeg and liquidsoap write to an Icecast server.</summary>
    PerFrame,
    /// <summary>About four frames per write, every 100 ms: the bench's feeder before issue 21.</summary>
    Chunks100Ms,
    /// <summary>A real <c>ffmpeg -re</c> with its icecast:// output; it carries no latency markers.</summary>
    Ffmpeg,
}
