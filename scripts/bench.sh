#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Benchmarks, each against a baseline run in the same invocation:
#
# forwarding: dpdk-testpmd io forwarding between two net_null ports, one
#   forwarding lcore (the single-core limit of this machine), then pktpipe
#   between the same vdevs: one io lcore (rx+tx, CPU 0) and one worker that
#   touches each packet (MAC rewrite, CPU 1) (configs/vdev.ini). Median
#   (and min-max) Mpps, pktpipe/testpmd, cycles per packet per lcore.
#
# steal: configs/steal-skew.ini, two run-to-completion lcores, one queue
#   carrying the costly flows: throughput and p99 RX->TX latency with
#   steal = no and with each schedule, against the same load spread evenly
#   over the two lcores (steal = no), runs interleaved, median of --runs.
#
# police: tests/bench/bench_police (lib/police micro-benchmark, EAL on
#   lcores 0-1, same memory mode): cycles per packet added by per-flow
#   policing (flow-table lookup of the pipeline's 44-byte key with its
#   precomputed hash + srTCM meter) at 1 k, 64 k and 1 M active flows, and
#   by the aggregate policer on 1 lcore and on 2 lcores sharing it; next to
#   the forwarding-only figure of the same invocation: busy cycles per
#   packet of pktpipe's io lcore on configs/vdev.ini (the forwarding
#   part's runs, or, with --only police, one pktpipe run of S seconds
#   before each bench_police run). Median of --runs, goals met or not.
#
# idle: configs/steady.ini at ~1 % of capacity (2 kpps), idle = poll,
#   backoff and sleep, runs interleaved: each lcore's CPU use (its thread's
#   CPU clock) and the RX -> TX latency p50/p99: the CPU the idle modes
#   save and the latency they add. Median of --runs.
#
# Uses 2 MiB hugepages (reserved through scripts/setup-hugepages.sh) unless
# --no-huge. With no --only, every part runs.
#   scripts/bench.sh [--runs N (forwarding: 7; steal, police, idle: 3)]
#                    [--seconds S (5)] [--no-huge]
#                    [--only forwarding|steal|police|idle]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS= SECS=5 HUGE=1 ONLY=
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) RUNS=$2; shift 2 ;;
	--seconds) SECS=$2; shift 2 ;;
	--no-huge) HUGE=0; shift ;;
	--only) ONLY=$2; shift 2 ;;
	*) echo "usage: $0 [--runs N] [--seconds S] [--no-huge] [--only forwarding|steal|police|idle]" >&2
	   exit 2 ;;
	esac
done
case "$ONLY" in ''|forwarding|steal|police|idle) ;; *) echo "--only forwarding|steal|police|idle" >&2; exit 2 ;; esac
part() { [ -z "$ONLY" ] || [ "$ONLY" = "$1" ]; }
HUGEOPT=$([ "$HUGE" = 1 ] || echo ' --no-huge')

# Release build with werror, like scripts/build.sh, but of the two programs
# only: bench_police is defined under tests/ (-Dtests=true), and building
# just these targets keeps the unit suites (CUnit) out of it.
bash scripts/install-deps.sh
BOPTS="-Dwerror=true -Dbuildtype=release -Dtests=true"
if [ -f build-bench/build.ninja ]; then
	meson configure build-bench $BOPTS >/dev/null
else
	meson setup build-bench $BOPTS >/dev/null
fi
ninja -C build-bench app/pktpipe/pktpipe tests/bench/bench_police >/dev/null
if [ "$HUGE" = 1 ]; then
	bash scripts/setup-hugepages.sh 1024 >/dev/null
	MEM="--huge-unlink"
	MODE="2 MiB hugepages"
else
	MEM="--no-huge -m 1024"
	MODE="--no-huge -m 1024"
