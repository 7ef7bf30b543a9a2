/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The lcore loop: one function for every role combination. Each pass runs
 * the roles the lcore has, in pipeline order (rx, worker, tx), reads the
 * control snapshot once, and reports one RCU quiescent state. Nothing in a
 * pass allocates, locks, logs or makes a system call, and no mbuf is held
 * from one pass to the next.
 *
 * Measured (scripts/bench.sh, net_null, 64 B, hugepages, 2.6 GHz EPYC VM):
 * io lcore (rx+tx) ~46 busy cycles/packet, worker (parse + MAC rewrite)
 * ~25, end to end 56 Mpps median; testpmd io on one core: 109 Mpps.
 */
#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_ring.h>

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pp_ctl.h"
#include "pp_pipeline_pvt.h"
#include "pp_pkt.h"

/* Packets to prefetch ahead when a stage reads packet data. */
#define PP_PREFETCH_AHEAD 4
/* Bursts a tx lcore may take from one ring in one pass (see pp_tx_step). */
#define PP_TX_DRAIN_BURSTS 4
/* Atomic: a worker takes buckets only below this load, and only from a
 * peer at least PP_LOAD_MARGIN busier (of PP_LOAD_ONE). */
#define PP_LOAD_TAKE_MAX (PP_LOAD_ONE * 8 / 10)
#define PP_LOAD_MARGIN (PP_LOAD_ONE / 10)
/* Bursts an rx lcore may take from one source in one pass (pp_rx_step). */
#define PP_RX_POLL_BURSTS 4
/* Policing: flow-table entries an rx lcore looks at for aging per pass. */
#define PP_AGE_SCAN 8

const char *const pp_fault_names[PP_FAULT_MAX] = {
#define PP_FAULT_NAME(sym, text) [PP_FAULT_ ## sym] = text,
	PP_FAULTS(PP_FAULT_NAME)
#undef PP_FAULT_NAME
};

static inline void
pp_drop(struct pp_lcore_ctx *c, enum pp_drop why, struct rte_mbuf **pkts,
	unsigned int n)
{
	rte_pktmbuf_free_bulk(pkts, n);
	pp_stats_add(&c->stats.drops[why], n);
}

/* Report a fault, like a member of an error group: counted always; under
 * on_fault = fail-fast the first one also names itself to the main loop,
 * which cancels the root context (drain) and exits 1. The caller has
 * dropped (as `fault`) whatever the fault cost. */
