/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_SCHED_H
#define PP_SCHED_H

/**
 * @file
 * Fan-out: flow hash -> flow bucket -> owner worker.
 *
 * The bucket comes from the high bits of (hash * golden ratio), not from
 * the low bits of the hash: a NIC picks the RX queue from the low bits of
 * its RSS hash (RETA index), so within one queue the low bits are skewed
 * and would crowd a few buckets.
 *
 * Work stealing (pp_sched_victim()): an idle worker looks at two random
 * peers' backlogs (ring occupancy, a hint), takes the larger one if it is
 * at least `min_backlog`, and steals at most half of it.
 *
 * Atomic scheduling moves whole buckets instead of packets, and only when
 * none of the bucket's packets is in flight, so a flow is never processed
 * by two workers at once and its order holds across the move:
 *  - RX calls pp_sched_acquire(): count the packet in flight, then read the
 *    owner;
 *  - the packet is released (pp_sched_release()) when it leaves the
 *    pipeline (sent or dropped), not when its worker is done with it: its
 *    successor must not overtake it in another worker's TX ring;
 *  - a mover (an idle worker) calls pp_sched_move(): mark the bucket
 *    PP_SCHED_MOVING, then read the in-flight count; if 0 the bucket gets
 *    its new owner, else it goes back. Increment-then-read against
 *    mark-then-read (sequentially consistent on both sides): either the
 *    mover sees RX's packet and backs off, or RX sees the mark or the new
 *    owner.
 *
 * Thread-safety: owner[] and inflight[] are shared and accessed only with
 * the atomics in the functions below; everything else is set-up.
 */

#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_mbuf.h>
#include <rte_pause.h>

/**
 * What a worker's input ring carries: a 16-byte descriptor, not the bare
 * mbuf pointer (rte_ring _elem API).
 *
 * Why: RX has the mbuf header hot in its cache; if the worker read it to
 * find the data, the header line would be shared between the two cores
 * and every reallocation of the mbuf by the RX core (rte_pktmbuf_reset)
 * would first wait for that line to be invalidated on the worker's core.
 * Measured here (1 io lcore + 1 worker on net_null): 27 Mpps with the
 * worker reading the header, 62-67 Mpps without. So the descriptor carries
 * what the worker needs and the worker touches only the packet data.
 * With it, the same set-up forwards 56 Mpps (tests/bench/README.md).
 */
struct pp_desc {
	struct rte_mbuf *m;
	uint16_t data;		/**< packet data = (char *)m + data */
	uint16_t len;		/**< bytes of data (first segment) */
	union {
		uint16_t bucket;	/**< atomic: the flow bucket */
		uint16_t tx;		/**< ordered: tx index of the RX
					 *  queue's reorder window */
	};
	uint8_t in;		/**< input: port index, or PP_CFG_MAX_PORTS + gen */
	uint8_t flags;		/**< PP_DESC_* */
};

#define PP_DESC_MALFORMED	(1u << 0)	/**< RX parsed it (to hash) and
						 *  found it malformed */
#define PP_DESC_FAR		(1u << 1)	/**< data not within 64 KiB after m
						 *  (external buffer): use mtod */

/** Fill d for m, which came from input `in`; `tag` is the bucket (atomic)
 *  or tx index (ordered). Reads only m's first line. */
static inline void
pp_desc_fill(struct pp_desc *d, struct rte_mbuf *m, uint8_t in,
	     uint16_t tag, uint8_t flags)
{
	uintptr_t off = (uintptr_t)rte_pktmbuf_mtod(m, char *) - (uintptr_t)m;

	RTE_BUILD_BUG_ON(sizeof(struct pp_desc) != 16);
	d->m = m;
	d->len = m->data_len;
	d->in = in;
	d->bucket = tag;
	if (likely(off <= UINT16_MAX)) {
		d->data = (uint16_t)off;
		d->flags = flags;
	} else {
		d->data = 0;
		d->flags = flags | PP_DESC_FAR;
	}
}

/** The packet data of d (without touching the mbuf in the usual case). */
static inline uint8_t *
pp_desc_data(const struct pp_desc *d)
{
	if (unlikely(d->flags & PP_DESC_FAR))
		return rte_pktmbuf_mtod(d->m, uint8_t *);
	return (uint8_t *)d->m + d->data;
}

/** Owner of a bucket while it is being moved. */
#define PP_SCHED_MOVING UINT16_MAX

struct pp_sched_map {
	uint32_t n_buckets;	/**< power of two */
	uint32_t shift;		/**< 32 - log2(n_buckets) */
	uint32_t per_worker;	/**< n_buckets / n_workers (rounded down) */
	uint16_t n_workers;
	uint32_t *inflight;	/**< per bucket: packets acquired, not released */
	uint16_t owner[];	/**< bucket -> worker index (atomic) */
};

/** Fibonacci hashing: 2^32 / golden ratio. The high bits of hash * this
 *  spread even hashes whose low bits are all alike. */
#define PP_SCHED_FIB 0x9E3779B1u

/** Bucket of a flow hash. */
static inline uint32_t
pp_sched_bucket(const struct pp_sched_map *m, uint32_t hash)
{
	/* shift == 32 (one bucket) would be UB */
	return m->shift >= 32 ? 0 : (hash * PP_SCHED_FIB) >> m->shift;
}

/**
 * Bucket of a flow hash among the buckets worker `w` owns in the initial
 * round-robin map (b % n_workers == w): for an RX lcore that is also a
 * worker and keeps what it receives (run to completion), so that with no
 * stealing its flows stay on it, and atomic scheduling can still move
 * them a bucket at a time. w < n_workers.
 */
