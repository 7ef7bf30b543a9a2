/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hash -> bucket -> worker map, work stealing (victim choice, amount) and
 * the atomic-scheduling bucket protocol (acquire/release/move), including
 * a multi-threaded race of RX, workers and movers.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pp_sched.h"
#include "pp_test.h"

static struct pp_sched_map *
mk(uint32_t buckets, uint16_t workers, int *rc)
{
	struct pp_sched_map *m = calloc(1, pp_sched_map_memsize(buckets));

	*rc = pp_sched_map_init(m, buckets, workers);
	return m;
}

static void
test_init_errors(void)
{
	struct pp_sched_map *m;
	int rc;

	m = mk(64, 0, &rc);		/* no worker */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
	m = mk(100, 2, &rc);		/* not a power of two */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
	m = mk(2, 4, &rc);		/* fewer buckets than workers */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
	m = mk(131072, 4, &rc);		/* more than a uint16 bucket id */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
}

static void
test_one_bucket(void)
{
	int rc;
	struct pp_sched_map *m = mk(1, 1, &rc);

	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(pp_sched_bucket(m, 0), 0);
	CU_ASSERT_EQUAL(pp_sched_bucket(m, 0xffffffffu), 0);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 0), 0);
	free(m);
}

/* Buckets are owned round-robin, so each worker owns the same number. */
static void
test_owner_round_robin(void)
{
	static const uint16_t workers[] = { 1, 2, 3, 4, 16 };
	unsigned int i, b;

	for (i = 0; i < sizeof(workers) / sizeof(workers[0]); i++) {
		int rc, cnt[16] = { 0 };
		struct pp_sched_map *m = mk(256, workers[i], &rc);

		CU_ASSERT_EQUAL_FATAL(rc, 0);
		for (b = 0; b < 256; b++) {
			CU_ASSERT(pp_sched_owner(m, b) < workers[i]);
			cnt[pp_sched_owner(m, b)]++;
		}
		for (b = 0; b < workers[i]; b++)
			CU_ASSERT(abs(cnt[b] - 256 / workers[i]) <= 1);
		free(m);
	}
}

/* Hashes that differ only in their high bits, and hashes that share their
 * low bits (what one RSS queue sees), still spread over all buckets. */
static void
test_bucket_spread(void)
{
	int rc;
	struct pp_sched_map *m = mk(64, 4, &rc);
	unsigned int seen_low[64] = { 0 }, seen_rss[64] = { 0 };
	uint32_t h, used_low = 0, used_rss = 0;

	CU_ASSERT_EQUAL_FATAL(rc, 0);
	for (h = 0; h < 64 * 64; h++) {
		uint32_t b1 = pp_sched_bucket(m, h);
		/* low 7 bits fixed, as RETA index 5 on a 128-entry table */
		uint32_t b2 = pp_sched_bucket(m, (h << 7) | 5);

		CU_ASSERT(b1 < 64 && b2 < 64);
		seen_low[b1]++;
		seen_rss[b2]++;
	}
	for (h = 0; h < 64; h++) {
		used_low += seen_low[h] != 0;
		used_rss += seen_rss[h] != 0;
		/* no bucket gets more than 3x its fair share (64) */
		CU_ASSERT(seen_low[h] < 3 * 64);
		CU_ASSERT(seen_rss[h] < 3 * 64);
	}
	CU_ASSERT_EQUAL(used_low, 64);
	CU_ASSERT_EQUAL(used_rss, 64);
	/* deterministic: same hash, same bucket */
	CU_ASSERT_EQUAL(pp_sched_bucket(m, 12345), pp_sched_bucket(m, 12345));
	free(m);
}

/* A run-to-completion RX keeps its flows: every local bucket is one its
 * worker owns at start, in range, and all of them are used, also when
 * the buckets do not divide evenly among the workers. */
