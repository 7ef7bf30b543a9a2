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
# Uses 2 MiB hugepages (reserved through scripts/setup-hugepages.sh) unless
# --no-huge.
#   scripts/bench.sh [--runs N (7; steal: 3)] [--seconds S (5)] [--no-huge]
#                    [--only forwarding|steal]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS= SECS=5 HUGE=1 ONLY=
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) RUNS=$2; shift 2 ;;
	--seconds) SECS=$2; shift 2 ;;
	--no-huge) HUGE=0; shift ;;
	--only) ONLY=$2; shift 2 ;;
	*) echo "usage: $0 [--runs N] [--seconds S] [--no-huge] [--only forwarding|steal]" >&2
	   exit 2 ;;
	esac
done
case "$ONLY" in ''|forwarding|steal) ;; *) echo "--only forwarding|steal" >&2; exit 2 ;; esac

bash scripts/build.sh build-bench -Dbuildtype=release -Dtests=false
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

if [ "$ONLY" != steal ]; then
	N=${RUNS:-7}
	for ((i = 1; i <= N; i++)); do
		# testpmd: lcore 0 main, lcore 1 forwards (CPU 1); stats each second.
		timeout -s INT $((SECS + 4)) dpdk-testpmd -l 0-1 $MEM --no-pci \
			--file-prefix pp-bench-tp --vdev net_null0 --vdev net_null1 -- \
			--forward-mode=io --auto-start --stats-period 1 \
			>"$OUT/testpmd-$i.log" 2>&1 || true
		# pktpipe: lcore 0 control (sleeps) and lcore 1 io on CPU 0, worker on CPU 1.
		build-bench/app/pktpipe/pktpipe --lcores 0@0,1@0,2@1 $MEM --no-pci \
			--file-prefix pp-bench -- -f configs/vdev.ini \
			--duration "$SECS" --stats-period 0 \
			--stats-json "$OUT/pktpipe-$i.json" >"$OUT/pktpipe-$i.log" 2>&1 ||
			{ echo "pktpipe run $i failed:"; tail -20 "$OUT/pktpipe-$i.log"; exit 1; }
	done
	python3 scripts/bench_report.py forwarding "$OUT" "$N" "$MODE" \
		"scripts/bench.sh --only forwarding --runs $N --seconds $SECS$([ "$HUGE" = 1 ] || echo ' --no-huge')"
fi

if [ "$ONLY" != forwarding ]; then
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
			build-bench/app/pktpipe/pktpipe --lcores 0@0,1@0,2@1 $MEM \
				--no-pci --file-prefix pp-bench -- \
				-f configs/steal-skew.ini $SET --duration "$SECS" \
				--stats-period 0 --stats-json "$OUT/steal-$v-$i.json" \
				>"$OUT/steal-$v-$i.log" 2>&1 ||
				{ echo "pktpipe ($v) run $i failed:"; tail -20 "$OUT/steal-$v-$i.log"; exit 1; }
		done
	done
	python3 scripts/bench_report.py steal "$OUT" "$N" "$MODE" \
		"scripts/bench.sh --only steal --runs $N --seconds $SECS$([ "$HUGE" = 1 ] || echo ' --no-huge')"
fi
