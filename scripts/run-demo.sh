#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: the pipeline on the built-in generator for a few seconds,
# with live stats and the final summary. No NIC, no hugepages.
#   scripts/run-demo.sh [extra pktpipe options, e.g. --duration 10]
# lcore 0 is the control thread (sleeps), lcore 1 is rx+tx on CPU 0,
# lcore 2 the worker on CPU 1 (see configs/demo.ini).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh build
exec build/app/pktpipe/pktpipe --no-huge -m 512 --no-pci \
	--file-prefix pktpipe-demo --lcores 0@0,1@0,2@1 -- \
	-f configs/demo.ini "$@"
