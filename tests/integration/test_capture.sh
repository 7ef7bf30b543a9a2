#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Capture: dpdk-dumpcap (a DPDK secondary process) attaches to a running
# pktpipe (rte_pdump_init() in pp_pipeline_create()) and writes N of the
# packets pktpipe transmits on a port to a pcapng file that tshark reads:
# the generator's UDP packets to 198.18.0.1:5001.
#
# Secondary processes need a primary on hugepages (not --no-huge, not
# --in-memory, not --huge-unlink: they map the primary's hugepage files),
# so this test needs hugepages (need_hugepages: reserved with
# scripts/setup-hugepages.sh when root, else skipped) and removes its
# hugepage files at exit.
source "$(dirname "$0")/lib.sh"
command -v dpdk-dumpcap >/dev/null || fail "dpdk-dumpcap missing (package dpdk-dev)"
command -v tshark >/dev/null || fail "tshark missing (package tshark)"

N=200
trap 'rm -rf "$T" "/var/run/dpdk/$PREFIX"; rm -f "$HUGE_DIR/$PREFIX"*map_*' EXIT
need_hugepages 128

cat >"$T/cfg.ini" <<INI
[pipeline]
stats_period = 1
[lcore.1]
roles = rtc
[gen.g0]
flows = 16
pkt_len = 64
rate = 100k
fwd = out
[port.out]
dev = net_null0
INI

# pktpipe on hugepages (-m: pre-reserve 128 MiB of them), its rtc lcore
# on CPU 1, the main lcore (and dumpcap) on CPU 0.
start_pp "$T/pp" -m 128 --no-pci --file-prefix "$PREFIX" \
	--log-level=pktpipe:info --lcores 0@0,1@1 -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"

# -c N: stop after N packets; -q: no live counts. The interface is the
# ethdev name (or its port id); --file-prefix names the primary.
dcrc=0
timeout 30 dpdk-dumpcap --file-prefix="$PREFIX" -i net_null0 -c "$N" -q \
	-w "$T/cap.pcapng" >"$T/dumpcap.log" 2>&1 || dcrc=$?
stop_pp TERM
show "$T/pp"
cat "$T/dumpcap.log"
[ "$dcrc" = 0 ] || fail "dpdk-dumpcap exit code $dcrc"
[ "$PP_RC" = 0 ] || fail "pktpipe exit code $PP_RC"
$PP_PY check "$T/sum.json" --expect clean_stop=true

# pcapng: the file starts with a section header block (0x0a0d0d0a).
[ "$(head -c 4 "$T/cap.pcapng" | od -An -tx1 | tr -d ' ')" = 0a0d0d0a ] ||
	fail "$T/cap.pcapng is not pcapng"
tshark -r "$T/cap.pcapng" -T fields -e frame.len -e ip.dst -e udp.dstport \
	>"$T/pkts.txt" 2>"$T/tshark.err" || { cat "$T/tshark.err"; fail "tshark cannot read the capture"; }
# dumpcap checks -c after writing each burst it dequeues (up to 32
# packets), so it may write a few more than N.
got=$(wc -l <"$T/pkts.txt")
[ "$got" -ge "$N" ] && [ "$got" -le $((N + 32)) ] ||
	fail "tshark read $got packets, $N to $((N + 32)) expected"
bad=$(awk -F'\t' '$1 != 64 || $2 != "198.18.0.1" || $3 != 5001' "$T/pkts.txt" | wc -l)
[ "$bad" = 0 ] || { head -5 "$T/pkts.txt"; fail "$bad packets are not pktpipe's (64 B UDP to 198.18.0.1:5001)"; }
echo "PASS: dpdk-dumpcap -c $N captured $got packets from a running pktpipe; tshark reads them all as its UDP to 198.18.0.1:5001"