static void
test_bucket_local(void)
{
	static const struct { uint32_t buckets; uint16_t workers; } cases[] = {
		{ 64, 2 }, { 64, 3 }, { 256, 4 }, { 16, 16 }, { 8, 1 },
	};
	size_t k;

	for (k = 0; k < RTE_DIM(cases); k++) {
		int rc;
		struct pp_sched_map *m = mk(cases[k].buckets, cases[k].workers,
					    &rc);
		uint16_t w;

		CU_ASSERT_EQUAL_FATAL(rc, 0);
		for (w = 0; w < cases[k].workers; w++) {
			unsigned int seen[256] = { 0 }, used = 0;
			uint32_t h, b;

			for (h = 0; h < 64 * 1024; h++) {
				b = pp_sched_bucket_local(m, h * 2654435761u, w);
				CU_ASSERT_FATAL(b < m->n_buckets);
				CU_ASSERT_FATAL(pp_sched_owner(m, b) == w);
				seen[b]++;
			}
			for (b = 0; b < m->n_buckets; b++)
				used += seen[b] != 0;
			CU_ASSERT_EQUAL(used, m->n_buckets / cases[k].workers);
		}
		free(m);
	}
}

/*
 * Work stealing: pp_sched_victim() over a table of backlogs. The callback
 * also records which workers it was asked about, so a test can check that
 * the thief never looks at itself or past n_workers.
 */
#define VICTIM_MAX 16

struct victim_ctx {
	uint32_t backlog[VICTIM_MAX];
	uint16_t n;		/**< n_workers of the call */
	uint16_t self;
	uint32_t bad;		/**< queries of self or of w >= n */
	uint32_t asked;		/**< bit w: w was queried during this call */
};

static uint32_t
victim_backlog(void *arg, uint16_t w)
{
	struct victim_ctx *c = arg;

	if (w == c->self || w >= c->n || w >= VICTIM_MAX) {
		c->bad++;
		return 0;
	}
	c->asked |= 1u << w;
	return c->backlog[w];
}

static uint16_t
victim(struct victim_ctx *c, uint64_t *rng, uint32_t min_backlog)
{
	c->asked = 0;
	return pp_sched_victim(victim_backlog, c, c->n, c->self, rng,
			       min_backlog);
}

/* 0 or 1 worker: nobody to steal from, whatever the backlogs. */
static void
test_victim_no_peer(void)
{
	struct victim_ctx c = { .backlog = { 100, 100 } };
	uint64_t rng = 1;

	c.n = 0;
	CU_ASSERT_EQUAL(victim(&c, &rng, 0), 0);
	c.n = 1;
	CU_ASSERT_EQUAL(victim(&c, &rng, 0), 1);
	CU_ASSERT_EQUAL(victim(&c, &rng, 1), 1);
	CU_ASSERT_EQUAL(c.bad, 0);
}

/* For n = 2..16 and every self: the victim is a peer, never self; the
 * thief asks about at most two peers per call, never about itself; and
 * with equal backlogs every peer is chosen some time. */
static void
test_victim_never_self(void)
{
	struct victim_ctx c;
	uint64_t rng = 0x9E3779B97F4A7C15ull;
	uint16_t n, self, v, w;
	unsigned int i;

	for (n = 2; n <= VICTIM_MAX; n++) {
		for (self = 0; self < n; self++) {
			uint32_t chosen[VICTIM_MAX] = { 0 };

			memset(&c, 0, sizeof(c));
			c.n = n;
			c.self = self;
			for (w = 0; w < n; w++)
				c.backlog[w] = 1;
			for (i = 0; i < 64u * n; i++) {
				v = victim(&c, &rng, 0);
				CU_ASSERT(v < n);
				CU_ASSERT(v != self);
				CU_ASSERT(__builtin_popcount(c.asked) <= 2);
				if (v < n)
					chosen[v]++;
			}
			CU_ASSERT_EQUAL(c.bad, 0);
			for (w = 0; w < n; w++)
				CU_ASSERT((chosen[w] != 0) == (w != self));
		}
	}
}

/* No peer has min_backlog: no victim, even when the thief itself (never a
 * victim) has a large backlog. */
static void
test_victim_below_min(void)
{
	struct victim_ctx c = {
		.n = 4, .self = 1, .backlog = { 3, 1000, 3, 0 },
	};
	uint64_t rng = 7;
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		CU_ASSERT_EQUAL(victim(&c, &rng, 4), 4);
		/* at the threshold, a peer qualifies */
		CU_ASSERT(victim(&c, &rng, 3) != 4);
	}
	CU_ASSERT_EQUAL(c.bad, 0);
}

