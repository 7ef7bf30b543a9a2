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
 * Thread-safety: the map is written at set-up (and, with work stealing,
 * by the bucket-move protocol); pp_sched_owner() is a plain read.
 */

#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_mbuf.h>

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
	uint32_t data;		/**< packet data = (char *)m + data */
	uint16_t len;		/**< bytes of data (first segment) */
	uint8_t in;		/**< input: port index, or PP_CFG_MAX_PORTS + gen */
	uint8_t flags;		/**< PP_DESC_* */
};

#define PP_DESC_MALFORMED	(1u << 0)	/**< RX parsed it (to hash) and
						 *  found it malformed */
#define PP_DESC_FAR		(1u << 1)	/**< data not within 4 GiB after m
						 *  (external buffer): use mtod */

/** Fill d for m, which came from input `in`. Reads only m's first line. */
static inline void
pp_desc_fill(struct pp_desc *d, struct rte_mbuf *m, uint8_t in, uint8_t flags)
{
	uintptr_t off = (uintptr_t)rte_pktmbuf_mtod(m, char *) - (uintptr_t)m;

	d->m = m;
	d->len = m->data_len;
	d->in = in;
	if (likely(off <= UINT32_MAX)) {
		d->data = (uint32_t)off;
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

struct pp_sched_map {
	uint32_t n_buckets;	/**< power of two */
	uint32_t shift;		/**< 32 - log2(n_buckets) */
	uint16_t n_workers;
	uint16_t owner[];	/**< bucket -> worker index */
};

/** Bucket of a flow hash. */
static inline uint32_t
pp_sched_bucket(const struct pp_sched_map *m, uint32_t hash)
{
	/* Fibonacci hashing; shift == 32 (one bucket) would be UB. */
	return m->shift >= 32 ? 0 : (hash * 0x9E3779B1u) >> m->shift;
}

/** Owner worker index of a bucket. */
static inline uint16_t
pp_sched_owner(const struct pp_sched_map *m, uint32_t bucket)
{
	return m->owner[bucket];
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
