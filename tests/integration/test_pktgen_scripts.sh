#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The pktgen-dpdk scripts in scripts/pktgen/ (issue 6), without pktgen (it
# has no Debian package; it is not built here):
#  - every .lua compiles (luac -p of Debian's lua5.3 or lua5.4), uses no
#    global but pktgen and Lua's own, and calls only pktgen.* functions of
#    pktgen 23.x's Lua API, with pktgen.set()/latency() options it knows;
#  - every line of every .pkt file is a pktgen 23.x command (grammar below);
#  - the Lua scripts run against a model of pktgen and a DUT (virtual time):
#    the throughput search finds the DUT's capacity, the policing check
#    passes at the policed rate and fails off it, the latency run reports.
#  - self-checks: bad .pkt lines and a misspelt pktgen.* call are refused.
# Not an EAL test: pktpipe is not started.
set -euo pipefail
PP_SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DIR="$PP_SRC/scripts/pktgen"
T=$(mktemp -d /tmp/pp-pktgen.XXXXXX)
trap 'rm -rf "$T"' EXIT
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

LUAC=""
for c in luac5.4 luac5.3 luac; do
	command -v "$c" >/dev/null && { LUAC=$c; break; }
done
[ -n "$LUAC" ] || fail "no luac (Debian: lua5.3 or lua5.4; scripts/install-deps.sh installs it)"
LUA=""
for c in lua5.4 lua5.3 lua; do
	command -v "$c" >/dev/null && { LUA=$c; break; }
done
echo "using $LUAC${LUA:+ and $LUA}"