/* Of the two peers looked at, the one with the larger backlog wins. */
static void
test_victim_larger(void)
{
	struct victim_ctx c = { .n = 8, .self = 5 };
	uint64_t rng = 12345;
	uint16_t v, w, best;
	unsigned int i;

	for (w = 0; w < c.n; w++)
		c.backlog[w] = 10 + w * 7 % 8;	/* all distinct */
	for (i = 0; i < 10000; i++) {
		v = victim(&c, &rng, 1);
		best = c.n;
		for (w = 0; w < c.n; w++)
			if ((c.asked & (1u << w)) && (best == c.n ||
			    c.backlog[w] > c.backlog[best]))
				best = w;
		CU_ASSERT_EQUAL(v, best);
	}
	CU_ASSERT_EQUAL(c.bad, 0);
}

/* One loaded peer among 3: two random choices find it 2/3 of the time
 * (assert >= 40%), and nobody else qualifies. */
static void
test_victim_one_loaded(void)
{
	struct victim_ctx c = { .n = 4, .self = 0, .backlog = { 0, 0, 9, 0 } };
	uint64_t rng = 42;
	unsigned int i, hit = 0, draws = 10000;
	uint16_t v;

	for (i = 0; i < draws; i++) {
		v = victim(&c, &rng, 1);
		CU_ASSERT(v == 2 || v == 4);
		hit += v == 2;
	}
	CU_ASSERT(hit * 10 >= draws * 4);
	CU_ASSERT_EQUAL(c.bad, 0);
}

/* Equal backlogs: each peer is chosen about as often as the others
 * (at least half of its fair share). */
static void
test_victim_spread(void)
{
	struct victim_ctx c = { .n = 8, .self = 3 };
	uint32_t chosen[8] = { 0 };
	uint64_t rng = 99;
	unsigned int i, draws = 70000;
	uint16_t v, w;

	for (w = 0; w < c.n; w++)
		c.backlog[w] = 5;
	for (i = 0; i < draws; i++) {
		v = victim(&c, &rng, 1);
		CU_ASSERT_FATAL(v < c.n);
		chosen[v]++;
	}
	for (w = 0; w < c.n; w++) {
		if (w == c.self) {
			CU_ASSERT_EQUAL(chosen[w], 0);
		} else {
			CU_ASSERT(chosen[w] >= draws / (c.n - 1) / 2);
		}
	}
}

/* Every call advances the thief's rng, which never falls to 0 (xorshift
 * would be stuck there). */
static void
test_victim_rng(void)
{
	struct victim_ctx c = { .n = 4, .self = 2, .backlog = { 1, 1, 1, 1 } };
	uint64_t rng = 1, prev;
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		prev = rng;
		victim(&c, &rng, 1);
		CU_ASSERT(rng != prev);
		CU_ASSERT(rng != 0);
	}
}

/* Half the backlog, at most a burst; nothing from 0 or 1. */
static void
test_steal_amount(void)
{
	static const struct {
		uint32_t backlog, burst, want;
	} t[] = {
		{ 0, 32, 0 }, { 1, 32, 0 }, { 2, 32, 1 }, { 3, 32, 1 },
		{ 10, 32, 5 }, { 64, 32, 32 }, { 65, 32, 32 },
		{ 1000, 32, 32 }, { UINT32_MAX, 32, 32 },
		{ UINT32_MAX, UINT32_MAX, UINT32_MAX / 2 },
		{ 100, 0, 0 },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(t); i++)
		CU_ASSERT_EQUAL(pp_sched_steal_amount(t[i].backlog, t[i].burst),
				t[i].want);
}

/* Snapshot of every bucket but `skip`, to check a move touched only its
 * own bucket. */
static int
same_but(const struct pp_sched_map *m, const uint16_t *owner,
	 const uint32_t *inflight, uint32_t skip)
{
	uint32_t b;

	for (b = 0; b < m->n_buckets; b++)
		if (b != skip && (pp_sched_owner(m, b) != owner[b] ||
				  pp_sched_inflight(m, b) != inflight[b]))
			return 0;
	return 1;
}

static void
snapshot(const struct pp_sched_map *m, uint16_t *owner, uint32_t *inflight)
{
	uint32_t b;

	for (b = 0; b < m->n_buckets; b++) {
		owner[b] = pp_sched_owner(m, b);
		inflight[b] = pp_sched_inflight(m, b);
	}
}