static void
pp_fault(struct pp_lcore_ctx *c, enum pp_fault why)
{
	uint64_t none = UINT64_MAX;

	pp_stats_add(&c->stats.faults, 1);
	if (c->snap->cfg->on_fault != PP_CFG_FAULT_FAIL_FAST)
		return;
	/* lcore and cause in one word: a reader sees both or neither */
	__atomic_compare_exchange_n(&c->pl->fault, &none,
				    (uint64_t)why << 32 | c->lcore_id, false,
				    __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

/* Ordered: post on the drop board that packet m's number will never
 * come, so its RX queue's window skips it at once. Reads m's metadata:
 * only for packets dropped after RX numbered them. */
static inline void
pp_ro_hole(const struct pp_pipeline *pl, struct rte_mbuf *m)
{
	const struct pp_mbuf_meta *meta = pp_pkt_meta(m);

	__atomic_store_n(&pl->holes[(uint32_t)meta->src * PP_REORDER_WIN +
				    meta->seq % PP_REORDER_WIN], meta->seq,
			 __ATOMIC_RELAXED);
}

/* Drop n packets that leave the pipeline between RX and TX: release their
 * buckets (atomic; read from the metadata RX wrote) or post their numbers
 * (ordered). */
static void
pp_drop_numbered(struct pp_lcore_ctx *c, enum pp_drop why,
		 struct rte_mbuf **pkts, unsigned int n)
{
	unsigned int i;

	for (i = 0; c->atomic && i < n; i++)
		pp_sched_release(c->pl->map, pp_pkt_meta(pkts[i])->bucket, 1);
	for (i = 0; c->ordered && i < n; i++)
		pp_ro_hole(c->pl, pkts[i]);
	pp_drop(c, why, pkts, n);
}

/* Drop the packets of n descriptors a ring refused. */
static void
pp_drop_ring(struct pp_lcore_ctx *c, enum pp_drop why,
	     const struct pp_desc *d, unsigned int n)
{
	struct rte_mbuf *pkts[PP_CFG_MAX_BURST];
	unsigned int i;

	for (i = 0; i < n; i++)
		pkts[i] = d[i].m;
	pp_drop_numbered(c, why, pkts, n);
}

/* Flow hash of one packet: the NIC's RSS hash when it gave one, else a
 * software hash of the flow key. A malformed packet goes to bucket 0 with
 * PP_DESC_MALFORMED in *flags, so the worker drops it without parsing. */
static inline uint32_t
pp_rx_hash(struct rte_mbuf *m, uint8_t *flags)
{
	struct pp_pkt_info info;

	if (m->ol_flags & RTE_MBUF_F_RX_RSS_HASH)
		return m->hash.rss;
	if (unlikely(pp_pkt_parse(rte_pktmbuf_mtod(m, const void *),
				  m->data_len, &info) == PP_PKT_MALFORMED)) {
		*flags = PP_DESC_MALFORMED;
		return 0;
	}
	return pp_pkt_key_hash(&info.key);
}

/* Stamp the metadata that travels with m. `at` is when it arrived: now
 * for a port, when it was due for the generator. */
static inline void
pp_rx_stamp(struct rte_mbuf *m, struct pp_src *src, uint64_t at,
	    uint32_t bucket, const uint32_t *khash)
{
	struct pp_mbuf_meta *meta = pp_pkt_meta(m);

	meta->rx_tsc = at;
	meta->seq = src->seq++;
	meta->bucket = (uint16_t)bucket;
	meta->src = src->gid;
	if (khash != NULL) {
		meta->flags = PP_META_FHASH;
		meta->fhash = *khash;
	} else {
		meta->flags = 0;
	}
}

/* Whether cancelled flows hold one with hash h and this key; key NULL:
 * parse m for it, only if the hash is among them. */
static bool
pp_cancel_flow_hit(const struct pp_cancel *cs, uint32_t h,
		   const struct pp_flow_key *key, struct rte_mbuf *m)
{
	struct pp_pkt_info info;
	uint32_t lo = 0, hi = cs->n_flows, mid;

	while (lo < hi) {	/* first entry with hash >= h */
		mid = (lo + hi) / 2;
		if (cs->flows[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cs->n_flows && cs->flows[lo].hash == h; lo++) {
		if (key == NULL) {
			if (pp_pkt_parse(rte_pktmbuf_mtod(m, const void *),
					 m->data_len, &info) == PP_PKT_MALFORMED)
				return false;
			key = &info.key;
		}
		if (memcmp(&cs->flows[lo].key, key, sizeof(*key)) == 0)
			return true;
	}
	return false;
}

/* Whether m is cancelled: its tenant or class (when policing classified
 * it), or its flow. key/h: its flow key and pp_pkt_key_hash() when the
 * caller parsed it, else NULL (then the hash RX left in the metadata is
 * used, or m is parsed). */
static inline bool
pp_cancelled(const struct pp_cancel *cs, bool classified, struct rte_mbuf *m,
	     const struct pp_flow_key *key, const uint32_t *hp)
{
	const struct pp_mbuf_meta *meta = pp_pkt_meta(m);
	struct pp_pkt_info info;
	uint32_t h;

	if (classified && (((cs->tenants >> meta->tenant) |
			    (cs->classes >> meta->cls)) & 1))
		return true;
	if (cs->n_flows == 0)
		return false;
	if (hp != NULL) {
		h = *hp;
	} else if (meta->flags & PP_META_FHASH) {
		h = meta->fhash;
	} else {
		if (key == NULL) {
			if (pp_pkt_parse(rte_pktmbuf_mtod(m, const void *),
					 m->data_len, &info) ==
			    PP_PKT_MALFORMED)
				return false;
			key = &info.key;
		}
		h = pp_pkt_key_hash(key);
	}
	return pp_cancel_flow_hit(cs, h, key, m);
}

/* The latency budget of a packet: its class's, else the pipeline's; 0 =
 * none. */
static inline uint64_t
pp_budget(const struct pp_ctl_snap *snap, const struct pp_mbuf_meta *meta)
{
	const struct pp_police_params *prm = snap->police;

	if (prm != NULL && prm->any_deadline &&
	    prm->classes[meta->cls].deadline_tsc != 0)
		return prm->classes[meta->cls].deadline_tsc;
	return snap->deadline_tsc;
}

/* Whether per-packet control checks (deadline, cancel) are on. */
static inline bool
pp_checks_on(const struct pp_ctl_snap *snap)
{
	return snap->cancel != NULL || snap->deadline_tsc != 0 ||
		(snap->police != NULL && snap->police->any_deadline);
}

/* RX's parse path, taken when policing is on or flows are cancelled:
 * parse the burst (flow key and hash), police it (pp_police_rt.c), drop
 * what is cancelled. What it drops is gone before it is numbered, so an
 * ordered queue never waits for it. Returns the packets kept, compacted
 * in pkts[], at[] (if not NULL) and khash[] (flow-key hash), with the
 * hash to route by in hash[] (the NIC's RSS hash when it gave one) and
 * PP_DESC_MALFORMED in flags[] where it applies. */
static uint16_t
pp_rx_parse(struct pp_lcore_ctx *c, const struct pp_ctl_snap *snap,
	    struct rte_mbuf **pkts, uint64_t *at, uint16_t n, uint64_t now,
	    uint32_t *khash, uint32_t *hash, uint8_t *flags, uint64_t *bytes)
{
	const struct pp_cancel *cs = snap->cancel;
	struct pp_pkt_info info[PP_CFG_MAX_BURST];
	struct rte_mbuf *drop[PP_CFG_MAX_BURST];
	uint16_t i, k, nd = 0;

	for (i = 0; i < n && i < PP_PREFETCH_AHEAD; i++)
		rte_prefetch0(rte_pktmbuf_mtod(pkts[i], void *));
	for (i = 0; i < n; i++) {
		if (i + PP_PREFETCH_AHEAD < n)
			rte_prefetch0(rte_pktmbuf_mtod(
				pkts[i + PP_PREFETCH_AHEAD], void *));
		*bytes += pkts[i]->pkt_len;
		khash[i] = pp_pkt_parse(rte_pktmbuf_mtod(pkts[i], const void *),
					pkts[i]->data_len, &info[i]) ==
			PP_PKT_MALFORMED ? 0 : pp_pkt_key_hash(&info[i].key);
	}
	if (snap->police != NULL)
		n = pp_police_burst(c, snap->police, pkts, at, info, khash, n,
				    now);
	for (i = 0, k = 0; i < n; i++) {
		bool bad = info[i].status == PP_PKT_MALFORMED;

		if (cs != NULL && !bad &&
		    pp_cancelled(cs, snap->police != NULL, pkts[i],
				 &info[i].key, &khash[i])) {
			drop[nd++] = pkts[i];
			continue;
		}
		flags[k] = bad ? PP_DESC_MALFORMED : 0;
		hash[k] = (pkts[i]->ol_flags & RTE_MBUF_F_RX_RSS_HASH) ?
			pkts[i]->hash.rss : khash[i];
		khash[k] = khash[i];
		pkts[k] = pkts[i];
		if (at != NULL)
			at[k] = at[i];
		k++;
	}
	if (nd != 0)
		pp_drop(c, PP_DROP_CANCELLED, drop, nd);
	return k;
}

/* A short generator burst may mean its mempool ran dry (the generator
 * counts what it could not allocate): that is a fault of this lcore. */
static void
pp_rx_gen_health(struct pp_lcore_ctx *c, struct pp_src *src)
{
	struct pp_gen_stats gs;

	pp_gen_stats_get(src->gen, &gs);
	if (unlikely(gs.alloc_fail != src->alloc_fail)) {
		src->alloc_fail = gs.alloc_fail;
		pp_fault(c, PP_FAULT_MEMPOOL);
	}
}

/* Poll one source once: police and drop what is cancelled (when either
 * is on), stamp what travels with each packet and hand it to a worker.
 * When there is no choice to make (c->rx_to) and nothing asks for the
 * flow key, RX reads no packet data: the packet is bucket 0 and the
 * worker parses. The generator tells when each packet was due, so a
 * lcore that falls behind sees the queueing delay a NIC's ring would
 * have added. */
static uint16_t
pp_rx_poll(struct pp_lcore_ctx *c, struct pp_src *src,
	   const struct pp_ctl_snap *snap)
{
	const struct pp_pipeline *pl = c->pl;
	struct pp_sched_map *map = pl->map;
	struct rte_mbuf *pkts[PP_CFG_MAX_BURST];
	uint64_t at[PP_CFG_MAX_BURST];
	uint32_t hash[PP_CFG_MAX_BURST], khash[PP_CFG_MAX_BURST];
	uint8_t flags[PP_CFG_MAX_BURST];
	uint64_t now, bytes = 0;
	uint16_t i, n, w, got;
	bool parsed = false;

	/* paused by the control plane: the port's queue keeps them */
	if (src->gen == NULL &&
	    unlikely(__atomic_load_n(&pl->rx_paused[src->in_id],
				     __ATOMIC_RELAXED)))
		return 0;
	now = rte_rdtsc();
	if (src->gen != NULL) {
		n = pp_gen_burst(src->gen, pkts, c->burst, now, at);
		if (n < c->burst)
			pp_rx_gen_health(c, src);
	} else {
		n = rte_eth_rx_burst(src->port_id, src->queue, pkts, c->burst);
	}
	if (n == 0)
		return 0;
	got = n;
	pp_stats_add(&c->stats.rx, n);
	if (snap->police != NULL || snap->cancel != NULL) {
		n = pp_rx_parse(c, snap, pkts, src->gen != NULL ? at : NULL,
				n, now, khash, hash, flags, &bytes);
		parsed = true;
	}

	if (c->rx_to >= 0) {
		w = (uint16_t)c->rx_to;
		for (i = 0; i < n; i++) {
			bytes += parsed ? 0 : pkts[i]->pkt_len;
			pp_rx_stamp(pkts[i], src,
				    src->gen != NULL ? at[i] : now, 0,
				    parsed && !flags[i] ? &khash[i] : NULL);
			pp_desc_fill(&c->stage[w][i], pkts[i], src->in_id,
				     src->ro_tx, 0);
		}
		c->stage_n[w] = n;
	} else {
		for (i = 0; !parsed && i < n && i < PP_PREFETCH_AHEAD; i++)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i], void *));
		for (i = 0; i < n; i++) {
			struct rte_mbuf *m = pkts[i];
			uint32_t bucket;
			uint8_t f = 0;

			if (parsed) {
				bucket = hash[i];
				f = flags[i];
			} else {
				bytes += m->pkt_len;
				if (i + PP_PREFETCH_AHEAD < n)
					rte_prefetch0(rte_pktmbuf_mtod(
						pkts[i + PP_PREFETCH_AHEAD],
						void *));
				bucket = pp_rx_hash(m, &f);
			}
			bucket = c->rx_local ?
				pp_sched_bucket_local(map, bucket,
						      (uint16_t)c->worker) :
				pp_sched_bucket(map, bucket);
			pp_rx_stamp(m, src, src->gen != NULL ? at[i] : now,
				    bucket, parsed && !f ? &khash[i] : NULL);
			/* atomic: counted in flight before routing */
			w = c->atomic ? pp_sched_acquire(map, bucket, 1) :
				pp_sched_owner(map, bucket);
			pp_desc_fill(&c->stage[w][c->stage_n[w]++], m,
				     src->in_id, c->atomic ? bucket :
				     src->ro_tx, f);
		}
	}

	pp_stats_add(&c->stats.rx_bytes, bytes);
	for (w = 0; w < pl->n_workers; w++) {
		uint16_t k = c->stage_n[w], sent;

		if (k == 0)
			continue;
		c->stage_n[w] = 0;
		sent = rte_ring_enqueue_burst_elem(pl->wring[w], c->stage[w],
			sizeof(struct pp_desc), k, NULL);
		if (unlikely(sent < k))
			pp_drop_ring(c, PP_DROP_RING_FULL, &c->stage[w][sent],
				     k - sent);
	}
	/* what came in, policed or not: the caller's "full burst" test */
	return got;
}

/* Packets in the rings between RX and TX now: the in-flight estimate
 * max_in_flight caps (reorder windows not counted). */
static uint32_t
pp_in_flight_est(const struct pp_pipeline *pl)
{
	uint32_t sum = 0;
	uint16_t w, t;
	uint8_t o;

	for (w = 0; w < pl->n_workers; w++) {
		sum += rte_ring_count(pl->wring[w]);
		for (t = 0; t < pl->n_tx; t++)
			for (o = 0; o < pl->n_outs; o++)
				if (pl->oring[w][t][o] != NULL)
					sum += rte_ring_count(
						pl->oring[w][t][o]);
	}
	return sum;
}

/* Whether RX may take a burst now. overflow = backpressure: only while
 * every worker ring it feeds has room for one (else the packets wait in
 * the NIC's queue, which counts imissed when full, instead of being
 * dropped mid-pipeline); max_in_flight: only below the cap. */
static inline bool
pp_rx_may_poll(const struct pp_lcore_ctx *c, const struct pp_cfg *cfg)
{
	const struct pp_pipeline *pl = c->pl;
	uint16_t w;

	/* Room for a burst from every RX lcore: they may all pass this
	 * test before any of them enqueues. */
	uint32_t room = (uint32_t)c->burst * pl->n_rx;

	if (cfg->overflow == PP_CFG_OVERFLOW_BACKPRESSURE) {
		if (c->rx_to >= 0) {
			if (rte_ring_free_count(pl->wring[c->rx_to]) < room)
				return false;
		} else {
			for (w = 0; w < pl->n_workers; w++)
				if (rte_ring_free_count(pl->wring[w]) < room)
					return false;
		}
	}
	return cfg->max_in_flight == 0 ||
		pp_in_flight_est(pl) < cfg->max_in_flight;
}

/* Whether a worker ring this RX feeds holds c->rx_cap or more: its own
 * worker's, or in atomic mode any (buckets it hashes to may have moved;
 * a worker whose ring is deep can never give a bucket back). */
static inline bool
pp_rx_backed_up(const struct pp_lcore_ctx *c)
{
	const struct pp_pipeline *pl = c->pl;
	uint16_t w;

	if (!c->atomic)
		return rte_ring_count(c->in_ring) >= c->rx_cap;
	for (w = 0; w < pl->n_workers; w++)
		if (rte_ring_count(pl->wring[w]) >= c->rx_cap)
			return true;
	return false;
}

/* An RX that is also a worker polls each source up to PP_RX_POLL_BURSTS
 * times a pass while it gives full bursts (other RX lcores once: they do
 * nothing else that would hold them back). When its worker falls behind,
 * that moves the backlog from the RX queue, which only this lcore can
 * reach, into its worker ring, where idle workers can steal it (or see
 * it, to take buckets) -- but only up to c->rx_cap: a deeper backlog
 * there would only add latency, keep every bucket busy so that none can
 * move (atomic), and stretch the sequence numbers in flight beyond the
 * reorder window (ordered). */
static unsigned int
pp_rx_step(struct pp_lcore_ctx *c, const struct pp_ctl_snap *snap)
{
	unsigned int total = 0, k;
	uint16_t s, n;

	bool gated = snap->cfg->overflow == PP_CFG_OVERFLOW_BACKPRESSURE ||
		snap->cfg->max_in_flight != 0;

	for (s = 0; s < c->n_src; s++)
		for (k = 0; k < PP_RX_POLL_BURSTS; k++) {
			if (k != 0 && (c->rx_cap == 0 || pp_rx_backed_up(c)))
				break;
			if (unlikely(gated) && !pp_rx_may_poll(c, snap->cfg))
				break;
			n = pp_rx_poll(c, &c->src[s], snap);
			total += n;
			if (n < c->burst)
				break;
		}
	/* A few flow-table entries a pass: idle flows go without a pause. */
	if (snap->police != NULL)
		pp_flowtab_age(c->police->ft, rte_rdtsc(), PP_AGE_SCAN);
	return total;
}

/* Work stage: the cycles packet `data` asks for. Generated packets of
 * the first `cost_below` flows of an input with a cost carry it (the flow
 * id is in the generator's payload marker). */
static inline uint64_t
pp_work_cost(const struct pp_in *in, const uint8_t *data,
	     const struct pp_pkt_info *info)
{
	struct pp_gen_payload pl;

	if (likely(in->cost == 0) || info->payload_len < sizeof(pl))
		return 0;
	memcpy(&pl, data + info->payload_off, sizeof(pl));
	/* unsigned: an id below the input's base wraps to a large one */
	if (pl.magic != PP_GEN_MAGIC || pl.flow - in->flow_base >=
	    in->cost_below)
		return 0;
	return in->cost;
}

/* Spend the burst's work-stage cycles at once (one TSC read per burst). */
static void
pp_work_spin(uint64_t cycles)
{
	uint64_t end = rte_rdtsc() + cycles;

	while (rte_rdtsc() < end)
		rte_pause();
}

static uint32_t
pp_backlog(void *arg, uint16_t w)
{
	const struct pp_pipeline *pl = arg;

	return rte_ring_count(pl->wring[w]);
}

/* Parallel: dequeue from a loaded peer's ring (at most half its backlog).
 * Returns the packets taken into d. */
static uint16_t
pp_steal(struct pp_lcore_ctx *c, struct pp_desc *d)
{
	struct pp_pipeline *pl = c->pl;
	uint16_t v, n;
	uint32_t amount;

	v = pp_sched_victim(pp_backlog, pl, pl->n_workers, c->worker,
			    &c->rng, pl->cfg->steal_min_backlog);
	if (v >= pl->n_workers)
		return 0;
	amount = pp_sched_steal_amount(pp_backlog(pl, v), c->burst);
	n = rte_ring_dequeue_burst_elem(pl->wring[v], d, sizeof(d[0]), amount,
					NULL);
	if (n != 0) {
		pp_stats_add(&c->stats.steals, n);
		pp_stats_add(&c->stats.stole_from[v], n);
	}
	return n;
}

/* Atomic: take over idle buckets of a loaded peer, so that its future
 * packets come here. At most `bucket_moves` per millisecond per worker; a
 * bucket that moved stays put for PP_BUCKET_HOLD_MS; and only while this
 * worker's recent load is below PP_LOAD_TAKE_MAX and the victim's is at
 * least PP_LOAD_MARGIN above it (or its backlog far above the steal
 * threshold). Backlogs alone are not enough: two busy
 * workers each see the other's ring spike now and then and pass buckets
 * back and forth, or a thief takes more than it can carry and its ring
 * fills with packets of every bucket it holds, so that none can move back
 * (seen on configs/steal-skew.ini: 6000 moves a second, or a p99 of 4 ms
 * with ring_full drops). */
static void
pp_take_buckets(struct pp_lcore_ctx *c)
{
	struct pp_pipeline *pl = c->pl;
	struct pp_sched_map *map = pl->map;
	uint64_t now = rte_rdtsc();
	uint32_t b, looked;
	uint16_t v;

	if (now - c->move_tsc >= pl->move_period) {
		c->move_tsc = now;
		c->move_budget = c->snap->cfg->bucket_moves;
	}
	if (c->move_budget == 0)
		return;
	if (c->load >= PP_LOAD_TAKE_MAX)
		return;
	v = pp_sched_victim(pp_backlog, pl, pl->n_workers, c->worker,
			    &c->rng, pl->cfg->steal_min_backlog);
	/* A victim far behind (4x the steal threshold) qualifies whatever
	 * the loads say: lcores that share a CPU never look busy by the
	 * clock. */
	if (v >= pl->n_workers ||
	    (__atomic_load_n(&pl->wctx[v]->load, __ATOMIC_RELAXED) <
	     c->load + PP_LOAD_MARGIN &&
	     pp_backlog(pl, v) < 4 * pl->cfg->steal_min_backlog))
		return;
	/* One bucket per call: the victim's backlog is re-read before the
	 * next, so a worker stops taking once the victim has caught up. */
	for (looked = 0; looked < map->n_buckets; looked++) {
		b = c->move_cursor++ & (map->n_buckets - 1);
		if (pp_sched_owner(map, b) != v || pp_sched_inflight(map, b) ||
		    now - __atomic_load_n(&pl->moved_at[b], __ATOMIC_RELAXED) <
		    pl->bucket_hold)
			continue;
		if (pp_sched_move(map, b, v, c->worker) == 0) {
			__atomic_store_n(&pl->moved_at[b], now, __ATOMIC_RELAXED);
			c->move_budget--;
			pp_stats_add(&c->stats.buckets_in, 1);
			pp_stats_add(&c->stats.took_from[v], 1);
			return;
		}
	}
}

/* Enqueue n packets to the rings of their lanes (lane[i] for pkts[i]),
 * each lane's packets in the order they came. */
static void
pp_worker_send(struct pp_lcore_ctx *c, struct rte_mbuf **pkts,
	       const uint16_t *lane, uint16_t n)
{
	struct rte_mbuf *sorted[PP_CFG_MAX_BURST];
	uint16_t cnt[PP_MAX_LANES], start[PP_MAX_LANES];
	uint16_t i, l, pos, sent;
	bool one = true;

	for (i = 1; i < n; i++)
		one &= lane[i] == lane[0];
	if (likely(one)) {
		sent = rte_ring_enqueue_burst(c->lane_ring[lane[0]],
					      (void **)pkts, n, NULL);
		if (unlikely(sent < n))
			pp_drop_numbered(c, PP_DROP_RING_FULL, &pkts[sent],
					 n - sent);
		return;
	}
	/* Several lanes: a counting sort keeps each lane's packets in the
	 * order they came. */
	memset(cnt, 0, sizeof(cnt[0]) * c->n_lanes);
	for (i = 0; i < n; i++)
		cnt[lane[i]]++;
	for (l = 0, pos = 0; l < c->n_lanes; l++) {
		start[l] = pos;
		pos += cnt[l];
	}
	for (i = 0; i < n; i++)
		sorted[start[lane[i]]++] = pkts[i];
	for (l = 0, pos = 0; l < c->n_lanes; pos += cnt[l], l++) {
		if (cnt[l] == 0)
			continue;
		sent = rte_ring_enqueue_burst(c->lane_ring[l],
					      (void **)&sorted[pos], cnt[l],
					      NULL);
		if (unlikely(sent < cnt[l]))
			pp_drop_numbered(c, PP_DROP_RING_FULL,
					 &sorted[pos + sent], cnt[l] - sent);
	}
}

/* Parse, drop the malformed, run the work stage, rewrite the MACs, and
 * hand each packet to the ring of its lane (output, and in ordered mode
 * the tx lcore of its RX queue). The worker reads descriptors and packet
 * data and writes only the Ethernet addresses: it never touches an mbuf
 * header (see struct pp_desc), except to account for a packet it drops.
 * It parses even when RX did (to hash): RX keeps only the hash, the
 * worker needs the fields. */
static void
pp_worker_process(struct pp_lcore_ctx *c, struct pp_desc *d, uint16_t n)
{
	const struct pp_pipeline *pl = c->pl;
	const struct pp_ctl_snap *snap = c->snap;
	const struct pp_cancel *cs = snap->cancel;
	struct rte_mbuf *bad[PP_CFG_MAX_BURST];
	struct rte_mbuf *noroute[PP_CFG_MAX_BURST];
	struct rte_mbuf *keep[PP_CFG_MAX_BURST];
	struct rte_mbuf *stale[PP_CFG_MAX_BURST];
	struct rte_mbuf *gone[PP_CFG_MAX_BURST];
	uint16_t lane[PP_CFG_MAX_BURST];
	uint16_t i, nb = 0, nr = 0, nk = 0, ns = 0, ng = 0;
	uint64_t work = 0, not_owner = 0;
	/* Deadline and cancel checks read the metadata (a second line of
	 * the mbuf): only when one of them is on. */
	bool checks = pp_checks_on(snap);
	uint64_t now = checks ? rte_rdtsc() : 0;

	for (i = 0; i < n && i < PP_PREFETCH_AHEAD; i++) {
		rte_prefetch0(pp_desc_data(&d[i]));
		if (checks)
			rte_prefetch0(pp_pkt_meta(d[i].m));
	}
	for (i = 0; i < n; i++) {
		uint8_t *data = pp_desc_data(&d[i]);
		const struct pp_in *in = &pl->ins[d[i].in < PP_N_IN ?
						   d[i].in : 0];
		struct pp_pkt_info info;
		const struct pp_out *po;
		uint64_t budget;
		uint16_t l;

		if (i + PP_PREFETCH_AHEAD < n) {
			rte_prefetch0(pp_desc_data(&d[i + PP_PREFETCH_AHEAD]));
			if (checks)
				rte_prefetch0(pp_pkt_meta(
					d[i + PP_PREFETCH_AHEAD].m));
		}
		/* Stale: dropped before any work is spent on it. */
		if (unlikely(checks)) {
			const struct pp_mbuf_meta *meta = pp_pkt_meta(d[i].m);

			budget = pp_budget(snap, meta);
			if (budget != 0 && now - meta->rx_tsc > budget) {
				stale[ns++] = d[i].m;
				continue;
			}
		}
		if (c->atomic) {
			/* Exclusivity: while a packet of the bucket is in
			 * flight nobody may move it, so its owner is us (or
			 * a mover is about to find it busy). */
			uint16_t own = pp_sched_owner(pl->map, d[i].bucket);

			not_owner += own != c->worker &&
				own != PP_SCHED_MOVING;
		}
		if (unlikely((d[i].flags & PP_DESC_MALFORMED) ||
			     pp_pkt_parse(data, d[i].len, &info) ==
			     PP_PKT_MALFORMED)) {
			bad[nb++] = d[i].m;
			continue;
		}
		if (unlikely(cs != NULL) &&
		    pp_cancelled(cs, pl->police_on, d[i].m, &info.key, NULL)) {
			gone[ng++] = d[i].m;
			continue;
		}
		l = (uint16_t)(d[i].tx * c->lane_mul + in->out);
		if (unlikely(in->out == PP_OUT_NONE ||
			     c->lane_ring[l] == NULL)) {
			noroute[nr++] = d[i].m;
			continue;
		}
		work += pp_work_cost(in, data, &info);
		po = &pl->outs[in->out];
		/* A parsed packet holds an Ethernet header (>= 14 bytes). */
		if (po->kind == PP_OUT_PORT)
			pp_pkt_set_macs(data, &po->src, &po->dst);
		lane[nk] = l;
		keep[nk++] = d[i].m;
	}
	if (unlikely(work != 0))
		pp_work_spin(work);
	pp_stats_add(&c->stats.worked, n);
	if (unlikely(not_owner != 0))
		pp_stats_add(&c->stats.not_owner, not_owner);
	if (unlikely(nb != 0))
		pp_drop_numbered(c, PP_DROP_MALFORMED, bad, nb);
	if (unlikely(nr != 0))
		pp_drop_numbered(c, PP_DROP_NO_ROUTE, noroute, nr);
	if (unlikely(ns != 0))
		pp_drop_numbered(c, PP_DROP_DEADLINE, stale, ns);
	if (unlikely(ng != 0))
		pp_drop_numbered(c, PP_DROP_CANCELLED, gone, ng);
	if (nk != 0)
		pp_worker_send(c, keep, lane, nk);
}

/* Own ring first; when it is empty, steal (parallel) or take buckets
 * (atomic) from a loaded peer. */
/* overflow = backpressure: whether every output ring of this worker has
 * room for a burst (they are single-producer: room only grows until our
 * enqueue), so that nothing it takes can be refused. */
static bool
pp_lanes_have_room(const struct pp_lcore_ctx *c)
{
	uint16_t l;

	for (l = 0; l < c->n_lanes; l++)
		if (c->lane_ring[l] != NULL &&
		    rte_ring_free_count(c->lane_ring[l]) < c->burst)
			return false;
	return true;
}

static unsigned int
pp_worker_step(struct pp_lcore_ctx *c)
{
	struct pp_desc d[PP_CFG_MAX_BURST];
	uint16_t n;

	/* Backpressure: leave the packets in the input ring (RX then stops
	 * polling) while an output ring is full; not done meanwhile. */
	c->blocked = c->snap->cfg->overflow == PP_CFG_OVERFLOW_BACKPRESSURE &&
		!pp_lanes_have_room(c);
	if (unlikely(c->blocked))
		return 0;

	n = rte_ring_dequeue_burst_elem(c->in_ring, d, sizeof(d[0]), c->burst,
					NULL);
	/* A stage error (raised on purpose through pp_pipeline_inject()):
	 * the burst it hit is dropped and counted, the fault reported. */
	if (unlikely(__atomic_load_n(&c->inject_fault, __ATOMIC_RELAXED)) &&
	    n != 0) {
		__atomic_store_n(&c->inject_fault, 0, __ATOMIC_RELAXED);
		pp_drop_ring(c, PP_DROP_FAULT, d, n);
		pp_fault(c, PP_FAULT_STAGE);
		return n;
	}
	if (n == 0 && c->pl->steal) {
		if (c->atomic)
			pp_take_buckets(c);
		else
			n = pp_steal(c, d);
	}
	if (n == 0)
		return 0;
	if (c->atomic) {
		uint64_t t0 = rte_rdtsc();

		pp_worker_process(c, d, n);
		c->work_cycles += rte_rdtsc() - t0;
	} else {
		pp_worker_process(c, d, n);
	}
	return n;
}

/* Atomic: fold the sample that ended into c->load, weight 1/8 for the
 * newest 100 us, so about the last millisecond counts. */
static void
pp_load_sample(struct pp_lcore_ctx *c, uint64_t now)
{
	uint64_t span = now - c->load_tsc;
	uint64_t work = c->work_cycles - c->load_work;
	uint32_t sample = span == 0 ? 0 :
		(uint32_t)RTE_MIN(work * PP_LOAD_ONE / span,
				  (uint64_t)PP_LOAD_ONE);

	__atomic_store_n(&c->load, (c->load * 7 + sample) / 8,
			 __ATOMIC_RELAXED);
	c->load_tsc = now;
	c->load_work = c->work_cycles;
}

/* Transmit on output port `out` through its circuit breaker; returns
 * packets sent, and in *why the reason for the rest. Closed: tx_burst
 * with retries; a port that accepts nothing for breaker_after opens it.
 * Open: packets are dropped at once as breaker_open (they would only
 * fill rings behind a port that is not taking any), and one burst probes
 * the port every breaker_backoff; the first one it accepts closes it. */
static uint16_t
pp_tx_port(struct pp_lcore_ctx *c, uint8_t out, struct rte_mbuf **pkts,
	   uint16_t n, uint64_t now, enum pp_drop *why)
{
	const struct pp_cfg *cfg = c->snap->cfg;
	struct pp_breaker *b = &c->brk[out];
	uint16_t port = c->pl->outs[out].port_id, sent, retries;
	double hz = (double)c->pl->tsc_hz;

	if (unlikely(b->open)) {
		*why = PP_DROP_BREAKER_OPEN;
		if ((int64_t)(now - b->retry_at) < 0)
			return 0;
		sent = rte_eth_tx_burst(port, c->tx, pkts, n);
		if (sent == 0) {
			b->retry_at = now + (uint64_t)(cfg->breaker_backoff *
						       hz);
			return 0;
		}
		b->open = false;
		b->refusing_since = 0;
		pp_stats_add(&c->stats.breaker_closes, 1);
		*why = PP_DROP_TX_FULL;
	} else {
		sent = rte_eth_tx_burst(port, c->tx, pkts, n);
	}
	for (retries = 0; sent < n && retries < cfg->tx_retries; retries++)
		sent += rte_eth_tx_burst(port, c->tx, pkts + sent, n - sent);
	if (likely(sent != 0) || cfg->breaker_after == 0) {
		b->refusing_since = 0;
	} else if (b->refusing_since == 0) {
		b->refusing_since = now;
	} else if (now - b->refusing_since >=
		   (uint64_t)(cfg->breaker_after * hz)) {
		b->open = true;
		b->retry_at = now + (uint64_t)(cfg->breaker_backoff * hz);
		pp_stats_add(&c->stats.breaker_opens, 1);
		*why = PP_DROP_BREAKER_OPEN;
		/* a port that takes nothing is a port fault (fail-fast
		 * stops here; isolate counts it and goes on) */
		pp_fault(c, PP_FAULT_PORT);
	}
	return sent;
}

/* The last check before the wire: no packet older than its budget, none
 * of a cancelled target, leaves. Drops those (releasing their buckets)
 * and returns the rest, compacted. */
static uint16_t
pp_tx_checks(struct pp_lcore_ctx *c, struct rte_mbuf **pkts, uint16_t n,
	     uint64_t now)
{
	const struct pp_ctl_snap *snap = c->snap;
	struct rte_mbuf *stale[PP_CFG_MAX_BURST], *gone[PP_CFG_MAX_BURST];
	uint16_t i, k = 0, ns = 0, ng = 0;

	for (i = 0; i < n; i++) {
		const struct pp_mbuf_meta *meta = pp_pkt_meta(pkts[i]);
		uint64_t budget = pp_budget(snap, meta);
		bool late = budget != 0 && now - meta->rx_tsc > budget;

		if (!late && (snap->cancel == NULL ||
			      !pp_cancelled(snap->cancel, c->pl->police_on,
					    pkts[i], NULL, NULL))) {
			pkts[k++] = pkts[i];
			continue;
		}
		if (c->atomic)
			pp_sched_release(c->pl->map, meta->bucket, 1);
		if (late)
			stale[ns++] = pkts[i];
		else
			gone[ng++] = pkts[i];
	}
	if (ns != 0)
		pp_drop(c, PP_DROP_DEADLINE, stale, ns);
	if (ng != 0)
		pp_drop(c, PP_DROP_CANCELLED, gone, ng);
	return k;
}

/* Hand n packets that all go to output `out` to their port or checker. */
static void
pp_tx_send(struct pp_lcore_ctx *c, uint8_t out, struct rte_mbuf **pkts,
	   uint16_t n)
{
	const struct pp_out *o = &c->pl->outs[out];
	uint64_t bytes = 0, unsent_bytes = 0, now = rte_rdtsc();
	const struct pp_ctl_snap *snap = c->snap;
	uint64_t lat[PP_CFG_MAX_BURST];
	uint32_t len[PP_CFG_MAX_BURST];
	uint16_t buckets[PP_CFG_MAX_BURST];
	uint8_t cls[PP_CFG_MAX_BURST], ten[PP_CFG_MAX_BURST];
	bool police = c->pl->police_on;
	uint16_t i, sent;

	/* Read what the packets carry before they go (a sent mbuf may be
	 * freed at once): length, RX -> TX latency from the RX stamp,
	 * (atomic) the bucket to release once the packet is gone, and
	 * (policing) the class and tenant to count it for. */
	if (unlikely(pp_checks_on(snap))) {
		n = pp_tx_checks(c, pkts, n, now);
		if (n == 0)
			return;
	}
	for (i = 0; i < n; i++) {
		const struct pp_mbuf_meta *meta = pp_pkt_meta(pkts[i]);

		len[i] = pkts[i]->pkt_len;
		bytes += len[i];
		lat[i] = now - meta->rx_tsc;
		buckets[i] = meta->bucket;
		if (police) {
			cls[i] = meta->cls;
			ten[i] = meta->tenant;
		}
	}
	if (o->kind == PP_OUT_CHECKER) {
		if (c->pl->chk_locked) {
			rte_spinlock_lock(&c->pl->chk_lock);
			pp_chk_burst(c->chk, pkts, n);
			rte_spinlock_unlock(&c->pl->chk_lock);
		} else {
			pp_chk_burst(c->chk, pkts, n);
		}
		rte_pktmbuf_free_bulk(pkts, n);
		sent = n;
	} else {
		enum pp_drop why = PP_DROP_TX_FULL;

		sent = pp_tx_port(c, out, pkts, n, now, &why);
		if (unlikely(sent < n)) {
			for (i = sent; i < n; i++)
				unsent_bytes += len[i];
			pp_drop(c, why, &pkts[sent], n - sent);
		}
	}
	if (c->atomic)
		for (i = 0; i < n; i++)
			pp_sched_release(c->pl->map, buckets[i], 1);
	pp_lat_record_n(&c->lat, lat, sent);
	for (i = 0; police && i < sent; i++) {
		struct pp_police_ctr *rc = &c->stats.pol[cls[i]];
		struct pp_police_ctr *rt =
			&c->stats.pol[PP_STATS_POL_CLASSES + ten[i]];

		pp_stats_add(&rc->tx, 1);
		pp_stats_add(&rc->tx_bytes, len[i]);
		pp_stats_add(&rt->tx, 1);
		pp_stats_add(&rt->tx_bytes, len[i]);
	}
	pp_stats_add(&c->stats.tx, sent);
	pp_stats_add(&c->stats.tx_bytes, bytes - unsent_bytes);
}

/* ---- ordered scheduling: restore each RX queue's order at TX ---- */

/* Packets ready to send, gathered per output and sent by the burst. */
struct pp_emit {
	uint16_t n[PP_MAX_OUTS];
	struct rte_mbuf *p[PP_MAX_OUTS][PP_CFG_MAX_BURST];
};

static inline void
pp_emit(struct pp_lcore_ctx *c, struct pp_emit *e, uint8_t out,
	struct rte_mbuf *m)
{
	e->p[out][e->n[out]++] = m;
	if (e->n[out] == c->burst) {
		pp_tx_send(c, out, e->p[out], e->n[out]);
		e->n[out] = 0;
	}
}

static void
pp_emit_flush(struct pp_lcore_ctx *c, struct pp_emit *e)
{
	uint8_t o;

	for (o = 0; o < c->pl->n_outs; o++)
		if (e->n[o] != 0) {
			pp_tx_send(c, o, e->p[o], e->n[o]);
			e->n[o] = 0;
		}
}

/* Send what is contiguous from r->next, stepping over numbers the drop
 * board says will never come. */
static void
pp_ro_advance(struct pp_lcore_ctx *c, struct pp_reorder *r,
	      struct pp_emit *e)
{
	uint32_t k, start = r->next;

	while (r->pending != 0) {
		k = r->next % PP_REORDER_WIN;
		if (r->slot[k] != NULL) {
			pp_emit(c, e, r->out[k], r->slot[k]);
			r->slot[k] = NULL;
			r->pending--;
		} else if (__atomic_load_n(&r->holes[k], __ATOMIC_RELAXED) !=
			   r->next) {
			break;
		}
		r->next++;
	}
	if (r->next != start)
		r->hole_since = 0;
}

/* Give up on the one hole at r->next (its packet was dropped upstream, or
 * is very slow) and send what follows it. One number at a time: the next
 * numbers may still be on their way in another worker's ring. */
static void
pp_ro_skip(struct pp_lcore_ctx *c, struct pp_reorder *r, struct pp_emit *e)
{
	r->next++;
	r->hole_since = 0;	/* the next hole gets a timeout of its own */
	pp_ro_advance(c, r, e);
}

/* Place one packet in its queue's window and send what became ready. A
 * packet whose turn has passed is dropped as `late`. */
static void
pp_ro_push(struct pp_lcore_ctx *c, struct pp_emit *e, uint8_t out,
	   struct rte_mbuf *m, struct rte_mbuf **late, uint16_t *n_late)
{
	const struct pp_mbuf_meta *meta = pp_pkt_meta(m);
	struct pp_reorder *r = &c->pl->reorder[meta->src];
	uint32_t d = meta->seq - r->next;	/* wraps: "before" is huge */
	uint32_t k;

	if (unlikely(d >= UINT32_MAX / 2)) {
		late[(*n_late)++] = m;
		return;
	}
	/* Too far ahead for the window: give up on holes until it fits. */
	while (unlikely(d >= PP_REORDER_WIN)) {
		if (r->pending == 0)
			r->next = meta->seq - (PP_REORDER_WIN - 1);
		else
			pp_ro_skip(c, r, e);
		d = meta->seq - r->next;
	}
	k = meta->seq % PP_REORDER_WIN;
	r->slot[k] = m;
	r->out[k] = out;
	r->pending++;
	/* it filled the head, or the head may be a posted drop */
	pp_ro_advance(c, r, e);
}

/* Holes that waited longer than the timeout are given up on; with
 * `all` (the drain), every hole is. */
static void
pp_ro_expire(struct pp_lcore_ctx *c, struct pp_emit *e, bool all)
{
	struct pp_pipeline *pl = c->pl;
	uint64_t now = rte_rdtsc();
	uint16_t s;

	for (s = 0; s < c->n_ro; s++) {
		struct pp_reorder *r = &pl->reorder[c->ro_src[s]];

		if (r->pending == 0)
			continue;
		/* drops posted since the last look */
		pp_ro_advance(c, r, e);
		if (r->pending == 0)
			continue;
		if (all) {
			while (r->pending != 0)
				pp_ro_skip(c, r, e);
		} else if (r->hole_since == 0) {
			r->hole_since = now;
		} else if (now - r->hole_since > pl->reorder_timeout) {
			pp_ro_skip(c, r, e);
		}
	}
}

/* Each ring carries one output, so nothing per packet is read to route.
 * A ring is drained up to PP_TX_DRAIN_BURSTS bursts a pass: on an io lcore
 * RX admits one burst a pass, so TX must be able to take more, or a
 * backlog left by a stall would stand in the rings for ever (more latency,
 * a working set that no longer fits in L1). In ordered mode every packet
 * goes through its RX queue's window first; `drain` (the workers are done)
 * then gives up on every hole left. */
static unsigned int
pp_tx_step(struct pp_lcore_ctx *c, bool drain)
{
	struct rte_mbuf *pkts[PP_CFG_MAX_BURST];
	struct rte_mbuf *late[PP_CFG_MAX_BURST];
	struct pp_emit e;
	bool ordered = c->pl->ordered;
	unsigned int total = 0, k;
	uint16_t r, n, i, n_late;

	memset(e.n, 0, sizeof(e.n));
	for (r = 0; r < c->n_from; r++) {
		for (k = 0; k < PP_TX_DRAIN_BURSTS; k++) {
			n = rte_ring_dequeue_burst(c->from[r].ring,
						   (void **)pkts, c->burst,
						   NULL);
			if (n == 0)
				break;
			total += n;
			if (!ordered) {
				pp_tx_send(c, c->from[r].out, pkts, n);
			} else {
				n_late = 0;
				for (i = 0; i < n; i++)
					pp_ro_push(c, &e, c->from[r].out,
						   pkts[i], late, &n_late);
				if (unlikely(n_late != 0))
					pp_drop(c, PP_DROP_LATE, late, n_late);
			}
			if (n < c->burst)
				break;
		}
	}
	if (ordered) {
		/* Give up on every hole only once the rings are empty too:
		 * after the workers are done, packets can still wait in
		 * rings this pass did not get to the end of. */
		pp_ro_expire(c, &e, drain && total == 0);
		pp_emit_flush(c, &e);
	}
	return total;
}

/* The CPU time of this lcore's thread, for the report (from the kernel:
 * what it spent, sleeps excluded). */
static void
pp_cpu_sample(struct pp_lcore_ctx *c)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
		__atomic_store_n(&c->stats.cpu_ns, (uint64_t)ts.tv_sec *
				 1000000000ull + (uint64_t)ts.tv_nsec,
				 __ATOMIC_RELAXED);
}

