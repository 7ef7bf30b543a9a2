-- SPDX-License-Identifier: BSD-3-Clause
-- pktpipe policing check: offer OFFER_FACTOR x the policed rate on pktgen
-- port TX_PORT (cabled to pktpipe port 0) and measure what pktpipe lets
-- through, received on port RX_PORT (from pktpipe port 1). It must be the
-- configured rate within TOLERANCE. pktpipe side: configs/pktgen-police.ini
-- ([tenant.pktgen] rate = 100M over every packet); keep POLICE_BPS equal.
--
--   pktgen -l 2-4 --file-prefix pg ... -- -P -m "[3].0,[4].1" \
--       -f scripts/pktgen/police.lua
--
-- Rates are L2 bit/s without FCS, as pktpipe meters them, computed from
-- packet counts x (PKT_SIZE - 4) bytes, whatever a driver puts in ibytes.
-- Written for pktgen 23.03/23.06.

------------------------------------------------------------------ parameters
local TX_PORT      = "0"
local RX_PORT      = "1"
local POLICE_BPS   = 100e6   -- configs/pktgen-police.ini [tenant.pktgen] rate
local OFFER_FACTOR = 2       -- offer this many times POLICE_BPS
local TOLERANCE    = 0.02    -- pass: |received - POLICE_BPS| <= TOLERANCE x POLICE_BPS
local PKT_SIZE     = 512     -- frame size in bytes, FCS included
local WARMUP_MS    = 3000    -- let the aggregate's burst drain before measuring
local MEASURE_MS   = 10000   -- measuring window
local POLL_MS      = 10      -- counter polling step (finds pktgen's stats updates)
local LINK_MBPS    = nil     -- line rate in Mbit/s; nil = what pktgen reports
local SRC_IP       = "198.18.0.1/24"
local DST_IP       = "198.19.0.1"
local QUIT_AT_END  = false
-----------------------------------------------------------------------------

local function printf(fmt, ...)
	print(string.format(fmt, ...))
end

local function counters()
	local tx = pktgen.portStats(TX_PORT, "port")[tonumber(TX_PORT)]
	local rx = pktgen.portStats(RX_PORT, "port")[tonumber(RX_PORT)]
	return tx.opackets, rx.ipackets
end

-- Wait until pktgen publishes new counters (it refreshes them periodically),
-- so that both ends of the window are fresh; returns them and the ms waited.
local function fresh()
	local tx0, rx0 = counters()
	local waited = 0
	while waited < 3000 do
		pktgen.delay(POLL_MS)
		waited = waited + POLL_MS
		local tx, rx = counters()
		if tx ~= tx0 and rx ~= rx0 then
			return tx, rx, waited
		end
	end
	local tx, rx = counters()
	return tx, rx, waited
end

local function link_mbps()
	if LINK_MBPS ~= nil then
		return LINK_MBPS
	end
	local ls = pktgen.linkState(TX_PORT)
	local v = ls and ls[tonumber(TX_PORT)]
	return v and tonumber(string.match(tostring(v), "(%d+)"))
end

local function l2_bps(pkts, ms)
	return pkts * (PKT_SIZE - 4) * 8 / (ms / 1000)
end

local function main()
	local mbps = link_mbps()
	if mbps == nil or mbps == 0 then
		printf("RESULT: pktgen reports no link speed for port %s: set LINK_MBPS", TX_PORT)
		return
	end
	local offer_bps = OFFER_FACTOR * POLICE_BPS
	-- pktgen's rate is a % of line rate counting the whole frame on the
	-- wire: + 4 bytes FCS + 20 bytes preamble and inter-frame gap
	local pct = offer_bps / ((PKT_SIZE - 4) * 8) * ((PKT_SIZE + 20) * 8)
		/ (mbps * 1e6) * 100
	if pct > 100 then
		printf("RESULT: %.0f Mbit/s is more than the %d Mbit/s line", offer_bps / 1e6, mbps)
		return
	end

	pktgen.screen("off")
	pktgen.stop("all")
	pktgen.set(TX_PORT, "size", PKT_SIZE)
	pktgen.set(TX_PORT, "count", 0)
	pktgen.set(TX_PORT, "rate", pct)
	pktgen.set_type(TX_PORT, "ipv4")
	pktgen.set_proto(TX_PORT, "udp")
	pktgen.set_ipaddr(TX_PORT, "src", SRC_IP)
	pktgen.set_ipaddr(TX_PORT, "dst", DST_IP)
	printf("police: offering %.1f Mbit/s (%.3f %% of %d Mbit/s) in %d-byte frames, "
		.. "policed at %.1f Mbit/s", offer_bps / 1e6, pct, mbps, PKT_SIZE, POLICE_BPS / 1e6)

	pktgen.start(TX_PORT)
	pktgen.delay(WARMUP_MS)
	local tx0, rx0 = fresh()
	pktgen.delay(MEASURE_MS)
	local tx1, rx1, waited = fresh()
	local ms = MEASURE_MS + waited
	pktgen.stop(TX_PORT)

	local offered = l2_bps(tx1 - tx0, ms)
	local passed = l2_bps(rx1 - rx0, ms)
	local dev = (passed - POLICE_BPS) / POLICE_BPS
	printf("offered %.2f Mbit/s, transmitted by pktpipe %.2f Mbit/s, configured %.2f "
		.. "Mbit/s: %+.2f %% (over %.1f s)", offered / 1e6, passed / 1e6,
		POLICE_BPS / 1e6, dev * 100, ms / 1000)
	if offered < 0.95 * offer_bps then
		printf("RESULT: INCONCLUSIVE: pktgen offered only %.2f Mbit/s of %.2f",
			offered / 1e6, offer_bps / 1e6)
	elseif math.abs(dev) <= TOLERANCE then
		printf("RESULT: PASS: within %.1f %% of the configured rate", TOLERANCE * 100)
	else
		printf("RESULT: FAIL: more than %.1f %% off the configured rate", TOLERANCE * 100)
	end
	if QUIT_AT_END then
		pktgen.quit()
	end
end

main()
