namespace Cycast.Tests.Support;

/// <summary>The knobs tests turn; everything else is the spec's default.</summary>
public sealed record StationOptions
{
    public int SizeMb { get; init; } = 2;
    public int BurstSize { get; init; } = 0;
    public int QueueSize { get; init; } = 256 * 1024;
    public int ChunkSize { get; init; } = 8192;
    public bool EnableIcy { get; init; } = true;
    public int IcyMetaint { get; init; } = 16000;
    public int MaxListeners { get; init; } = 0;
    public double SourceTimeoutSeconds { get; init; } = 10;
    public bool EnableStats { get; init; } = true;
    public int MaxMounts { get; init; } = 100;
    public double MountIdleSeconds { get; init; } = 30;
    public double HeaderTimeoutSeconds { get; init; } = 15;
    public string ExtraBlocks { get; init; } = "";

    /// <summary><c>metadata.admin</c> and <c>metadata.location</c>: null, Icecast's defaults.</summary>
    public string? Admin { get; init; }
    public string? Location { get; init; }

    /// <summary>Debug-level logs, for tests that wait for what the node logs only at debug (a track change).</summary>
    public bool VerboseLogging { get; init; }

    /// <summary><c>advanced.access_log</c>: null, none.</summary>
    public string? AccessLog { get; init; }

    /// <summary>Every mount plays the repository's MP3 test signals in order whenever no encoder is live.</summary>
    public static StationOptions WithRepoMp3Playlist { get; } = new()
    {
        ExtraBlocks = $$"""
            playlist {
              directory = "{{RepoMusic.Directory}}"
              shuffle = false
              extensions = [".mp3"]
            }
            """,
    };

    public string ToHcl(int sourcePort, int listenPort, string host = "127.0.0.1") => $$"""
        server {
          host = "{{host}}"
          source_port = {{sourcePort}}
          listen_port = {{listenPort}}
          source_password = "{{TestStation.Password}}"
          mount_point = "/stream"
        }
        buffer {
          size_mb = {{SizeMb}}
          burst_size = {{BurstSize}}
          queue_size = {{QueueSize}}
        }
        broadcaster { chunk_size = {{ChunkSize}} }
        metadata {
          station_name = "Test Radio"
          station_description = "Tests"
          station_genre = "Testing"
          station_url = "http://test.example"
          enable_icy = {{(EnableIcy ? "true" : "false")}}
          icy_metaint = {{IcyMetaint}}
          {{(Admin is null ? "" : $"admin = \"{Admin}\"")}}
          {{(Location is null ? "" : $"location = \"{Location}\"")}}
        }
        advanced {
          max_listeners = {{MaxListeners}}
          source_timeout = {{SourceTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
          enable_stats = {{(EnableStats ? "true" : "false")}}
          max_mounts = {{MaxMounts}}
          mount_idle_timeout = {{MountIdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
          header_timeout = {{HeaderTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
          verbose_logging = {{(VerboseLogging ? "true" : "false")}}
          {{(AccessLog is null ? "" : $"access_log = \"{AccessLog}\"")}}
        }
        {{ExtraBlocks}}
        """;
}
