#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every kind of bad input is refused before any lcore starts, with exit
# code 2 and a message naming the file, section, key and reason.
source "$(dirname "$0")/lib.sh"

good() {
	cat <<INI
[pipeline]
duration = 1
[lcore.1]
roles = rx, tx
[lcore.2]
roles = worker
[gen.g0]
fwd = checker
INI
}

n=0
# expect_bad NAME EXPECTED_SUBSTRING [pktpipe app args...] (config in $T/c.ini)
expect_bad() {
	local name=$1 want=$2
	shift 2
	n=$((n + 1))
	run_pp "$T/b$n" $(eal_args) $(lcores_arg 2) -- "$@"
	local rc
	rc=$(cat "$T/b$n.rc")
	if [ "$rc" != 2 ]; then
		show "$T/b$n"
		fail "$name: exit code $rc, expected 2"
	fi
	if ! grep -qF -- "$want" "$T/b$n.stderr"; then
		show "$T/b$n"
		fail "$name: message lacks '$want'"
	fi
	grep -q "running on" "$T/b$n.stdout" && fail "$name: lcores started"
	echo "ok: $name: $(grep -F -- "$want" "$T/b$n.stderr" | head -1)"
}

good >"$T/c.ini"
expect_bad "no -f" "-f FILE is required"
expect_bad "missing file" "$T/nope.ini" -f "$T/nope.ini"
expect_bad "unknown option" "unknown option" -f "$T/c.ini" --bogus

{ good; printf '[weird]\nx = 1\n'; } >"$T/c.ini"
expect_bad "unknown section" "c.ini: [weird]" -f "$T/c.ini"

{ good; printf 'colour = red\n'; } >"$T/c.ini"
expect_bad "unknown key" "[gen.g0] colour: unknown key" -f "$T/c.ini"

good | sed 's/duration = 1/burst = 0/' >"$T/c.ini"
expect_bad "out of range" "[pipeline] burst:" -f "$T/c.ini"

good | sed 's/duration = 1/buckets = 100/' >"$T/c.ini"
expect_bad "not a power of two" "[pipeline] buckets:" -f "$T/c.ini"

{ good; printf '[lcore.7]\nroles = worker\n'; } >"$T/c.ini"
expect_bad "lcore not given by EAL" "[lcore.7] roles: lcore 7 is not in the EAL lcore set" -f "$T/c.ini"

{ good; printf '[lcore.0]\nroles = worker\n'; } >"$T/c.ini"
expect_bad "main lcore with a role" "[lcore.0] roles: lcore 0 is EAL's main lcore" -f "$T/c.ini"

{ good; printf '[port.p0]\ndev = net_bogus0\nfwd = checker\n'; } >"$T/c.ini"
expect_bad "device that does not exist" "[port.p0] dev:" -f "$T/c.ini"

{ good; printf '[port.p0]\ndev = 0000:99:00.0\nfwd = checker\n'; } >"$T/c.ini"
expect_bad "PCI port not probed" "[port.p0] dev: no ethdev named '0000:99:00.0'" -f "$T/c.ini"

good | sed 's/fwd = checker/fwd = nowhere/' >"$T/c.ini"
expect_bad "unknown fwd target" "[gen.g0] fwd:" -f "$T/c.ini"

good | sed 's/roles = worker/roles = rx/' >"$T/c.ini"
expect_bad "no worker" "worker" -f "$T/c.ini"