/* Moves that must fail, and leave the map as it was. */
static void
test_move_errors(void)
{
	uint16_t owner[8];
	uint32_t inflight[8];
	int rc;
	struct pp_sched_map *m = mk(8, 2, &rc);

	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 3), 1);
	CU_ASSERT_EQUAL(pp_sched_acquire(m, 5, 1), 1);	/* another bucket */

	/* packets in flight: busy, owner unchanged, never left MOVING */
	CU_ASSERT_EQUAL(pp_sched_acquire(m, 3, 2), 1);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 3), 2);
	snapshot(m, owner, inflight);
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, 1, 0), -EBUSY);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 3), 1);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 3), 2);
	pp_sched_release(m, 3, 1);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 3), 1);
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, 1, 0), -EBUSY);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 3), 1);
	pp_sched_release(m, 3, 1);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 3), 0);

	/* not worker indices: a mover passing the MOVING it read would,
	 * on -EBUSY, write MOVING back and strand the bucket */
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, PP_SCHED_MOVING, 0), -EINVAL);
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, 1, PP_SCHED_MOVING), -EINVAL);
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, 2, 0), -EINVAL);
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, 1, 1), -EINVAL);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 3), 1);

	/* idle, but `from` is not the owner */
	CU_ASSERT_EQUAL(pp_sched_move(m, 3, 0, 1), -EAGAIN);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 3), 1);
	CU_ASSERT(same_but(m, owner, inflight, 3));
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 5), 1);
	free(m);
}

/* The protocol, one thread: acquire counts and returns the owner, release
 * uncounts, an idle bucket moves, and only that bucket changes. */
static void
test_move_protocol(void)
{
	uint16_t owner[64];
	uint32_t inflight[64];
	uint32_t b;
	int rc;
	struct pp_sched_map *m = mk(64, 4, &rc);

	CU_ASSERT_EQUAL_FATAL(rc, 0);
	for (b = 0; b < 64; b++) {
		CU_ASSERT_EQUAL(pp_sched_inflight(m, b), 0);
		CU_ASSERT_EQUAL(pp_sched_acquire(m, b, b + 1), b % 4);
		CU_ASSERT_EQUAL(pp_sched_inflight(m, b), b + 1);
	}
	/* bucket 10 (worker 2) idle, its neighbours busy */
	pp_sched_release(m, 10, 5);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 10), 6);
	pp_sched_release(m, 10, 6);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 10), 0);
	snapshot(m, owner, inflight);
	CU_ASSERT_EQUAL(pp_sched_move(m, 10, 2, 3), 0);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 10), 3);
	CU_ASSERT_EQUAL(pp_sched_inflight(m, 10), 0);
	CU_ASSERT(same_but(m, owner, inflight, 10));
	/* the old owner's view is stale now */
	CU_ASSERT_EQUAL(pp_sched_move(m, 10, 2, 0), -EAGAIN);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 10), 3);
	/* RX now sends it to the new owner; it moves back once idle */
	CU_ASSERT_EQUAL(pp_sched_acquire(m, 10, 1), 3);
	CU_ASSERT_EQUAL(pp_sched_move(m, 10, 3, 2), -EBUSY);
	pp_sched_release(m, 10, 1);
	CU_ASSERT_EQUAL(pp_sched_move(m, 10, 3, 2), 0);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 10), 2);
	CU_ASSERT(same_but(m, owner, inflight, 10));
	free(m);
}

/*
 * The race: one RX thread, n workers, one or two movers, on one map.
 *
 * RX picks a bucket b, o = pp_sched_acquire(b), and hands b to worker o
 * through o's single-producer/single-consumer ring. pending[w][b] counts
 * b's packets handed to w and not yet done: RX raises pending[o][b] after
 * acquiring; the worker lowers it BEFORE pp_sched_release(). The property
 * atomic scheduling promises: when RX acquires b for o, no other worker
 * still holds one of b's packets (pending[w][b] == 0 for w != o). Checked
 * also on the worker side: while w holds b, b's owner is w (or MOVING, a
 * move that will back off), and b's packets reach the workers in RX order
 * (per-bucket sequence numbers, across moves).
 *
 * Movers move random buckets to random other workers. Workers spin a
 * little per packet and the rings are short, so many buckets are idle at
 * any time and moves do succeed (asserted: the test must exercise them).
 *
 * Bounded by an iteration count and a deadline; every thread is joined.
 * Assertions are made in the main thread only (CUnit is not thread-safe).
 */
#define RACE_BUCKETS	64
#define RACE_WORKERS	4	/* max */
#define RACE_MOVERS	2	/* max */
#define RACE_RING	32	/* power of two */
#define RACE_SEQ_BITS	24	/* ring entry: seq << 8 | bucket */
#define RACE_SEQ_MASK	((1u << RACE_SEQ_BITS) - 1)

