#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The shipped configs are valid, and the vdev ones run: net_null forwarding
# (configs/vdev.ini), and a net_null port with two RSS queues forwarding to
# an output-only net_ring port, whose loopback keeps what it is sent: the
# stop reclaims those mbufs, so nothing leaks.
source "$(dirname "$0")/lib.sh"

for f in "$PP_SRC"/configs/*.ini; do
	run_pp "$T/dump" $(eal_args) $(lcores_arg 4) -- -f "$f" --dump-config
	[ "$(cat "$T/dump.rc")" = 0 ] || { show "$T/dump"; fail "$f does not validate"; }
	# The dump is itself a valid config that dumps the same again.
	cp "$T/dump.stdout" "$T/again.ini"
	run_pp "$T/dump2" $(eal_args) $(lcores_arg 4) -- -f "$T/again.ini" --dump-config
	diff <(grep -v '^;' "$T/dump.stdout") <(grep -v '^;' "$T/dump2.stdout") >/dev/null ||
		fail "$f: the dumped config does not round-trip"
	echo "ok: $(basename "$f") validates"
done

run_ok "$T/vdev" $(eal_args) --lcores 0@0,1@0,2@1 -- -f "$PP_SRC/configs/vdev.ini" \
	--duration 1 --stats-json "$T/vdev.json"
$PP_PY check "$T/vdev.json" --min-rx 100000

cat >"$T/ring.ini" <<INI
[pipeline]
duration = 1
stats_period = 0
[lcore.1]
roles = io
rx = in:0
[lcore.2]
roles = rx, worker
rx = in:1
[port.in]
dev = net_null0
rx_queues = 2
fwd = loop
[port.loop]
dev = net_ring0
INI
run_ok "$T/ring" $(eal_args) --lcores 0@0,1@0,2@1 -- -f "$T/ring.ini" \
	--stats-json "$T/ring.json"
$PP_PY check "$T/ring.json" --min-rx 100000
sent=$($PP_PY get "$T/ring.json" ports.1.opackets)
[ "$sent" -gt 0 ] || fail "nothing transmitted on net_ring"
$PP_PY check "$T/ring.json" --expect ports.1.reclaimed="$sent"
[ "$($PP_PY get "$T/ring.json" drops.tx_full)" -gt 0 ] ||
	fail "a full net_ring should refuse packets (tx_full)"
for l in 0 1; do
	[ "$($PP_PY get "$T/ring.json" lcores.$l.rx)" -gt 0 ] ||
		fail "lcore index $l received nothing from its RX queue"
done
# net_tap: generated packets into a kernel tap interface (needs root).
if [ "$(id -u)" = 0 ] && [ -c /dev/net/tun ]; then
	cat >"$T/tap.ini" <<INI
[pipeline]
duration = 1
stats_period = 0
[lcore.1]
roles = io
[lcore.2]
roles = worker
[gen.g0]
flows = 16
rate = 10k
fwd = tap
[port.tap]
dev = net_tap0,iface=pptap$$
INI
	run_ok "$T/tap" $(eal_args) --lcores 0@0,1@0,2@1 -- -f "$T/tap.ini" \
		--stats-json "$T/tap.json"
	$PP_PY check "$T/tap.json" --min-rx 5000
	[ "$($PP_PY get "$T/tap.json" ports.0.opackets)" = \
	  "$($PP_PY get "$T/tap.json" tx)" ] || fail "net_tap: opackets != tx"
else
	echo "skip: net_tap needs root and /dev/net/tun"
fi
echo "PASS"
