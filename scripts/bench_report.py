#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Summarise a scripts/bench.sh run directory as a markdown table."""
import glob
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


def load(path):
    with open(path) as f:
        s = json.load(f)
    if not s["ok"]:
        sys.exit(f"{path}: summary not ok (identity/leak)")
    return s


def forwarding(out, runs, mode, cmd):
    tp, pp, cpp, hz, drops = [], [], {}, None, []
    for i in range(1, runs + 1):
        tp.append(testpmd_mpps(f"{out}/testpmd-{i}.log"))
        s = load(f"{out}/pktpipe-{i}.json")
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


def steal(out, runs, mode, cmd):
    variants = [
        ("even", "same load spread evenly, steal = no (baseline)"),
        ("off", "skewed, steal = no"),
        ("parallel", "skewed, schedule = parallel"),
        ("ordered", "skewed, schedule = ordered"),
        ("atomic", "skewed, schedule = atomic"),
    ]
    res = {}
    for v, _ in variants:
        for i in range(1, runs + 1):
            s = load(f"{out}/steal-{v}-{i}.json")
            offered = s["rx"] + s["generator"]["missed"]
            w = [l for l in s["lcores"] if l["worker"] >= 0]
            r = res.setdefault(v, {k: [] for k in
                                   ("mpps", "p99", "p999", "lost", "steals",
                                    "moves", "late")})
            r["mpps"].append(s["tx"] / s["seconds"] / 1e6)
            r["p99"].append(s["latency_ns"]["p99"] / 1e3)
            r["p999"].append(s["latency_ns"]["p999"] / 1e3)
            r["lost"].append(100 * (offered - s["tx"]) / max(1, offered))
            r["steals"].append(sum(l["steals"] for l in w) / s["seconds"])
            r["moves"].append(sum(l["buckets_in"] for l in w) / s["seconds"])
            r["late"].append(s["drops"]["late"])
    med = {v: {k: statistics.median(x) for k, x in r.items()}
           for v, r in res.items()}
    even, off = med["even"], med["off"]
    print(f"\n## Work stealing, two run-to-completion lcores ({mode})\n")
    print(f"Command: `{cmd}`  ")
    print(f"configs/steal-skew.ini; runs interleaved; median of {runs} "
          "(min-max). Lost = (missed + dropped) / offered.\n")
    print("| run | Mpps tx | vs even | p99 us | p99 off / p99 | p99.9 us "
          "| lost % | steals/s | bucket moves/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for v, label in variants:
        m, r = med[v], res[v]
        print(f"| {label} | {m['mpps']:.3f} ({min(r['mpps']):.3f}-"
              f"{max(r['mpps']):.3f}) | {m['mpps'] / even['mpps']:.2f} | "
              f"{m['p99']:.0f} ({min(r['p99']):.0f}-{max(r['p99']):.0f}) | "
              f"{off['p99'] / max(m['p99'], 1e-9):.1f} | {m['p999']:.0f} | "
              f"{m['lost']:.2f} | {m['steals']:.0f} | {m['moves']:.0f} |")
    print("\nGoals (issue 3): throughput with stealing within 10 % of even "
          "(vs even >= 0.90), p99 at least 3x lower than steal = no "
          "(p99 off / p99 >= 3).")


def mmm(v):
    """median (min-max) of a list."""
    return f"{statistics.median(v):.1f} ({min(v):.1f}-{max(v):.1f})"


def police(out, runs, mode, cmd):
    """bench_police runs (police-N.json) next to the forwarding-only
    figure of the same invocation (pktpipe-N.json: busy cycles per packet
    of the io lcore)."""
    # Goals (issue 4): added cycles per packet.
    goal_flows, goal_agg = 30, 10
    fwd, hz = [], None
    for path in sorted(glob.glob(f"{out}/pktpipe-*.json")):
        s = load(path)
        hz = s["tsc_hz"]
        io = [l for l in s["lcores"] if "rx" in l["roles"].split("+")]
        if not io:
            sys.exit(f"{path}: no rx lcore")
        fwd.append(io[0]["busy_cycles"] / max(1, s["tx"]))
    if not fwd:
        sys.exit(f"no forwarding run (pktpipe-*.json) in {out}")
    fl, ag, huge = {}, {}, set()
    for i in range(1, runs + 1):
        with open(f"{out}/police-{i}.json") as f:
            b = json.load(f)
        hz = b["tsc_hz"]
        huge.add(b["hugepages"])
        for r in b["flows"]:
            d = fl.setdefault(r["flows"], {k: [] for k in
                                           ("base", "lookup", "police",
                                            "added")})
            for k in ("base", "lookup", "police"):
                d[k].append(r[k])
            d["added"].append(r["police"] - r["base"])
        for r in b["agg"]:
            d = ag.setdefault(r["lcores"], {k: [] for k in
                                            ("base", "over", "under",
                                             "add_over", "add_under",
                                             "atomic")})
            for k in ("base", "over", "under", "atomic"):
                d[k].append(r[k])
            d["add_over"].append(r["over"] - r["base"])
            d["add_under"].append(r["under"] - r["base"])
    if huge != {mode != "--no-huge -m 1024"}:
        print(f"(warning: bench_police ran with hugepages={huge}, "
              f"mode says {mode})")
    fm = statistics.median(fwd)

    def vs(x):
        return f"{100 * x / fm:.0f} %"

    def met(x, goal):
        return f"<= {goal}: **{'met' if x <= goal else 'not met'}**"

    print(f"\n## Policing, cycles per packet ({mode})\n")
    print(f"Command: `{cmd}`  ")
    print(f"TSC {hz / 1e9:.2f} GHz; median of {runs} bench_police runs "
          f"(min-max over runs; each run reports the median of 3), "
          f"forwarding figure: median of {len(fwd)} pktpipe run(s), same "
          "invocation. Per-flow: bursts of 32, uniform over the active "
          "flows, all in the table; struct pp_police_key (44 B) and the "
          "pipeline's hash (RX's 5-tuple hash folded with VLAN/DSCP) are "
          "made in both loops; added = flow-table lookup + srTCM meter. "
          "Aggregate: 64 B packets, one TSC read per burst; added = "
          "pp_agg_admit() per packet (rate above / below the offered "
          "load).\n")
    print("| measure | without policing | with policing | added | "
          "added / forwarding | goal |")
    print("|---|---|---|---|---|---|")
    print(f"| forwarding only: pktpipe io lcore (rx+tx), configs/vdev.ini, "
          f"busy cycles/packet | {mmm(fwd)} | | | | |")
    for n in sorted(fl):
        d = fl[n]
        add = statistics.median(d["added"])
        label = f"{n // 1024} k" if n < 1 << 20 else f"{n >> 20} M"
        goal = met(add, goal_flows) if n == 65536 else ""
        print(f"| per-flow policing, {label} flows (lookup alone: "
              f"{statistics.median(d['lookup']) - statistics.median(d['base']):.1f}"
              f" added) | {mmm(d['base'])} | {mmm(d['police'])} | "
              f"**{mmm(d['added'])}** | {vs(add)} | {goal} |")
    for n in sorted(ag):
        d = ag[n]
        worst = max(statistics.median(d["add_over"]),
                    statistics.median(d["add_under"]))
        goal = met(worst, goal_agg) if n == 2 else ""
        print(f"| aggregate, {n} lcore{'s' if n > 1 else ''}"
              f"{' sharing it' if n > 1 else ''} (rate above / below "
              f"offered) | {mmm(d['base'])} | {mmm(d['over'])} / "
              f"{mmm(d['under'])} | **{mmm(d['add_over'])} / "
              f"{mmm(d['add_under'])}** | {vs(worst)} | {goal} |")
    if 2 not in ag:
        print("\n(no 2-lcore aggregate row: bench_police had one lcore)")
    machine = []
    for w in ("start", "end"):
        try:
            with open(f"{out}/load-{w}.txt") as f:
                machine.append(f"at {w}: {f.read().strip()}")
        except OSError:
            pass
    if machine:
        print("\nMachine (others' work disturbs these figures): "
              + "; ".join(machine) + ".")
    print("\nGoals (issue 4): per-flow policing, flow-table lookup "
          f"included, adds <= {goal_flows} cycles/packet at 64 k flows; "
          f"the aggregate adds <= {goal_agg} when 2 lcores share it (the "
          "worse of the two rates). Added / forwarding: the added cycles "
          "against the io lcore's whole forwarding cost.")


def idle(out, runs, mode, cmd):
    modes = ("poll", "backoff", "sleep")
    rows = {}
    for v in modes:
        cpu, p50, p99 = {}, [], []
        for i in range(1, runs + 1):
            s = load(f"{out}/idle-{v}-{i}.json")
            for l in s["lcores"]:
                cpu.setdefault(f"lcore {l['lcore']} ({l['roles']})",
                               []).append(l["cpu_pct"])
            p50.append(s["latency_ns"]["p50"] / 1e3)
            p99.append(s["latency_ns"]["p99"] / 1e3)
        rows[v] = (cpu, p50, p99)
    print(f"\n## Idle lcores at ~1 % load ({mode})\n")
    print(f"Command: `{cmd}`  ")
    print(f"configs/steady.ini at 2 kpps (two generators of 1 kpps), median"
          f" of {runs} runs (min-max), modes interleaved. CPU: the lcore"
          f" thread's CPU clock over the run, % of one CPU.\n")
    keys = list(rows["poll"][0])
    print("| idle | " + " | ".join(f"{k} CPU %" for k in keys)
          + " | latency p50 us | p99 us |")
    print("|---" * (len(keys) + 3) + "|")
    for v in modes:
        cpu, p50, p99 = rows[v]
        print(f"| {v} | " + " | ".join(mmm(cpu[k]) for k in keys)
              + f" | {mmm(p50)} | {mmm(p99)} |")


def main():
    kind = sys.argv[1]
    out, runs, mode, cmd = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    {"forwarding": forwarding, "steal": steal, "police": police,
     "idle": idle}[kind](out, runs, mode, cmd)


if __name__ == "__main__":
    main()