struct race_ring {
	uint32_t head __rte_cache_aligned;	/**< written by RX only */
	uint32_t tail __rte_cache_aligned;	/**< written by the worker only */
	uint32_t slot[RACE_RING] __rte_cache_aligned;
};

struct race_out {
	uint64_t n;		/**< RX: pushed; worker: popped; mover: moved */
	uint64_t violations;	/**< RX, worker: exclusivity broken */
	uint64_t order;		/**< worker: a bucket's packets out of order */
	uint64_t busy, again;	/**< mover */
} __rte_cache_aligned;

struct race {
	struct pp_sched_map *m;
	uint16_t n_workers;
	uint16_t worker_spin;	/**< rte_pause() per packet */
	uint64_t iters;
	uint64_t deadline;	/**< ns, CLOCK_MONOTONIC */
	uint32_t rx_done;	/**< RX -> workers: no more pushes */
	uint32_t stop;		/**< main -> movers */
	struct race_ring ring[RACE_WORKERS];
	uint32_t pending[RACE_WORKERS][RACE_BUCKETS] __rte_cache_aligned;
	uint32_t last_seq[RACE_BUCKETS] __rte_cache_aligned;
	struct race_out rx;
	struct race_out worker[RACE_WORKERS];
	struct race_out mover[RACE_MOVERS];
};

