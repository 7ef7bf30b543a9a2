# SPDX-License-Identifier: BSD-3-Clause
# Shared by the integration tests (sourced). Each test gets a temp dir, its
# own EAL --file-prefix, and EAL arguments for --no-huge on vdevs.
set -euo pipefail

PKTPIPE=${PKTPIPE:?PKTPIPE must name the pktpipe binary}
PP_SRC=${PP_SRC:?PP_SRC must name the source tree}
PP_PY="python3 $PP_SRC/tests/integration/pp.py"
T=$(mktemp -d /tmp/pp-test.XXXXXX)
PREFIX="pp-$(basename "$0" .sh)-$$"
trap 'rm -rf "$T"; rm -rf "/var/run/dpdk/$PREFIX"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# EAL args: no hugepages, no PCI scan, this test's prefix.
eal_args() {
	echo "--no-huge -m 512 --no-pci --file-prefix $PREFIX --log-level=pktpipe:info"
}

# --lcores for main + N lcores with roles, spread over CPUs 0 and 1 (the
# main lcore sleeps, so it shares CPU 0).
lcores_arg() {
	local n=$1 i map="0@0"
	for ((i = 1; i <= n; i++)); do
		map+=",$i@$(((i + 1) % 2))"
	done
	echo "--lcores $map"
}

# worker_sections W: INI sections giving lcores 2..W+1 the worker role
# (lcore 1 is the test's io lcore; lcores_arg $((W + 1)) gives them all).
worker_sections() {
	local i
	for ((i = 2; i <= $1 + 1; i++)); do
		printf '[lcore.%d]\nroles = worker\n' "$i"
	done
}

# run_pp OUT_PREFIX EAL... -- APP...: run pktpipe, keep stdout/stderr and rc.
run_pp() {
	local out=$1
	shift
	set +e
	"$PKTPIPE" "$@" >"$out.stdout" 2>"$out.stderr"
	echo $? >"$out.rc"
	set -e
}

# run_ok OUT EAL... -- APP...: run_pp, show the output, fail unless exit 0.
run_ok() {
	local out=$1
	run_pp "$@"
	show "$out"
	[ "$(cat "$out.rc")" = 0 ] || fail "$(basename "$out"): exit code $(cat "$out.rc")"
}

# start_pp OUT EAL... -- APP...: start pktpipe in the background, wait
# until its lcores run; PP_PID names it. Fails the test if it never starts.
start_pp() {
	local out=$1
	shift
	"$PKTPIPE" "$@" >"$out.stdout" 2>"$out.stderr" &
	PP_PID=$!
	for _ in $(seq 100); do
		grep -q "running on" "$out.stdout" 2>/dev/null && return 0
		kill -0 "$PP_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$PP_PID" 2>/dev/null || true
	show "$out"
	fail "pktpipe did not start"
}

# stop_pp SIGNAL: signal PP_PID and wait; PP_RC is its exit code.
stop_pp() {
	kill "-$1" "$PP_PID"
	PP_RC=0
	wait "$PP_PID" || PP_RC=$?
}

show() {
	local out=$1
	echo "--- stdout"; tail -n 40 "$out.stdout" || true
	echo "--- stderr"; tail -n 20 "$out.stderr" || true
}

# need_hugepages N: make sure N 2 MiB hugepages are free, for DPDK
# processes that cannot run on --no-huge (dumpcap's primary, virtio-user).
# As root, reserves at least 256 with scripts/setup-hugepages.sh (a no-op
# when as many are reserved; they stay reserved); else, or when fewer than
# N are free, skips the test (exit 77). DPDK leaves its hugepage files in
# the mount; the caller removes "$HUGE_DIR/$PREFIX"*map_* at exit.
HUGE_DIR=/dev/hugepages
need_hugepages() {
	local free
	if [ "$(id -u)" = 0 ]; then
		bash "$PP_SRC/scripts/setup-hugepages.sh" 256 >/dev/null
	fi
	free=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
	if [ "$free" -lt "$1" ]; then
		echo "SKIP: $free free 2 MiB hugepages, $1 needed (run as root, or scripts/setup-hugepages.sh)"
		exit 77
	fi
}
