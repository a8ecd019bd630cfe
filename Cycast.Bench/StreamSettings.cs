namespace Cycast.Bench;

/// <summary>The stream both servers are configured with, so they do the same work.</summary>
internal static class StreamSettings
{
    public const string MountPoint = "/stream";
    public const string SourceUser = "source";
    public const string SourcePassword = "benchpass";
    public const int BurstBytes = 65536;
    public const int QueueBytes = 524288;
    /// <summary>Above the largest listener count, so neither server turns listeners away.</summary>
    public const int ClientLimit = 25000;
}
