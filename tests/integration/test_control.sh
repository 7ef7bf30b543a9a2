#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The control plane on configs/steady.ini (two tenants of 64 flows each,
# 100 kpps apiece, into the checker), driven through scripts/pktpipe-ctl
# and dpdk-telemetry.py on the real telemetry socket.
#
#   test_control.sh cancel    cancel a flow and a tenant mid-traffic, then
#                             un-cancel the tenant: after each cancel
#                             returned, no packet of its target reached the
#                             checker (last_tsc < the command's
#                             effective_tsc); every other flow lost none;
#                             the tenant flows again after the un-cancel.
#   test_control.sh reload    100 reloads (SIGHUP and pktpipe-ctl, the file
#                             changing a rate each time) and 100 rate
#                             changes under traffic: zero packets lost; an
#                             invalid file and a key that needs a restart
#                             are refused with the start-up messages, and
#                             the old config keeps running.
#   test_control.sh deadline  a slow stage on purpose (2 us per packet,
#                             more than the worker can give): stale packets
#                             are dropped as `deadline`, none older than the
#                             2 ms budget is transmitted.
#   test_control.sh failfast  a stage error on the worker under
#                             on_fault = fail-fast: drains, exits 1, names
#                             the lcore and the cause.
#   test_control.sh isolate   the same under isolate: counted, dropped as
#                             `fault`, traffic goes on, exit 0.
#   test_control.sh watchdog  a worker stalled for 2 s: the watchdog names
#                             it within a second; a rate change meanwhile
#                             returns an error after the watchdog period
#                             instead of blocking; afterwards all is well.
#   test_control.sh breaker   a net_ring TX port whose consumer (its own RX,
#                             paused through the control interface) stops:
#                             the breaker opens, other traffic keeps
#                             flowing, it closes when the consumer resumes;
#                             identity holds throughout.
#   test_control.sh backpressure  an overloaded worker: ring_full drops
#                             with overflow = drop; none with
#                             backpressure (the source's queue counts the
#                             excess), and max_in_flight holds.
#   test_control.sh idle      at ~1 % load the worker's CPU use (from /proc)
#                             with idle = poll (~100 %) and sleep (far less).
#   test_control.sh errors    every error reply of the control interface,
#                             and the socket's permissions.
source "$(dirname "$0")/lib.sh"
MODE=${1:?mode}
# The RX lcore has CPU 1 to itself, so that the test's own tools (pinned
# to CPU 0, with the main lcore and the worker, whose deep ring absorbs
# their stalls) never make it miss a packet: the tests count every one.
CTL="taskset -c 0 python3 $PP_SRC/scripts/pktpipe-ctl -f $PREFIX"
TEL=$(command -v dpdk-telemetry.py) || fail "dpdk-telemetry.py not found"
EAL="$(eal_args) --lcores 0@0,1@1,2@0"

# ctl ARGS...: pktpipe-ctl that must succeed; its reply on stdout
ctl() {
	$CTL --json "$@" || fail "pktpipe-ctl $*: exit $?"
}

# json_get JSON KEY...: a field of the command's reply
json_get() {
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); b=list(r.values())[0]
for k in sys.argv[2:]: b=b[k]
print(b)' "$@"
}

cp "$PP_SRC/configs/steady.ini" "$T/steady.ini"

case "$MODE" in
cancel)
	start_pp "$T/run" $EAL -- -f "$T/steady.ini" --duration 60 \
		--stats-json "$T/sum.json"
	sleep 1
	# flow 5 of acme: 10.0.0.5:1029 -> 198.18.0.1:5001 udp
	r=$(ctl cancel flow udp 10.0.0.5 1029 198.18.0.1 5001)
	t_flow=$(json_get "$r" effective_tsc)
	r=$(ctl cancel tenant globex)
	t_ten=$(json_get "$r" effective_tsc)
	tx_cancel=$(json_get "$r" tx_pkts)
	ctl cancelled
	sleep 1.5
	r=$(ctl uncancel tenant globex)
	t_back=$(json_get "$r" effective_tsc)
	tx_uncancel=$(json_get "$r" tx_pkts)
	echo "globex transmitted $tx_cancel when its cancel returned, $tx_uncancel when un-cancelled"
	[ "$tx_cancel" = "$tx_uncancel" ] ||
		fail "globex packets were transmitted while it was cancelled"
	sleep 1
	ctl drain >/dev/null
	wait "$PP_PID" || fail "pktpipe exit code $?"
	show "$T/run"
	$PP_PY check "$T/sum.json" --expect clean_stop=true
	python3 - "$T/sum.json" "$t_flow" "$t_ten" "$t_back" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))
