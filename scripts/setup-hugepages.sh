#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Reserve 2 MiB hugepages and mount hugetlbfs, idempotently; or undo it.
#   scripts/setup-hugepages.sh [PAGES]   reserve at least PAGES (default 1024 = 2 GiB)
#   scripts/setup-hugepages.sh --undo    back to the count before the first run,
#                                        and unmount what we mounted
#   scripts/setup-hugepages.sh --status  show what is reserved
# Needs root. NUMA machines: pages are reserved through the global counter,
# which the kernel spreads over the nodes.
set -euo pipefail

SYS=/sys/kernel/mm/hugepages/hugepages-2048kB
MNT=/dev/hugepages
MARK=/run/pktpipe-hugepages-mounted
PREV=/run/pktpipe-hugepages-prev	# the count before our first reservation

[ -d "$SYS" ] || { echo "setup-hugepages: this kernel has no 2 MiB hugepages ($SYS)" >&2; exit 1; }

status() {
	echo "hugepages 2048kB: total $(cat $SYS/nr_hugepages), free $(cat $SYS/free_hugepages)"
	grep -q " $MNT hugetlbfs " /proc/mounts && echo "mounted: $MNT" || echo "not mounted: $MNT"
}

case "${1:-}" in
--status)
	status
	exit 0
	;;
--undo)
	[ -w "$SYS/nr_hugepages" ] || { echo "setup-hugepages: needs root" >&2; exit 1; }
	# Pages still held by a running DPDK process stay until it exits.
	if [ -e "$PREV" ]; then
		cat "$PREV" >"$SYS/nr_hugepages"
		rm -f "$PREV"
	fi
	if [ -e "$MARK" ] && grep -q " $MNT hugetlbfs " /proc/mounts; then
		umount "$MNT" && rm -f "$MARK"
	fi
	status
	exit 0
	;;
esac

want=${1:-1024}
[[ "$want" =~ ^[0-9]+$ ]] || { echo "usage: $0 [PAGES|--undo|--status]" >&2; exit 2; }
[ -w "$SYS/nr_hugepages" ] || { echo "setup-hugepages: needs root" >&2; exit 1; }
have=$(cat "$SYS/nr_hugepages")
if [ "$have" -lt "$want" ]; then
	[ -e "$PREV" ] || echo "$have" >"$PREV"
	echo "$want" >"$SYS/nr_hugepages"
	have=$(cat "$SYS/nr_hugepages")
	[ "$have" -ge "$want" ] ||
		echo "setup-hugepages: asked for $want pages, the kernel gave $have (memory fragmented?)" >&2
fi
if ! grep -q " $MNT hugetlbfs " /proc/mounts; then
	mkdir -p "$MNT"
	mount -t hugetlbfs -o pagesize=2M nodev "$MNT"
	touch "$MARK"
fi
status
