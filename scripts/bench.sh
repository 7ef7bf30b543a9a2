#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Forwarding benchmark, baseline and pktpipe back to back in one invocation:
#  - dpdk-testpmd io forwarding between two net_null ports, one forwarding
#    lcore (the single-core limit of this machine);
#  - pktpipe between the same vdevs: one io lcore (rx+tx, CPU 0) and one
#    worker that touches each packet (MAC rewrite, CPU 1) (configs/vdev.ini).
# Median (and min-max) of --runs runs each, Mpps, pktpipe/testpmd ratio and
# cycles per packet per lcore. Uses 2 MiB hugepages (reserved through
# scripts/setup-hugepages.sh) unless --no-huge.
#   scripts/bench.sh [--runs N (7)] [--seconds S] [--no-huge]
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=7 SECS=5 HUGE=1
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) RUNS=$2; shift 2 ;;
	--seconds) SECS=$2; shift 2 ;;
	--no-huge) HUGE=0; shift ;;
	*) echo "usage: $0 [--runs N] [--seconds S] [--no-huge]" >&2; exit 2 ;;
	esac
done

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

for ((i = 1; i <= RUNS; i++)); do
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

python3 scripts/bench_report.py "$OUT" "$RUNS" "$MODE" \
	"scripts/bench.sh --runs $RUNS --seconds $SECS$([ "$HUGE" = 1 ] || echo ' --no-huge')"
