#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Build pktpipe: scripts/build.sh [BUILD_DIR] [meson options...]
# Default: build/ with werror. Installs missing packages first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dir=${1:-build}
shift || true
if [ -f "$dir/build.ninja" ]; then
	meson configure "$dir" -Dwerror=true "$@" >/dev/null
else
	meson setup "$dir" -Dwerror=true "$@" >/dev/null
fi
ninja -C "$dir" >/dev/null
echo "build: $dir/app/pktpipe/pktpipe"
