#!/usr/bin/env bash
# Installs what the benchmark needs besides the .NET SDK: icecast2 (the reference server) and
# ffmpeg (generates the test MP3). Does nothing when both are already present.
set -euo pipefail

missing=()
command -v icecast2 >/dev/null 2>&1 || missing+=(icecast2)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
# icecast2's package asks for passwords through debconf; the bench writes its own config anyway.
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