good >"$T/c.ini"
expect_bad "bad override value" "command line: [pipeline] duration:" -f "$T/c.ini" --duration -3
expect_bad "bad --set" "command line: [gen.g0] rate:" -f "$T/c.ini" --set gen.g0.rate=fast
# the work-stealing and work-stage keys
good >"$T/c.ini"
expect_bad "bad schedule" "command line: [pipeline] schedule:" -f "$T/c.ini" --set pipeline.schedule=random
expect_bad "bad steal" "command line: [pipeline] steal:" -f "$T/c.ini" --set pipeline.steal=maybe
expect_bad "steal_min_backlog 0" "command line: [pipeline] steal_min_backlog: 0 is out of range" -f "$T/c.ini" --set pipeline.steal_min_backlog=0
expect_bad "bucket_moves 0" "command line: [pipeline] bucket_moves: 0 is out of range" -f "$T/c.ini" --set pipeline.bucket_moves=0
expect_bad "negative cost" "command line: [gen.g0] cost:" -f "$T/c.ini" --set gen.g0.cost=-5
expect_bad "cost_flows above 1" "command line: [gen.g0] cost_flows:" -f "$T/c.ini" --set gen.g0.cost_flows=2
good >"$T/c.ini"
expect_bad "unwritable JSON lines file" "[pipeline] stats_jsonl: cannot open /nonexistent/d/x.jsonl" \
	-f "$T/c.ini" --stats-jsonl /nonexistent/d/x.jsonl
# policing: rates, bursts, rules
police() {
	good
	cat <<INI
[class.gold]
meter = srtcm
cir = 10M
cbs = 16k
[tenant.t]
rate = 20M
[rule.1]
vlan = 100
class = gold
[rule.2]
src = 10.0.0.0/8
proto = udp
tenant = t
INI
}
police | sed 's/cir = 10M/cir = 0/' >"$T/c.ini"
expect_bad "per-flow rate 0" "[class.gold] cir: 0 is out of range" -f "$T/c.ini"
police >"$T/c.ini"
expect_bad "peak rate 0" "command line: [class.gold] pir: 0 is out of range" -f "$T/c.ini" \
	--set class.gold.meter=trtcm --set class.gold.pir=0 --set class.gold.pbs=16k
police | sed 's/cbs = 16k/cbs = 1000/' >"$T/c.ini"
expect_bad "burst below one frame" "[class.gold] cbs: 1000 is below one frame (1518 bytes)" -f "$T/c.ini"
police >"$T/c.ini"
expect_bad "aggregate burst below one frame" "[tenant.t] burst: 1500 is below one frame" -f "$T/c.ini" --set tenant.t.burst=1500
{ police; printf '[rule.3]\nvlan = 100\nproto = tcp\nclass = gold\n'; } >"$T/c.ini"
expect_bad "shadowed rule" "[rule.3]: shadowed by [rule.1]" -f "$T/c.ini"
{ police; printf '[rule.3]\nsrc = 10.1.0.0/16\nproto = udp\nclass = gold\n'; } >"$T/c.ini"
expect_bad "rule inside an earlier one" "[rule.3]: shadowed by [rule.2]" -f "$T/c.ini"
police | sed 's/class = gold/class = platinum/' >"$T/c.ini"
expect_bad "rule naming no class" "[rule.1] class:" -f "$T/c.ini"
police | sed 's|10.0.0.0/8|10.0.0.1/8|' >"$T/c.ini"
expect_bad "prefix with host bits" "[rule.2] src:" -f "$T/c.ini"
police | sed 's/meter = srtcm/meter = trtcm/' >"$T/c.ini"
expect_bad "trTCM without PIR" "[class.gold]" -f "$T/c.ini"
# a partial overlap with another outcome is legal (first match wins) but
# reported: rule 1 (vlan 100) and rule 2 (10/8 udp) can match one packet
police >"$T/c.ini"
run_pp "$T/warn" $(eal_args) $(lcores_arg 2) -- -f "$T/c.ini" --dump-config
[ "$(cat "$T/warn.rc")" = 0 ] || { show "$T/warn"; fail "overlap: exit code $(cat "$T/warn.rc")"; }
grep -F "warning:" "$T/warn.stderr" | grep -qF "[rule.2]" ||
	{ show "$T/warn"; fail "partial overlap not reported"; }
echo "ok: overlap reported: $(grep -F warning: "$T/warn.stderr" | head -1)"
echo "PASS: $n bad inputs refused"
