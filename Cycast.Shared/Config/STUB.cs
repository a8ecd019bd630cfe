namespace Cycast.Shared.Config;
public static class SettingsLoader {
    public static LoadedSettings LoadFile(string path) => throw new NotImplementedException();
    public static LoadedSettings Parse(string text, string fileName, Func<string,string?>? environment = null) => throw new NotImplementedException();
    public static LoadedSettings Defaults() => throw new NotImplementedException();
}
public sealed record LoadedSettings(CycastSettings Settings, IReadOnlyList<string> Notices);
public sealed class ConfigException : Exception { public string File=""; public int Line; public int Column; public string? Key; }
public sealed record CycastSettings(ServerSettings Server, BufferSettings Buffer, PlaylistSettings Playlist, BroadcasterSettings Broadcaster, MetadataSettings Metadata, AdvancedSettings Advanced, IReadOnlyList<MountSettings> Mounts, ClusterSettings Cluster)
{
    public IReadOnlyList<MountSettings> EffectiveMounts { get; } = [];
}
public sealed record ServerSettings(string Host, int SourcePort, int ListenPort, string SourcePassword, string MountPoint);
public sealed record BufferSettings(int SizeMb, int BurstSize, int QueueSize) { public int SizeBytes => SizeMb * 1024 * 1024; }
public sealed record PlaylistSettings(string Directory, bool Shuffle, IReadOnlyList<string> Extensions);
public sealed record BroadcasterSettings(int ChunkSize);
public sealed record MetadataSettings(string StationName, string StationDescription, string StationGenre, string StationUrl, bool EnableIcy, int IcyMetaint);
public sealed record AdvancedSettings(int MaxListeners, TimeSpan SourceTimeout, bool VerboseLogging, bool EnableStats, bool FlaskDebug, string FlaskSecretKey);
public sealed record MountSettings(string Path, string SourcePassword, string PlaylistDirectory, string StationName, string StationDescription, string StationGenre, string StationUrl, int MaxListeners);
public sealed record ClusterSettings(string Hostname, int Port, IReadOnlyList<string> SeedNodes);
