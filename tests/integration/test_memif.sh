#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A real peer: dpdk-testpmd in txonly mode feeds pktpipe over net_memif
# (pktpipe is the memif server, testpmd the client: DPDK-NOTES gotcha 4).
# Every packet testpmd says it sent is received by pktpipe, and pktpipe
# accounts for all of them.
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
fwd = out
[port.out]
dev = net_null0
INI

# pktpipe: main lcore and its run-to-completion lcore on CPU 0.
start_pp "$T/pp" $(eal_args) --lcores 0@0,1@0 -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"

# testpmd, interactive through stdin, its forwarding lcore on CPU 1:
# forward 3 s, then `stop` (prints the totals). While testpmd idles,
# pktpipe (the memif server) reads what is left in the ring and exits;
# only then does testpmd quit. Order matters: 22.11's memif driver can
# crash a server that is polling when its client disconnects
# (DPDK-NOTES gotcha 4), and a client that quits while still sending
# strands its last ring of packets.
{ sleep 1; echo start; sleep 3; echo stop; sleep 4; echo quit; } |
	timeout 30 dpdk-testpmd -l 0-1 --no-huge -m 512 --no-pci \
	--file-prefix "$PREFIX-tp" \
	--vdev "net_memif0,role=client,socket=$SOCK" -- \
	-i --forward-mode=txonly --total-num-mbufs 16384 >"$T/tp.log" 2>&1 &
tp=$!
# after `stop` (t = 4 s) and a second for the ring to empty
sleep 5.5
stop_pp TERM
show "$T/pp"
[ "$PP_RC" = 0 ] || fail "pktpipe exit code $PP_RC"
tprc=0
wait "$tp" || tprc=$?
rm -rf "/var/run/dpdk/$PREFIX-tp"
[ "$tprc" = 0 ] || { tail -30 "$T/tp.log"; fail "testpmd exit code $tprc"; }

sent=$(grep -A3 "Accumulated forward statistics" "$T/tp.log" |
	sed -n 's/.*TX-packets: *\([0-9]*\).*/\1/p' | head -1)
[ -n "$sent" ] || { tail -30 "$T/tp.log"; fail "no TX count from testpmd"; }
[ "$sent" -gt 10000 ] || fail "testpmd sent only $sent packets"
$PP_PY check "$T/sum.json" --expect rx="$sent" --expect clean_stop=true \
	--expect ports.0.ipackets="$sent"
echo "PASS: testpmd sent $sent, pktpipe received $sent"
