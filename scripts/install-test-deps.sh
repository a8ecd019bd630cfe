#!/usr/bin/env bash
# Installs the Debian packages Cycast's tests and benchmark run for real, when they are missing:
# ffmpeg (encoder and decoding listener), nginx with its stream module (load balancer, also for the source port), icecast2 (benchmark peer and side-by-side tests), chromium (status page), ezstream (a libshout encoder), nftables (network partitions), prometheus (promtool), systemd (systemd-analyze verify checks deploy/cycast.service), mpg123 (a player that follows an .m3u), openssl and curl (the HTTPS tests' certificates and client), apache2-utils (htpasswd, which writes listener auth files).
set -euo pipefail
packages=()
command -v ffmpeg >/dev/null 2>&1 || packages+=(ffmpeg)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || packages+=(nginx-light)
[[ -f /usr/lib/nginx/modules/ngx_stream_module.so ]] || packages+=(libnginx-mod-stream)
command -v icecast2 >/dev/null 2>&1 || [[ -x /usr/bin/icecast2 ]] || packages+=(icecast2)
[[ -x /usr/bin/chromium ]] || packages+=(chromium)
command -v ezstream >/dev/null 2>&1 || packages+=(ezstream)
# nftables cuts a loopback cluster in two for the partition test.
command -v nft >/dev/null 2>&1 || [[ -x /usr/sbin/nft ]] || packages+=(nftables)
# promtool (Debian's prometheus package) lints the node's /metrics.
command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
# systemd-analyze checks the shipped unit; a container may have no systemd package.
[[ -x /usr/bin/systemd-analyze ]] || packages+=(systemd)
command -v mpg123 >/dev/null 2>&1 || packages+=(mpg123)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v curl >/dev/null 2>&1 || packages+=(curl)
command -v htpasswd >/dev/null 2>&1 || packages+=(apache2-utils)
if (( ${#packages[@]} > 0 )); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