static inline uint32_t
pp_sched_bucket_local(const struct pp_sched_map *m, uint32_t hash,
		      uint16_t w)
{
	/* the high bits of the Fibonacci product, scaled to per_worker */
	uint32_t local = (uint32_t)(((uint64_t)(hash * PP_SCHED_FIB) *
				     m->per_worker) >> 32);

	return local * m->n_workers + w;
}

/**
 * Owner worker index of a bucket (relaxed). Exact for a static map, and for
 * a holder of one of the bucket's packets (it cannot move then); a hint
 * otherwise, or PP_SCHED_MOVING while a move is under way.
 */
static inline uint16_t
pp_sched_owner(const struct pp_sched_map *m, uint32_t bucket)
{
	return __atomic_load_n(&m->owner[bucket], __ATOMIC_RELAXED);
}

/**
 * Atomic scheduling, RX: count n packets of `bucket` in flight, then
 * return its owner (waiting out a move in progress, a few loads long).
 */
static inline uint16_t
pp_sched_acquire(struct pp_sched_map *m, uint32_t bucket, uint32_t n)
{
	uint16_t o;

	/* seq_cst increment, then seq_cst load: pairs with the mover's
	 * MOVING store and inflight load in pp_sched_move(). */
	__atomic_fetch_add(&m->inflight[bucket], n, __ATOMIC_SEQ_CST);
	while ((o = __atomic_load_n(&m->owner[bucket], __ATOMIC_SEQ_CST)) ==
	       PP_SCHED_MOVING)
		rte_pause();
	return o;
}

/**
 * Atomic scheduling: n packets of `bucket` left the pipeline (sent, or
 * dropped). Release: everything done to them happens-before a move.
 */
static inline void
pp_sched_release(struct pp_sched_map *m, uint32_t bucket, uint32_t n)
{
	/* Pairs with the mover's seq_cst (acquire) load of inflight. */
	__atomic_fetch_sub(&m->inflight[bucket], n, __ATOMIC_RELEASE);
}

/** Packets of `bucket` in flight (a hint). */
static inline uint32_t
pp_sched_inflight(const struct pp_sched_map *m, uint32_t bucket)
{
	return __atomic_load_n(&m->inflight[bucket], __ATOMIC_RELAXED);
}

/**
 * Move `bucket` from worker `from` to worker `to` if none of its packets
 * is in flight. Any thread; concurrent movers of one bucket: one wins.
 *
 * @return 0 (moved), -EAGAIN (its owner is not `from` any more), -EBUSY
 *   (packets in flight; nothing changed), -EINVAL (`from` or `to` not a
 *   worker index, e.g. PP_SCHED_MOVING, or from == to).
 */
int pp_sched_move(struct pp_sched_map *m, uint32_t bucket, uint16_t from,
		  uint16_t to);

/**
 * Choose a victim for work stealing by two random choices.
 *
 * @param backlog  backlog(arg, w): packets waiting for worker w (a hint).
 * @param self  the thief, never chosen.
 * @param rng   the thief's random state (any non-zero seed).
 * @param min_backlog  a peer with less is not worth stealing from.
 * @return the victim's index, or n_workers when no peer qualifies.
 */
static inline uint16_t
pp_sched_victim(uint32_t (*backlog)(void *arg, uint16_t w), void *arg,
		uint16_t n_workers, uint16_t self, uint64_t *rng,
		uint32_t min_backlog)
{
	uint16_t a, b, v;
	uint64_t r;

	if (n_workers < 2)
		return n_workers;
	/* xorshift64 */
	r = *rng;
	r ^= r << 13;
	r ^= r >> 7;
	r ^= r << 17;
	*rng = r;
	/* two distinct peers other than self */
	a = (uint16_t)((uint32_t)r % (n_workers - 1));
	a += a >= self;
	if (n_workers == 2) {
		v = a;
	} else {
		b = (uint16_t)((uint32_t)(r >> 32) % (n_workers - 2));
		b += b >= RTE_MIN(a, self);
		b += b >= RTE_MAX(a, self);
		v = backlog(arg, b) > backlog(arg, a) ? b : a;
	}
	return backlog(arg, v) >= min_backlog ? v : n_workers;
}

/** How many packets to steal from a backlog: half of it, at most `burst`. */
static inline uint32_t
pp_sched_steal_amount(uint32_t backlog, uint32_t burst)
{
	return RTE_MIN(backlog / 2, burst);
}

/** Bytes a map of n_buckets needs (for pp_sched_map_init()). */
size_t pp_sched_map_memsize(uint32_t n_buckets);

/**
 * Initialise caller-provided memory (pp_sched_map_memsize() bytes) as a
 * map with buckets spread round-robin over the workers.
 *
 * @return 0, or -EINVAL (n_buckets not a power of two in 1..65536, or
 *   fewer buckets than workers, or no worker).
 */
int pp_sched_map_init(struct pp_sched_map *m, uint32_t n_buckets,
		      uint16_t n_workers);

/**
 * Create a map with buckets spread round-robin over the workers.
 *
 * @param n_buckets  power of two, >= n_workers.
 * @return the map, or NULL with rte_errno = EINVAL or ENOMEM.
 */
struct pp_sched_map *pp_sched_map_create(uint32_t n_buckets,
					 uint16_t n_workers, int socket_id);

/** Free; NULL is a no-op. */
void pp_sched_map_free(struct pp_sched_map *m);

#endif /* PP_SCHED_H */