struct race_arg {
	struct race *r;
	uint16_t id;
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static uint64_t
xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

static int
race_push(struct race_ring *q, uint32_t v)
{
	uint32_t h = q->head;	/* only we write it */

	/* Acquire: pairs with the worker's tail store; its read of the
	 * slot we are about to overwrite is done. */
	if (h - __atomic_load_n(&q->tail, __ATOMIC_ACQUIRE) == RACE_RING)
		return 0;
	q->slot[h & (RACE_RING - 1)] = v;
	/* Release: pairs with the worker's head load; publishes the slot. */
	__atomic_store_n(&q->head, h + 1, __ATOMIC_RELEASE);
	return 1;
}

static int
race_pop(struct race_ring *q, uint32_t *v)
{
	uint32_t t = q->tail;	/* only we write it */

	/* Acquire: pairs with race_push()'s head store. */
	if (__atomic_load_n(&q->head, __ATOMIC_ACQUIRE) == t)
		return 0;
	*v = q->slot[t & (RACE_RING - 1)];
	/* Release: pairs with race_push()'s tail load. */
	__atomic_store_n(&q->tail, t + 1, __ATOMIC_RELEASE);
	return 1;
}

static void *
race_rx(void *arg)
{
	struct race *r = ((struct race_arg *)arg)->r;
	uint32_t seq[RACE_BUCKETS] = { 0 };
	uint64_t rng = 0x2545F4914F6CDD1Dull, i, viol = 0;
	uint32_t b;
	uint16_t o, w;

	for (i = 0; i < r->iters; i++) {
		if ((i & 4095) == 0 && now_ns() > r->deadline)
			break;
		b = xorshift(&rng) % RACE_BUCKETS;
		o = pp_sched_acquire(r->m, b, 1);
		if (o >= r->n_workers) {
			viol++;		/* MOVING or garbage leaked out */
			pp_sched_release(r->m, b, 1);
			continue;
		}
		/* Relaxed is enough: a worker's pending decrement is
		 * sequenced before its release, which the mover acquires
		 * before it stores the owner that acquire just read. */
		for (w = 0; w < r->n_workers; w++)
			if (w != o && __atomic_load_n(&r->pending[w][b],
						      __ATOMIC_RELAXED) != 0)
				viol++;
		__atomic_fetch_add(&r->pending[o][b], 1, __ATOMIC_RELAXED);
		while (!race_push(&r->ring[o],
				  (seq[b] & RACE_SEQ_MASK) << 8 | b))
			sched_yield();
		seq[b]++;
	}
	r->rx.n = i;
	r->rx.violations = viol;
	/* Release: pairs with the workers' load; all pushes are visible. */
	__atomic_store_n(&r->rx_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *
race_worker(void *arg)
{
	struct race *r = ((struct race_arg *)arg)->r;
	uint16_t me = ((struct race_arg *)arg)->id, o;
	struct race_out out = { 0 };
	uint32_t v, b, s, last;
	unsigned int k;
	int done;

	for (;;) {
		/* Acquire: pairs with race_rx()'s store. Read before the
		 * pop, so done + empty ring means drained. */
		done = __atomic_load_n(&r->rx_done, __ATOMIC_ACQUIRE);
		if (!race_pop(&r->ring[me], &v)) {
			if (done)
				break;
			sched_yield();
			continue;
		}
		b = v & 0xff;
		s = v >> 8;
		o = pp_sched_owner(r->m, b);
		if (o != me && o != PP_SCHED_MOVING)
			out.violations++;
		/* Relaxed: only the bucket's current holder touches it. */
		last = __atomic_load_n(&r->last_seq[b], __ATOMIC_RELAXED);
		if (s != ((last + 1) & RACE_SEQ_MASK))
			out.order++;
		__atomic_store_n(&r->last_seq[b], s, __ATOMIC_RELAXED);
		for (k = 0; k < r->worker_spin; k++)
			rte_pause();
		/* Before the release, which publishes it to the mover. */
		__atomic_fetch_sub(&r->pending[me][b], 1, __ATOMIC_RELAXED);
		pp_sched_release(r->m, b, 1);
		out.n++;
	}
	r->worker[me] = out;
	return NULL;
}

static void *
race_mover(void *arg)
{
	struct race *r = ((struct race_arg *)arg)->r;
	uint16_t me = ((struct race_arg *)arg)->id, from, to;
	struct race_out out = { 0 };
	uint64_t rng = 0x9E3779B97F4A7C15ull * (me + 1), x;
	unsigned int k = 0;
	uint32_t b;
	int rc;

	/* Acquire: pairs with the main thread's store (nothing to see
	 * but the flag). */
	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		x = xorshift(&rng);
		b = x % RACE_BUCKETS;
		from = pp_sched_owner(r->m, b);
		if (from == PP_SCHED_MOVING)
			continue;	/* the other mover holds it */
		to = (from + 1 + (x >> 32) % (r->n_workers - 1)) %
			r->n_workers;
		rc = pp_sched_move(r->m, b, from, to);
		if (rc == 0)
			out.n++;
		else if (rc == -EBUSY)
			out.busy++;
		else if (rc == -EAGAIN)
			out.again++;
		else
			out.violations++;
		if ((++k & 63) == 0)
			sched_yield();
	}
	r->mover[me] = out;
	return NULL;
}

/*
 * Join, or abort if the thread is still running RACE_GRACE after the
 * deadline: a bucket stuck MOVING leaves RX spinning in
 * pp_sched_acquire(), which no flag can stop, and the threads still use
 * r, so returning is not an option. Abort beats a silent hang.
 */
#define RACE_GRACE	5000000000ull	/* ns */

static void
race_join(const struct race *r, pthread_t th, uint64_t deadline)
{
	struct timespec ts;
	uint64_t t;
	uint32_t b;

	clock_gettime(CLOCK_REALTIME, &ts);	/* timedjoin's clock */
	t = (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec +
		(deadline + RACE_GRACE - RTE_MIN(now_ns(), deadline));
	ts.tv_sec = t / 1000000000u;
	ts.tv_nsec = t % 1000000000u;
	if (pthread_timedjoin_np(th, NULL, &ts) == 0)
		return;
	fprintf(stderr, "\nrace: a thread is stuck; owner (inflight):");
	for (b = 0; b < RACE_BUCKETS; b++)
		fprintf(stderr, " %u (%u)", pp_sched_owner(r->m, b),
			pp_sched_inflight(r->m, b));
	fprintf(stderr, "\n");
	abort();
}

static void
race_run(uint16_t n_workers, uint16_t n_movers, uint16_t worker_spin,
	 uint64_t iters, uint64_t max_ns)
{
	struct race_arg args[1 + RACE_WORKERS + RACE_MOVERS];
	pthread_t th[1 + RACE_WORKERS + RACE_MOVERS];
	uint64_t popped = 0, moved = 0, busy = 0, again = 0;
	uint64_t wviol = 0, order = 0, mviol = 0, t0;
	unsigned int i, n_th = 0, started = 0;
	struct race *r;
	uint32_t b;
	int rc;

	r = aligned_alloc(RTE_CACHE_LINE_SIZE, sizeof(*r));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	memset(r, 0, sizeof(*r));
	r->m = mk(RACE_BUCKETS, n_workers, &rc);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	r->n_workers = n_workers;
	r->worker_spin = worker_spin;
	r->iters = iters;
	for (b = 0; b < RACE_BUCKETS; b++)
		r->last_seq[b] = RACE_SEQ_MASK;	/* first seq is 0 */
	t0 = now_ns();
	r->deadline = t0 + max_ns;

	for (i = 0; i < n_workers; i++)
		args[n_th++] = (struct race_arg){ r, i };
	for (i = 0; i < n_movers; i++)
		args[n_th++] = (struct race_arg){ r, i };
	args[n_th++] = (struct race_arg){ r, 0 };
	for (i = 0; i < n_th; i++) {
		void *(*fn)(void *) = i < n_workers ? race_worker :
			i < n_workers + n_movers ? race_mover : race_rx;

		if (pthread_create(&th[i], NULL, fn, &args[i]) != 0)
			break;
		started++;
	}
	CU_ASSERT_EQUAL(started, n_th);
	if (started < n_th) {
		/* No RX: stop whoever runs, then fail. */
		__atomic_store_n(&r->rx_done, 1, __ATOMIC_RELEASE);
	}
	/* RX is last: join it first, then the workers drain, then movers. */
	if (started == n_th)
		race_join(r, th[n_th - 1], t0 + max_ns);
	for (i = 0; i < n_workers && i < started; i++)
		race_join(r, th[i], t0 + max_ns);
	/* Release: pairs with race_mover()'s load. */
	__atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE);
	for (i = n_workers; i < n_workers + n_movers && i < started; i++)
		race_join(r, th[i], t0 + max_ns);

	for (i = 0; i < n_workers; i++) {
		popped += r->worker[i].n;
		wviol += r->worker[i].violations;
		order += r->worker[i].order;
	}
	for (i = 0; i < n_movers; i++) {
		moved += r->mover[i].n;
		busy += r->mover[i].busy;
		again += r->mover[i].again;
		mviol += r->mover[i].violations;
	}
	printf("\n    %u workers, %u movers: %" PRIu64 " pkts in %.2f s, "
	       "moves %" PRIu64 " ok / %" PRIu64 " busy / %" PRIu64
	       " again; violations rx %" PRIu64 " worker %" PRIu64
	       " order %" PRIu64 " ... ",
	       n_workers, n_movers, r->rx.n, (now_ns() - t0) / 1e9,
	       moved, busy, again, r->rx.violations, wviol, order);

	CU_ASSERT_EQUAL(r->rx.violations, 0);
	CU_ASSERT_EQUAL(wviol, 0);
	CU_ASSERT_EQUAL(order, 0);
	CU_ASSERT_EQUAL(mviol, 0);
	CU_ASSERT(r->rx.n > 0);
	CU_ASSERT_EQUAL(popped, r->rx.n);
	CU_ASSERT(moved > 0);
	for (b = 0; b < RACE_BUCKETS; b++) {
		CU_ASSERT_EQUAL(pp_sched_inflight(r->m, b), 0);
		CU_ASSERT(pp_sched_owner(r->m, b) < n_workers);
		for (i = 0; i < n_workers; i++)
			CU_ASSERT_EQUAL(r->pending[i][b], 0);
	}
	free(r->m);
	free(r);
}

static void
test_move_race(void)
{
	/* 2 CPUs here: ~1.5 s per row at most. */
	race_run(2, 1, 32, 3000000, 1500000000ull);
	race_run(4, 2, 32, 3000000, 1500000000ull);
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "init errors", test_init_errors },
		{ "one bucket", test_one_bucket },
		{ "owners round-robin", test_owner_round_robin },
		{ "bucket spread", test_bucket_spread },
		{ "bucket local to a worker", test_bucket_local },
		{ "victim: no peer", test_victim_no_peer },
		{ "victim: never self", test_victim_never_self },
		{ "victim: below min_backlog", test_victim_below_min },
		{ "victim: larger of two", test_victim_larger },
		{ "victim: one loaded peer", test_victim_one_loaded },
		{ "victim: peers spread", test_victim_spread },
		{ "victim: rng advances", test_victim_rng },
		{ "steal amount", test_steal_amount },
		{ "move: errors", test_move_errors },
		{ "move: protocol", test_move_protocol },
		{ "move: race", test_move_race },
		CU_TEST_INFO_NULL,
	};

	return pp_test_run("sched", tests);
}
