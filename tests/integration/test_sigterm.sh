#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# SIGTERM mid-traffic (flat-out generator, 2 workers) drains: exit 0, the
# identity holds with in_flight 0, no mbuf leaked, the stop was clean.
source "$(dirname "$0")/lib.sh"

cat >"$T/cfg.ini" <<INI
[pipeline]
stats_period = 0.5
[lcore.1]
roles = rx, tx
[lcore.2]
roles = worker
[lcore.3]
roles = worker
[gen.g0]
flows = 1024
fwd = checker
INI

start_pp "$T/run" $(eal_args) $(lcores_arg 3) -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"
# Let traffic flow (stats lines come every 0.5 s), then stop it.
sleep 1.5
grep -q "Mpps" "$T/run.stdout" || fail "no stats line: no traffic?"
stop_pp TERM
show "$T/run"
[ "$PP_RC" = 0 ] || fail "exit code $PP_RC"
grep -q "draining" "$T/run.stdout" || fail "no drain announced"
$PP_PY check "$T/sum.json" --checker --min-rx 10000 --expect clean_stop=true \
	--expect drops.aborted=0
echo "PASS"
