#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A pcap of known packets through net_pcap comes out with exactly the
# expected packets: malformed ones dropped and counted, the rest with their
# MACs rewritten, bytes otherwise unchanged, per-flow order kept.
source "$(dirname "$0")/lib.sh"

# The shipped configs/pcap.ini, pointed at this test's files, with two
# workers so that RX hashes and flows are spread.
$PP_PY mkpcap "$T/in.pcap" "$T/expect.json"
run_ok "$T/run" $(eal_args) $(lcores_arg 3) -- -f "$PP_SRC/configs/pcap.ini" \
	--set "port.in.dev=net_pcap0,rx_pcap=$T/in.pcap" \
	--set "port.out.dev=net_pcap1,tx_pcap=$T/out.pcap" \
	--set lcore.3.roles=worker --duration 2 \
	--stats-json "$T/sum.json"
$PP_PY check "$T/sum.json" --expect ports.0.ipackets=84 --expect ports.1.opackets=72
$PP_PY cmppcap "$T/expect.json" "$T/out.pcap" 02:00:00:00:00:aa "$T/sum.json"
echo "PASS"