/* A pass that found no work. poll: a pause. After idle_polls such passes
 * in a row -- backoff: pauses that double up to ~1k; sleep: sleeps that
 * double from 8 us up to idle_sleep_max, offline for RCU meanwhile (no
 * grace period waits for a sleeper, and it holds no snapshot). Any work
 * resets it: the lcore wakes on the first poll that finds some, so a
 * sleep adds at most idle_sleep_max of latency. */
static void
pp_idle(struct pp_lcore_ctx *c, uint8_t mode, uint32_t polls, double max_s)
{
	uint32_t i, spins, max_us;

	if (mode == PP_CFG_IDLE_POLL || ++c->empty < polls) {
		rte_pause();
		return;
	}
	if (mode == PP_CFG_IDLE_BACKOFF) {
		spins = 1u << RTE_MIN(c->empty - polls, 10u);
		for (i = 0; i < spins; i++)
			rte_pause();
		return;
	}
	max_us = RTE_MAX((uint32_t)(max_s * 1e6), 1u);
	c->sleep_us = RTE_MIN(c->sleep_us == 0 ? 8 : 2 * c->sleep_us, max_us);
	__atomic_store_n(&c->asleep, true, __ATOMIC_RELAXED);
	pp_rcu_offline();
	pp_cpu_sample(c);
	usleep(c->sleep_us);
	pp_rcu_online();
	__atomic_store_n(&c->asleep, false, __ATOMIC_RELAXED);
	pp_stats_add(&c->stats.idle_sleeps, 1);
}

