/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The lcore loop: one function for every role combination. Each pass runs
 * the roles the lcore has, in pipeline order (rx, worker, tx), reads the
 * control snapshot once, and reports one RCU quiescent state. Nothing in a
 * pass allocates, locks, logs or makes a system call, and no mbuf is held
 * from one pass to the next.
 */
#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_ring.h>

#include "pp_ctl.h"
#include "pp_pipeline_pvt.h"
#include "pp_pkt.h"

/* Packets to prefetch ahead when RX must read headers to hash. */
#define PP_PREFETCH_AHEAD 4

static inline void
pp_drop(struct pp_lcore_ctx *c, enum pp_drop why, struct rte_mbuf **pkts,
	unsigned int n)
{
	rte_pktmbuf_free_bulk(pkts, n);
	pp_stats_add(&c->stats.drops[why], n);
}

/* Flow hash of one packet: the NIC's RSS hash when it gave one, else a
 * software hash of the flow key; the parse result is kept in the mbuf so
 * the worker does not parse again. */
static inline uint32_t
pp_rx_hash(struct rte_mbuf *m)
{
	struct pp_pkt_info info;

	if (m->ol_flags & RTE_MBUF_F_RX_RSS_HASH)
		return m->hash.rss;
	if (unlikely(pp_pkt_parse_mbuf(m, &info) == PP_PKT_MALFORMED))
		return 0;
	return pp_pkt_key_hash(&info.key);
}

static unsigned int
pp_rx_step(struct pp_lcore_ctx *c)
{
	const struct pp_pipeline *pl = c->pl;
	const struct pp_sched_map *map = pl->map;
	struct rte_mbuf *pkts[PP_CFG_MAX_BURST];
	unsigned int total = 0;
	uint16_t s, i, n, w;

	for (s = 0; s < c->n_src; s++) {
		struct pp_src *src = &c->src[s];
		uint64_t now, bytes = 0;

		now = rte_rdtsc();
		if (src->gen != NULL)
			n = pp_gen_burst(src->gen, pkts, c->burst, now);
		else
			n = rte_eth_rx_burst(src->port_id, src->queue, pkts,
					     c->burst);
		if (n == 0)
			continue;

		for (i = 0; i < n && i < PP_PREFETCH_AHEAD; i++)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i], void *));
		for (i = 0; i < n; i++) {
			struct rte_mbuf *m = pkts[i];
			struct pp_mbuf_meta *meta = pp_pkt_meta(m);
			uint32_t bucket;

			if (i + PP_PREFETCH_AHEAD < n)
				rte_prefetch0(rte_pktmbuf_mtod(
					pkts[i + PP_PREFETCH_AHEAD], void *));
			meta->rx_tsc = now;
			meta->seq = src->seq++;
			meta->flags = 0;
			m->port = src->in_id;
			bytes += m->pkt_len;
			bucket = pp_sched_bucket(map, pp_rx_hash(m));
			meta->bucket = bucket;
			w = pp_sched_owner(map, bucket);
			c->stage[w][c->stage_n[w]++] = m;
		}
		pp_stats_add(&c->stats.rx, n);
		pp_stats_add(&c->stats.rx_bytes, bytes);
		total += n;

		for (w = 0; w < pl->n_workers; w++) {
			uint16_t k = c->stage_n[w], sent;

			if (k == 0)
				continue;
			c->stage_n[w] = 0;
			sent = rte_ring_enqueue_burst(pl->wring[w],
						      (void **)c->stage[w], k,
						      NULL);
			if (unlikely(sent < k))
				pp_drop(c, PP_DROP_RING_FULL,
					&c->stage[w][sent], k - sent);
		}
	}
	return total;
}

static unsigned int
pp_worker_step(struct pp_lcore_ctx *c)
{
	const struct pp_pipeline *pl = c->pl;
	struct rte_mbuf *pkts[PP_CFG_MAX_BURST];
	struct rte_mbuf *bad[PP_CFG_MAX_BURST];
	struct rte_mbuf *noroute[PP_CFG_MAX_BURST];
	uint16_t n, i, k = 0, nb = 0, nr = 0, sent;

	n = rte_ring_dequeue_burst(c->in_ring, (void **)pkts, c->burst, NULL);
	if (n == 0)
		return 0;

	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct pp_mbuf_meta *meta = pp_pkt_meta(m);
		const struct pp_out *o;
		uint8_t out;

		if (!(meta->flags & PP_META_PARSED))
			pp_pkt_parse_mbuf(m, NULL);
		if (unlikely(meta->flags & PP_META_MALFORMED)) {
			bad[nb++] = m;
			continue;
		}
		out = pl->fwd[m->port < PP_N_IN ? m->port : 0];
		if (unlikely(out == PP_OUT_NONE)) {
			noroute[nr++] = m;
			continue;
		}
		o = &pl->outs[out];
		if (o->kind == PP_OUT_PORT)
			pp_pkt_set_macs(m, &o->src, &o->dst);
		meta->out = out;
		pkts[k++] = m;
	}
	pp_stats_add(&c->stats.worked, n);
	if (unlikely(nb != 0))
		pp_drop(c, PP_DROP_MALFORMED, bad, nb);
	if (unlikely(nr != 0))
		pp_drop(c, PP_DROP_NO_ROUTE, noroute, nr);
	if (k != 0) {
		sent = rte_ring_enqueue_burst(c->to_tx, (void **)pkts, k, NULL);
		if (unlikely(sent < k))
			pp_drop(c, PP_DROP_RING_FULL, &pkts[sent], k - sent);
	}
	return n;
}