t_flow, t_ten, t_back = map(int, sys.argv[2:])
f = {x["flow"]: x for x in s["checker"]["per_flow"]}
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
c = s["checker"]
print(f"cancelled drops {s['drops']['cancelled']}; flow 5 last seen "
      f"{(t_flow - f[5]['last_tsc']) / s['tsc_hz'] * 1e3:.3f} ms before its "
      f"cancel returned")
if f[5]["last_tsc"] >= t_flow:
    die("a packet of the cancelled flow was transmitted after the cancel")
for i in range(64, 128):
    # globex flows: none between its cancel and its un-cancel
    if f[i]["last_tsc"] <= t_back:
        die(f"globex flow {i} did not flow again after the un-cancel")
if c["reorders"] or c["duplicates"]:
    die("reorders or duplicates")
for i in range(64):
    if i != 5 and f[i]["gaps"]:
        die(f"acme flow {i} (not cancelled) lost {f[i]['gaps']} packets")
    if i != 5 and f[i]["last_tsc"] <= t_back:
        die(f"acme flow {i} stopped")
others = {k: v for k, v in s["drops"].items() if k != "cancelled" and v}
if others or s["drops"]["cancelled"] == 0:
    die(f"drops: {s['drops']}")
PY
	echo "PASS: cancel contract held (flow and tenant), nothing else lost"
	;;
reload)
	start_pp "$T/run" $EAL -- -f "$T/steady.ini" --duration 30 \
		--stats-json "$T/sum.json"
	sleep 0.5
	taskset -c 0 python3 - "$T/steady.ini" "$PREFIX" "$PP_PID" <<'PY' || exit 1
import json, os, signal, socket, sys, time
ini, prefix, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect(f"/var/run/dpdk/{prefix}/dpdk_telemetry.v2")
maxlen = json.loads(s.recv(1024))["max_output_len"]
def cmd(c):
    s.send(c.encode())
    r = json.loads(s.recv(maxlen))
    return list(r.values())[0]
text = open(ini).read()
t0 = time.time()
for i in range(100):
    # a real change each time: acme's aggregate rate
    open(ini, "w").write(text.replace("rate = 1G", f"rate = {900 + i}M", 1))
    if i % 2:
        os.kill(pid, signal.SIGHUP)
        time.sleep(0.02)
    else:
        r = cmd("/pktpipe/reload")
        if "applied" not in r:
            sys.exit(f"FAIL: reload {i} refused: {r}")
    r = cmd(f"/pktpipe/set,tenant.globex,rate,{800 + i}M")
    if "applied" not in r:
        sys.exit(f"FAIL: rate change {i} refused: {r}")
print(f"100 reloads and 100 rate changes in {time.time() - t0:.1f} s")
r = cmd("/pktpipe/police")
print("rates in force:", r["tenants"]["acme"]["rate_bps"],
      r["tenants"]["globex"]["rate_bps"])
if r["tenants"]["globex"]["rate_bps"] != 899000000:
    sys.exit("FAIL: the last rate change is not in force")
# refused: a bad value (same message as at start), a restart key
open(ini, "w").write(text.replace("deadline = 0.05", "deadline = -1"))
r = cmd("/pktpipe/reload")
print("bad file:", r)
if "[pipeline] deadline: -1 is out of range" not in r.get("error", ""):
    sys.exit("FAIL: bad file not refused with the start-up message")
open(ini, "w").write(text.replace("pkt_len = 128", "pkt_len = 256", 1))
r = cmd("/pktpipe/reload")
print("restart key:", r)
if "[gen.acme] pkt_len (128 -> 256)" not in r.get("error", ""):
    sys.exit("FAIL: a key that needs a restart was not named")
os.kill(pid, signal.SIGHUP)	# refused too, on stderr
time.sleep(0.2)
open(ini, "w").write(text)
r = cmd("/pktpipe/reload")
if "applied" not in r:
    sys.exit(f"FAIL: the good file back: {r}")
