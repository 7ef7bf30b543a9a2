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

"$PKTPIPE" $(eal_args) $(lcores_arg 3) -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json" >"$T/run.stdout" 2>"$T/run.stderr" &
pid=$!
# Wait for traffic (a stats line), then stop it.
for _ in $(seq 100); do
	grep -q "Mpps" "$T/run.stdout" 2>/dev/null && break
	sleep 0.1
done
sleep 1
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
show "$T/run"
[ "$rc" = 0 ] || fail "exit code $rc"
grep -q "draining" "$T/run.stdout" || fail "no drain announced"
$PP_PY check "$T/sum.json" --checker --min-rx 10000 --expect clean_stop=true \
	--expect drops.aborted=0
echo "PASS"
