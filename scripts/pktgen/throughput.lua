-- SPDX-License-Identifier: BSD-3-Clause
-- pktpipe throughput, RFC 2544 style (section 26.1): the highest rate, in %
-- of line rate, at which pktpipe forwards every frame of a trial. A binary
-- search over trials of TRIAL_MS each: pktgen port TX_PORT sends (cabled to
-- pktpipe port 0), port RX_PORT counts what comes back (from pktpipe port 1).
--
--   pktgen -l 2-4 --file-prefix pg ... -- -P -m "[3].0,[4].1" \
--       -f scripts/pktgen/throughput.lua
--
-- README, "Load testing with pktgen-dpdk". Written for pktgen 23.03/23.06
-- (Lua API: pktgen.set/start/stop/delay/portStats/linkState).

------------------------------------------------------------------ parameters
local TX_PORT     = "0"     -- pktgen port cabled to pktpipe port 0
local RX_PORT     = "1"     -- pktgen port cabled to pktpipe port 1
local PKT_SIZE    = 64      -- frame size in bytes, FCS included (64..1518)
local TRIAL_MS    = 10000   -- length of one trial (RFC 2544: at least 60 s for a report)
local SETTLE_MS   = 2000    -- after a trial: packets in flight land, counters update
local RESOLUTION  = 0.5     -- stop when the pass/fail interval is this narrow (% of line rate)
local MAX_LOSS    = 0       -- frames a trial may lose and still pass (RFC 2544: 0)
local RATE_MAX    = 100     -- first trial, and the upper end of the search (%)
local MAX_TRIALS  = 20      -- give up after this many trials
local SRC_IP      = "198.18.0.1/24"  -- RFC 2544 benchmarking range (198.18.0.0/15)
local DST_IP      = "198.19.0.1"
local DST_MAC     = nil     -- e.g. "3c:fd:fe:00:00:01" (pktpipe port 0); nil = pktgen's
                            -- default (pktpipe ports are promiscuous by default)
local QUIT_AT_END = false   -- quit pktgen when done (for unattended runs)
-----------------------------------------------------------------------------

local function printf(fmt, ...)
	print(string.format(fmt, ...))
end

-- Cumulative counters of a port (pktgen updates them about once a second).
local function counters(port)
	local s = pktgen.portStats(port, "port")[tonumber(port)]
	return s.opackets, s.ipackets
end

-- Line rate of a port in Mbit/s from pktgen's link string ("<UP-10000-FD>"),
-- nil when it does not say.
local function link_mbps(port)
	local ls = pktgen.linkState(port)
	local v = ls and ls[tonumber(port)]
	local n = v and tonumber(string.match(tostring(v), "(%d+)"))
	if n == nil or n == 0 then
		return nil
	end
	return n
end

-- Frames per second at PCT % of line rate (pktgen counts 20 bytes of
-- preamble and inter-frame gap on the wire).
local function pps_at(pct, mbps)
	return mbps * 1e6 * pct / 100 / ((PKT_SIZE + 20) * 8)
end

local function setup()
	pktgen.screen("off")
	pktgen.stop("all")
	pktgen.set(TX_PORT, "size", PKT_SIZE)
	pktgen.set(TX_PORT, "count", 0)          -- until stopped
	pktgen.set_type(TX_PORT, "ipv4")
	pktgen.set_proto(TX_PORT, "udp")
	pktgen.set_ipaddr(TX_PORT, "src", SRC_IP)
	pktgen.set_ipaddr(TX_PORT, "dst", DST_IP)
	if DST_MAC ~= nil then
		pktgen.set_mac(TX_PORT, "dst", DST_MAC)
	end
	pktgen.delay(SETTLE_MS)
end

-- One trial at RATE %: returns frames sent on TX_PORT and received on RX_PORT.
local function trial(rate)
	local tx0 = counters(TX_PORT)
	local _, rx0 = counters(RX_PORT)
	pktgen.set(TX_PORT, "rate", rate)
	pktgen.start(TX_PORT)
	pktgen.delay(TRIAL_MS)
	pktgen.stop(TX_PORT)
	pktgen.delay(SETTLE_MS)
	local tx1 = counters(TX_PORT)
	local _, rx1 = counters(RX_PORT)
	return tx1 - tx0, rx1 - rx0
end

local function main()
	setup()
	local mbps = link_mbps(TX_PORT)
	printf("throughput: %d-byte frames, trials of %.1f s, resolution %.2f %%, "
		.. "max loss %d, line rate %s", PKT_SIZE, TRIAL_MS / 1000, RESOLUTION,
		MAX_LOSS, mbps and string.format("%d Mbit/s", mbps) or "unknown")
	printf("%5s %8s %14s %14s %12s %10s %s", "trial", "rate_%", "sent",
		"received", "lost", "Mpps", "verdict")

	local pass, fail = nil, nil   -- highest passing, lowest failing rate
	local rate = RATE_MAX
	for n = 1, MAX_TRIALS do
		local sent, recv = trial(rate)
		local lost = sent - recv
		local ok = sent > 0 and lost <= MAX_LOSS
		printf("%5d %8.3f %14d %14d %12d %10.3f %s", n, rate, sent, recv,
			lost, recv / (TRIAL_MS / 1000) / 1e6, ok and "pass" or "FAIL")
		if lost < 0 then
			printf("  note: more received than sent: something else sends to port %s", RX_PORT)
		end
		if mbps ~= nil and sent < 0.98 * pps_at(rate, mbps) * TRIAL_MS / 1000 then
			printf("  note: pktgen sent %.1f %% of the frames asked for: the generator "
				.. "(cores, -m mapping) limits this trial, not pktpipe",
				100 * sent / (pps_at(rate, mbps) * TRIAL_MS / 1000))
		end
		if ok then pass = rate else fail = rate end
		if pass == RATE_MAX then break end
		local lo, hi = pass or 0, fail or RATE_MAX
		if hi - lo <= RESOLUTION then break end
		rate = (lo + hi) / 2
	end

	if pass == nil then
		printf("RESULT: no rate passed (lowest tried %.3f %%): check cabling, "
			.. "pktpipe's drops and its stats line", rate)
	else
		local pps = mbps and pps_at(pass, mbps)
		printf("RESULT: throughput %.3f %% of line rate%s at %d bytes, zero loss "
			.. "(max loss %d) over %.1f s trials", pass,
			pps and string.format(" = %.3f Mpps", pps / 1e6) or "", PKT_SIZE,
			MAX_LOSS, TRIAL_MS / 1000)
	end
	if QUIT_AT_END then
		pktgen.quit()
	end
end

main()