int
pp_lcore_main(void *arg)
{
	struct pp_lcore_ctx *c = arg;
	struct pp_pipeline *pl = c->pl;
	bool rx = c->roles & PP_ROLE_RX;
	bool worker = c->roles & PP_ROLE_WORKER;
	bool tx = c->roles & PP_ROLE_TX;
	uint64_t prev, now;

	pp_rcu_register();
	prev = rte_rdtsc();
	while (rx || worker || tx) {
		const struct pp_ctl_snap *snap = pp_ctl_snap();
		enum pp_run_state state = snap->state;
		/* read now: the snapshot is not ours after the quiescent
		 * state below */
		uint8_t idle = snap->cfg->idle;
		uint32_t idle_polls = snap->cfg->idle_polls;
		double idle_max = snap->cfg->idle_sleep_max;
		unsigned int work = 0;

		c->snap = snap;	/* for this pass only: see pp_rcu_quiescent */
		if (unlikely(state == PP_RUN_STOPPED))
			break;
		if (rx) {
			if (likely(state == PP_RUN_RUNNING)) {
				work += pp_rx_step(c, snap);
			} else {
				rx = false;
				/* Release: our ring enqueues happen-before a
				 * worker's acquire load that sees the drop. */
				__atomic_fetch_sub(&pl->rx_active, 1,
						   __ATOMIC_RELEASE);
			}
		}
		if (worker) {
			/* Acquire (pairs with the RX release): loaded before
			 * the dequeue, so an empty ring then means empty for
			 * good. */
			bool rx_done = __atomic_load_n(&pl->rx_active,
						       __ATOMIC_ACQUIRE) == 0;
			unsigned int n = pp_worker_step(c);

			work += n;
			if (n == 0 && rx_done && !c->blocked) {
				worker = false;
				/* Release: pairs with the tx acquire below. */
				__atomic_fetch_sub(&pl->workers_active, 1,
						   __ATOMIC_RELEASE);
			}
		}
		if (tx) {
			bool w_done = __atomic_load_n(&pl->workers_active,
						      __ATOMIC_ACQUIRE) == 0;
			/* ordered: once the workers are done, no hole can
			 * fill any more: send everything still waiting */
			unsigned int n = pp_tx_step(c, w_done);

			work += n;
			if (n == 0 && w_done)
				tx = false;
		}
		pp_rcu_quiescent();
		__atomic_store_n(&c->beats, c->beats + 1, __ATOMIC_RELAXED);
		/* A stall on purpose (pp_pipeline_inject()): no quiescent
		 * state for that long, as a stuck stage would do. */
		if (unlikely(__atomic_load_n(&c->inject_stall_ms,
					     __ATOMIC_RELAXED)))
			rte_delay_us_block(1000 * __atomic_exchange_n(
				&c->inject_stall_ms, 0, __ATOMIC_RELAXED));

		now = rte_rdtsc();
		pp_stats_add(&c->stats.loop_cycles, now - prev);
		if (work != 0) {
			pp_stats_add(&c->stats.busy_cycles, now - prev);
			c->empty = 0;
			c->sleep_us = 0;
		} else if (c->blocked) {
			/* held back by backpressure, not idle: room can come
			 * at any moment, so no sleeping */
			rte_pause();
		} else {
			pp_idle(c, idle, idle_polls, idle_max);
			now = rte_rdtsc();	/* a sleep is not a loop pass */
		}
		prev = now;
		if (unlikely((c->beats & 4095) == 0))
			pp_cpu_sample(c);
		if (c->atomic && worker &&
		    unlikely(now - c->load_tsc >= pl->load_period))
			pp_load_sample(c, now);
	}
	pp_rcu_unregister();
	pp_cpu_sample(c);
	__atomic_store_n(&c->exited, true, __ATOMIC_RELEASE);
	return 0;
}
