#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Summarise a scripts/bench.sh run directory as a markdown table."""
import json
import re
import statistics
import sys


def testpmd_mpps(path):
    """Median over the stats periods (first two skipped: warm-up) of the
    summed Tx-pps of all ports."""
    periods, cur = [], None
    with open(path, errors="replace") as f:
        for line in f:
            if "NIC statistics for port 0" in line:
                if cur is not None:
                    periods.append(cur)
                cur = 0
            m = re.search(r"Tx-pps:\s+(\d+)", line)
            if m and cur is not None:
                cur += int(m.group(1))
    if cur is not None:
        periods.append(cur)
    steady = periods[2:] or periods
    if not steady:
        sys.exit(f"no testpmd stats in {path}")
    return statistics.median(steady) / 1e6


def main():
    out, runs, mode, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    tp, pp, cpp, hz, drops = [], [], {}, None, []
    for i in range(1, runs + 1):
        tp.append(testpmd_mpps(f"{out}/testpmd-{i}.log"))
        with open(f"{out}/pktpipe-{i}.json") as f:
            s = json.load(f)
        if not s["ok"]:
            sys.exit(f"pktpipe run {i}: summary not ok (identity/leak)")
        hz = s["tsc_hz"]
        pp.append(s["tx"] / s["seconds"] / 1e6)
        for l in s["lcores"]:
            key = f"lcore {l['lcore']} ({l['roles']})"
            # cycles of the passes that did work, per packet forwarded
            cpp.setdefault(key, []).append(l["busy_cycles"] / max(1, s["tx"]))
        drops.append(s["drops_total"] / max(1, s["rx"]))
    tpm, ppm = statistics.median(tp), statistics.median(pp)
    print(f"\n## Forwarding, net_null -> net_null, 64 B ({mode})\n")
    print(f"Command: `{cmd}`  ")
    print(f"TSC {hz / 1e9:.2f} GHz; median of {runs} runs (min-max).\n")
    print("| run | Mpps | busy cycles/packet |")
    print("|---|---|---|")
    print(f"| dpdk-testpmd io, 1 forwarding lcore | {tpm:.1f} "
          f"({min(tp):.1f}-{max(tp):.1f}) | {hz / (tpm * 1e6):.1f} |")
    per = ", ".join(f"{k}: {statistics.median(v):.1f}" for k, v in cpp.items())
    print(f"| pktpipe, io lcore + worker (MAC rewrite) | {ppm:.1f} "
          f"({min(pp):.1f}-{max(pp):.1f}) | {per} |")
    print(f"\npktpipe / testpmd = **{ppm / tpm:.2f}** "
          f"(goal: >= 0.5 of testpmd's single core); pktpipe dropped "
          f"{100 * statistics.median(drops):.2f} % of what it received "
          f"(median; ring_full when a vCPU stalls)")


if __name__ == "__main__":
    main()
