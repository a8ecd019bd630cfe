#!/usr/bin/env bash
# One command for the Cycast-vs-Icecast benchmark:
#   bench/run.sh [--short] [--servers cycast,icecast]
# Installs icecast2 and ffmpeg when missing, builds the bench in Release and runs it. The bench
# builds Cycast.Node in Release itself, then appends results to BENCHMARKS.md and writes a plot
# and raw JSON to docs/bench/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/bench/install.sh"
dotnet build -c Release --nologo -v quiet "$repo/Cycast.Bench"

# Every listener is one descriptor in the bench process; servers raise their own limit.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
BENCH_COMMAND="bench/run.sh $*" exec dotnet "$repo/Cycast.Bench/bin/Release/net10.0/Cycast.Bench.dll" --repo "$repo" "$@"