r = cmd("/pktpipe/drain")
PY
	wait "$PP_PID" || fail "pktpipe exit code $?"
	show "$T/run"
	grep -q "SIGHUP: .*pkt_len (128 -> 256)" "$T/run.stderr" ||
		fail "SIGHUP refusal not reported"
	grep -q "drain requested" "$T/run.stdout" || fail "drain not requested"
	$PP_PY check "$T/sum.json" --checker --expect clean_stop=true \
		--expect drops_total=0 --expect checker.gaps=0
	echo "PASS: 100 reloads + 100 rate changes, zero loss; refusals keep the old config"
	;;
deadline)
	cat >>"$T/steady.ini" <<INI
INI
	run_ok "$T/run" $EAL -- -f "$T/steady.ini" --duration 3 \
		--set pipeline.deadline=0.002 --set gen.acme.cost=5000 \
		--set gen.globex.cost=5000 --stats-json "$T/sum.json"
	$PP_PY check "$T/sum.json" --checker --expect clean_stop=true
	python3 - "$T/sum.json" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))
lat = s["latency_ns"]
print(f"deadline drops {s['drops']['deadline']}, tx {s['tx']}, latency {lat}")
if s["drops"]["deadline"] == 0:
    sys.exit("FAIL: an overloaded stage, yet nothing missed the deadline")
if s["tx"] == 0:
    sys.exit("FAIL: nothing was transmitted")
# the histogram's max is exact: nothing older than 2 ms left
if lat["max"] > 2.0e6:
    sys.exit(f"FAIL: a packet {lat['max']} ns old was transmitted")
PY
	echo "PASS: stale packets dropped as deadline, none older than the budget sent"
	;;
failfast|isolate)
	pol=fail-fast
	[ "$MODE" = isolate ] && pol=isolate
	start_pp "$T/run" $EAL -- -f "$T/steady.ini" --duration 3 \
		--set pipeline.on_fault=$pol --stats-json "$T/sum.json"
	sleep 1
	ctl inject fault 2 >/dev/null
	PP_RC=0
	wait "$PP_PID" || PP_RC=$?
	show "$T/run"
	if [ "$MODE" = failfast ]; then
		[ "$PP_RC" = 1 ] || fail "exit code $PP_RC, expected 1"
		grep -q "fault on lcore 2 (worker): a stage error; on_fault = fail-fast" \
			"$T/run.stdout" || fail "the lcore and the cause are not named"
		$PP_PY check "$T/sum.json" --expect clean_stop=true
		python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))
sys.exit(0 if s["seconds"] < 2.5 and s["drops"]["fault"] > 0 else
         "FAIL: did not stop early, or the faulty burst was not counted")' \
			"$T/sum.json"
	else
		[ "$PP_RC" = 0 ] || fail "exit code $PP_RC under isolate"
		$PP_PY check "$T/sum.json" --expect clean_stop=true
		python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))
d=s["drops"]; f=s["faults"]
print("fault drops", d["fault"], "faults", f, "seconds", s["seconds"])
sys.exit(0 if d["fault"] > 0 and f == 1 and s["seconds"] > 2.9 else
         "FAIL: isolate did not count the fault and go on")' "$T/sum.json"
	fi
	echo "PASS: on_fault = $pol"
	;;
watchdog)
	start_pp "$T/run" $EAL -- -f "$T/steady.ini" --duration 6 \
		--set pipeline.watchdog=0.5 --stats-json "$T/sum.json"
	sleep 1
	ctl inject stall 2 2000 >/dev/null
	t0=$(date +%s.%N)	# the stall began before this
	for _ in $(seq 100); do
		grep -q "watchdog: lcore 2 (worker) has reported no quiescent state" \
			"$T/run.stderr" && break
		sleep 0.01
	done
	t1=$(date +%s.%N)
	grep -q "watchdog: lcore 2 (worker)" "$T/run.stderr" ||
		fail "the watchdog did not name the stalled lcore"
	python3 -c "import sys; d=$t1-$t0; print(f'watchdog report {d:.2f} s after the stall began, or less');
