/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Aggregate policers: the shared bucket (one 64-bit time, z) and the
 * per-lcore leases. The header explains the scheme; here is the grant.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_pause.h>

#include "pp_police.h"

#define PP_AGG_HZ_MAX	(1ull << 40)
#define PP_AGG_TB_MAX	(1ull << 62)

typedef unsigned __int128 u128;

/* A consistent copy of the configuration (reader side). */
struct agg_cfg {
	uint64_t rate;
	uint64_t burst;
	uint64_t tb;
	uint64_t chunk;
};

/* Validate prm and derive tb and chunk for tsc_hz. */
static int
agg_derive(const struct pp_agg_params *prm, uint64_t tsc_hz,
	   struct agg_cfg *c)
{
	u128 tb;

	if (prm == NULL || prm->rate == 0 || prm->rate > PP_POLICE_RATE_MAX ||
	    prm->burst == 0 || prm->burst > PP_POLICE_BURST_MAX ||
	    tsc_hz == 0 || tsc_hz > PP_AGG_HZ_MAX)
		return -EINVAL;
	/* ceil, so that tb cycles convert back to at least `burst` tokens */
	tb = ((u128)prm->burst * tsc_hz + prm->rate - 1) / prm->rate;
	if (tb > PP_AGG_TB_MAX)
		return -EINVAL;
	c->rate = prm->rate;
	c->burst = prm->burst;
	c->tb = (uint64_t)tb;
	/* A lease holds at most 1/8 of the burst and 100 us of traffic:
	 * what leases hold unused is the error under overload, and one CAS
	 * per chunk is the cost. */
	c->chunk = RTE_MIN(c->tb / PP_AGG_LEASE_DIV,
			   tsc_hz / (1000000 / PP_AGG_LEASE_US));
	return 0;
}

/* Reader: the current configuration. Never waits for a writer: the one
 * being written is never the current one. */
static void
agg_cfg_read(const struct pp_agg *a, struct agg_cfg *c)
{
	const struct pp_agg_cfg *s;
	uint32_t s1, s2;

	for (;;) {
		/* Acquire: pairs with the writer's release store of cur. */
		s = &a->cfg[__atomic_load_n(&a->cur, __ATOMIC_ACQUIRE) & 1];
		/* Acquire: pairs with the writer's final release of seq. */
		s1 = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		if (unlikely(s1 & 1))
			continue;	/* rewritten since we read cur */
		c->rate = __atomic_load_n(&s->rate, __ATOMIC_RELAXED);
		c->burst = __atomic_load_n(&s->burst, __ATOMIC_RELAXED);
		c->tb = __atomic_load_n(&s->tb, __ATOMIC_RELAXED);
		c->chunk = __atomic_load_n(&s->chunk, __ATOMIC_RELAXED);
		/* Acquire fence: the field loads happen before the re-read
		 * of seq; pairs with the writer's release fence. */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s2 = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);
		if (likely(s1 == s2))
			return;
	}
}

/* Writer (wlock held, or init): fill the copy that is not current, then
 * make it current. */
static void
agg_cfg_publish(struct pp_agg *a, const struct agg_cfg *c)
{
	uint32_t i = (__atomic_load_n(&a->cur, __ATOMIC_RELAXED) & 1) ^ 1;
	struct pp_agg_cfg *s = &a->cfg[i];
	uint32_t seq = __atomic_load_n(&s->seq, __ATOMIC_RELAXED);

	/* Odd: a reader still on this copy (from before the last flip)
	 * retries. */
	__atomic_store_n(&s->seq, seq + 1, __ATOMIC_RELAXED);
	/* Release fence: a reader that sees a new field also sees the odd
	 * seq (or later); pairs with the reader's acquire fence. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&s->rate, c->rate, __ATOMIC_RELAXED);
	__atomic_store_n(&s->burst, c->burst, __ATOMIC_RELAXED);
	__atomic_store_n(&s->tb, c->tb, __ATOMIC_RELAXED);
	__atomic_store_n(&s->chunk, c->chunk, __ATOMIC_RELAXED);
	/* Release: the fields before the even seq; pairs with the reader's
	 * acquire load of seq. */
	__atomic_store_n(&s->seq, seq + 2, __ATOMIC_RELEASE);
	/* Release: the complete copy before it becomes current; pairs with
	 * the reader's acquire load of cur. */
	__atomic_store_n(&a->cur, i, __ATOMIC_RELEASE);
}

int
pp_agg_init(struct pp_agg *a, const struct pp_agg_params *prm,
	    uint64_t tsc_hz, uint64_t now_tsc)
{
	struct agg_cfg c;
	int rc;

	if (a == NULL)
		return -EINVAL;
	rc = agg_derive(prm, tsc_hz, &c);
	if (rc < 0)
		return rc;
	memset(a, 0, sizeof(*a));
	rte_spinlock_init(&a->wlock);
	a->packets = prm->packets;
	a->tsc_hz = tsc_hz;
	agg_cfg_publish(a, &c);
	/* Full bucket now (modular: fine even if now_tsc < tb). */
	a->z = now_tsc - c.tb;
	return 0;
}

