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
