#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Policing through the whole pipeline, on the generator, with work stealing
# on (the default: atomic, steal = yes).
#
#   test_police.sh rate WORKERS MULT
#     Three generators into the checker for 4 s, 1000-byte frames:
#     - vlan 100, 4 flows offered MULT x 2 Mbit/s each, class flow2m
#       (srTCM per flow, CIR 2 Mbit/s, red dropped), tenant perflow (no
#       aggregate): every flow must transmit 2 Mbit/s;
#     - vlan 200, 16 flows offering MULT x 8 Mbit/s in all, no flow meter,
#       tenant agg with an 8 Mbit/s aggregate: the tenant must transmit
#       8 Mbit/s;
#     - vlan 300, 4 flows at half their 2 Mbit/s CIR (tenant calm): green,
#       below the rate: nothing of it may be dropped.
#     "Within 2 %": |tx - (rate x T + burst)| <= 2 % of rate x T, T the run
#     time; the burst is what a full bucket lets through at the start.
#
#   test_police.sh remark
#     Every colour passes, yellow and red remarked (AF12, AF13): checked on
#     the wire, in a pcap file, for IPv4 (checksum) and IPv6.
#
#   test_police.sh live
#     The agg tenant at 8 Mbit/s (offered 2x), stats every second. After
#     3 s its rate is set to 4 Mbit/s through the telemetry socket
#     (dpdk-telemetry.py, /pktpipe/police/set). The stats period that
#     starts after the command returned must show 4 Mbit/s (within 5 %:
#     one second of 1000-byte frames), the periods before it 8 Mbit/s;
#     identity and checker hold (zero packets unaccounted).
source "$(dirname "$0")/lib.sh"
MODE=${1:?mode}

write_cfg() {	# write_cfg WORKERS MULT
	cat >"$T/p.ini" <<INI
[pipeline]
stats_period = 1
[lcore.1]
roles = rx, tx
$(worker_sections "$1")
[gen.perflow]
flows = 4
pkt_len = 1000
vlan = 100
rate = $((1000 * $2))
fwd = checker
[gen.agg]
flows = 16
pkt_len = 1000
vlan = 200
rate = $((1000 * $2))
fwd = checker
[gen.calm]
flows = 4
pkt_len = 1000
vlan = 300
rate = 500
fwd = checker
[class.flow2m]
meter = srtcm
cir = 2M
cbs = 8000
ebs = 0
red = drop
[class.calm]
meter = srtcm
cir = 2M
cbs = 64k
ebs = 0
red = drop
[class.open]
meter = none
[tenant.perflow]
[tenant.agg]
rate = 8M
burst = 16000
[tenant.calm]
[rule.1]
vlan = 100
class = flow2m
tenant = perflow
[rule.2]
vlan = 200
class = open
tenant = agg
[rule.3]
vlan = 300
class = calm
tenant = calm
INI
}

case "$MODE" in
rate)
	W=${2:?workers}
	X=${3:?multiple}
	write_cfg "$W" "$X"
	run_ok "$T/run" $(eal_args) $(lcores_arg $((W + 1))) -- \
		-f "$T/p.ini" --duration 4 --stats-json "$T/sum.json"
	$PP_PY check "$T/sum.json" --checker --expect clean_stop=true
	python3 - "$T/sum.json" "$X" <<'PY' || exit 1
import json, sys
s = json.load(open(sys.argv[1])); mult = int(sys.argv[2])
T = s["seconds"]; p = s["police"]
cls = {c["name"]: c for c in p["classes"]}
ten = {t["name"]: t for t in p["tenants"]}
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
def within(what, got, rate_Bps, burst):
    want = rate_Bps * T + burst
    err = (got - want) / (rate_Bps * T)
    print(f"{what}: {got * 8 / T / 1e6:.3f} Mbit/s, {got} bytes, expected "
          f"{want:.0f} ({err * 100:+.2f} %)")
    if abs(err) > 0.02:
        die(f"{what} off by {err * 100:+.2f} % (more than 2 %)")
