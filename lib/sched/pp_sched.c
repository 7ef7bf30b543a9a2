/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "pp_sched.h"

size_t
pp_sched_map_memsize(uint32_t n_buckets)
{
	return sizeof(struct pp_sched_map) +
		(size_t)n_buckets * sizeof(((struct pp_sched_map *)0)->owner[0]);
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
	for (b = 0; b < n_buckets; b++)
		m->owner[b] = b % n_workers;
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
