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
# Icecast's /admin/* and the cycast command line; nginx's address on the compose network is one of the
# trusted proxies, so its X-Real-IP and PROXY protocol headers name the real listeners and encoders.
admin {
  user = "admin"
  password = "change-me-admin"  # CHANGE THIS
  trusted_proxies = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
}
cluster {
  hostname = "127.0.0.1"
  port = 4053
}
