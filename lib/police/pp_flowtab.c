/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Flow table: rte_hash (the set of keys, single writer) + a slot array
 * indexed by the hash's key position + a signature index in front of the
 * rte_hash for lookups.
 *
 * rte_hash decides what is in the table: it adds, deletes, and gives each
 * key a position, dense in [0, max_flows) (its extendable buckets take any
 * max_flows keys whatever their hashes), so the aging cursor walks the
 * slot array, not the hash. A slot is two cache lines: the flow's entry
 * (struct pp_flow_entry) and the table's own copy of its key, padded to a
 * line (rte_hash_get_key_with_position() re-hashes the key with the
 * hash's own function, which is not the caller's hash we index by, so it
 * cannot give keys back).
 *
 * Why an index of our own: rte_hash's bulk lookup with precomputed hashes
 * costs ~38 cycles a key with everything in cache (two buckets per key,
 * 16-bit signature compares, the 44-byte key compared by memcmp through a
 * function pointer), and our entry is one more pass: ~50 a key at 64 k
 * flows for lookup + entry. The index is buckets of one cache line
 * holding 8 lanes of (16-bit tag, 32-bit position), picked by the low
 * bits of the signature, 2^ceil(log2(max_flows)) / 4 buckets (at most 4
 * flows per bucket on average when the table is full). Memory a flow:
 * 128 bytes of slot and 16-32 of index, besides the rte_hash's own.
 * A hit costs three lines (bucket, entry, key), fetched for the whole
 * group a stage at a time so that the misses overlap: all the buckets,
 * then every candidate's entry and key lines, then the compares. The
 * 44-byte policing key is compared with a compare of that constant
 * length (three 16-byte chunks), other lengths with a loop.
 *
 * The index holds every flow except those that found their bucket's 8
 * lanes taken when they were added (~1 % at full load with random
 * hashes): the bucket counts them (ovf). A key that matches no lane of a
 * bucket whose ovf is 0 is not in the table, so misses skip the rte_hash
 * lookup as well; with ovf != 0 the key is looked up in the rte_hash, and
 * moved into a lane if one has freed up since.
 *
 * Measured (tests/bench/bench_police.c through scripts/bench.sh --only
 * police, 2 MiB hugepages, 44-byte keys, bursts of 32, all flows in the
 * table), cycles a packet added by lookup + srTCM meter: ~29 at 1 k
 * flows, 26-32 at 64 k, 93-100 at 1 M; with rte_hash's bulk lookup and a
 * second pass for the entries it was ~52, ~55 and ~128. The lookup alone
 * is ~13 when everything is in L2 (1 k flows) and 22-26 at 64 k, where
 * its three lines a packet come from L3 (a 1 MiB index and 8 MiB of
 * slots, against 1 MiB of L2 a core); the meter is the rest.
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

/** Lanes of an index bucket. */
#define FT_WAYS		8
/** Keys per lookup group (the stages' arrays are on the stack). */
#define FT_GROUP	64
/** No candidate / not in the table. */
#define FT_NONE		UINT32_MAX

/* Generic vectors (GCC/clang, any target): 16 bytes as 8 tags, as two
 * 64-bit words (may_alias and aligned(1): loads from anywhere), and the
 * 8-byte narrowing of a tag compare. */
typedef uint16_t ft_tags_t __attribute__((vector_size(16)));
typedef uint64_t ft_v128_t __attribute__((vector_size(16), may_alias,
					  aligned(1)));
typedef uint8_t ft_lanes_t __attribute__((vector_size(8)));

/** Index bucket: one line. A lane is free when its tag is 0. */
struct ft_bucket {
	ft_tags_t tag;		/**< (signature >> 16) | 1, 0 = free lane */
	uint32_t pos[FT_WAYS];	/**< rte_hash position of the flow */
	uint32_t ovf;		/**< flows of this bucket in no lane */
} __rte_cache_aligned;

/** A flow: its entry and its key, one line each. */
struct ft_slot {
	struct pp_flow_entry e;
	uint8_t key[PP_FLOWTAB_KEY_MAX] __rte_cache_aligned;
};