sys.exit(0 if d < 1.0 else 'FAIL: reported later than a second')"
	# still stalled: a change waits at most the watchdog period, then
	# says why, instead of blocking the control plane
	set +e
	t2=$(date +%s.%N)
	out=$($CTL rate tenant.acme 500M 2>&1)
	rc=$?
	t3=$(date +%s.%N)
	set -e
	echo "during the stall: rc $rc: $out"
	[ "$rc" = 1 ] && echo "$out" | grep -q "quiescent state" ||
		fail "a change during a stall did not report the stalled lcore"
	python3 -c "import sys; d=$t3-$t2; print(f'returned after {d:.2f} s');
sys.exit(0 if d < 1.5 else 'FAIL: the control plane blocked')"
	wait "$PP_PID" || fail "pktpipe exit code $?"
	show "$T/run"
	grep -q "lcore 2 reports quiescent states again" "$T/run.stderr" ||
		fail "recovery not reported"
	$PP_PY check "$T/sum.json" --checker --expect clean_stop=true
	echo "PASS: watchdog"
	;;
breaker)
	# gen.a -> port loop (net_ring: what it transmits comes back on its
	# RX, polled into the checker) ; gen.b -> the checker directly.
	cat >"$T/brk.ini" <<INI
[pipeline]
stats_period = 0.5
breaker_after = 0.01
breaker_backoff = 0.1
worker_ring_size = 32768
tx_ring_size = 32768
[lcore.1]
roles = rx, tx
[lcore.2]
roles = worker
[port.loop]
dev = net_ring0
fwd = checker
[gen.a]
flows = 16
rate = 50k
fwd = loop
[gen.b]
flows = 16
rate = 50k
fwd = checker
INI
	start_pp "$T/run" $EAL -- -f "$T/brk.ini" --duration 60 \
		--stats-json "$T/sum.json"
	sleep 1
	ctl port loop pause >/dev/null	# the ring's consumer stops
	sleep 1
	ctl stats >"$T/mid.json"
	ctl port loop resume >/dev/null
	t_back=$(date +%s.%N)
	sleep 1
	ctl drain >/dev/null
	wait "$PP_PID" || fail "pktpipe exit code $?"
	show "$T/run"
	# (not --checker: tx also counts what went out on the loop port)
	$PP_PY check "$T/sum.json" --expect clean_stop=true \
		--expect checker.reorders=0 --expect checker.duplicates=0
	python3 - "$T/sum.json" "$T/mid.json" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1]))
mid = list(json.load(open(sys.argv[2])).values())[0]
l1 = [l for l in s["lcores"] if l["lcore"] == 1][0]
f = {x["flow"]: x for x in s["checker"]["per_flow"]}
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
print(f"breaker opened {l1['breaker_opens']} closed {l1['breaker_closes']};"
      f" breaker_open drops {s['drops']['breaker_open']} (mid-run "
      f"{mid['breaker_open']}), tx_full {s['drops']['tx_full']}")
if l1["breaker_opens"] < 1 or l1["breaker_closes"] < 1:
    die("the breaker did not open and close again")
if mid["breaker_open"] == 0:
    die("nothing dropped as breaker_open while the consumer was stopped")
# gen.b's flows (16..31) went on: none lost
lost = sum(f[i]["gaps"] for i in range(16, 32))
if lost:
    die(f"the other traffic lost {lost} packets")
# gen.a flows back after the resume: received at the end
if any(f[i]["packets"] == 0 for i in range(16)):
    die("looped flows never arrived")
others = {k: v for k, v in s["drops"].items()
          if k not in ("breaker_open", "tx_full") and v}
if others:
    die(f"unexpected drops {others}")
PY
	echo "PASS: the breaker opened, kept the rest flowing, and closed"
	;;
backpressure)
	# An overloaded worker (20000 cycles a packet: ~130 kpps, offered
	# 400 kpps) behind small rings. overflow = drop: ring_full drops
	# mid-pipeline. overflow = backpressure: none; the excess stays in
	# the source's queue, which counts it (the generator's missed, a
	# NIC's imissed). And max_in_flight caps what is inside.
	for mode in drop backpressure; do
		start_pp "$T/$mode" $EAL -- -f "$T/steady.ini" --duration 60 \
			--set pipeline.overflow=$mode --set pipeline.deadline=0 \
			--set pipeline.worker_ring_size=1024 \
			--set pipeline.tx_ring_size=1024 \
			--set pipeline.max_in_flight=$([ $mode = drop ] && echo 0 || echo 512) \
			--set gen.acme.rate=200k --set gen.globex.rate=200k \
			--set gen.acme.cost=20000 --set gen.globex.cost=20000 \
			--stats-json "$T/$mode.json"
		sleep 1
		for i in 1 2 3 4 5; do
			ctl stats | json_get "$(cat)" in_flight
			sleep 0.1
		done >"$T/$mode.inflight"
		ctl drain >/dev/null
		wait "$PP_PID" || fail "pktpipe ($mode) exit code $?"
		show "$T/$mode"
		$PP_PY check "$T/$mode.json" --expect clean_stop=true
	done
	python3 - "$T" <<'PY' || exit 1
