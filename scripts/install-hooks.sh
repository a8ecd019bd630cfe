#!/usr/bin/env bash
# Makes git use the repository's own hooks (.githooks/: commit subjects of at most 72 characters).
# Only in a git checkout of this repository: from a tarball, or without git, there is nothing to install.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v git >/dev/null || exit 0
top=$(git rev-parse --show-toplevel 2>/dev/null) || exit 0
# Inside some other repository (this tree unpacked in one's subdirectory), its hooks are not ours to change.
[[ "$(cd "$top" && pwd -P)" == "$(pwd -P)" ]] || exit 0
git config core.hooksPath .githooks