fi
OUT=$(mktemp -d /tmp/pp-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

# pktpipe_run NAME APP_ARGS...: one run of pktpipe for S seconds,
# summary in $OUT/NAME.json. Lcore 0 control (sleeps) and lcore 1 on
# CPU 0, lcore 2 on CPU 1.
pktpipe_run() {
	local name=$1
	shift
	build-bench/app/pktpipe/pktpipe --lcores 0@0,1@0,2@1 $MEM --no-pci \
		--file-prefix pp-bench -- "$@" \
		--duration "$SECS" --stats-period 0 \
		--stats-json "$OUT/$name.json" >"$OUT/$name.log" 2>&1 ||
		{ echo "pktpipe ($name) failed:"; tail -20 "$OUT/$name.log"; exit 1; }
}

# One forwarding run (configs/vdev.ini: io lcore 1, worker lcore 2).
pktpipe_fwd() {
	pktpipe_run "$1" -f configs/vdev.ini
}

if part forwarding; then
	N=${RUNS:-7}
	for ((i = 1; i <= N; i++)); do
		# testpmd: lcore 0 main, lcore 1 forwards (CPU 1); stats each second.
		timeout -s INT $((SECS + 4)) dpdk-testpmd -l 0-1 $MEM --no-pci \
			--file-prefix pp-bench-tp --vdev net_null0 --vdev net_null1 -- \
			--forward-mode=io --auto-start --stats-period 1 \
			>"$OUT/testpmd-$i.log" 2>&1 || true
		pktpipe_fwd "pktpipe-$i"
	done
	python3 scripts/bench_report.py forwarding "$OUT" "$N" "$MODE" \
		"scripts/bench.sh --only forwarding --runs $N --seconds $SECS$HUGEOPT"
fi

if part steal; then
	N=${RUNS:-3}
	# The same load spread evenly: each generator gets two queues, one per
	# lcore, so each lcore carries half the costly and half the light flows.
	EVEN="--set gen.heavy.queues=2 --set gen.light.queues=2
	      --set lcore.1.rx=heavy:0,light:0 --set lcore.2.rx=heavy:1,light:1
	      --set pipeline.steal=no"
	for ((i = 1; i <= N; i++)); do
		for v in even off parallel ordered atomic; do
			case $v in
			even) SET=$EVEN ;;
			off) SET="--set pipeline.steal=no" ;;
			*) SET="--set pipeline.schedule=$v --set pipeline.steal=yes" ;;
			esac
			pktpipe_run "steal-$v-$i" -f configs/steal-skew.ini $SET
		done
	done
	python3 scripts/bench_report.py steal "$OUT" "$N" "$MODE" \
		"scripts/bench.sh --only steal --runs $N --seconds $SECS$HUGEOPT"
fi

if part police; then
	N=${RUNS:-3}
	# Others' work on these 2 vCPUs disturbs the figures: keep the load
	# and the busiest process at start and end for the report.
	busy() {
		echo "load $(cut -d' ' -f1-3 /proc/loadavg), busiest:" \
			"$(ps -eo pcpu=,comm= --sort=-pcpu | head -1 | xargs)"
	}
	busy >"$OUT/load-start.txt"
	for ((i = 1; i <= N; i++)); do
		# The forwarding baseline: the forwarding part's runs, if it ran.
		part forwarding || pktpipe_fwd "pktpipe-$i"
		build-bench/tests/bench/bench_police -l 0-1 $MEM --no-pci \
			--no-shconf --no-telemetry --file-prefix pp-bench-police \
			--log-level=lib.eal:error -- --json "$OUT/police-$i.json" \
			>"$OUT/police-$i.log" 2>&1 ||
			{ echo "bench_police run $i failed:"
			  tail -20 "$OUT/police-$i.log"; exit 1; }
	done
	busy >"$OUT/load-end.txt"
	if [ -n "$ONLY" ]; then
		CMD="scripts/bench.sh --only police --runs $N --seconds $SECS$HUGEOPT"
	else
		CMD="scripts/bench.sh${RUNS:+ --runs $RUNS} --seconds $SECS$HUGEOPT"
	fi
	python3 scripts/bench_report.py police "$OUT" "$N" "$MODE" "$CMD"
fi

if part idle; then
	N=${RUNS:-3}
	for ((i = 1; i <= N; i++)); do
		for v in poll backoff sleep; do
			pktpipe_run "idle-$v-$i" -f configs/steady.ini \
				--set pipeline.idle=$v \
				--set gen.acme.rate=1k --set gen.globex.rate=1k
		done
	done
	python3 scripts/bench_report.py idle "$OUT" "$N" "$MODE" \
		"scripts/bench.sh --only idle --runs $N --seconds $SECS$HUGEOPT"
fi
