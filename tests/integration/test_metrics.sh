#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The Prometheus endpoint ([pipeline] metrics) and /pktpipe/ports.
#
#  - bad `metrics` values exit 2 with the config message; a port another
#    process listens on exits 2 naming it;
#  - configs/steady.ini (policing, generators, checker) with a bare port:
#    it listens on 127.0.0.1 only (ss); scraped twice with curl during the
#    run, every line passes a strict exposition-format parser (HELP and
#    TYPE before a family's samples, names, escaped label values, floats,
#    samples of the declared type, no duplicate series), counters never
#    go down and rx grows; promtool check metrics too when installed;
#    anything but /metrics is a 404;
#  - configs/vdev.ini (two net_null ports) with ADDR:PORT: the port
#    families and xstats in the scrape, and /pktpipe/ports read with
#    dpdk-telemetry.py (rte_eth_stats with imissed, and xstats).
source "$(dirname "$0")/lib.sh"
TEL=$(command -v dpdk-telemetry.py) || fail "dpdk-telemetry.py not found"
command -v curl >/dev/null || fail "curl not found (scripts/install-deps.sh)"
EAL="$(eal_args) --lcores 0@0,1@1,2@0"

# free_port: a TCP port in 20000..40000 nobody listens on
free_port() {
	python3 - <<'PY'
import random, socket
for _ in range(200):
    p = random.randint(20000, 40000)
    try:
        for a in ("127.0.0.1", "0.0.0.0"):
            s = socket.socket()
            s.bind((a, p))
            s.close()
    except OSError:
        continue
    print(p)
    break
else:
    raise SystemExit("no free port")
PY
}

# The strict parser: check FILE... (each a scrape), print a summary;
# with two files, also that no counter went down and rx grew.
cat >"$T/promparse.py" <<'PY'
import math, re, sys

NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*$")
FLOAT = re.compile(r"[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?"
                   r"|Inf|NaN)$")
TYPES = ("counter", "gauge", "summary", "histogram", "untyped")

def die(path, n, line, why):
    sys.exit(f"FAIL: {path}:{n}: {why}: {line!r}")

def labels(path, n, line, s):
    """Parse '{a="x",b="y"}' at s[0] == '{'; return (dict, rest)."""
    out, i = {}, 1
    while True:
        if s[i] == "}":
            return out, s[i + 1:]
        m = re.match(r"[^=]*", s[i:])
        name = m.group(0)
        if not LABEL.match(name) or name.startswith("__"):
            die(path, n, line, f"bad label name {name!r}")
        i += len(name)
        if s[i:i + 2] != '="':
            die(path, n, line, "label without =\"")
        i += 2
        val = ""
        while s[i] != '"':
            if s[i] == "\\":
                if s[i + 1] not in '\\"n':
                    die(path, n, line, f"bad escape \\{s[i + 1]}")
                val += {"\\": "\\", '"': '"', "n": "\n"}[s[i + 1]]
                i += 2
            elif s[i] == "\n":
                die(path, n, line, "raw newline in a label value")
            else:
                val += s[i]
                i += 1
        i += 1
        if name in out:
            die(path, n, line, f"label {name} twice")
        out[name] = val
        if s[i] == ",":
            i += 1
            if s[i] == "}":
                die(path, n, line, "trailing comma")
        elif s[i] != "}":
            die(path, n, line, "expected , or }")

