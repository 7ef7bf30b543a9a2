#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Work stealing under a skewed load (a Zipf head of costly flows), with W
# workers sharing the two CPUs:
#   parallel: idle workers really stole packets, every packet is accounted
#             for (no order promise);
#   atomic:   buckets really moved, zero per-flow reorders, and no worker
#             ever met a packet of a bucket it did not own (exclusivity);
#   ordered:  idle workers really stole packets, and the tx lcore restored
#             the order: zero reorders (what had to be given up on is
#             counted as `late`, never sent out of order).
# In both: identity holds, no mbuf leaks, the run drains cleanly.
# With `drain` as third argument the generator runs flat out and the run is
# stopped by SIGTERM in the middle of heavy stealing: the drain must still
# leave nothing unaccounted for.
#   test_steal.sh parallel|atomic|ordered W [drain]
source "$(dirname "$0")/lib.sh"
MODE=${1:?mode}
W=${2:?workers}
DRAIN=${3:-}
if [ -n "$DRAIN" ]; then
	LOAD="rate = 0"
else
	LOAD=$'rate = 400k\ncount = 300000'
fi

{
	cat <<INI
[pipeline]
schedule = $MODE
steal = yes
buckets = 64
worker_ring_size = 8192
tx_ring_size = 8192
steal_min_backlog = 16
duration = 30
stats_period = 1
[lcore.1]
roles = io
INI
	worker_sections "$W"
	cat <<INI
[gen.g0]
flows = 1024
popularity = zipf
zipf_s = 1.1
cost = 4000
cost_flows = 0.01
$LOAD
fwd = checker
INI
} >"$T/cfg.ini"

if [ -n "$DRAIN" ]; then
	start_pp "$T/run" $(eal_args) $(lcores_arg $((W + 1))) -- \
		-f "$T/cfg.ini" --stats-json "$T/sum.json"
	sleep 2
	stop_pp TERM
	show "$T/run"
	[ "$PP_RC" = 0 ] || fail "exit code $PP_RC"
	$PP_PY check "$T/sum.json" --min-rx 10000 --expect clean_stop=true \
		--expect drops.aborted=0
else
	run_ok "$T/run" $(eal_args) $(lcores_arg $((W + 1))) -- \
		-f "$T/cfg.ini" --stats-json "$T/sum.json"
	$PP_PY check "$T/sum.json" --expect rx=300000 --expect clean_stop=true
fi

python3 - "$T/sum.json" "$MODE" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1])); mode = sys.argv[2]
w = [l for l in s["lcores"] if l["worker"] >= 0]
steals = sum(l["steals"] for l in w)
moves = sum(l["buckets_in"] for l in w)
stolen = sum(l["stolen_from"] for l in w)
outs = sum(l["buckets_out"] for l in w)
bad = sum(l["not_owner"] for l in w)
c = s["checker"]
print(f"{mode}: steals {steals} buckets moved {moves} reorders {c['reorders']}"
      f" duplicates {c['duplicates']} not_owner {bad}")
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
if steals != stolen or moves != outs:
    die("what thieves took does not match what victims lost")
if c["duplicates"]:
    die("duplicates")
if c["packets"] != s["tx"]:
    die("checker count != tx")
if mode in ("parallel", "ordered") and steals == 0:
    die("no packet was stolen: the skew did not force stealing")
if mode == "ordered" and c["reorders"]:
    die(f"{c['reorders']} reorders in ordered mode")
if mode != "ordered" and s["drops"]["late"]:
    die("late drops outside ordered mode")
if mode == "atomic":
    if moves == 0:
        die("no bucket moved: the skew did not force stealing")
    if steals:
        die("atomic mode stole packets")
    if c["reorders"]:
        die(f"{c['reorders']} per-flow reorders in atomic mode")
    if bad:
        die(f"{bad} packets met by a worker that did not own their bucket")
PY
echo "PASS: $MODE, $W workers"
