/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "pp_sched.h"

/* Layout: the struct, owner[n] (uint16_t), padding to 4, inflight[n]. */
static size_t
pp_sched_inflight_off(uint32_t n_buckets)
{
	return RTE_ALIGN_CEIL(sizeof(struct pp_sched_map) +
			      (size_t)n_buckets * sizeof(uint16_t),
			      sizeof(uint32_t));
}

size_t
pp_sched_map_memsize(uint32_t n_buckets)
{
	return pp_sched_inflight_off(n_buckets) +
		(size_t)n_buckets * sizeof(uint32_t);
}

int
pp_sched_map_init(struct pp_sched_map *m, uint32_t n_buckets,
		  uint16_t n_workers)
{
	uint32_t b;

	if (n_workers == 0 || n_buckets < n_workers ||
	    !rte_is_power_of_2(n_buckets) || n_buckets > 65536)
		return -EINVAL;
	m->n_buckets = n_buckets;
	m->shift = 32 - rte_log2_u32(n_buckets);
	m->n_workers = n_workers;
	m->per_worker = n_buckets / n_workers;
	m->inflight = (uint32_t *)((char *)m + pp_sched_inflight_off(n_buckets));
	for (b = 0; b < n_buckets; b++) {
		m->owner[b] = b % n_workers;
		m->inflight[b] = 0;
	}
	return 0;
}

int
pp_sched_move(struct pp_sched_map *m, uint32_t bucket, uint16_t from,
	      uint16_t to)
{
	uint16_t expected = from;

	/* `from` must be a real owner: a mover that passed the MOVING it read
	 * could "restore" MOVING on -EBUSY and strand the bucket. */
	if (from >= m->n_workers || to >= m->n_workers || from == to)
		return -EINVAL;
	/* seq_cst CAS then seq_cst load: pairs with pp_sched_acquire(). */
	if (!__atomic_compare_exchange_n(&m->owner[bucket], &expected,
					 PP_SCHED_MOVING, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
		return -EAGAIN;
	if (__atomic_load_n(&m->inflight[bucket], __ATOMIC_SEQ_CST) != 0) {
		/* Release: RX spinning on MOVING sees `from` again. */
		__atomic_store_n(&m->owner[bucket], from, __ATOMIC_RELEASE);
		return -EBUSY;
	}
	/* Release: pairs with RX's owner load; the old owner's releases
	 * (acquired by the inflight load above) happen-before the new
	 * owner's first packet. */
	__atomic_store_n(&m->owner[bucket], to, __ATOMIC_RELEASE);
	return 0;
}

struct pp_sched_map *
pp_sched_map_create(uint32_t n_buckets, uint16_t n_workers, int socket_id)
{
	struct pp_sched_map *m;
	int rc;

	if (n_buckets == 0 || n_buckets > 65536) {
		rte_errno = EINVAL;
		return NULL;
	}
	m = rte_zmalloc_socket("pp_sched_map", pp_sched_map_memsize(n_buckets),
			       RTE_CACHE_LINE_SIZE, socket_id);
	if (m == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	rc = pp_sched_map_init(m, n_buckets, n_workers);
	if (rc < 0) {
		rte_free(m);
		rte_errno = -rc;
		return NULL;
	}
	return m;
}

void
pp_sched_map_free(struct pp_sched_map *m)
{
	rte_free(m);
}
