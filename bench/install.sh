#!/usr/bin/env bash
# Installs what the benchmark needs besides the .NET SDK: icecast2 (the reference server), ffmpeg
# (generates the test MP3 and is one of the encoders), perf (counts the servers' sends) and taskset
# (util-linux, for the one-core runs). Does nothing when all are already present.
set -euo pipefail

missing=()
command -v icecast2 >/dev/null 2>&1 || missing+=(icecast2)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v perf >/dev/null 2>&1 || missing+=(linux-perf)
command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
# icecast2's package asks for passwords through debconf; the bench writes its own config anyway.
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
