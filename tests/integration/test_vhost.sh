#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# A vhost-user peer, both ways: pktpipe is the vhost-user server on two
# net_vhost ports (a -> b, b -> a), dpdk-testpmd the client on two
# net_virtio_user ports in flowgen mode (it sends on both ports and
# receives, and frees, on both). After testpmd stops sending, pktpipe's last
# packets wait in the virtqueues; testpmd collects them with a short rxonly
# run. Then, per port and per direction:
#   what testpmd sent on port N  = what pktpipe received on its port N,
#   what pktpipe sent on port N  = what testpmd received on port N,
# exactly (ethdev counters on both sides; packets pktpipe could not send
# are its own tx_full drops, in its identity).
# A generator of 2000-byte frames to a net_null port makes pktpipe ask every
# port for MTU 1986, which vhost cannot do (net_null can): a warning, not a
# failure.
source "$(dirname "$0")/lib.sh"
command -v dpdk-testpmd >/dev/null || fail "dpdk-testpmd missing (package dpdk-dev)"
trap 'rm -rf "$T" "/var/run/dpdk/$PREFIX" "/var/run/dpdk/$PREFIX-tp"; rm -f "$HUGE_DIR/$PREFIX"*map_*' EXIT
need_hugepages 128

SOCK_A="$T/a.sock"
SOCK_B="$T/b.sock"
cat >"$T/cfg.ini" <<INI
[pipeline]
stats_period = 1
[lcore.1]
roles = rtc
[port.a]
dev = net_vhost0,iface=$SOCK_A,queues=1
fwd = b
[port.b]
dev = net_vhost1,iface=$SOCK_B,queues=1
fwd = a
[port.n]
dev = net_null0
[gen.g0]
pkt_len = 2000
rate = 10k
fwd = n
INI

# pktpipe (the server) first; its links come up when testpmd connects, so
# start testpmd as soon as the sockets exist (pktpipe waits up to 3 s).
"$PKTPIPE" $(eal_args) --lcores 0@0,1@0 -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json" >"$T/pp.stdout" 2>"$T/pp.stderr" &
PP_PID=$!
for _ in $(seq 100); do
	[ -S "$SOCK_A" ] && [ -S "$SOCK_B" ] && break
	kill -0 "$PP_PID" 2>/dev/null || { show "$T/pp"; fail "pktpipe exited"; }
	sleep 0.1
done
[ -S "$SOCK_B" ] || { kill -KILL "$PP_PID"; show "$T/pp"; fail "no vhost-user sockets"; }

# testpmd, interactive through stdin, its forwarding lcore on CPU 1.
# virtio-user shares its memory with the vhost server through fds: on
# hugepages with --single-file-segments (not --huge-unlink: it then fails
# to start). On --no-huge it ran, but in about 1 run of 4 here the rings
# stalled after a few hundred packets; pktpipe itself stays on --no-huge
# (a vhost server copies into its own mbufs).
# flowgen 2 s; stop; rxonly 0.5 s for what pktpipe sent last (its start
# flushes the RX queues first: those count in the ethdev counters, not in
# the forward statistics, so we compare the former); port counters; quit.
# The client quits first: the vhost server (pktpipe) takes a client's
# disconnect in its stride, while a virtio-user client whose server has
# gone dies of SIGPIPE on its way out (seen here).
{
	sleep 1; echo start; sleep 2; echo stop; sleep 0.5
	echo "set fwd rxonly"; echo start; sleep 0.5; echo stop
	echo "show port stats all"; sleep 0.3; echo quit
} | timeout 30 dpdk-testpmd -l 0-1 -m 256 --no-pci \
	--single-file-segments --file-prefix "$PREFIX-tp" \
	--vdev "net_virtio_user0,path=$SOCK_A,queues=1" \
	--vdev "net_virtio_user1,path=$SOCK_B,queues=1" -- \
	-i --forward-mode=flowgen --total-num-mbufs 16384 >"$T/tp.log" 2>&1 &
tp=$!

tprc=0
wait "$tp" || tprc=$?
rm -rf "/var/run/dpdk/$PREFIX-tp"
stop_pp TERM
show "$T/pp"
[ "$PP_RC" = 0 ] || fail "pktpipe exit code $PP_RC"
[ "$tprc" = 0 ] || { tail -30 "$T/tp.log"; fail "testpmd exit code $tprc"; }
grep -q "running on" "$T/pp.stdout" || fail "pktpipe never ran"
grep -q "cannot set MTU 1986" "$T/pp.stderr" ||
	fail "no MTU warning from pktpipe (expected: vhost cannot set MTU 1986)"

# testpmd's `show port stats all`: "NIC statistics for port N", then
# "RX-packets: X ..." and "TX-packets: Y ...".
tp_stat() {	# PORT RX|TX
	awk -v port="port $1" -v key="$2-packets:" '
		/NIC statistics for port/ { p = $(NF - 2) " " $(NF - 1) }
		/Forward statistics/ { p = "" }
		p == port && $1 == key { print $2; exit }' "$T/tp.log"
}
expects=()
for port in 0 1; do
	tx=$(tp_stat $port TX)
	rx=$(tp_stat $port RX)
	[ -n "$tx" ] && [ -n "$rx" ] || { tail -40 "$T/tp.log"; fail "no port $port counters from testpmd"; }
	[ "$tx" -gt 10000 ] || fail "testpmd sent only $tx packets on port $port"
	[ "$rx" -gt 1000 ] || fail "testpmd received only $rx packets on port $port"
	expects+=(--expect "ports.$port.ipackets=$tx" --expect "ports.$port.opackets=$rx")
	echo "port $port: testpmd sent $tx = pktpipe received; pktpipe sent $rx = testpmd received"
done
$PP_PY check "$T/sum.json" --expect clean_stop=true "${expects[@]}"
echo "PASS: vhost-user both ways, counts match on both sides"