struct pp_agg *
pp_agg_create(const struct pp_agg_params *prm, uint64_t tsc_hz,
	      uint64_t now_tsc, int socket_id)
{
	struct pp_agg *a;
	struct agg_cfg c;
	int rc;

	rc = agg_derive(prm, tsc_hz, &c);
	if (rc < 0) {
		rte_errno = -rc;
		return NULL;
	}
	a = rte_zmalloc_socket("pp_agg", sizeof(*a), RTE_CACHE_LINE_SIZE,
			       socket_id);
	if (a == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	rc = pp_agg_init(a, prm, tsc_hz, now_tsc);
	if (rc < 0) {
		rte_free(a);
		rte_errno = -rc;
		return NULL;
	}
	return a;
}

void
pp_agg_free(struct pp_agg *a)
{
	rte_free(a);
}

int
pp_agg_set_rate(struct pp_agg *a, const struct pp_agg_params *prm)
{
	struct agg_cfg c;
	int rc;

	if (a == NULL)
		return -EINVAL;
	rc = agg_derive(prm, a->tsc_hz, &c);
	if (rc < 0)
		return rc;
	if ((uint32_t)prm->packets != a->packets)
		return -EINVAL;

	rte_spinlock_lock(&a->wlock);
	agg_cfg_publish(a, &c);
	rte_spinlock_unlock(&a->wlock);
	return 0;
}

void
pp_agg_lease_init(struct pp_agg_lease *l)
{
	memset(l, 0, sizeof(*l));
}

void
pp_agg_lease_flush(struct pp_agg *a, struct pp_agg_lease *l)
{
	struct agg_cfg c;
	uint64_t back;

	if (l->tokens != 0) {
		agg_cfg_read(a, &c);
		/* floor: never return more time than the tokens are worth */
		back = (uint64_t)(((u128)l->tokens * a->tsc_hz) / c.rate);
		/* Relaxed: z carries no other data (see __pp_agg_admit_slow).
		 * Moving z back adds credit, still capped at tb. */
		__atomic_fetch_sub(&a->z, back, __ATOMIC_RELAXED);
	}
	l->tokens = 0;
	l->rem = 0;
	l->retry_tsc = 0;
}

bool
__pp_agg_admit_slow(struct pp_agg *a, struct pp_agg_lease *l,
		    uint64_t now_tsc, uint32_t amount)
{
	struct agg_cfg c;
	uint64_t need_tok, need, want, z, nz, hz = a->tsc_hz;
	int64_t avail;
	u128 t;

	/* pp_agg_admit() checked retry_tsc */
	agg_cfg_read(a, &c);

	/* Cycles of credit that turn into the missing tokens, given the
	 * fraction the lease already carries:
	 * floor((g * rate + rem) / hz) >= need_tok. */
	need_tok = amount - l->tokens;
	t = (u128)need_tok * hz;
	t = t > l->rem ? t - l->rem : 0;
	t = (t + c.rate - 1) / c.rate;
	if (unlikely(t > c.tb)) {
		l->waits++;
		return false;	/* larger than the burst: never fits */
	}
	need = (uint64_t)t;
	want = RTE_MAX(need, c.chunk);

	/* Relaxed CAS: z is the only shared state of a grant and publishes
	 * nothing else; its modification order alone makes grants add up
	 * (each moves z forward by exactly what it takes). */
	z = __atomic_load_n(&a->z, __ATOMIC_RELAXED);
	do {
		avail = (int64_t)(now_tsc - z);
		if (avail > (int64_t)c.tb)
			avail = (int64_t)c.tb;
		if (avail < (int64_t)want) {
			/* Come back when the chunk could be there (if nobody
			 * else takes it first): z + want, modular. avail < 0:
			 * time went back, or another lcore's clock is ahead. */
			l->retry_tsc = now_tsc - (uint64_t)avail + want;
			l->waits++;
			return false;
		}
		nz = now_tsc - (uint64_t)avail + want;
	} while (!__atomic_compare_exchange_n(&a->z, &z, nz, false,
					      __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	l->grants++;
	t = (u128)want * c.rate + l->rem;
	l->tokens += (uint64_t)(t / hz);
	l->rem = (uint64_t)(t % hz);
	l->tokens -= amount;	/* >= amount by construction of need */
	return true;
}

uint64_t
pp_agg_credit(const struct pp_agg *a, uint64_t now_tsc)
{
	struct agg_cfg c;
	int64_t avail;

	agg_cfg_read(a, &c);
	avail = (int64_t)(now_tsc - __atomic_load_n(&a->z, __ATOMIC_RELAXED));
	if (avail <= 0)
		return 0;
	if (avail > (int64_t)c.tb)
		avail = (int64_t)c.tb;
	return (uint64_t)(((u128)avail * c.rate) / a->tsc_hz);
}

void
pp_agg_dump(FILE *f, const struct pp_agg *a, uint64_t now_tsc)
{
	struct agg_cfg c;

	agg_cfg_read(a, &c);
	fprintf(f, "pp_agg %p: rate %" PRIu64 " %s/s burst %" PRIu64
		" (%" PRIu64 " cycles) chunk %" PRIu64 " cycles tsc_hz %"
		PRIu64 " credit %" PRIu64 "\n", (const void *)a, c.rate,
		a->packets ? "pkt" : "B", c.burst, c.tb, c.chunk, a->tsc_hz,
		pp_agg_credit(a, now_tsc));
}
