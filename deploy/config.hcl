# One file for every node of the docker-compose cluster: each node's own address comes from
# CYCAST_CLUSTER_HOSTNAME / CYCAST_CLUSTER_PORT / CYCAST_CLUSTER_SEED_NODES in docker-compose.yml.
server {
  host = "0.0.0.0"
  source_port = 8000
  listen_port = 8001
  source_password = "hackme"    # CHANGE THIS
  mount_point = "/stream"
}
buffer {
  size_mb = 10
}
playlist {
  directory = "/music"
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
cluster {
  hostname = "127.0.0.1"
  port = 4053
}