def parse(path):
    help_, type_, done, series = {}, {}, set(), {}
    cur = None
    text = open(path, encoding="utf-8").read()
    if not text.endswith("\n"):
        sys.exit(f"FAIL: {path}: does not end with a newline")
    for n, line in enumerate(text.split("\n")[:-1], 1):
        if line.startswith("#"):
            m = re.match(r"# (HELP|TYPE) (\S+) ?(.*)$", line)
            if not m:
                die(path, n, line, "a comment that is not HELP or TYPE")
            kind, fam, rest = m.groups()
            if not NAME.match(fam) or not fam.startswith("pktpipe_"):
                die(path, n, line, "bad family name")
            if fam in done or (cur is not None and cur != fam and
                               fam in type_ and fam in help_):
                die(path, n, line, "family declared again")
            d = help_ if kind == "HELP" else type_
            if fam in d:
                die(path, n, line, f"second {kind}")
            if kind == "TYPE" and rest not in TYPES:
                die(path, n, line, "unknown type")
            if kind == "HELP" and re.search(r"\\[^\\n]", rest):
                die(path, n, line, "bad escape in HELP")
            d[fam] = rest
            if cur is not None and cur != fam:
                done.add(cur)
            cur = fam
            continue
        if line.strip() == "":
            die(path, n, line, "empty line")
        m = re.match(r"[^{ ]+", line)
        name = m.group(0)
        if not NAME.match(name):
            die(path, n, line, "bad metric name")
        rest = line[len(name):]
        lab = {}
        if rest.startswith("{"):
            lab, rest = labels(path, n, line, rest)
        parts = rest.split(" ")
        if parts[0] != "" or len(parts) not in (2, 3):
            die(path, n, line, "expected NAME[{LABELS}] VALUE [TIMESTAMP]")
        if not FLOAT.match(parts[1]):
            die(path, n, line, "value is not a float")
        if len(parts) == 3 and not re.match(r"-?\d+$", parts[2]):
            die(path, n, line, "bad timestamp")
        v = float(parts[1])
        fam = cur
        if fam is None or fam not in type_ or fam not in help_:
            die(path, n, line, "sample before its family's HELP and TYPE")
        t = type_[fam]
        ok = {
            "counter": name == fam and fam.endswith("_total"),
            "gauge": name == fam,
            "untyped": name == fam,
            "summary": (name == fam and "quantile" in lab) or
                       (name in (fam + "_sum", fam + "_count") and
                        "quantile" not in lab),
            "histogram": (name == fam + "_bucket" and "le" in lab) or
                         name in (fam + "_sum", fam + "_count"),
        }[t]
        if not ok:
            die(path, n, line, f"not a sample of {t} family {fam}")
        if t == "counter" and (v < 0 or math.isnan(v)):
            die(path, n, line, "negative counter")
        key = (name, tuple(sorted(lab.items())))
        if key in series:
            die(path, n, line, "duplicate series")
        series[key] = (v, t)
    for fam in type_:
        if fam not in help_:
            sys.exit(f"FAIL: {path}: {fam} has TYPE but no HELP")
    return type_, series

def total(series, name):
    return sum(v for (n, _), (v, _) in series.items() if n == name)

scrapes = [parse(p) for p in sys.argv[1:]]
for p, (fams, series) in zip(sys.argv[1:], scrapes):
    print(f"{p}: {len(fams)} families, {len(series)} series: all valid")
if len(scrapes) == 2:
    (_, a), (_, b) = scrapes
    for k, (v, t) in a.items():
        if t == "counter" and k in b and b[k][0] < v:
            sys.exit(f"FAIL: counter {k} went down: {v} -> {b[k][0]}")
        if t == "summary" and k[0].endswith("_count") and b[k][0] < v:
            sys.exit(f"FAIL: {k} went down")
    r0 = total(a, "pktpipe_rx_packets_total")
    r1 = total(b, "pktpipe_rx_packets_total")
    print(f"rx {r0:.0f} -> {r1:.0f}; no counter went down")
    if r1 <= r0:
        sys.exit("FAIL: pktpipe_rx_packets_total did not grow")
PY
parse() { python3 "$T/promparse.py" "$@" || exit 1; }

# expect_exit2 WANT ARGS...: pktpipe exits 2 with WANT on stderr
expect_exit2() {
	local want=$1
	shift
	run_pp "$T/bad" $EAL -- -f "$PP_SRC/configs/steady.ini" --duration 1 "$@"
	[ "$(cat "$T/bad.rc")" = 2 ] || { show "$T/bad"; fail "$*: exit $(cat "$T/bad.rc"), expected 2"; }
	grep -qF -- "$want" "$T/bad.stderr" || { show "$T/bad"; fail "$*: no '$want'"; }
	echo "ok: $*: $(grep -F -- "$want" "$T/bad.stderr" | head -1)"
}

# --- bad values, and a port in use
expect_exit2 "[pipeline] metrics: '70000' is not a port" --set pipeline.metrics=70000
expect_exit2 "[pipeline] metrics: 'http' is not a port" --set pipeline.metrics=http
expect_exit2 "[pipeline] metrics: '1.2.3' is not an IPv4 address" --set pipeline.metrics=1.2.3:9100
expect_exit2 "[pipeline] metrics: '::1:9100': write an IPv6 address in brackets" --set pipeline.metrics=::1:9100
BUSY=$(free_port)
python3 -c 'import socket,sys,time
s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1)
time.sleep(30)' "$BUSY" &
HOLDER=$!
sleep 0.3
expect_exit2 "cannot listen on $BUSY: Address already in use" --set pipeline.metrics="$BUSY"
kill "$HOLDER"
wait "$HOLDER" 2>/dev/null || true

# --- steady.ini, a bare port: localhost only; two scrapes
PORT=$(free_port)
URL="http://127.0.0.1:$PORT/metrics"
start_pp "$T/run" $EAL -- -f "$PP_SRC/configs/steady.ini" --duration 30 \
	--set pipeline.metrics="$PORT"
grep -q "metrics: http://127.0.0.1:$PORT/metrics" "$T/run.stderr" "$T/run.stdout" ||
	fail "the endpoint is not announced"
