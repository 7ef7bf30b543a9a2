#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# generator -> pipeline -> checker with W workers (lcores may share CPUs):
# the identity holds, nothing leaks, no flow sees a reorder or duplicate,
# and every malformed packet the generator made is dropped as malformed.
#   test_gen_checker.sh W
source "$(dirname "$0")/lib.sh"
W=${1:?workers}

# lcore 1: rx+tx; lcores 2..W+1: workers. Two generator queues, so the RX
# side spreads too; a fixed count ends the run by itself.
{
	cat <<INI
[pipeline]
burst = 32
buckets = 64
worker_ring_size = 4096
tx_ring_size = 4096
duration = 20
stats_period = 1
[lcore.1]
roles = rx, tx
INI
	worker_sections "$W"
	cat <<INI
[gen.g0]
queues = 2
flows = 512
popularity = zipf
zipf_s = 1.1
malformed = 0.01
count = 200000
rate = 1M
fwd = checker
INI
} >"$T/cfg.ini"

run_ok "$T/run" $(eal_args) $(lcores_arg $((W + 1))) -- -f "$T/cfg.ini" \
	--stats-json "$T/sum.json"
grep -q "every generator sent its count" "$T/run.stdout" ||
	fail "the run did not end on the generator count"
$PP_PY check "$T/sum.json" --checker --expect rx=200000 \
	--expect clean_stop=true --expect generator.packets=200000
workers=$($PP_PY get "$T/sum.json" lcores | grep -o "'roles': 'worker'" | wc -l)
[ "$workers" = "$W" ] || fail "$workers workers in the summary, expected $W"
echo "PASS: $W workers"