# per flow: the checker's flow ids; perflow is the first generator (0-3)
flows = {f["flow"]: f["packets"] for f in s["checker"]["per_flow"]}
for f in range(4):
    within(f"flow {f} (CIR 2 Mbit/s, offered {mult}x)",
           flows.get(f, 0) * 1000, 250000, 8000)
within(f"tenant perflow (4 x 2 Mbit/s)", ten["perflow"]["tx_bytes"],
       4 * 250000, 4 * 8000)
within(f"tenant agg (8 Mbit/s aggregate, offered {mult}x)",
       ten["agg"]["tx_bytes"], 1000000, 16000)
calm = ten["calm"]
print(f"tenant calm: offered {calm['offered_pkts']} tx {calm['tx_pkts']} "
      f"drops {calm['drops']}")
if sum(calm["drops"].values()) or calm["tx_pkts"] != calm["offered_pkts"]:
    die("traffic below its rate was dropped")
if cls["flow2m"]["drops"]["green"] or ten["agg"]["drops"]["green"] or \
        ten["agg"]["drops"]["yellow"]:
    die("a green or yellow packet was dropped (only red is)")
if ten["agg"]["drops"]["red"] == 0 or cls["flow2m"]["drops"]["red"] == 0:
    die("offered above the rate, yet nothing was policed")
if s["drops"]["policed"] != sum(sum(c["drops"].values())
                                for c in p["classes"]):
    die("policed drops do not add up over the classes")
others = {k: v for k, v in s["drops"].items() if k != "policed" and v}
if others:
    die(f"drops other than policed at this low load: {others}")
PY
	echo "PASS: policing, $W workers, ${X}x"
	;;
live)
	write_cfg 2 2
	start_pp "$T/run" $(eal_args) $(lcores_arg 3) -- -f "$T/p.ini" \
		--duration 7 --stats-json "$T/sum.json"
	sleep 3
	TEL=$(command -v dpdk-telemetry.py) || fail "dpdk-telemetry.py not found"
	echo "/pktpipe/set,tenant.agg,rate,4M" |
		python3 "$TEL" -f "$PREFIX" >"$T/tel.out" 2>&1 ||
		{ cat "$T/tel.out"; fail "dpdk-telemetry.py failed"; }
	# the line printed when the command returned: later stats lines are
	# periods that started after it
	mark=$(grep -c '^\[' "$T/run.stdout" || true)
	cat "$T/tel.out"
	grep -q '"applied"' "$T/tel.out" || fail "the rate change was refused"
	# a bad value and an unknown tenant get an error reply, not a crash
	printf '%s\n' "/pktpipe/set,tenant.agg,rate,0" \
		"/pktpipe/set,tenant.nobody,rate,1M" \
		"/pktpipe/set,tenant.agg,unit,packets" |
		python3 "$TEL" -f "$PREFIX" >"$T/tel.bad" 2>&1 || true
	cat "$T/tel.bad"
	[ "$(grep -c '"error"' "$T/tel.bad")" = 3 ] ||
		fail "bad set commands did not all get an error reply"
	wait "$PP_PID" || fail "pktpipe exit code $?"
	show "$T/run"
	$PP_PY check "$T/sum.json" --checker --expect clean_stop=true
	python3 - "$T/run.stdout" "$mark" <<'PY' || exit 1
import re, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("[")]
mark = int(sys.argv[2])
rate = [float(re.search(r"tenant agg ([0-9.]+)", l).group(1)) for l in lines]
print("tenant agg Mbit/s per period:", rate, "change after period", mark)
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
# lines[mark] is the period the command ran in; later ones started after
# it returned. Before: skip the first period (the start-up burst) and the
# one that may have ended while the command ran.
for r in rate[1:mark - 1]:
    if abs(r - 8) > 0.4:
        die(f"before the change: {r} Mbit/s, expected 8")