struct pp_flowtab {
	struct rte_hash *h;
	struct ft_slot *slot;		/**< [max_flows], by key position */
	struct ft_bucket *bkt;		/**< [bmask + 1] */
	uint32_t bmask;
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
 * murmur3's 32-bit finaliser. rte_hash and the index pick buckets from
 * the low bits of the signature (the index its tags from the high 16);
 * an RSS hash has constant low bits within one RX queue (the RETA
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

static inline struct ft_slot *
ft_slot(const struct pp_flowtab *t, uint32_t pos)
{
	return &t->slot[pos];
}

static inline struct ft_bucket *
ft_bucket(const struct pp_flowtab *t, uint32_t sig)
{
	return &t->bkt[sig & t->bmask];
}

/* A flow's tag in its bucket: never 0, which marks a free lane. Above
 * 2^16 buckets (max_flows > 2^18) some tag bits are also bucket bits:
 * fewer distinct tags per bucket, so a few more key compares that fail
 * (~1 in 2000 lookups at 1 M flows). */
static inline uint16_t
ft_tag(uint32_t sig)
{
	return (uint16_t)((sig >> 16) | 1);
}

/*
 * Lanes of b whose tag is tag: byte i of the result is 0xff for a match
 * in lane i, 0 otherwise (the compare narrowed from 16 to 8 bits a lane),
 * so the first match is ctz / 8 with no branch: for random flows, whether
 * it is in the first or the second half of the lanes is a coin toss.
 */
static inline uint64_t
ft_match(const struct ft_bucket *b, uint16_t tag)
{
	ft_lanes_t m = __builtin_convertvector(b->tag == tag, ft_lanes_t);
	uint64_t r;

	memcpy(&r, &m, sizeof(r));
	return r;
}

/* Lowest lane in a non-zero ft_match() result. */
static inline unsigned int
ft_lane(uint64_t m)
{
	return (unsigned int)__builtin_ctzll(m) >> 3;
}

/*
 * Key compare (any alignment). Inlined with a constant len (the policing
 * key) it is straight-line code: 16-byte chunks, the last one overlapping
 * the one before it.
 */
static __rte_always_inline bool
ft_key_eq(const uint8_t *a, const uint8_t *b, uint32_t len)
{
	uint64_t x, y;
	uint32_t i;

	if (len >= 16) {
		ft_v128_t d = { 0, 0 };

		for (i = 0; i + 16 < len; i += 16)
			d |= *(const ft_v128_t *)(a + i) ^
			     *(const ft_v128_t *)(b + i);
		d |= *(const ft_v128_t *)(a + len - 16) ^
		     *(const ft_v128_t *)(b + len - 16);
		return (d[0] | d[1]) == 0;
	}
	if (len >= 8) {
		uint64_t u, v;

		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&u, a + len - 8, 8);
		memcpy(&v, b + len - 8, 8);
		return ((x ^ y) | (u ^ v)) == 0;
	}
	for (i = 0, x = 0; i < len; i++)
		x |= (uint64_t)(a[i] ^ b[i]);
	return x == 0;
}

/* Put flow (sig, pos) into the index, or count it in its bucket's ovf. */
static void
ft_index_add(struct pp_flowtab *t, uint32_t sig, uint32_t pos)
{
	struct ft_bucket *b = ft_bucket(t, sig);
	uint64_t m = ft_match(b, 0);
	unsigned int lane;

	if (m == 0) {
		b->ovf++;
		return;
	}
	lane = ft_lane(m);
	b->tag[lane] = ft_tag(sig);
	b->pos[lane] = pos;
}

/* Take flow (sig, pos) out of the index (out of a lane, or out of ovf). */
static void
ft_index_del(struct pp_flowtab *t, uint32_t sig, uint32_t pos)
{
	struct ft_bucket *b = ft_bucket(t, sig);
	unsigned int lane;

	for (lane = 0; lane < FT_WAYS; lane++) {
		if (b->tag[lane] != 0 && b->pos[lane] == pos) {
			b->tag[lane] = 0;
			return;
		}
	}
	RTE_ASSERT(b->ovf > 0);
	b->ovf--;
}

/*
 * Slow path of a lookup: the first candidate lane (if any) did not hold
 * key. Try the other candidates, then, if the bucket has flows in no
 * lane, the rte_hash (moving the flow into a free lane if there is one).
 * Returns the position, or FT_NONE if key is not in the table.
 */
static uint32_t
ft_find_slow(struct pp_flowtab *t, const void *key, uint32_t sig)
{
	struct ft_bucket *b = ft_bucket(t, sig);
	uint64_t m = ft_match(b, ft_tag(sig));
	unsigned int lane;
	int32_t pos;

	while (m != 0) {
		lane = ft_lane(m);
		m &= ~(0xffull << (8 * lane));
		if (ft_key_eq(ft_slot(t, b->pos[lane])->key, key, t->key_len))
			return b->pos[lane];
	}
	if (b->ovf == 0)
		return FT_NONE;
	pos = rte_hash_lookup_with_hash(t->h, key, sig);
	if (pos < 0)
		return FT_NONE;
	if (ft_match(b, 0) != 0) {
		/* a lane has freed up since it was added: index it */
		b->ovf--;
		ft_index_add(t, sig, (uint32_t)pos);
	}
	return (uint32_t)pos;
}

struct pp_flowtab *
pp_flowtab_create(const char *name, uint32_t max_flows, uint32_t key_len,
		  uint64_t idle_tsc, int socket_id)
{
	struct rte_hash_parameters hp;
	struct pp_flowtab *t;
	uint32_t nb;
	size_t nlen;

	RTE_BUILD_BUG_ON(sizeof(struct ft_bucket) != RTE_CACHE_LINE_SIZE);
	RTE_BUILD_BUG_ON(sizeof(struct ft_slot) != 2 * RTE_CACHE_LINE_SIZE);
	RTE_BUILD_BUG_ON(FT_GROUP > RTE_HASH_LOOKUP_BULK_MAX);
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
	/* at most 4 flows per 8-lane bucket on average (~1 % in no lane) */
	nb = rte_align32pow2(max_flows) / 4;
	t->bmask = nb - 1;
	t->slot = rte_zmalloc_socket("pp_flowtab_slot",
				     (size_t)max_flows * sizeof(*t->slot),
				     RTE_CACHE_LINE_SIZE, socket_id);
	t->bkt = rte_zmalloc_socket("pp_flowtab_idx",
				    (size_t)nb * sizeof(*t->bkt),
				    RTE_CACHE_LINE_SIZE, socket_id);
	if (t->slot == NULL || t->bkt == NULL) {
		rte_free(t->bkt);
		rte_free(t->slot);
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

		rte_free(t->bkt);
		rte_free(t->slot);
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
	rte_free(t->bkt);
	rte_free(t->slot);
	rte_free(t);
}

/* Remove the flow at position pos (in use). */
static void
flow_remove(struct pp_flowtab *t, uint32_t pos)
{
	struct ft_slot *s = ft_slot(t, pos);

	rte_hash_del_key_with_hash(t->h, s->key, s->e.sig);
	ft_index_del(t, s->e.sig, pos);
	s->e.flags = 0;
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
		struct pp_flow_entry *e = &ft_slot(t, c)->e;
		uint32_t pos = c;

		if (++c == t->max_flows)
			c = 0;
		if ((e->flags & PP_FLOW_F_USED) &&
		    flow_idle(e, now, t->idle_tsc)) {
			t->cursor = c;
			flow_remove(t, pos);
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
	struct ft_slot *s;
	int32_t pos;

	if (t->st.flows >= t->max_flows) {
		/* Maybe an earlier packet of this burst added it. */
		pos = rte_hash_lookup_with_hash(t->h, key, sig);
		if (pos >= 0) {
			s = ft_slot(t, (uint32_t)pos);
			s->e.last_tsc = now;
			return &s->e;
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
	s = ft_slot(t, (uint32_t)pos);
	if (s->e.flags & PP_FLOW_F_USED) {
		/* the key was added earlier in this burst */
		s->e.last_tsc = now;
		return &s->e;
	}
	memset(&s->e, 0, sizeof(s->e));
	memcpy(s->key, key, t->key_len);
	s->e.last_tsc = now;
	s->e.sig = sig;
	s->e.flags = PP_FLOW_F_USED;
	ft_index_add(t, sig, (uint32_t)pos);
	ST_ADD(t, flows, 1);
	ST_ADD(t, added, 1);
	if (init != NULL)
		init(&s->e, key, idx, now, arg);
	return &s->e;
}

/*
 * One group of at most FT_GROUP keys of klen bytes (a constant when
 * inlined for the policing key), in stages so that each stage's cache
 * misses overlap across the group: buckets, then the candidates' entry
 * and key lines, then the compares. Hits first, so a reclaim in the adds
 * below never takes a flow of this group (their last_tsc is now).
 */
static __rte_always_inline unsigned int
flow_bulk(struct pp_flowtab *t, const void **keys, const uint32_t *hashes,
	  unsigned int n, uint64_t now, struct pp_flow_entry **out,
	  pp_flowtab_init_t init, void *arg, unsigned int base,
	  const uint32_t klen)
{
	uint32_t sig[FT_GROUP], pos[FT_GROUP];
	unsigned int i, found = 0, miss = 0;

	for (i = 0; i < n; i++) {
		sig[i] = flow_mix(hashes[i]);
		rte_prefetch0(ft_bucket(t, sig[i]));
	}
	for (i = 0; i < n; i++) {
		const struct ft_bucket *b = ft_bucket(t, sig[i]);
		uint64_t m = ft_match(b, ft_tag(sig[i]));
		const struct ft_slot *s;

		if (unlikely(m == 0)) {
			pos[i] = FT_NONE;
			continue;
		}
		pos[i] = b->pos[ft_lane(m)];
		s = ft_slot(t, pos[i]);
		rte_prefetch0(s->key);
		rte_prefetch0(&s->e);
	}
	for (i = 0; i < n; i++) {
		uint32_t p = pos[i];

		if (unlikely(p == FT_NONE ||
			     !ft_key_eq(ft_slot(t, p)->key, keys[i], klen))) {
			p = ft_find_slow(t, keys[i], sig[i]);
			pos[i] = p;
			if (p == FT_NONE) {
				miss++;
				continue;
			}
		}
		out[i] = &ft_slot(t, p)->e;
		out[i]->last_tsc = now;
		found++;
	}
	if (unlikely(miss != 0)) {
		for (i = 0; i < n; i++) {
			if (pos[i] != FT_NONE)
				continue;
			out[i] = flow_add(t, keys[i], sig[i], now, init, arg,
					  base + i);
			found += out[i] != NULL;
		}
	}
	return found;
}

/* The policing key (struct pp_police_key): compares of constant length. */
static unsigned int
flow_bulk_police(struct pp_flowtab *t, const void **keys,
		 const uint32_t *hashes, unsigned int n, uint64_t now,
		 struct pp_flow_entry **out, pp_flowtab_init_t init, void *arg,
		 unsigned int base)
{
	return flow_bulk(t, keys, hashes, n, now, out, init, arg, base,
			 sizeof(struct pp_police_key));
}

static unsigned int
flow_bulk_any(struct pp_flowtab *t, const void **keys,
	      const uint32_t *hashes, unsigned int n, uint64_t now,
	      struct pp_flow_entry **out, pp_flowtab_init_t init, void *arg,
	      unsigned int base)
{
	return flow_bulk(t, keys, hashes, n, now, out, init, arg, base,
			 t->key_len);
}

unsigned int
pp_flowtab_lookup_bulk(struct pp_flowtab *t, const void **keys,
		       const uint32_t *hashes, unsigned int n,
		       uint64_t now_tsc, struct pp_flow_entry **out,
		       pp_flowtab_init_t init, void *arg)
{
	unsigned int done = 0, found = 0, k;
	bool police = t->key_len == sizeof(struct pp_police_key);

	while (done < n) {
		k = RTE_MIN(n - done, (unsigned int)FT_GROUP);
		if (police)
			found += flow_bulk_police(t, keys + done,
						  hashes + done, k, now_tsc,
						  out + done, init, arg, done);
		else
			found += flow_bulk_any(t, keys + done, hashes + done,
					       k, now_tsc, out + done, init,
					       arg, done);
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
		struct pp_flow_entry *e = &ft_slot(t, c)->e;

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
	/* e is the first member of its slot */
	RTE_SET_USED(t);
	return ((const struct ft_slot *)(const void *)e)->key;
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
