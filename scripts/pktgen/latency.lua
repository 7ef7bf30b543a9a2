-- SPDX-License-Identifier: BSD-3-Clause
-- pktpipe latency with pktgen's latency probes: pktgen port TX_PORT sends a
-- fixed rate (cabled to pktpipe port 0) with a timestamped probe every
-- PROBE_US microseconds among the frames; port RX_PORT (from pktpipe port 1)
-- reads the timestamps back. The timestamp sits in the payload: pktpipe
-- rewrites only the MAC addresses, so the probes come back intact.
--
--   pktgen -l 2-4 --file-prefix pg ... -- -P -m "[3].0,[4].1" \
--       -f scripts/pktgen/latency.lua
--
-- Written for pktgen 23.03/23.06 (pktgen.latency(), pktStats()[port].latency).

------------------------------------------------------------------ parameters
local TX_PORT     = "0"     -- pktgen port cabled to pktpipe port 0
local RX_PORT     = "1"     -- pktgen port cabled to pktpipe port 1
local PKT_SIZE    = 64      -- frame size in bytes, FCS included
local RATE_PCT    = 10      -- offered load, % of line rate (well below throughput.lua's result)
local PROBE_US    = 1000    -- one latency probe every PROBE_US microseconds
local DURATION_S  = 30      -- measuring time
local REPORT_S    = 5       -- a line every REPORT_S seconds
local SRC_IP      = "198.18.0.1/24"
local DST_IP      = "198.19.0.1"
local QUIT_AT_END = false
-----------------------------------------------------------------------------

local function printf(fmt, ...)
	print(string.format(fmt, ...))
end

-- pktgen's latency figures of the receiving port (a table, or nil).
local function latency_stats()
	local s = pktgen.pktStats(RX_PORT)[tonumber(RX_PORT)]
	return s and s.latency
end

local function num(v)
	return tonumber(v) or 0
end

local function main()
	pktgen.screen("off")
	pktgen.stop("all")
	pktgen.set(TX_PORT, "size", PKT_SIZE)
	pktgen.set(TX_PORT, "count", 0)
	pktgen.set(TX_PORT, "rate", RATE_PCT)
	pktgen.set_type(TX_PORT, "ipv4")
	pktgen.set_proto(TX_PORT, "udp")
	pktgen.set_ipaddr(TX_PORT, "src", SRC_IP)
	pktgen.set_ipaddr(TX_PORT, "dst", DST_IP)
	pktgen.latency(TX_PORT, "rate", PROBE_US)
	-- the sender inserts probes, the receiver checks them: both enabled
	pktgen.latency(TX_PORT, "enable")
	pktgen.latency(RX_PORT, "enable")
	pktgen.clr()
	pktgen.delay(1000)

	printf("latency: %d-byte frames at %.2f %% of line rate, a probe every %d us, %d s",
		PKT_SIZE, RATE_PCT, PROBE_US, DURATION_S)
	printf("%6s %10s %10s %10s %10s", "time_s", "probes", "min_us", "avg_us", "max_us")
	pktgen.start(TX_PORT)
	local t = 0
	while t < DURATION_S do
		local step = math.min(REPORT_S, DURATION_S - t)
		pktgen.sleep(step)
		t = t + step
		local l = latency_stats()
		if l ~= nil then
			printf("%6d %10d %10.2f %10.2f %10.2f", t, num(l.num_pkts),
				num(l.min_us), num(l.avg_us), num(l.max_us))
		end
	end
	pktgen.stop(TX_PORT)
	pktgen.delay(1000)

	local l = latency_stats()
	if l == nil or l.avg_us == nil then
		printf("RESULT: pktgen gave no latency table (pktStats()[%s].latency): "
			.. "this script is written for pktgen 23.x", RX_PORT)
	elseif num(l.num_pkts) == 0 then
		printf("RESULT: no latency probe came back on port %s: check the cabling "
			.. "(pktgen %s -> pktpipe 0, pktpipe 1 -> pktgen %s), pktgen's -P, "
			.. "and that pktpipe forwards port 0 to port 1", RX_PORT, TX_PORT, RX_PORT)
	else
		printf("RESULT: latency over %d probes: min %.2f us, avg %.2f us, max %.2f us",
			num(l.num_pkts), num(l.min_us), num(l.avg_us), num(l.max_us))
	end
	pktgen.latency(TX_PORT, "disable")
	pktgen.latency(RX_PORT, "disable")
	if QUIT_AT_END then
		pktgen.quit()
	end
end

main()