after = rate[mark + 1:]
if not after:
    die("no stats period after the change")
for r in after:
    if abs(r - 4) > 0.2:
        die(f"after the change: {r} Mbit/s, expected 4 from the first "
            f"full period on")
PY
	echo "PASS: a rate changed at run time took effect within one period"
	;;
remark)
	# Every colour passes, yellow and red remarked: what leaves on the
	# wire (a net_pcap file) must carry the DSCP of its colour, with a
	# valid IPv4 checksum, ECN and the rest of the header untouched, for
	# IPv4 and IPv6; the number remarked is what the counters say.
	cat >"$T/r.ini" <<INI
[pipeline]
stats_period = 0
[lcore.1]
roles = rx, tx
[lcore.2]
roles = worker
[port.out]
dev = net_pcap0,tx_pcap=$T/out.pcap
[gen.v4]
flows = 2
pkt_len = 200
vlan = 100
dscp = af11
rate = 4000
count = 4000
fwd = out
[gen.v6]
flows = 2
pkt_len = 200
ip = 6
vlan = 200
dscp = af11
rate = 4000
count = 4000
fwd = out
[class.c]
meter = srtcm
cir = 800k
cbs = 2000
ebs = 4000
green = pass
yellow = remark af12
red = remark af13
[rule.1]
dscp = af11
class = c
INI
	run_ok "$T/run" $(eal_args) --lcores 0@0,1@0,2@1 -- -f "$T/r.ini" \
		--stats-json "$T/sum.json"
	$PP_PY check "$T/sum.json" --expect tx=8000 --expect drops_total=0
	python3 - "$PP_SRC/tests/integration" "$T/out.pcap" "$T/sum.json" <<'PY' || exit 1
import json, struct, sys
sys.path.insert(0, sys.argv[1])
import pp
frames = pp.read_pcap(sys.argv[2])
s = json.load(open(sys.argv[3]))
c = {r["name"]: r for r in s["police"]["classes"]}["c"]
def die(m):
    print("FAIL: " + m, file=sys.stderr); sys.exit(1)
seen = {4: {}, 6: {}}
for f in frames:
    if struct.unpack("!H", f[12:14])[0] != 0x8100:
        die("frame without its VLAN tag")
    l3 = f[18:]
    ver = l3[0] >> 4
    if ver == 4:
        ihl = (l3[0] & 15) * 4
        dscp, ecn = l3[1] >> 2, l3[1] & 3
        if pp.csum(l3[:ihl]) != 0:
            die(f"bad IPv4 header checksum: {l3[:ihl].hex()}")
    elif ver == 6:
        tc = (struct.unpack("!I", l3[:4])[0] >> 20) & 0xff
        dscp, ecn = tc >> 2, tc & 3
        if struct.unpack("!I", l3[:4])[0] & 0xfffff:
            die("IPv6 flow label changed")
    else:
        die(f"not IP: version {ver}")
    if ecn != 0:
        die("ECN bits changed")
    seen[ver][dscp] = seen[ver].get(dscp, 0) + 1
print(f"DSCP on the wire: IPv4 {seen[4]}, IPv6 {seen[6]}; class c remarked "
      f"{c['remarked']}")
for v in (4, 6):
    if set(seen[v]) - {10, 12, 14}:
        die(f"IPv{v}: DSCP values other than AF11/12/13: {seen[v]}")
    if sum(seen[v].values()) != 4000:
        die(f"IPv{v}: {sum(seen[v].values())} frames, expected 4000")
    if not seen[v].get(10) or not seen[v].get(14):
        die(f"IPv{v}: expected both green (AF11) and red (AF13) packets")
remarked = sum(n for v in (4, 6) for d, n in seen[v].items() if d != 10)
if remarked != c["remarked"]:
    die(f"{remarked} remarked on the wire, counters say {c['remarked']}")
PY
	echo "PASS: remark per colour, IPv4 and IPv6"
	;;
*)
	fail "unknown mode $MODE"
	;;
esac