import json, sys
t = sys.argv[1]
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
d = json.load(open(f"{t}/drop.json"))
b = json.load(open(f"{t}/backpressure.json"))
inf = [int(x) for x in open(f"{t}/backpressure.inflight").read().split()]
print(f"drop: ring_full {d['drops']['ring_full']}, missed "
      f"{d['generator']['missed']}; backpressure: ring_full "
      f"{b['drops']['ring_full']}, missed {b['generator']['missed']}, "
      f"drops {b['drops_total']}, in flight (cap 512) {inf}")
if d["drops"]["ring_full"] == 0:
    die("overloaded with overflow = drop, yet no ring_full drop")
if b["drops_total"] != 0:
    die(f"backpressure dropped mid-pipeline: {b['drops']}")
if b["generator"]["missed"] == 0:
    die("backpressure: the excess was not left to the source")
if max(inf) > 512 + 2 * 32:
    die("more in flight than max_in_flight (and a burst)")
PY
	echo "PASS: backpressure moves the loss to the source; the in-flight cap holds"
	;;
idle)
	# ~1 % of what the pipeline carries: 2 kpps. A worker that polls
	# uses its whole CPU; idle = sleep far less (from /proc and from the
	# summary's cpu_pct, which the kernel's thread clock gives).
	for mode in poll sleep; do
		start_pp "$T/$mode" $EAL -- -f "$T/steady.ini" --duration 4 \
			--set pipeline.idle=$mode --set gen.acme.rate=1000 \
			--set gen.globex.rate=1000 --stats-json "$T/$mode.json"
		sleep 1.5
		pid=$(pgrep -n -x pktpipe)
		ticks() { awk '{print $14 + $15}' "/proc/$pid/task/$1/stat"; }
		tid=$(grep -l '^rte-worker-2$' /proc/$pid/task/*/comm | cut -d/ -f5)
		a=$(ticks "$tid")
		sleep 1
		b=$(ticks "$tid")
		echo "$mode: worker (lcore 2) used $((b - a)) of $(getconf CLK_TCK) ticks in 1 s"
		echo "$((b - a))" >"$T/$mode.ticks"
		wait "$PP_PID" || fail "pktpipe ($mode) exit code $?"
		$PP_PY check "$T/$mode.json" --checker --expect drops_total=0
	done
	python3 - "$T" "$(getconf CLK_TCK)" <<'PY' || exit 1
import json, sys
t, hz = sys.argv[1], int(sys.argv[2])
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
res = {}
for mode in ("poll", "sleep"):
    s = json.load(open(f"{t}/{mode}.json"))
    w = [l for l in s["lcores"] if l["lcore"] == 2][0]
    proc = int(open(f"{t}/{mode}.ticks").read()) / hz * 100
    res[mode] = (proc, w["cpu_pct"], s["latency_ns"]["p50"],
                 s["latency_ns"]["p99"])
    print(f"{mode}: worker CPU {proc:.0f} % (/proc), {w['cpu_pct']:.1f} % "
          f"(run), latency p50 {res[mode][2] / 1e3:.1f} us p99 "
          f"{res[mode][3] / 1e3:.1f} us")
# the worker shares CPU 0 with the main lcore: polling, it still takes
# most of it
if res["poll"][0] < 60 or res["poll"][1] < 60:
    die("a polling worker should use (nearly) a whole CPU")
if res["sleep"][0] > 30 or res["sleep"][1] > 30:
    die("idle = sleep still burns the CPU")
PY
	echo "PASS: idle = sleep frees the CPU at low load"
	;;
errors)
	start_pp "$T/run" $EAL -- -f "$T/steady.ini" --duration 60
	dir=/var/run/dpdk/$PREFIX
	[ "$(stat -c %a "$dir")" = 700 ] || fail "runtime dir mode $(stat -c %a "$dir")"
	[ "$(stat -c %a "$dir/dpdk_telemetry.v2")" = 600 ] ||
		fail "socket mode $(stat -c %a "$dir/dpdk_telemetry.v2")"
	# expect_err WANT ARGS...: pktpipe-ctl exits 1 with WANT in its message
	expect_err() {
		local want=$1 out rc
		shift
		set +e
		out=$($CTL "$@" 2>&1)
		rc=$?
		set -e
		[ "$rc" = 1 ] || fail "pktpipe-ctl $*: exit $rc ($out)"
		echo "$out" | grep -qF -- "$want" || fail "pktpipe-ctl $*: '$out' lacks '$want'"
		echo "ok: $*: $out"
	}
	expect_err "no tenant named 'nobody'" cancel tenant nobody
	expect_err "no class named 'gold'" cancel class gold
	expect_err "expected PROTO,SRC,SPORT,DST,DPORT" cancel flow udp 10.0.0.1 99
	expect_err "expected PROTO,SRC,SPORT,DST,DPORT" cancel flow icmp 1.1.1.1 1 2.2.2.2 2
	expect_err "cannot cancel a 'bucket'" cancel bucket 3
	expect_err "is not cancelled" uncancel tenant acme
	expect_err "is not cancelled" uncancel flow udp 10.0.0.1 1025 198.18.0.1 5001
	ctl cancel tenant acme >/dev/null
	expect_err "already cancelled" cancel tenant acme
	ctl uncancel tenant acme >/dev/null
	expect_err "[tenant.acme] rate: 'fast' is not" rate tenant.acme fast
	expect_err "[pipeline] burst (32 -> 64)" set pipeline.burst 64
	expect_err "[tenant.acme] rate (1G -> 0: add or remove an aggregate)" rate tenant.acme 0
	expect_err "unknown key" set pipeline.colour red
	expect_err "lcore 9 has no role" inject fault 9
	expect_err "is not a worker" inject fault 1
	expect_err "no such command" /pktpipe/bogus
	set +e
	$CTL frobnicate >/dev/null 2>&1; rc=$?
	set -e
	[ "$rc" = 2 ] || fail "unknown pktpipe-ctl command: exit $rc, expected 2"
	# readers through dpdk-telemetry.py
	printf '%s\n' /pktpipe/stats /pktpipe/lcores /pktpipe/config \
		/pktpipe/police /pktpipe/cancelled /pktpipe/set |
		taskset -c 0 python3 "$TEL" -f "$PREFIX" >"$T/tel.out"
	cat "$T/tel.out"
	python3 - "$T/tel.out" <<'PY' || exit 1
import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
cmds = {list(x)[0]: list(x.values())[0] for x in r}
def need(c, cond, what):
    if not cond:
        sys.exit(f"FAIL: {c}: {what}: {cmds.get(c)}")
need("/pktpipe/stats", cmds["/pktpipe/stats"]["rx"] > 0, "no rx")
need("/pktpipe/lcores", set(cmds["/pktpipe/lcores"]) == {"1", "2"}, "lcores")
need("/pktpipe/config", cmds["/pktpipe/config"]["pipeline"]["burst"] == "32",
     "config")
need("/pktpipe/police", "acme" in cmds["/pktpipe/police"]["tenants"], "police")
need("/pktpipe/cancelled", cmds["/pktpipe/cancelled"]["tenants"] == [],
     "cancel sets")
need("/pktpipe/set", "usage" in cmds["/pktpipe/set"]["error"], "usage reply")
PY
	# a live key of the main loop itself, set through the socket: the
	# run (60 s) ends now that its duration is 1 s
	ctl set pipeline.duration 1 >/dev/null
	for _ in $(seq 100); do
		kill -0 "$PP_PID" 2>/dev/null || break
		sleep 0.05
	done
	kill -0 "$PP_PID" 2>/dev/null && fail "a duration set at run time was ignored"
	wait "$PP_PID" || fail "pktpipe exit code $?"
	echo "PASS: every error reply; socket owner-only; readers through dpdk-telemetry.py"
	;;
*)
	fail "unknown mode $MODE"
	;;
esac
