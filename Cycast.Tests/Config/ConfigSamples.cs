using Cycast.Shared.Config;

namespace Cycast.Tests.Config;

internal static class ConfigSamples
{
    public const string FileName = "config.hcl";

    /// <summary>The specification's "Complete HCL Schema", verbatim.</summary>
    public const string SpecExample = """
        server {
          host = "0.0.0.0"              # IP address to bind to
          source_port = 8000            # Port for source connections
          listen_port = 8001            # Port for listener connections
          source_password = "hackme"    # Password for sources (CHANGE THIS!)
          mount_point = "/stream"       # URL path for the stream
        }
        buffer {
          size_mb = 10                  # Buffer size in megabytes (1-1000)
        }
        playlist {
          directory = "./music"         # Path to music files
          shuffle = true                # Shuffle playlist on load
          extensions = [".mp3", ".ogg"] # Supported file extensions
        }
        broadcaster {
          chunk_size = 8192             # Bytes per chunk (1024-65536)
          sleep_high = 0.001            # Sleep when buffer >80% full (seconds)
          sleep_medium = 0.005          # Sleep when buffer 50-80% full
          sleep_low = 0.010             # Sleep when buffer <50% full
        }
        metadata {
          station_name = "Cycast Radio"           # Station name
          station_description = "Your Description"  # Station description
          station_genre = "Various"                 # Music genre
          station_url = "http://localhost:8001"     # Station URL
          enable_icy = true             # Enable Icecast metadata
          icy_metaint = 16000           # Metadata interval in bytes
        }
        advanced {
          max_listeners = 0             # Maximum concurrent listeners (0=unlimited)
          source_timeout = 10.0         # Source connection timeout (seconds)
          verbose_logging = false       # Enable detailed logging
          enable_stats = true           # Enable /api/stats endpoint
          flask_debug = false           # Flask debug mode (dev only!)
          flask_secret_key = "change-me-in-production"  # Flask secret key
        }
        mount "/main" {
          source_password = "main-pass"
          playlist_directory = "./music/main"
        }
        mount "/alternative" {
          source_password = "alt-pass"
          playlist_directory = "./music/alternative"
        }
        """;

    /// <summary>Tests pass this explicitly so a CYCAST_CLUSTER_* variable on the machine cannot change their outcome.</summary>
    public static string? NoEnvironment(string name) => null;

    public static LoadedSettings Load(string hcl) => SettingsLoader.Parse(hcl, FileName, NoEnvironment);

    public static ConfigException LoadFails(string hcl) => Assert.Throws<ConfigException>(() => Load(hcl));
}
