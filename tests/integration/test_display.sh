#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The live display: one line per stats period with its fields; one JSON
# object per period in --stats-jsonl, the last one up to the stop, so the
# periods add up to the summary exactly; --quiet prints nothing on stdout.
source "$(dirname "$0")/lib.sh"
EAL="$(eal_args) --lcores 0@0,1@0,2@1"
run_ok "$T/run" $EAL -- -f "$PP_SRC/configs/demo.ini" --duration 3 \
	--stats-period 0.5 --stats-jsonl "$T/live.jsonl" \
	--stats-json "$T/sum.json"
python3 - "$T/run.stdout" "$T/live.jsonl" "$T/sum.json" <<'PY' || exit 1
import json, re, sys
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
LINE = re.compile(r"^\[ *[0-9.]+s\] rx [0-9.]+ Mpps tx [0-9.]+ Mpps "
                  r"in_flight \d+ drops( 0|( [a-z_]+=\d+)+) "
                  r"\| p99 ([0-9.]+)(us|ms) \| busiest worker l\d+ \d+%"
                  r"( \| .*)?$")
live = [l.rstrip("\n") for l in open(sys.argv[1]) if l.startswith("[")]
if len(live) < 4:
    die(f"{len(live)} live lines in 3 s at 0.5 s")
for l in live:
    if not LINE.match(l):
        die(f"live line does not have the fields: {l!r}")
rows = [json.loads(l) for l in open(sys.argv[2])]
s = json.load(open(sys.argv[3]))
if len(rows) != len(live) + 1 or not rows[-1]["final"] or \
        any(r["final"] for r in rows[:-1]):
    die(f"{len(rows)} JSON lines for {len(live)} periods (+1 final)")
for r in rows:
    q = r["latency_ns"]
    if r["tx"] and not 0 < q["p50"] <= q["p90"] <= q["p99"] <= q["p999"] \
            <= q["max"]:
        die(f"latency quantiles out of order at t={r['t']}: {q}")
for k in ("rx", "tx"):
    if sum(r[k] for r in rows) != s[k]:
        die(f"sum of period {k} {sum(r[k] for r in rows)} != summary {s[k]}")
for k, v in s["drops"].items():
    if sum(r["drops"][k] for r in rows) != v:
        die(f"sum of period drops {k} != summary {v}")
if rows[-1]["in_flight"] != s["in_flight"]:
    die("final in_flight is not the summary's")
print(f"{len(live)} live lines, {len(rows)} JSON lines: rx {s['rx']} "
      f"tx {s['tx']} add up; p99 per period (us):",
      [round(r["latency_ns"]["p99"] / 1e3, 1) for r in rows])
PY
run_pp "$T/q" $EAL -- -f "$PP_SRC/configs/demo.ini" --duration 1 \
	--stats-period 0.25 --quiet --stats-jsonl "$T/q.jsonl" \
	--stats-json "$T/q.json"
[ "$(cat "$T/q.rc")" = 0 ] || { show "$T/q"; fail "--quiet: exit code $(cat "$T/q.rc")"; }
[ ! -s "$T/q.stdout" ] || { show "$T/q"; fail "--quiet printed on stdout"; }
[ "$(wc -l <"$T/q.jsonl")" -ge 3 ] || fail "--quiet: no JSON lines"
$PP_PY check "$T/q.json" --checker
echo "PASS"
