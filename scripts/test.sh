#!/usr/bin/env bash
# Runs Cycast's whole test suite on a fresh Debian machine that has only the .NET SDK:
# installs the real programs the tests talk to (ffmpeg as encoder and listener, nginx, icecast2),
# restores NuGet packages, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

# Commit subjects of at most 72 characters: .githooks/commit-msg, in a git checkout.
scripts/install-hooks.sh

scripts/install-test-deps.sh

dotnet build Cycast.Cluster.sln -c Release -nologo -clp:ErrorsOnly
# One style, enforced: .editorconfig's rules fail the build above; layout and whitespace fail here.
dotnet format Cycast.Cluster.sln --verify-no-changes --no-restore
log=$(mktemp)
set +e
dotnet test Cycast.Tests/Cycast.Tests.csproj -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain summary line: "N passed, N failed".
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1 || true)
if [[ -n "$summary" ]]; then
  failed=$(sed -E 's/Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+)/\1/' <<<"$summary")
  echo "$passed passed, $failed failed"
fi
rm -f "$log"
exit "$status"
