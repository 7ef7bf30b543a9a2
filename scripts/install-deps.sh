#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install the Debian 12 packages pktpipe needs, only those missing.
# Idempotent; needs root (or sudo) when something is missing.
set -euo pipefail

PKGS=(
	gcc pkg-config meson ninja-build python3
	libdpdk-dev      # DPDK 22.11 headers and libraries
	dpdk             # runtime PMDs (net_null, net_pcap, net_memif, ...)
	dpdk-dev         # dpdk-testpmd, dpdk-telemetry.py, dpdk-dumpcap, dpdk-proc-info
	liburcu-dev      # RCU, QSBR flavour
	libcunit1-dev    # C unit tests
	lua5.3           # luac5.3, lua5.3: tests/integration/test_pktgen_scripts.sh
	libmicrohttpd-dev  # the Prometheus endpoint's HTTP server ([pipeline] metrics)
	curl             # integration tests scrape the endpoint
	tshark           # tests/integration/test_capture.sh reads dpdk-dumpcap's pcapng
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
# wireshark-common asks whether non-root users may capture: no.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	$SUDO debconf-set-selections
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
