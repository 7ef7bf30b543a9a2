/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Flow table: rte_hash (keys, single writer) + an entry array indexed by
 * the hash's key position. Positions are dense in [0, max_flows), so the
 * aging cursor walks the array, not the hash.
 *
 * The table keeps its own copy of each key (keys[], touched only on add
 * and delete): rte_hash_get_key_with_position() re-hashes the key with the
 * hash's own function, which is not the caller's (RSS) hash we index by,
 * so it cannot give keys back.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_malloc.h>
#include <rte_prefetch.h>

#include "pp_police.h"

#define PP_FLOW_F_USED	(1u << 0)

struct pp_flowtab {
	struct rte_hash *h;
	struct pp_flow_entry *ent;	/**< [max_flows], by key position */
	uint8_t *keys;			/**< [max_flows][key_len] */
	uint32_t max_flows;
	uint32_t key_len;
	uint64_t idle_tsc;
	uint32_t cursor;		/**< next entry the sweep looks at */
	/** Written by the owner only, read by anyone: relaxed atomics. */
	struct pp_flowtab_stats st;
	char name[PP_FLOWTAB_NAMESIZE];
};

/* Single writer: a relaxed store is enough for readers on other threads
 * to see whole values (no tearing) without slowing the owner. */
#define ST_ADD(t, field, v) \
	__atomic_store_n(&(t)->st.field, (t)->st.field + (v), __ATOMIC_RELAXED)
#define ST_SUB(t, field, v) \
	__atomic_store_n(&(t)->st.field, (t)->st.field - (v), __ATOMIC_RELAXED)

/*
 * murmur3's 32-bit finaliser. rte_hash picks the primary bucket from the
 * low bits of the signature and the alternative one from its high 16
 * bits; an RSS hash has constant low bits within one RX queue (the RETA
 * index), which would crowd a few buckets. ~4 cycles.
 */
static inline uint32_t
flow_mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static inline bool
flow_idle(const struct pp_flow_entry *e, uint64_t now, uint64_t idle)
{
	uint64_t d = now - e->last_tsc;

	/* backwards (negative d) is not idle */
	return (int64_t)d > 0 && d > idle;
}