shopt -s nullglob
luas=("$DIR"/*.lua)
pkts=("$DIR"/*.pkt)
[ ${#luas[@]} -ge 3 ] || fail "expected the Lua scripts in $DIR"
[ ${#pkts[@]} -ge 2 ] || fail "expected the .pkt files in $DIR"

# ---------------------------------------------------------------- checker
# The grammar of pktgen 23.x commands, transcribed from pktgen-dpdk's
# app/cli-functions.c (23.03/23.06: the cli_map tables set_map, range_map,
# enable_map, start_map, misc_map, page_map, latency_map, seq_map, pcap_map
# and the aliases in default_tree) and lib/cli's built-in commands (delay,
# sleep, quit); the help text of the same tables is pktgen's "help" output
# and docs/source/commands.rst. The Lua names are the luaL_Reg tables of
# app/lpktgenlib.c (pktgenlib, pktgenlib_range), as in docs/source/lua.rst.
# Tokens: %P portlist (all, 0, 0-3,5), %d integer, %4 IPv4 (/len allowed),
# %6 IPv6, %m MAC, %h hex, %b 0..255, %s one word, %l the rest of the line,
# a|b|c one of the words. Not every command pktgen has is listed (theme,
# dbg, plugin, rate pacing): a script that needs one adds it here.
cat >"$T/check.py" <<'PY'
import re, sys

SMMI = "start|min|max|inc|minimum|maximum|increment"
SET_TYPES = ("count|size|rate|burst|tx_cycles|sport|dport|prime|dump|vlan|"
             "vlanid|seq_cnt|seqCnt|seqcnt|ttl|txburst|rxburst")
ED_TYPES = ("process|mpls|qinq|gre|gre_eth|vlan|random|latency|pcap|blink|"
            "rx_tap|tx_tap|icmp|range|capture|bonding|vxlan|rate|lat")
TCPF = "urg|ack|psh|rst|syn|fin|all"
GRAMMAR = [
    # set_map
    "set %P " + SET_TYPES + " %d",
    "set %P jitter %d",
    "set %P type arp|ipv4|ipv6|ip4|ip6|vlan",
    "set %P proto udp|tcp|icmp",
    "set %P src|dst mac %m",
    "set %P pattern abc|none|user|zero",
    "set %P user pattern %s",
    "set %P src|dst ip %4",
    "set %P src|dst ip %6",
    "set %P tcp flag set|clr " + TCPF,
    "set %P tcp seq|ack %d",
    "set ports_per_page %d",
    "set %P qinqids %d %d",
    "set %P rnd %d %d %s",
    "set %P cos|tos %d",
    "set %P vxlan %h %d %d",
    "set %P latsampler simple|poisson %d %d %s",
    # range_map
    "range %P src|dst mac " + SMMI + " %m",
    "range %P src|dst mac %m %m %m %m",
    "range %P src|dst ip " + SMMI + " %4",
    "range %P src|dst ip %4 %4 %4 %4",
    "range %P src|dst ip " + SMMI + " %6",
    "range %P src|dst ip %6 %6 %6 %6",
    "range %P proto tcp|udp",
    "range %P type ipv4|ipv6",
    "range %P tcp flag set|clr " + TCPF,
    "range %P tcp seq|ack " + SMMI + " %d",
    "range %P tcp seq|ack %d %d %d %d",
    "range %P src|dst port " + SMMI + " %d",
    "range %P src|dst port %d %d %d %d",
    "range %P ttl|hop_limits " + SMMI + " %b",
    "range %P ttl %b %b %b %b",
    "range %P vlan|size|gtpu|cos|tos|traffic_class " + SMMI + " %d",
    "range %P vlan|size|gtpu|cos|tos|traffic_class|hop_limits %d %d %d %d",
    "range %P mpls entry %h",
    "range %P qinq index %d %d",
    "range %P gre key %d",
    "range %P gre_key %d",
    # enable_map
    "enable|disable %P " + ED_TYPES,
    "enable|disable screen|mac_from_arp|clock_gettime",
    # start_map
    "start|stop %P",
    "start %P prime",
    "start %P arp request|gratuitous|req|grat",
    "start|stop %P latsampler",
    # latency_map
    "latency %P rate|entropy %d",
    # misc_map
    "clear %P stats",
    "geometry", "redisplay",
    "load|save %s",
    "script|lua %l",
    "reset|restart|ping4 %P",
    "port %d",
    "ports per page %d",
    # page_map
    "page %d",
    "page main|range|config|cfg|pcap|cpu|next|sequence|seq|rnd|log|latency|"
    "lat|stats|xstats|rate|rate-pacing",
    # seq_map
    "seq|sequence %d %P %m %m %4 %4 %d %d ipv4|ipv6 udp|tcp|icmp %d %d",
    "seq|sequence %d %P %m %m %4 %4 %d %d ipv4|ipv6 udp|tcp|icmp %d %d %d",
    "seq|sequence %d %P dst %m src %m dst %4 src %4 sport %d dport %d "
    "ipv4|ipv6 udp|tcp|icmp vlan %d size %d",
    "seq|sequence %d %P cos %d tos %d",
    # pcap_map
    "pcap %d", "pcap show", "pcap filter %P %s",
    # aliases (default_tree) and lib/cli built-ins
    "str", "stp", "clr", "cls", "rst", "on", "off", "geom",
    "delay %d", "sleep %d", "quit", "help",
]

TOK = {
    "%P": r"all|\d+(-\d+)?(,\d+(-\d+)?)*",
    "%d": r"-?\d+",
    "%4": r"(\d{1,3}\.){3}\d{1,3}(/\d{1,2})?",
    "%6": r"[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(/\d{1,3})?",
    "%m": r"([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}|([0-9A-Fa-f]{4}:){2}[0-9A-Fa-f]{4}",
    "%h": r"(0x)?[0-9A-Fa-f]+",
    "%b": r"\d{1,3}",
    "%s": r"\S+",
}

def tok_ok(pat, word):
    if pat in TOK:
        if not re.fullmatch(TOK[pat], word):
            return False
        if pat == "%4":
            return all(int(o) <= 255 for o in word.split("/")[0].split("."))
        if pat == "%b":
            return int(word) <= 255
        return True
    return word in pat.split("|")

def line_ok(words):
    for g in GRAMMAR:
        pats = g.split()
        if pats[-1] == "%l":
            if len(words) >= len(pats) and all(
                    tok_ok(p, w) for p, w in zip(pats[:-1], words)):
                return True
        elif len(pats) == len(words) and all(
                tok_ok(p, w) for p, w in zip(pats, words)):
            return True
    return False

# The Lua API (app/lpktgenlib.c).
LUA_API = set("""quit set start stop set_mac set_ipaddr mac_from_arp set_proto
set_type ping4 ping6 pcap icmp_echo send_arp seq seqTable screen prime delay
pause sleep load save clear clr cls update reset port_restart portCount
totalPorts vlan vlanid cos tos vxlan vxlan_id mpls qinq gre gre_eth dst_mac
src_mac src_ip dst_ip ip_proto src_port dst_port vlan_id mpls_entry qinqids
gre_key pkt_size set_range ports_per_page page port process capture bonding
garp blink help isSending linkState portSizes pktStats portStats portInfo
compile decompile sendPkt recvPkt run continue input pattern userPattern
latency jitter gtpu_teid rnd rnd_list rxtap txtap range info""".split())
LUA_RANGE = set("""dst_mac src_mac src_ip dst_ip ip_proto src_port dst_port
vlan_id mpls_entry qinqids gre_key pkt_size ttl cos tos""".split())
# pktgen.set(ports, WHAT, value) and pktgen.latency(ports, WHAT[, value])
LUA_SET = set("""count size rate burst cycles sport dport ttl seq_cnt seqCnt
prime dump txburst rxburst""".split())
LUA_LATENCY = set("enable disable on off rate entropy".split())

def check_pkt(path):
    bad = 0
    for n, line in enumerate(open(path), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if not line_ok(s.split()):
            print(f"{path}:{n}: not a pktgen 23.x command: {s}")
            bad += 1
    return bad

def check_lua(path):
    bad = 0
    for n, line in enumerate(open(path), 1):
        code = line.split("--", 1)[0]
        for sub, name in re.findall(r"\bpktgen\.(range\.|info\.)?(\w+)", code):
            if sub == "info.":
                continue
            ok = name in (LUA_RANGE if sub else LUA_API)
            if not ok:
                print(f"{path}:{n}: pktgen.{sub}{name} is not in pktgen's Lua API")
                bad += 1
        for fn, what in re.findall(r"\bpktgen\.(set|latency)\(\s*[^,]+,\s*\"(\w+)\"", code):
            if what not in (LUA_SET if fn == "set" else LUA_LATENCY):
                print(f"{path}:{n}: pktgen.{fn}(..., \"{what}\") is not an option pktgen knows")
                bad += 1
    return bad

bad = 0
for p in sys.argv[1:]:
    bad += check_pkt(p) if p.endswith(".pkt") else check_lua(p)
sys.exit(1 if bad else 0)
PY
check() { python3 "$T/check.py" "$@"; }

# Globals a script may read; it may set none (everything local). Prints
# what is wrong; fails if anything is.
allowed=" pktgen print string math tostring tonumber type pairs ipairs error os table select "
globals_ok() {
	local op name rc=0
	while read -r op name; do
		if [ "$op" = SETTABUP ]; then
			echo "$(basename "$1"): assigns the global '$name' (make it local)"
			rc=1
		fi
		case "$allowed" in
		*" $name "*) ;;
		*) echo "$(basename "$1"): reads the global '$name' (a typo, or a missing local?)"; rc=1 ;;
		esac
	done < <("$LUAC" -l -l -p "$1" | sed -n 's/.*\(GETTABUP\|SETTABUP\).*_ENV "\([^"]*\)".*/\1 \2/p' | sort -u)
	return $rc
}

