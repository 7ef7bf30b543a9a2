#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A pcap of known packets through net_pcap comes out with exactly the
# expected packets: malformed ones dropped and counted, the rest with their
# MACs rewritten, bytes otherwise unchanged, per-flow order kept.
source "$(dirname "$0")/lib.sh"

$PP_PY mkpcap "$T/in.pcap" "$T/expect.json"
cat >"$T/cfg.ini" <<INI
[pipeline]
duration = 2
stats_period = 0
[lcore.1]
roles = rx, tx
[lcore.2]
roles = worker
[lcore.3]
roles = worker
[port.in]
dev = net_pcap0,rx_pcap=$T/in.pcap
fwd = out
[port.out]
dev = net_pcap1,tx_pcap=$T/out.pcap
peer_mac = 02:00:00:00:00:aa
INI
run_pp "$T/run" $(eal_args) $(lcores_arg 3) -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"
show "$T/run"
[ "$(cat "$T/run.rc")" = 0 ] || fail "exit code $(cat "$T/run.rc")"
$PP_PY check "$T/sum.json" --expect ports.0.ipackets=84 --expect ports.1.opackets=72
$PP_PY cmppcap "$T/expect.json" "$T/out.pcap" 02:00:00:00:00:aa "$T/sum.json"
echo "PASS"