struct pp_flowtab *
pp_flowtab_create(const char *name, uint32_t max_flows, uint32_t key_len,
		  uint64_t idle_tsc, int socket_id)
{
	struct rte_hash_parameters hp;
	struct pp_flowtab *t;
	size_t nlen;

	if (name == NULL || max_flows < 8 || max_flows > RTE_HASH_ENTRIES_MAX ||
	    key_len == 0 || key_len > PP_FLOWTAB_KEY_MAX || idle_tsc == 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	nlen = strnlen(name, PP_FLOWTAB_NAMESIZE);
	if (nlen == 0 || nlen >= PP_FLOWTAB_NAMESIZE) {
		rte_errno = EINVAL;
		return NULL;
	}
	t = rte_zmalloc_socket("pp_flowtab", sizeof(*t), RTE_CACHE_LINE_SIZE,
			       socket_id);
	if (t == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	memcpy(t->name, name, nlen);
	t->max_flows = max_flows;
	t->key_len = key_len;
	t->idle_tsc = idle_tsc;
	t->ent = rte_zmalloc_socket("pp_flowtab_ent",
				    (size_t)max_flows * sizeof(*t->ent),
				    RTE_CACHE_LINE_SIZE, socket_id);
	t->keys = rte_malloc_socket("pp_flowtab_keys",
				    (size_t)max_flows * key_len, 0, socket_id);
	if (t->ent == NULL || t->keys == NULL) {
		rte_free(t->keys);
		rte_free(t->ent);
		rte_free(t);
		rte_errno = ENOMEM;
		return NULL;
	}
	memset(&hp, 0, sizeof(hp));
	hp.name = t->name;
	hp.entries = max_flows;
	hp.key_len = key_len;
	hp.socket_id = socket_id;
	/* Single writer, no reader on other lcores: no MULTI_WRITER_ADD, no
	 * RW_CONCURRENCY(_LF), so no locks and slots free at once on delete.
	 * EXT_TABLE: all max_flows keys fit whatever their hashes. */
	hp.extra_flag = RTE_HASH_EXTRA_FLAGS_EXT_TABLE;
	t->h = rte_hash_create(&hp);
	if (t->h == NULL) {
		int err = rte_errno != 0 ? rte_errno : ENOMEM;

		rte_free(t->keys);
		rte_free(t->ent);
		rte_free(t);
		rte_errno = err;
		return NULL;
	}
	return t;
}

void
pp_flowtab_free(struct pp_flowtab *t)
{
	if (t == NULL)
		return;
	rte_hash_free(t->h);
	rte_free(t->keys);
	rte_free(t->ent);
	rte_free(t);
}

/* Remove the flow at position pos (in use). */
static void
flow_remove(struct pp_flowtab *t, uint32_t pos)
{
	struct pp_flow_entry *e = &t->ent[pos];

	rte_hash_del_key_with_hash(t->h, t->keys + (size_t)pos * t->key_len,
				   e->sig);
	e->flags = 0;
	ST_SUB(t, flows, 1);
}

/* Full table: remove one idle flow, looking at PP_FLOWTAB_RECLAIM_SCAN
 * entries from the cursor (the clock hand of the sweep). */
static bool
flow_reclaim(struct pp_flowtab *t, uint64_t now)
{
	unsigned int i;
	uint32_t c = t->cursor;

	for (i = 0; i < PP_FLOWTAB_RECLAIM_SCAN; i++) {
		struct pp_flow_entry *e = &t->ent[c];

		if (++c == t->max_flows)
			c = 0;
		if ((e->flags & PP_FLOW_F_USED) &&
		    flow_idle(e, now, t->idle_tsc)) {
			t->cursor = c;
			flow_remove(t, (uint32_t)(e - t->ent));
			ST_ADD(t, aged, 1);
			return true;
		}
	}
	t->cursor = c;
	return false;
}

/* Slow path of a lookup miss: add the flow (or find it, if an earlier key
 * of this burst added it). */
static struct pp_flow_entry *
flow_add(struct pp_flowtab *t, const void *key, uint32_t sig, uint64_t now,
	 pp_flowtab_init_t init, void *arg, unsigned int idx)
{
	struct pp_flow_entry *e;
	int32_t pos;

	if (t->st.flows >= t->max_flows) {
		/* Maybe an earlier packet of this burst added it. */
		pos = rte_hash_lookup_with_hash(t->h, key, sig);
		if (pos >= 0) {
			e = &t->ent[pos];
			e->last_tsc = now;
			return e;
		}
		if (!flow_reclaim(t, now)) {
			ST_ADD(t, full, 1);
			return NULL;
		}
	}
	pos = rte_hash_add_key_with_hash(t->h, key, sig);
	if (unlikely(pos < 0 || (uint32_t)pos >= t->max_flows)) {
		/* not expected with EXT_TABLE and flows < max_flows */
		ST_ADD(t, full, 1);
		return NULL;
	}
	e = &t->ent[pos];
	if (e->flags & PP_FLOW_F_USED) {
		/* the key was added earlier in this burst */
		e->last_tsc = now;
		return e;
	}
	memset(e, 0, sizeof(*e));
	memcpy(t->keys + (size_t)pos * t->key_len, key, t->key_len);
	e->last_tsc = now;
	e->sig = sig;
	e->flags = PP_FLOW_F_USED;
	ST_ADD(t, flows, 1);
	ST_ADD(t, added, 1);
	if (init != NULL)
		init(e, key, idx, now, arg);
	return e;
}

/* One group of at most RTE_HASH_LOOKUP_BULK_MAX keys. */
static unsigned int
flow_bulk(struct pp_flowtab *t, const void **keys, const uint32_t *hashes,
	  unsigned int n, uint64_t now, struct pp_flow_entry **out,
	  pp_flowtab_init_t init, void *arg, unsigned int base)
{
	uint32_t sig[RTE_HASH_LOOKUP_BULK_MAX];
	int32_t pos[RTE_HASH_LOOKUP_BULK_MAX];
	unsigned int i, found = 0, miss = 0;

	for (i = 0; i < n; i++)
		sig[i] = flow_mix(hashes[i]);
	rte_hash_lookup_with_hash_bulk(t->h, keys, sig, n, pos);
	/* The entries are another random line each: fetch them all before
	 * touching any. */
	for (i = 0; i < n; i++)
		if (likely(pos[i] >= 0))
			rte_prefetch0(&t->ent[pos[i]]);
	/* Hits first, so a reclaim below never takes a flow of this burst
	 * (their last_tsc is now). */
	for (i = 0; i < n; i++) {
		if (likely(pos[i] >= 0)) {
			out[i] = &t->ent[pos[i]];
			out[i]->last_tsc = now;
			found++;
		} else {
			miss++;
		}
	}
	if (unlikely(miss != 0)) {
		for (i = 0; i < n; i++) {
			if (pos[i] >= 0)
				continue;
			out[i] = flow_add(t, keys[i], sig[i], now, init, arg,
					  base + i);
			found += out[i] != NULL;
		}
	}
	return found;
}

unsigned int
pp_flowtab_lookup_bulk(struct pp_flowtab *t, const void **keys,
		       const uint32_t *hashes, unsigned int n,
		       uint64_t now_tsc, struct pp_flow_entry **out,
		       pp_flowtab_init_t init, void *arg)
{
	unsigned int done = 0, found = 0, k;

	while (done < n) {
		k = RTE_MIN(n - done, (unsigned int)RTE_HASH_LOOKUP_BULK_MAX);
		found += flow_bulk(t, keys + done, hashes + done, k, now_tsc,
				   out + done, init, arg, done);
		done += k;
	}
	return found;
}

unsigned int
pp_flowtab_age(struct pp_flowtab *t, uint64_t now_tsc, unsigned int max_scan)
{
	unsigned int i, aged = 0;
	uint32_t c = t->cursor;

	if (max_scan > t->max_flows)
		max_scan = t->max_flows;
	for (i = 0; i < max_scan; i++) {
		struct pp_flow_entry *e = &t->ent[c];

		if ((e->flags & PP_FLOW_F_USED) &&
		    flow_idle(e, now_tsc, t->idle_tsc)) {
			flow_remove(t, c);
			aged++;
		}
		if (++c == t->max_flows)
			c = 0;
	}
	t->cursor = c;
	if (aged != 0)
		ST_ADD(t, aged, aged);
	return aged;
}

int
pp_flowtab_del(struct pp_flowtab *t, const void *key, uint32_t hash)
{
	int32_t pos;

	if (t == NULL || key == NULL)
		return -EINVAL;
	pos = rte_hash_lookup_with_hash(t->h, key, flow_mix(hash));
	if (pos < 0)
		return -ENOENT;
	flow_remove(t, (uint32_t)pos);
	return 0;
}

const void *
pp_flowtab_key(const struct pp_flowtab *t, const struct pp_flow_entry *e)
{
	return t->keys + (size_t)(e - t->ent) * t->key_len;
}

void
pp_flowtab_stats(const struct pp_flowtab *t, struct pp_flowtab_stats *st)
{
	st->flows = __atomic_load_n(&t->st.flows, __ATOMIC_RELAXED);
	st->added = __atomic_load_n(&t->st.added, __ATOMIC_RELAXED);
	st->aged = __atomic_load_n(&t->st.aged, __ATOMIC_RELAXED);
	st->full = __atomic_load_n(&t->st.full, __ATOMIC_RELAXED);
}

void
pp_flowtab_dump(FILE *f, const struct pp_flowtab *t)
{
	struct pp_flowtab_stats st;

	pp_flowtab_stats(t, &st);
	fprintf(f, "pp_flowtab %s: max_flows %" PRIu32 " key_len %" PRIu32
		" idle_tsc %" PRIu64 " flows %" PRIu64 " added %" PRIu64
		" aged %" PRIu64 " full %" PRIu64 "\n", t->name, t->max_flows,
		t->key_len, t->idle_tsc, st.flows, st.added, st.aged,
		st.full);
}