ss -ltnH "sport = :$PORT" >"$T/ss.out"
cat "$T/ss.out"
[ "$(awk '{print $4}' "$T/ss.out")" = "127.0.0.1:$PORT" ] ||
	fail "a bare port must listen on 127.0.0.1 only"
sleep 1
curl -sS --fail -D "$T/h1" -o "$T/m1.txt" "$URL" || fail "scrape 1"
sleep 1
curl -sS --fail -o "$T/m2.txt" "$URL" || fail "scrape 2"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")
[ "$code" = 404 ] || fail "GET / answered $code, expected 404"
grep -qi '^content-type: text/plain; version=0.0.4' "$T/h1" ||
	fail "content type: $(grep -i content-type "$T/h1")"
parse "$T/m1.txt" "$T/m2.txt"
for want in 'pktpipe_up 1' 'pktpipe_drops_total{lcore="1",role="rx+tx",reason="ring_full"}' \
	'pktpipe_latency_seconds{quantile="0.99"}' 'pktpipe_latency_seconds_count' \
	'pktpipe_tenant_tx_packets_total{tenant="acme"}' \
	'pktpipe_class_policed_packets_total{class="std",color="red"}' \
	'pktpipe_cpu_seconds_total{lcore="2",role="worker"}' \
	'pktpipe_gen_missed_packets_total{gen="acme"}' 'pktpipe_in_flight'; do
	grep -qF "$want" "$T/m2.txt" || fail "no $want in the scrape"
done
if command -v promtool >/dev/null; then
	promtool check metrics <"$T/m2.txt" || fail "promtool check metrics"
	echo "promtool check metrics: ok"
else
	echo "promtool not installed: the strict parser only"
fi
stop_pp TERM
[ "$PP_RC" = 0 ] || { show "$T/run"; fail "exit code $PP_RC"; }
curl -s -o /dev/null "$URL" && fail "still listening after exit"

# --- vdev.ini, ADDR:PORT: ports and xstats; /pktpipe/ports
PORT=$(free_port)
start_pp "$T/vdev" $EAL -- -f "$PP_SRC/configs/vdev.ini" --duration 30 \
	--set pipeline.metrics="127.0.0.1:$PORT"
sleep 1
curl -sS --fail -o "$T/v1.txt" "http://127.0.0.1:$PORT/metrics" || fail "scrape 1"
printf '%s\n' /pktpipe/ports /pktpipe/ports,out /pktpipe/ports,nope |
	taskset -c 0 python3 "$TEL" -f "$PREFIX" >"$T/tel.out"
curl -sS --fail -o "$T/v2.txt" "http://127.0.0.1:$PORT/metrics" || fail "scrape 2"
stop_pp TERM
[ "$PP_RC" = 0 ] || { show "$T/vdev"; fail "exit code $PP_RC"; }
parse "$T/v1.txt" "$T/v2.txt"
for want in 'pktpipe_port_rx_packets_total{port="in"}' \
	'pktpipe_port_rx_missed_packets_total{port="in"}' \
	'pktpipe_port_xstats_total{port="in",xstat="rx_q0_packets"}' \
	'pktpipe_port_tx_packets_total{port="out"}'; do
	grep -qF "$want" "$T/v2.txt" || fail "no $want in the scrape"
done
cat "$T/tel.out"
python3 - "$T/tel.out" <<'PY' || exit 1
import json, sys
r = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def die(m):
    sys.exit("FAIL: /pktpipe/ports: " + m)
if len(r) != 3:
    die(f"{len(r)} replies")
allp, one, bad = (list(x.values())[0] for x in r)
if set(allp) != {"in", "out"}:
    die(f"ports {list(allp)}")
for k in ("ipackets", "opackets", "ibytes", "obytes", "imissed", "ierrors",
          "oerrors", "rx_nombuf", "xstats"):
    if k not in allp["in"]:
        die(f"no {k}")
if allp["in"]["ipackets"] == 0 or allp["in"]["xstats"]["rx_q0_packets"] == 0:
    die("no packets on port in")
if "rx_missed_errors" not in allp["in"]["xstats"]:
    die("no xstat rx_missed_errors")
if set(one) != {"out"} or one["out"]["opackets"] == 0:
    die(f"/pktpipe/ports,out: {one}")
if "no port named 'nope'" not in bad.get("error", ""):
    die(f"unknown port: {bad}")
print(f"/pktpipe/ports: in ipackets {allp['in']['ipackets']} imissed "
      f"{allp['in']['imissed']}, {len(allp['in']['xstats'])} xstats")
PY
echo "PASS: metrics endpoint (strict format, localhost by default, errors) and /pktpipe/ports"
