#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# RX -> TX latency histogram against a known injected delay: every packet
# costs its worker 26000 TSC cycles (the work stage), so no packet can take
# less; the percentiles must be at least that and in order.
source "$(dirname "$0")/lib.sh"

cat >"$T/cfg.ini" <<INI
[pipeline]
stats_period = 0
[lcore.1]
roles = io
[lcore.2]
roles = worker
[gen.g0]
flows = 64
cost = 26000
rate = 2k
count = 4000
fwd = checker
INI
run_ok "$T/run" $(eal_args) --lcores 0@0,1@0,2@1 -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"
$PP_PY check "$T/sum.json" --checker --expect tx=4000
python3 - "$T/sum.json" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))
lat, hz = s["latency_ns"], s["tsc_hz"]
floor = 26000 / hz * 1e9
q = [lat[k] for k in ("p50", "p90", "p99", "p999", "max")]
print(f"injected {floor:.0f} ns; latency_ns {lat}")
if any(a > b for a, b in zip(q, q[1:])):
    sys.exit(f"FAIL: percentiles not monotonic: {lat}")
if lat["p50"] < floor:
    sys.exit(f"FAIL: p50 {lat['p50']} ns below the injected {floor:.0f} ns")
PY
echo "PASS"
