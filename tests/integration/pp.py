#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Helpers for the integration tests: check a --stats-json summary, write a
pcap of known packets, and compare what pktpipe transmitted with it.

  pp.py check SUMMARY.json [--checker] [--min-rx N] [--expect k=v ...]
  pp.py mkpcap IN.pcap EXPECT.json
  pp.py cmppcap EXPECT.json OUT.pcap PEER_MAC SUMMARY.json
  pp.py get SUMMARY.json dotted.key
"""
import json
import struct
import sys


def die(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        die(f"cannot read summary {path}: {e}")


def get(d, dotted):
    for part in dotted.split("."):
        d = d[int(part)] if isinstance(d, list) else d[part]
    return d


def check(args):
    s = load(args[0])
    drops = sum(s["drops"].values())
    if s["drops_total"] != drops:
        die(f"drops_total {s['drops_total']} != sum of reasons {drops}")
    if s["rx"] != s["tx"] + drops + s["in_flight"]:
        die(f"identity broken: rx {s['rx']} != tx {s['tx']} + drops {drops}"
            f" + in_flight {s['in_flight']}")
    if not s["identity_holds"]:
        die("summary says the identity does not hold")
    if s["in_flight"] != 0:
        die(f"in_flight {s['in_flight']} after stop")
    if s["leaked_mbufs"] != 0:
        die(f"{s['leaked_mbufs']} mbufs leaked")
    if not s["ok"]:
        die("summary not ok")
    lc = s["lcores"]
    for key in ("rx", "tx", "worked"):
        tot = sum(l[key] for l in lc)
        if tot != s[key]:
            die(f"per-lcore {key} sums to {tot}, total says {s[key]}")
    pol = s.get("police")
    if pol is not None:
        # every policed drop belongs to one class and one tenant; every
        # packet sent was classified (malformed ones never reach TX)
        for kind in ("classes", "tenants"):
            rows = pol[kind]
            d = sum(sum(r["drops"].values()) for r in rows)
            if d != s["drops"]["policed"]:
                die(f"police {kind}: drops sum to {d}, policed says "
                    f"{s['drops']['policed']}")
            t = sum(r["tx_pkts"] for r in rows)
            if t != s["tx"]:
                die(f"police {kind}: tx sums to {t}, tx says {s['tx']}")
            for r in rows:
                if r["tx_pkts"] + sum(r["drops"].values()) > r["offered_pkts"]:
                    die(f"police {r['name']}: tx + policed > offered")
    elif s["drops"].get("policed", 0):
        die("policed drops without policing")
    i = 1
    while i < len(args):
        a = args[i]
        if a == "--checker":
            c = s["checker"]
            if c is None:
                die("checker did not run")
            if c["reorders"] or c["duplicates"]:
                die(f"checker: {c['reorders']} reorders, {c['duplicates']}"
                    f" duplicates")
            bad = [f for f in c["per_flow"]
                   if f["reorders"] or f["duplicates"]]
            if bad:
                die(f"checker per-flow faults: {bad[:5]}")
            if c["packets"] + c["unknown"] != s["tx"]:
                die(f"checker saw {c['packets']} + {c['unknown']} unknown,"
                    f" tx says {s['tx']}")
            g = s["generator"]
            # A malformed packet dropped as ring_full before a worker saw
            # it is not counted as malformed: compare only without those.
            if (g is not None and s["drops"]["ring_full"] == 0
                    and g["malformed"] != s["drops"]["malformed"]):
                die(f"generator made {g['malformed']} malformed, pipeline"
                    f" dropped {s['drops']['malformed']} as malformed")
        elif a == "--min-rx":
            i += 1
            if s["rx"] < int(args[i]):
                die(f"rx {s['rx']} < expected minimum {args[i]}")
        elif a == "--expect":
            i += 1
            k, v = args[i].split("=", 1)
            got = get(s, k)
            if str(got).lower() != v.lower():
                die(f"{k} = {got}, expected {v}")
        else:
            die(f"unknown check option {a}")
        i += 1
    print(f"ok: rx {s['rx']} tx {s['tx']} drops {s['drops']} "
          f"in_flight {s['in_flight']} leaked {s['leaked_mbufs']}")


# ---------------------------------------------------------------- pcap

def csum(b):
    if len(b) % 2:
        b += b"\0"
    t = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return (~t) & 0xffff


def eth(dst, src, etype, vlan=None):
    h = bytes(dst) + bytes(src)
    if vlan is not None:
        h += struct.pack("!HH", 0x8100, vlan)
    return h + struct.pack("!H", etype)


def ipv4(src, dst, proto, payload, ihl=5, tot=None):
    tot = 20 + len(payload) if tot is None else tot
    h = struct.pack("!BBHHHBBH4s4s", (4 << 4) | ihl, 0, tot, 1, 0, 64, proto,
                    0, bytes(src), bytes(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ipv6(src, dst, nh, payload):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, 64,
                       bytes(src), bytes(dst)) + payload


def udp(sp, dp, data):
    return struct.pack("!HHHH", sp, dp, 8 + len(data), 0) + data


def tcp(sp, dp, data):
    return struct.pack("!HHIIBBHHH", sp, dp, 1, 0, 5 << 4, 0x10, 1024, 0,
                       0) + data


def pad(frame):
    return frame + b"\0" * max(0, 60 - len(frame))


def known_packets():
    """(frame, flow or None, malformed?) in send order."""
    a = [0x02, 0, 0, 0, 0, 0x01]
    b = [0x02, 0, 0, 0, 0, 0x02]
    out = []
    for seq in range(12):
        for flow in range(6):
            data = struct.pack("!II", flow, seq) + b"pktpipe!"
            s4 = [10, 0, 0, flow]
            d4 = [198, 18, 0, 1]
            if flow < 3:
                l4 = udp(1000 + flow, 5001, data)
                f = eth(b, a, 0x0800) + ipv4(s4, d4, 17, l4)
            elif flow == 3:
                l4 = tcp(2000, 80, data)
                f = eth(b, a, 0x0800, vlan=100) + ipv4(s4, d4, 6, l4)
            elif flow == 4:
                s6 = [0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [flow]
                d6 = [0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [1]
                f = eth(b, a, 0x86DD) + ipv6(s6, d6, 17, udp(3000, 53, data))
            else:
                # ARP-like L2 frame: forwarded, not malformed
                f = eth([0xff] * 6, a, 0x0806) + bytes(28) + data
            out.append((pad(f), flow, False))
        # malformed ones, interleaved
        l4 = udp(9, 9, b"x" * 20)
        if seq % 3 == 0:
            out.append((eth(b, a, 0x0800) + ipv4([1, 1, 1, 1], [2, 2, 2, 2],
                                                 17, l4, ihl=4), None, True))
        elif seq % 3 == 1:
            out.append((eth(b, a, 0x0800) + ipv4([1, 1, 1, 1], [2, 2, 2, 2],
                                                 17, l4, tot=400), None, True))
        else:
            out.append((eth(b, a, 0x0800)[:10], None, True))
    return out


def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1, i, len(fr), len(fr)))
            f.write(fr)


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        die(f"{path}: not a pcap ({len(data)} bytes)")
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xa1b2c3d4, 0xa1b23c4d):
        die(f"{path}: bad pcap magic {magic:#x}")
    off, frames = 24, []
    while off + 16 <= len(data):
        incl = struct.unpack("<IIII", data[off:off + 16])[2]
        frames.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return frames


def mkpcap(args):
    pk = known_packets()
    write_pcap(args[0], [p[0] for p in pk])
    with open(args[1], "w") as f:
        json.dump([[p[0].hex(), p[1], p[2]] for p in pk], f)
    print(f"wrote {len(pk)} packets, {sum(p[2] for p in pk)} malformed")


def cmppcap(args):
    with open(args[0]) as f:
        exp = [(bytes.fromhex(h), flow, bad) for h, flow, bad in json.load(f)]
    out = read_pcap(args[1])
    peer = bytes(int(x, 16) for x in args[2].split(":"))
    s = load(args[3])
    good = [e for e in exp if not e[2]]
    nbad = len(exp) - len(good)
    if s["rx"] != len(exp):
        die(f"pktpipe received {s['rx']}, the pcap holds {len(exp)}")
    if s["drops"]["malformed"] != nbad:
        die(f"malformed drops {s['drops']['malformed']}, expected {nbad}")
    if len(out) != len(good):
        die(f"out.pcap has {len(out)} packets, expected {len(good)}")
    srcs = {o[6:12] for o in out}
    if len(srcs) != 1:
        die(f"more than one source MAC written: {srcs}")
    if next(iter(srcs)) == good[0][0][6:12]:
        die("source MAC was not rewritten")
    for o in out:
        if o[:6] != peer:
            die(f"destination MAC {o[:6].hex(':')} != peer {args[2]}")
    # Same bytes after the MACs, and per-flow order kept.
    want = {}
    for fr, flow, _ in good:
        want.setdefault(flow, []).append(fr[12:])
    got = {}
    for o in out:
        match = [fl for fl, frs in want.items() if o[12:] in frs]
        if not match:
            die(f"unexpected packet in out.pcap: {o.hex()}")
        got.setdefault(match[0], []).append(o[12:])
    for flow, frs in want.items():
        if got.get(flow) != frs:
            die(f"flow {flow}: packets differ or are out of order")
    print(f"ok: {len(out)} packets out, {nbad} malformed dropped, MACs "
          f"rewritten, per-flow order kept")


def main():
    if len(sys.argv) < 3:
        die(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "check":
        check(args)
    elif cmd == "mkpcap":
        mkpcap(args)
    elif cmd == "cmppcap":
        cmppcap(args)
    elif cmd == "get":
        print(get(load(args[0]), args[1]))
    else:
        die(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
