#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# configs/steal-skew.ini as shipped: two run-to-completion lcores (one per
# CPU), each keeping what its own generator queue gives, one queue carrying
# all the costly flows. Stealing must move work to the idle lcore: lcore 2
# works more packets than it receives. Per mode:
#   parallel: packets were stolen; nothing duplicated or lost;
#   ordered:  packets were stolen and each RX queue's order was restored
#             at its own tx lcore (two tx lcores): zero reorders;
#   atomic:   buckets moved, zero reorders, no worker met a packet of a
#             bucket it did not own.
# In all: identity, no leak, clean drain.
#   test_stealrtc.sh parallel|ordered|atomic
source "$(dirname "$0")/lib.sh"
MODE=${1:?mode}

CHECKER=--checker
[ "$MODE" = parallel ] && CHECKER=
run_ok "$T/run" $(eal_args) --lcores 0@0,1@0,2@1 -- \
	-f "$PP_SRC/configs/steal-skew.ini" --set pipeline.schedule="$MODE" \
	--duration 2 --stats-json "$T/sum.json"
$PP_PY check "$T/sum.json" $CHECKER --min-rx 100000 --expect clean_stop=true

python3 - "$T/sum.json" "$MODE" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1])); mode = sys.argv[2]
l1, l2 = [l for l in s["lcores"] if l["lcore"] in (1, 2)]
c = s["checker"]
print(f"{mode}: lcore 2 rx {l2['rx']} worked {l2['worked']}; steals "
      f"{l2['steals']} buckets moved {l2['buckets_in']}; reorders "
      f"{c['reorders']} late {s['drops']['late']}")
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
if l2["worked"] <= l2["rx"]:
    die("the idle lcore did no work for the loaded one")
if c["duplicates"] or c["packets"] != s["tx"]:
    die("checker: duplicates, or a count that is not tx")
if mode in ("parallel", "ordered") and l2["steals"] == 0:
    die("nothing stolen")
if mode == "atomic" and (l2["buckets_in"] == 0 or l2["steals"] != 0):
    die("atomic: no bucket moved, or packets stolen")
if mode == "atomic" and (l1["not_owner"] or l2["not_owner"]):
    die("a worker met a packet of a bucket it did not own")
PY
echo "PASS: run to completion, $MODE"
