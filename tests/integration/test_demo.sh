#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The shipped demo config (the README's main job) runs, prints live stats
# and a summary that holds, and exits 0.
source "$(dirname "$0")/lib.sh"
run_ok "$T/run" $(eal_args) --lcores 0@0,1@0,2@1 -- \
	-f "$PP_SRC/configs/demo.ini" --duration 2 --stats-json "$T/sum.json"
[ "$(grep -c 'Mpps in_flight' "$T/run.stdout")" -ge 1 ] || fail "no live stats"
grep -q "result: OK" "$T/run.stdout" || fail "summary not OK"
$PP_PY check "$T/sum.json" --checker --min-rx 100000
echo "PASS"