# ---------------------------------------------------------------- self-checks
cat >"$T/bad.pkt" <<'EOF'
set 0 size 64
EOF
check "$T/bad.pkt" || fail "checker refuses a good line"
for l in "set 0 sise 64" "sett 0 size 64" "set 0 size" "range 0 src ip strat 10.0.0.1" \
	"range 0 src ip start 10.0.0.300" "enable 0 latncy" "start" "page foo" \
	"set 0 dst mac 02:00:00:00:00" "set x size 64" "delay"; do
	echo "$l" >"$T/bad.pkt"
	if check "$T/bad.pkt" >/dev/null; then
		fail "checker accepts a bad .pkt line: '$l'"
	fi
done
printf 'pktgen.strat("0")\n' >"$T/bad.lua"
check "$T/bad.lua" >/dev/null && fail "checker accepts pktgen.strat()"
printf 'pktgen.set("0", "sise", 64)\n' >"$T/bad.lua"
check "$T/bad.lua" >/dev/null && fail "checker accepts pktgen.set(..., \"sise\")"
printf 'pktgen.range.src_ipp("0", "start", "1.2.3.4")\n' >"$T/bad.lua"
check "$T/bad.lua" >/dev/null && fail "checker accepts pktgen.range.src_ipp()"
printf 'local n = 1\npktgn.start("0")\nprint(n)\n' >"$T/bad.lua"
globals_ok "$T/bad.lua" >/dev/null && fail "the global check accepts pktgn.start()"
printf 'count = 1\nprint(count)\n' >"$T/bad.lua"
globals_ok "$T/bad.lua" >/dev/null && fail "the global check accepts a global assignment"
printf 'local x = 1 +\n' >"$T/bad.lua"
"$LUAC" -p "$T/bad.lua" 2>/dev/null && fail "$LUAC -p accepts a syntax error"
echo "ok: the checkers refuse bad lines"

# ---------------------------------------------------------------- the files
for f in "${pkts[@]}"; do
	check "$f" || fail "$(basename "$f"): see above"
	echo "ok: $(basename "$f"): $(grep -cv '^\s*\(#\|$\)' "$f") pktgen commands"
done

