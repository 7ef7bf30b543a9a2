#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A real peer, both ways: dpdk-testpmd in flowgen mode (it sends, and
# receives and frees) is the memif client; pktpipe, the memif server,
# forwards what it receives back out of the same port. After testpmd stops
# sending, what pktpipe sent last waits in the memif ring; a short rxonly
# run collects it. Then, exactly (ethdev counters on both sides):
#   what testpmd sent     = what pktpipe received (its rx, port ipackets),
#   what pktpipe sent     = what testpmd received,
# and pktpipe accounts for everything in between (its identity; packets
# the ring could not take are its tx_full drops).
source "$(dirname "$0")/lib.sh"
command -v dpdk-testpmd >/dev/null || fail "dpdk-testpmd missing (package dpdk-dev)"

SOCK="$T/memif.sock"
cat >"$T/cfg.ini" <<INI
[pipeline]
stats_period = 1
[lcore.1]
roles = rtc
[port.m]
dev = net_memif0,role=server,socket=$SOCK
fwd = m
INI

# pktpipe: main lcore and its run-to-completion lcore on CPU 0.
start_pp "$T/pp" $(eal_args) --lcores 0@0,1@0 -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"

# testpmd, interactive through stdin, its forwarding lcore on CPU 1:
# flowgen 2 s, stop, rxonly 0.5 s (what pktpipe sent last), port counters.
# Then it idles until pktpipe (the memif server) has exited, and only then
# quits. Order matters: 22.11's memif driver can crash a server that is
# polling when its client disconnects (DPDK-NOTES gotcha 4), and a client
# that quits while still sending strands its last ring of packets.
{
	sleep 1; echo start; sleep 2; echo stop; sleep 0.5
	echo "set fwd rxonly"; echo start; sleep 0.5; echo stop
	echo "show port stats all"; sleep 0.3; touch "$T/swept"
	for _ in $(seq 100); do [ -e "$T/pp.done" ] && break; sleep 0.1; done
	echo quit
} | timeout 30 dpdk-testpmd -l 0-1 --no-huge -m 512 --no-pci \
	--file-prefix "$PREFIX-tp" \
	--vdev "net_memif0,role=client,socket=$SOCK" -- \
	-i --forward-mode=flowgen --total-num-mbufs 16384 >"$T/tp.log" 2>&1 &
tp=$!
for _ in $(seq 150); do
	[ -e "$T/swept" ] && break
	sleep 0.1
done
stop_pp TERM
touch "$T/pp.done"
show "$T/pp"
[ "$PP_RC" = 0 ] || fail "pktpipe exit code $PP_RC"
tprc=0
wait "$tp" || tprc=$?
rm -rf "/var/run/dpdk/$PREFIX-tp"
[ "$tprc" = 0 ] || { tail -30 "$T/tp.log"; fail "testpmd exit code $tprc"; }

# testpmd's `show port stats all` (ethdev counters: its rxonly start
# flushes the RX queue, which the forward statistics do not count).
tp_stat() {	# RX|TX
	awk -v key="$1-packets:" '
		/NIC statistics for port 0/ { p = 1 }
		/Forward statistics/ { p = 0 }
		p && $1 == key { print $2; exit }' "$T/tp.log"
}
sent=$(tp_stat TX)
got=$(tp_stat RX)
[ -n "$sent" ] && [ -n "$got" ] || { tail -30 "$T/tp.log"; fail "no port counters from testpmd"; }
[ "$sent" -gt 10000 ] || fail "testpmd sent only $sent packets"
[ "$got" -gt 1000 ] || fail "testpmd received only $got packets"
$PP_PY check "$T/sum.json" --expect rx="$sent" --expect clean_stop=true \
	--expect ports.0.ipackets="$sent" --expect ports.0.opackets="$got"
echo "PASS: testpmd sent $sent = pktpipe received; pktpipe sent $got = testpmd received"
