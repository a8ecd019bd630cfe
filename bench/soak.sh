#!/usr/bin/env bash
# The soak of issue 20: a node, then a three-node cluster, under listener churn, encoders creating and leaving mounts,
# title updates and a live encoder, sampling each node's live heap, memory, open files and threads every minute:
#   bench/soak.sh [--minutes N]     (N per phase, default 15: about 30 minutes in all, then it stops by itself)
# Writes BENCHMARKS.md's "Soak" section, its plot and raw samples under docs/bench/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build -c Release --nologo -v quiet "$repo/Cycast.Node"
# Listener churn holds a few hundred descriptors at once, in this script and in each node: well under 20 000.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec timeout 3600 python3 "$repo/bench/soak.py" --repo "$repo" --command "bench/soak.sh${*:+ $*}" "$@"
