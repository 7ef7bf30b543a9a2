#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Run every test: unit (CUnit) and integration (EAL on vdevs), first in the
# normal build with werror, then in an AddressSanitizer + UBSan build.
#   scripts/test.sh            both builds
#   PP_NO_ASAN=1 scripts/test.sh   skip the sanitizer build
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

passed=0 failed=0
run_suite() {
	local dir=$1
	shift
	bash scripts/build.sh "$dir" "$@"
	local rc=0
	meson test -C "$dir" --print-errorlogs --no-rebuild || rc=$?
	local ok fail
	ok=$(grep -c '"result": "OK"' "$dir/meson-logs/testlog.json" || true)
	fail=$(grep -Ec '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' \
		"$dir/meson-logs/testlog.json" || true)
	passed=$((passed + ok))
	failed=$((failed + fail))
	[ "$rc" -eq 0 ] || failed=$((failed > 0 ? failed : 1))
}

run_suite build
if [ -z "${PP_NO_ASAN:-}" ]; then
	run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debugoptimized
fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