/* Hand n packets that all go to output `out` to their port or checker. */
static void
pp_tx_send(struct pp_lcore_ctx *c, uint8_t out, struct rte_mbuf **pkts,
	   uint16_t n)
{
	const struct pp_out *o = &c->pl->outs[out];
	uint64_t bytes = 0, unsent_bytes = 0;
	uint16_t i, sent, retries;

	for (i = 0; i < n; i++)
		bytes += pkts[i]->pkt_len;
	if (o->kind == PP_OUT_CHECKER) {
		pp_chk_burst(c->chk, pkts, n);
		rte_pktmbuf_free_bulk(pkts, n);
		sent = n;
	} else {
		sent = rte_eth_tx_burst(o->port_id, c->tx, pkts, n);
		for (retries = 0; sent < n && retries < c->pl->cfg->tx_retries;
		     retries++)
			sent += rte_eth_tx_burst(o->port_id, c->tx, pkts + sent,
						 n - sent);
		if (unlikely(sent < n)) {
			for (i = sent; i < n; i++)
				unsent_bytes += pkts[i]->pkt_len;
			pp_drop(c, PP_DROP_TX_FULL, &pkts[sent], n - sent);
		}
	}
	pp_stats_add(&c->stats.tx, sent);
	pp_stats_add(&c->stats.tx_bytes, bytes - unsent_bytes);
}

static unsigned int
pp_tx_step(struct pp_lcore_ctx *c)
{
	struct rte_mbuf *pkts[PP_CFG_MAX_BURST];
	struct rte_mbuf *by_out[PP_MAX_OUTS][PP_CFG_MAX_BURST];
	uint16_t cnt[PP_MAX_OUTS];
	unsigned int total = 0;
	uint16_t r, n, i;
	uint8_t o, first;

	for (r = 0; r < c->n_from; r++) {
		n = rte_ring_dequeue_burst(c->from[r], (void **)pkts, c->burst,
					   NULL);
		if (n == 0)
			continue;
		total += n;
		/* Usual case: the whole burst goes to one output. */
		first = pp_pkt_meta(pkts[0])->out;
		for (i = 1; i < n; i++)
			if (pp_pkt_meta(pkts[i])->out != first)
				break;
		if (likely(i == n)) {
			pp_tx_send(c, first, pkts, n);
			continue;
		}
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++) {
			o = pp_pkt_meta(pkts[i])->out;
			by_out[o][cnt[o]++] = pkts[i];
		}
		for (o = 0; o < c->pl->n_outs; o++)
			if (cnt[o] != 0)
				pp_tx_send(c, o, by_out[o], cnt[o]);
	}
	return total;
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
		enum pp_run_state state = pp_ctl_snap()->state;
		unsigned int work = 0;

		if (unlikely(state == PP_RUN_STOPPED))
			break;
		if (rx) {
			if (likely(state == PP_RUN_RUNNING)) {
				work += pp_rx_step(c);
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
			if (n == 0 && rx_done) {
				worker = false;
				/* Release: pairs with the tx acquire below. */
				__atomic_fetch_sub(&pl->workers_active, 1,
						   __ATOMIC_RELEASE);
			}
		}
		if (tx) {
			bool w_done = __atomic_load_n(&pl->workers_active,
						      __ATOMIC_ACQUIRE) == 0;
			unsigned int n = pp_tx_step(c);

			work += n;
			if (n == 0 && w_done)
				tx = false;
		}
		pp_rcu_quiescent();

		now = rte_rdtsc();
		pp_stats_add(&c->stats.loop_cycles, now - prev);
		if (work != 0)
			pp_stats_add(&c->stats.busy_cycles, now - prev);
		else
			rte_pause();
		prev = now;
	}
	pp_rcu_unregister();
	return 0;
}
