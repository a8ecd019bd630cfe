# Cycast configuration. Every key is optional; the values below are the defaults
# unless noted. Comments may use '#', '//' or '/* ... */'.

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

# ---------------------------------------------------------------------------
# Cycast extensions (not in the original schema). Uncomment to use.
#
# broadcaster.sleep_* above are accepted for compatibility but ignored:
# Cycast is event-driven and never sleeps between chunks (a notice is logged).
#
# buffer {
#   size_mb    = 10
#   burst_size = 65536    # bytes sent to a new listener at connect (Icecast burst-size);
#                         # 0 = off; at most size_mb in bytes
#   queue_size = 524288   # lag budget in bytes (32 s at 128 kbit/s, Icecast's queue-size): a listener whose
#                         # connection stops taking audio while more than this waits for it is disconnected;
#                         # at least burst_size + broadcaster.chunk_size, at most half of size_mb in bytes
# }
#
# Extra mounts, each with its own playlist. Every key is optional and inherits
# the global value: source_password (server), playlist_directory (playlist.directory),
# station_name, station_description, station_genre, station_url (metadata),
# max_listeners (advanced; 0 = unlimited). The path must start with '/'.
# server.mount_point is served too unless a mount block has the same path.
#
# mount "/main" {
#   source_password    = "main-pass"
#   playlist_directory = "./music/main"
#   station_name       = "Cycast Main"
#   max_listeners      = 100
# }
#
# Cluster membership. Environment variables override the file:
# CYCAST_CLUSTER_HOSTNAME, CYCAST_CLUSTER_PORT, CYCAST_CLUSTER_SEED_NODES
# (comma-separated host:port list).
#
# cluster {
#   hostname   = "127.0.0.1"   # address this node is reachable at
#   port       = 0             # 0 = pick any free port
#   seed_nodes = ["127.0.0.1:4053", "127.0.0.1:4054"]
# }
