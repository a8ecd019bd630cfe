# Node 1 of three: docker-compose.yml's service node1, or the loopback recipe (docs/cluster.md, "Three nodes by hand")
# on 127.0.0.2. Ports and paths are the same in both; in a container the image's CYCAST_SERVER_HOST=0.0.0.0 and
# compose's CYCAST_CLUSTER_HOSTNAME / CYCAST_CLUSTER_SEED_NODES put the node on the compose network instead.
# The cluster secret is never in this file: set CYCAST_CLUSTER_SECRET (16 characters or more, the same on every node).
server {
  host = "127.0.0.2"
  source_port = 8000
  listen_port = 8001
  source_password = "hackme"    # CHANGE THIS
  mount_point = "/stream"
}
buffer {
  size_mb = 10
}
playlist {
  # Relative to the working directory: /app in the image, the repository root on a loopback run.
  directory = "./music"
  shuffle = true
  extensions = [".mp3", ".ogg"]
}
metadata {
  station_name = "Cycast Radio"
  station_url = "http://localhost:8080"
}
mount "/stream" {
}
mount "/jazz" {
  source_password = "jazz-pass"  # CHANGE THIS
  station_name = "Cycast Jazz"
}
# Icecast's /admin/* and the cycast command line. nginx is a trusted proxy (on loopback, or on the compose network),
# so its X-Real-IP and PROXY protocol headers name the real listeners and encoders.
admin {
  user = "admin"
  password = "change-me-admin"  # CHANGE THIS
  trusted_proxies = ["127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
}
cluster {
  hostname = "127.0.0.2"
  port = 4053
  seed_nodes = ["127.0.0.2:4053", "127.0.0.3:4053"]
  node_name = "node1"
}