for f in "${luas[@]}"; do
	"$LUAC" -p "$f" || fail "$(basename "$f"): $LUAC -p"
	check "$f" || fail "$(basename "$f"): see above"
	globals_ok "$f" || fail "$(basename "$f"): see above"
	echo "ok: $(basename "$f"): compiles, known globals and pktgen API"
done

# ---------------------------------------------------------------- model runs
if [ -z "$LUA" ]; then
	echo "skip: no Lua interpreter for the model runs"
	echo "PASS"
	exit 0
fi
# A model of pktgen 23.x's Lua API as the scripts use it (counters refreshed
# once a second, as pktgen's do) and of a DUT that forwards up to CAP_PCT % of
# line rate and polices to POLICE_BPS (L2 bit/s without FCS).
cat >"$T/model.lua" <<'LUA'
local LINK = 10000                     -- Mbit/s
local CAP_PCT = tonumber(os.getenv("CAP_PCT") or "100")
local POLICE = tonumber(os.getenv("POLICE_BPS") or "0")
local now, running, rate, size = 0, false, 0, 64
local lat_on = {}
local live = { tx = 0, rx = 0 }
local shown = { tx = 0, rx = 0 }
local function pps(pct) return LINK * 1e6 * pct / 100 / ((size + 20) * 8) end
local function advance(ms)
	for _ = 1, ms do
		if running then
			local p = pps(rate)
			local out = math.min(p, pps(CAP_PCT))
			if POLICE > 0 then out = math.min(out, POLICE / ((size - 4) * 8)) end
			live.tx = live.tx + p / 1000
			live.rx = live.rx + out / 1000
		end
		now = now + 1
		if now % 1000 == 0 then
			shown.tx, shown.rx = math.floor(live.tx), math.floor(live.rx)
		end
	end
end
local function nop() end
local strict = {}
pktgen = setmetatable({
	screen = nop, set_type = nop, set_proto = nop, set_ipaddr = nop,
	set_mac = nop, clr = nop, quit = nop,
	stop = function() running = false end,
	start = function() running = true end,
	set = function(_, what, v)
		if what == "rate" then rate = tonumber(v)
		elseif what == "size" then size = v end
	end,
	delay = function(ms) advance(ms) end,
	sleep = function(s) advance(s * 1000) end,
	latency = function(p, what) lat_on[p] = (what == "enable") end,
	linkState = function(p) return { [tonumber(p)] = "<UP-" .. LINK .. "-FD>" } end,
	portStats = function(p, kind)
		assert(kind == "port")
		local n = tonumber(p)
		return { [n] = { opackets = n == 0 and shown.tx or 0,
		                 ipackets = n == 1 and shown.rx or 0 }, n = 1 }
	end,
	pktStats = function(p)
		local n = tonumber(p)
		local probes = (lat_on["0"] and lat_on["1"]) and math.floor(now / 1000) or 0
		return { [n] = { latency = { num_pkts = probes, min_us = 4.5,
		                 avg_us = 7.25, max_us = 31.0 } }, n = 1 }
	end,
}, { __index = function(_, k) error("model has no pktgen." .. k) end })
dofile(arg[1])
LUA
run_model() {
	local out=$1
	shift
	env "$@" "$LUA" "$T/model.lua" "$out" >"$T/out" 2>&1 || { cat "$T/out"; fail "$(basename "$out") under the model"; }
	cat "$T/out"
}
run_model "$DIR/throughput.lua" CAP_PCT=37.3
r=$(sed -n 's/^RESULT: throughput \([0-9.]*\) %.*/\1/p' "$T/out")
[ -n "$r" ] || fail "throughput.lua printed no result"
awk -v r="$r" 'BEGIN { exit !(r <= 37.3 && r >= 37.3 - 0.5) }' ||
	fail "throughput.lua found $r %, the model's capacity is 37.3 %"
run_model "$DIR/throughput.lua" CAP_PCT=100
grep -q "^RESULT: throughput 100.000 %" "$T/out" || fail "throughput.lua: 100 % should pass at once"

run_model "$DIR/police.lua" POLICE_BPS=100e6
grep -q "^RESULT: PASS" "$T/out" || fail "police.lua should pass at the policed rate"
run_model "$DIR/police.lua" POLICE_BPS=95e6
grep -q "^RESULT: FAIL" "$T/out" || fail "police.lua should fail 5 % off the rate"

run_model "$DIR/latency.lua"
grep -q "^RESULT: latency over [1-9][0-9]* probes: min 4.50 us, avg 7.25 us, max 31.00 us" "$T/out" ||
	fail "latency.lua did not report the probes' figures"
echo "ok: the Lua scripts behave under a model of pktgen and a DUT"
echo "PASS"
