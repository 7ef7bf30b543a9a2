/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The checker: per-flow sequence tracking of generated packets.
 *
 * Each flow keeps the highest sequence seen (+1) and a 64-bit window of
 * the sequences just below it, which tells a duplicate (bit already set)
 * from a late packet (bit clear: it fills a gap counted earlier). The
 * totals are kept beside the flows, so pp_chk_stats_get() costs the same
 * for 16 flows or 16 million: pp_chk_burst() accumulates them in locals
 * and publishes once per burst with relaxed stores (single writer).
 */
#include <errno.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "pp_gen.h"
#include "pp_gen_pvt.h"

/** Changes to the totals, gathered over a burst. */
struct pp_chk_delta {
	uint64_t packets;
	uint64_t unknown;
	uint64_t reorders;
	uint64_t duplicates;
	uint64_t gaps;		/**< modulo 2^64: may go down */
	uint32_t flows_seen;
};

struct pp_chk *
pp_chk_create(uint32_t n_flows, int socket_id)
{
	struct pp_chk *c;

	if (n_flows == 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	c = rte_zmalloc_socket("pp_chk", sizeof(*c), RTE_CACHE_LINE_SIZE,
			       socket_id);
	if (c == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	c->flows = rte_zmalloc_socket("pp_chk_flows",
				      (size_t)n_flows * sizeof(*c->flows),
				      RTE_CACHE_LINE_SIZE, socket_id);
	if (c->flows == NULL) {
		rte_free(c);
		rte_errno = ENOMEM;
		return NULL;
	}
	c->n_flows = n_flows;
	return c;
}

void
__pp_chk_init(struct pp_chk *c, struct pp_chk_flow *flows, uint32_t n_flows)
{
	memset(c, 0, sizeof(*c));
	memset(flows, 0, (size_t)n_flows * sizeof(*flows));
	c->flows = flows;
	c->n_flows = n_flows;
}

void
pp_chk_free(struct pp_chk *c)
{
	if (c == NULL)
		return;
	rte_free(c->flows);
	rte_free(c);
}

/*
 * One observation. Sequences start at 0, so a flow whose first packet has
 * seq k already counts k gaps.
 */
static __rte_always_inline void
__pp_chk_observe(struct pp_chk *c, uint32_t flow, uint64_t seq,
		 struct pp_chk_delta *d)
{
	struct pp_chk_flow *s;
	uint64_t hi, dist;

	if (unlikely(flow >= c->n_flows)) {
		d->unknown++;
		return;
	}
	s = &c->flows[flow];
	if (unlikely(s->packets == 0))
		d->flows_seen++;
	s->packets++;
	d->packets++;
	hi = s->next;

	if (likely(seq >= hi)) {
		/* In order (dist 0) or a jump forward over dist sequences. */
		dist = seq - hi;
		s->gaps += dist;
		d->gaps += dist;
		s->window = dist >= PP_CHK_WINDOW - 1 ? 0 :
			s->window << (dist + 1);
		s->window |= 1;
		s->next = seq + 1;
		return;
	}

	dist = hi - 1 - seq;
	if (dist < PP_CHK_WINDOW) {
		uint64_t bit = 1ull << dist;

		if (s->window & bit) {
			s->duplicates++;
			d->duplicates++;
			return;
		}
		s->window |= bit;
		if (s->gaps > 0) {
			/* It filled a gap counted when a later seq came. */
			s->gaps--;
			d->gaps--;
		}
	}
	/* Further back than the window: cannot tell, call it late. */
	s->reorders++;
	d->reorders++;
}

/* Single writer: a relaxed load + store is enough; readers see either. */
static inline void
__pp_chk_add(uint64_t *ctr, uint64_t n)
{
	__atomic_store_n(ctr, *ctr + n, __ATOMIC_RELAXED);
}

static void
__pp_chk_publish(struct pp_chk *c, const struct pp_chk_delta *d)
{
	__pp_chk_add(&c->tot.packets, d->packets);
	__pp_chk_add(&c->tot.unknown, d->unknown);
	__pp_chk_add(&c->tot.reorders, d->reorders);
	__pp_chk_add(&c->tot.duplicates, d->duplicates);
	__pp_chk_add(&c->tot.gaps, d->gaps);
	__atomic_store_n(&c->tot.flows_seen, c->tot.flows_seen + d->flows_seen,
			 __ATOMIC_RELAXED);
}

void
pp_chk_observe(struct pp_chk *c, uint32_t flow, uint64_t seq)
{
	struct pp_chk_delta d = { 0 };

	__pp_chk_observe(c, flow, seq, &d);
	__pp_chk_publish(c, &d);
}

void
pp_chk_burst(struct pp_chk *c, struct rte_mbuf **pkts, uint16_t n)
{
	struct pp_chk_delta d = { 0 };
	struct pp_pkt_info info;
	struct pp_gen_payload pl;
	uint64_t now = rte_rdtsc();
	uint16_t i;

	for (i = 0; i < n; i++) {
		const uint8_t *data = rte_pktmbuf_mtod(pkts[i],
						       const uint8_t *);

		if (unlikely(pp_pkt_parse(data, pkts[i]->data_len, &info) !=
			     PP_PKT_IP ||
			     info.payload_len < sizeof(pl))) {
			d.unknown++;
			continue;
		}
		/* The marker follows a 14/18-byte L2 header: unaligned. */
		memcpy(&pl, data + info.payload_off, sizeof(pl));
		if (unlikely(pl.magic != PP_GEN_MAGIC)) {
			d.unknown++;
			continue;
		}
		__pp_chk_observe(c, pl.flow, pl.seq, &d);
		if (likely(pl.flow < c->n_flows))
			c->flows[pl.flow].last_tsc = now;
	}
	__pp_chk_publish(c, &d);
}

void
pp_chk_stats_get(const struct pp_chk *c, struct pp_chk_stats *st)
{
	/* Relaxed: counters only, possibly a burst stale. */
	st->packets = __atomic_load_n(&c->tot.packets, __ATOMIC_RELAXED);
	st->unknown = __atomic_load_n(&c->tot.unknown, __ATOMIC_RELAXED);
	st->reorders = __atomic_load_n(&c->tot.reorders, __ATOMIC_RELAXED);
	st->duplicates = __atomic_load_n(&c->tot.duplicates,
					 __ATOMIC_RELAXED);
	st->gaps = __atomic_load_n(&c->tot.gaps, __ATOMIC_RELAXED);
	st->flows_seen = __atomic_load_n(&c->tot.flows_seen,
					 __ATOMIC_RELAXED);
}

const struct pp_chk_flow *
pp_chk_flow_get(const struct pp_chk *c, uint32_t flow)
{
	return flow < c->n_flows ? &c->flows[flow] : NULL;
}

uint32_t
pp_chk_n_flows(const struct pp_chk *c)
{
	return c->n_flows;
}
