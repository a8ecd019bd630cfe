#!/usr/bin/env bash
# The attacks of issue 12 at scale against a real node process, with an honest ffmpeg encoder and listener:
#   bench/abuse.sh
# 600 oversize heads at once, 1000 mounts, 2000 slowloris connections, 1000 wrong passwords; about three minutes, then
# it stops by itself (the node and ffmpeg with it). Writes its table into BENCHMARKS.md's "Abuse" section.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v ffmpeg >/dev/null || "$repo/bench/install.sh"
dotnet build -c Release --nologo -v quiet "$repo/Cycast.Node"

# 2000 slowloris and 1000 mounts are a descriptor each, in this script and in the node: well under 20 000.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec timeout 600 python3 "$repo/bench/abuse.py" --repo "$repo" --command "bench/abuse.sh${*:+ $*}"
