/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_POLICE_H
#define PP_POLICE_H

/**
 * @file
 * Policing: per-flow colour meters, aggregate policers shared by all
 * lcores, and a flow table that holds per-flow meter state.
 *
 * Everything follows params -> profile -> context, with the current time
 * passed in as a TSC value (never read inside), so tests can drive it with
 * synthetic time. Units are always bytes per second and bytes (or packets
 * per second and packets for a packet-mode aggregate).
 *
 * 1. Per-flow meters (pp_meter_*) wrap DPDK's rte_meter: srTCM (RFC 2697),
 *    trTCM (RFC 2698) and trTCM (RFC 4115), colour-blind. A profile is
 *    validated once (pp_meter_profile_init()) and shared read-only by any
 *    number of meters; a meter is 32 bytes of state with one writer.
 *    rte_meter computes its periods from rte_get_tsc_hz(), so profiles need
 *    an initialised EAL (or at least a known TSC rate). rte_meter quantises
 *    each rate to whole TSC periods of at least 100 cycles: the effective
 *    rate may be up to 1 % above the configured one (exact when
 *    tsc_hz / rate is an integer >= 100).
 *    On top of rte_meter, pp_meter_color() guards against time going
 *    backwards (no time passes, so no credit) and against gaps too long
 *    for rte_meter's 64-bit arithmetic (the buckets are simply full, which
 *    is what any gap longer than the fill time means).
 *
 * 2. Aggregate policers (pp_agg_*), one per tenant or class, shared by all
 *    lcores, lock-free. The shared state is a single 64-bit word z, a TSC
 *    value: the bucket holds min(now - z, tb) cycles' worth of credit,
 *    tb = burst * tsc_hz / rate. Lcores do not take credit per packet: each
 *    keeps a private lease (struct pp_agg_lease) and takes credit in chunks
 *    with one compare-and-swap on z ("grant"), then admits packets from the
 *    lease with no atomic at all (pp_agg_admit(): a compare and a
 *    subtract). A chunk is the smaller of burst / 8 and 100 us of rate
 *    (PP_AGG_LEASE_DIV, PP_AGG_LEASE_US), but at least what the packet at
 *    hand needs. Credit is converted to tokens exactly (128-bit
 *    intermediates, with each lease carrying its fraction of a token), so
 *    over any run from init: admitted <= rate * time + burst + rate / tsc_hz
 *    (less than one cycle's worth), whatever the number of lcores. What
 *    leases hold but have not used yet (at most one chunk per lease) is the
 *    only shortfall under overload.
 *
 * 3. A flow table (pp_flowtab_*) on rte_hash holding a pp_meter per flow,
 *    with bulk lookup-or-add for a burst, a bounded size, and idle aging.
 *
 * Measured cost, cycles per packet added (tests/bench/bench_police.c,
 * 2.6 GHz EPYC VM, --no-huge, bursts of 32):
 *  - pp_agg_admit(): ~0.7, on 1 lcore and on 2 lcores sharing one
 *    aggregate (a per-packet atomic add on the shared line: ~25 with 2);
 *  - pp_meter_color(): ~7 (buckets full) to ~9 (mixed colours), state hot;
 *  - pp_flowtab_lookup_bulk() + pp_meter_color(), 44-byte keys: ~30 at
 *    1 k flows, ~30-38 at 64 k, ~100-110 at 1 M (4 KiB pages); with 2 MiB
 *    hugepages ~29, 26-32 and 93-100 (rte_hash's bulk lookup alone was
 *    ~40-50: the table looks flows up through an index of its own, see
 *    pp_flowtab.c).
 *
 * Thread-safety:
 *  - profiles (meter and the aggregate's configuration) are read-only once
 *    initialised, except through pp_agg_set_rate();
 *  - a pp_meter, a pp_agg_lease and a pp_flowtab each have a single writer
 *    (the lcore that owns them), no atomics: the caller places them so
 *    (e.g. policing on the RX lcore of the flow's queue);
 *  - a pp_agg is shared by any number of lcores (pp_agg_admit()) and the
 *    control thread (pp_agg_set_rate(), pp_agg_credit(), pp_agg_dump()).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_meter.h>
#include <rte_spinlock.h>

/** Highest rate accepted anywhere (bytes/s, or packets/s): 8 Tbit/s. */
#define PP_POLICE_RATE_MAX	1000000000000ull
/** Largest burst accepted anywhere (bytes, or packets): 1 TiB. */
#define PP_POLICE_BURST_MAX	(1ull << 40)

/* ------------------------------------------------------------------ */
/* Per-flow meters                                                      */

/** Metering algorithm. */
enum pp_meter_alg {
	PP_METER_SRTCM = 0,	/**< single rate three colour, RFC 2697 */
	PP_METER_TRTCM,		/**< two rate three colour, RFC 2698 */
	PP_METER_TRTCM_4115,	/**< two rate three colour, RFC 4115 */
};

/**
 * Meter parameters in user units: rates in bytes per second, bursts in
 * bytes. The meaning of eir/ebs depends on the algorithm:
 *
 * | alg              | cir, cbs         | eir        | ebs         |
 * |------------------|------------------|------------|-------------|
 * | PP_METER_SRTCM   | CIR, CBS         | must be 0  | EBS (>= 0)  |
 * | PP_METER_TRTCM   | CIR, CBS         | PIR >= CIR | PBS (> 0)   |
 * | PP_METER_TRTCM_4115 | CIR, CBS      | EIR (>= 0) | EBS (> 0 iff EIR > 0) |
 *
 * A packet longer than cbs is never green (and longer than ebs/pbs, never
 * yellow): the RFCs recommend bursts of at least the largest packet.
 */
struct pp_meter_params {
	enum pp_meter_alg alg;
	uint64_t cir;	/**< CIR, bytes/s, 1..PP_POLICE_RATE_MAX */
	uint64_t cbs;	/**< CBS, bytes, 1..PP_POLICE_BURST_MAX */
	uint64_t eir;	/**< see the table above (bytes/s) */
	uint64_t ebs;	/**< see the table above (bytes) */
};

/**
 * Validated, precomputed meter profile, shared read-only by many meters.
 * The first line holds what pp_meter_color() reads.
 */
struct pp_meter_profile {
	enum pp_meter_alg alg;
	/** A time step longer than this (cycles), or negative, is resynced:
	 *  backwards -> no time passes; longer -> buckets full. */
	uint64_t max_gap;
	union {
		struct rte_meter_srtcm_profile srtcm;
		struct rte_meter_trtcm_profile trtcm;
		struct rte_meter_trtcm_rfc4115_profile trtcm_4115;
	};
	struct pp_meter_params params;	/**< as given, for dumps */
};

/** Per-flow meter state (32 bytes); the profile says which member. */
struct pp_meter {
	union {
		struct rte_meter_srtcm srtcm;
		struct rte_meter_trtcm trtcm;
		struct rte_meter_trtcm_rfc4115 trtcm_4115;
	};
};

/**
 * Validate prm and precompute a profile from it.
 *
 * Not thread-safe against meters using the same profile (initialise a new
 * profile and switch meters to it instead of rewriting one in use).
 *
 * @param p    profile to fill.
 * @param prm  parameters (see struct pp_meter_params).
 * @return 0, or
 *   -EINVAL: p or prm NULL; unknown alg; cir == 0; cbs == 0; a rate above
 *     PP_POLICE_RATE_MAX or a burst above PP_POLICE_BURST_MAX; srTCM with
 *     eir != 0; RFC 2698 with eir (PIR) < cir or ebs (PBS) == 0; RFC 4115
 *     with eir == 0 but ebs != 0, or eir != 0 but ebs == 0.
 *   -ENOTSUP: the TSC rate is unknown (rte_get_tsc_hz() == 0: EAL not
 *     initialised), so rte_meter cannot compute its periods.
 */
int pp_meter_profile_init(struct pp_meter_profile *p,
			  const struct pp_meter_params *prm);

/**
 * Initialise a meter with full buckets at time now_tsc.
 *
 * An all-zero struct pp_meter is also valid for any profile: it behaves as
 * a meter that was last used at TSC 0, i.e. (usually) with full buckets.
 * A meter may also be switched to another profile (e.g. its class's new
 * profile after a reload, even of another algorithm) without
 * re-initialising it: the state is reinterpreted, and every bucket is
 * clamped to its size on the next colour, so at worst it starts full.
 *
 * @return 0, or -EINVAL (m or p NULL, or p not initialised).
 */
int pp_meter_init(struct pp_meter *m, const struct pp_meter_profile *p,
		  uint64_t now_tsc);

/** Slow path of pp_meter_color(): resync m; returns the time to use. */
uint64_t __pp_meter_resync(struct pp_meter *m,
			   const struct pp_meter_profile *p, uint64_t now_tsc);

/**
 * Colour one packet (colour-blind) and charge it to the meter.
 *
 * Hot path: no validation. One writer per meter. Costs rte_meter's check
 * (one or two 64-bit divides) plus a compare per time stamp.
 *
 * @param m        the flow's meter, initialised for p.
 * @param p        its profile.
 * @param now_tsc  current time (TSC cycles). Going backwards gives no
 *                 credit; a jump forward gives at most full buckets.
 * @param bytes    packet length counted by the meter (IP length, per the
 *                 RFCs; the caller chooses).
 * @return RTE_COLOR_GREEN, RTE_COLOR_YELLOW or RTE_COLOR_RED.
 */
static inline enum rte_color
pp_meter_color(struct pp_meter *m, const struct pp_meter_profile *p,
	       uint64_t now_tsc, uint32_t bytes)
{
	/* rte_meter takes non-const profiles but only reads them. */
	struct pp_meter_profile *pw = (struct pp_meter_profile *)(uintptr_t)p;

	switch (p->alg) {
	case PP_METER_SRTCM:
		if (unlikely(now_tsc - m->srtcm.time > p->max_gap))
			now_tsc = __pp_meter_resync(m, p, now_tsc);
		return rte_meter_srtcm_color_blind_check(&m->srtcm,
				&pw->srtcm, now_tsc, bytes);
	case PP_METER_TRTCM:
		if (unlikely(now_tsc - m->trtcm.time_tc > p->max_gap ||
			     now_tsc - m->trtcm.time_tp > p->max_gap))
			now_tsc = __pp_meter_resync(m, p, now_tsc);
		return rte_meter_trtcm_color_blind_check(&m->trtcm,
				&pw->trtcm, now_tsc, bytes);
	case PP_METER_TRTCM_4115:
		if (unlikely(now_tsc - m->trtcm_4115.time_tc > p->max_gap ||
			     now_tsc - m->trtcm_4115.time_te > p->max_gap))
			now_tsc = __pp_meter_resync(m, p, now_tsc);
		return rte_meter_trtcm_rfc4115_color_blind_check(
				&m->trtcm_4115, &pw->trtcm_4115, now_tsc,
				bytes);
	}
	return RTE_COLOR_RED;	/* not reached for a valid profile */
}

/* ------------------------------------------------------------------ */
/* Aggregate policers                                                   */

/** A lease takes at most burst / PP_AGG_LEASE_DIV per grant ... */
#define PP_AGG_LEASE_DIV	8
/** ... and at most PP_AGG_LEASE_US microseconds of rate. */
#define PP_AGG_LEASE_US		100

/** Aggregate parameters in user units. */
struct pp_agg_params {
	/** bytes/s, or packets/s if `packets`; 1..PP_POLICE_RATE_MAX.
	 *  Accurate to < 0.1 % from 1 kbit/s (125 B/s) to 400 Gbit/s and
	 *  beyond (exact integer arithmetic, no rounding of the rate). */
	uint64_t rate;
	/** bytes, or packets; 1..PP_POLICE_BURST_MAX, and its duration
	 *  burst / rate at most 2^62 TSC cycles. For cheap leases, make it
	 *  at least ~1 ms of rate (a chunk is at most burst / 8). */
	uint64_t burst;
	/** count packets (amount 1 per packet) instead of bytes */
	bool packets;
};

/** One configuration of an aggregate (internal; see struct pp_agg). */
struct pp_agg_cfg {
	uint32_t seq;		/**< odd while being written */
	uint64_t rate;		/**< tokens per second */
	uint64_t burst;		/**< tokens */
	uint64_t tb;		/**< burst in cycles, ceil(burst*hz/rate) */
	uint64_t chunk;		/**< grant quantum in cycles */
};

/**
 * Aggregate policer, shared by all lcores. Treat as opaque; visible for
 * pp_agg_admit(). Cache-line layout: z alone on the first line (written by
 * grants); the configuration on the next ones (read by grants, written
 * only by pp_agg_set_rate()).
 */
struct pp_agg {
	/** Credit = min(now - z, tb) cycles. CAS by grants (relaxed). */
	uint64_t z __rte_cache_aligned;

	uint32_t cur __rte_cache_aligned; /**< index of the current cfg */
	uint32_t packets;	/**< 1 in packet mode (fixed at init) */
	uint64_t tsc_hz;	/**< fixed at init */
	rte_spinlock_t wlock;	/**< serialises pp_agg_set_rate() */
	/** Double-buffered: the writer fills cfg[cur ^ 1], then flips cur,
	 *  so a reader never waits for a writer (even a preempted one). */
	struct pp_agg_cfg cfg[2];
} __rte_cache_aligned;

/**
 * One lcore's lease on one aggregate: private to that lcore, no atomics.
 * Zero it (or pp_agg_lease_init()) before first use.
 */
struct pp_agg_lease {
	uint64_t tokens;	/**< bytes/packets this lcore may still admit */
	uint64_t rem;		/**< token fraction, in 1/tsc_hz tokens */
	uint64_t retry_tsc;	/**< no grant attempt before this time */
	uint64_t grants;	/**< chunks taken (CAS that succeeded) */
	uint64_t waits;		/**< grant attempts refused */
} __rte_cache_aligned;

/**
 * Initialise an aggregate in caller memory (cache-line aligned), with a
 * full bucket at now_tsc.
 *
 * @param tsc_hz  TSC frequency (rte_get_tsc_hz(), or any value for
 *                synthetic time), 1..2^40.
 * @return 0, or -EINVAL (a or prm NULL; rate 0 or above
 *   PP_POLICE_RATE_MAX; burst 0 or above PP_POLICE_BURST_MAX; tsc_hz 0 or
 *   above 2^40; burst longer than 2^62 cycles).
 */
int pp_agg_init(struct pp_agg *a, const struct pp_agg_params *prm,
		uint64_t tsc_hz, uint64_t now_tsc);

/**
 * Create an aggregate in DPDK memory on socket_id (see pp_agg_init()).
 * @return the aggregate, or NULL with rte_errno = EINVAL or ENOMEM.
 */
struct pp_agg *pp_agg_create(const struct pp_agg_params *prm, uint64_t tsc_hz,
			     uint64_t now_tsc, int socket_id);

/** Free an aggregate from pp_agg_create(); NULL is a no-op. */
void pp_agg_free(struct pp_agg *a);

/**
 * Change rate and burst at run time, while lcores admit. Any thread;
 * concurrent callers are serialised (spinlock). The packet/byte mode
 * cannot change.
 *
 * Applies to the next grant: credit already in leases (at most one chunk
 * per lease) is spent at the old rate. The shared state is a time, so the
 * bucket keeps its fill *time*: its token count is rescaled to the new
 * rate, and capped at the new burst.
 *
 * Memory ordering: the configuration is double-buffered, each copy a
 * seqlock. This writer fills the copy that is not current (seq odd,
 * release fence, fields stored relaxed, seq even with release), then makes
 * it current (store of cur with release). A grant loads cur (acquire),
 * that copy's seq (acquire), the fields (relaxed), issues an acquire fence
 * and reloads seq; it retries only if the copy was rewritten meanwhile
 * (two updates during one read), never waits for a writer. So a grant
 * uses the old or the new configuration, never a mix. z is independent
 * of the configuration (relaxed CAS).
 *
 * @return 0, or -EINVAL (a or prm NULL, values out of range as for
 *   pp_agg_init(), or prm->packets differs from the aggregate's mode).
 */
int pp_agg_set_rate(struct pp_agg *a, const struct pp_agg_params *prm);

/** Reset a lease to empty. */
void pp_agg_lease_init(struct pp_agg_lease *l);

/**
 * Give a lease's unused tokens back to the aggregate (e.g. when an lcore
 * stops, or leaves a tenant), and empty the lease. Owner lcore only.
 */
void pp_agg_lease_flush(struct pp_agg *a, struct pp_agg_lease *l);

/** Slow path of pp_agg_admit(): take a chunk from the shared bucket
 *  (called when the lease is short and not backing off). */
bool __pp_agg_admit_slow(struct pp_agg *a, struct pp_agg_lease *l,
			 uint64_t now_tsc, uint32_t amount);

/**
 * Admit `amount` (bytes, or packets in packet mode: usually 1) against the
 * aggregate, charging it if admitted.
 *
 * Hot path, lock-free, for any number of lcores each with its own lease:
 * from the lease with no atomic (a compare and a subtract); when the lease
 * is short, one relaxed CAS on the shared word takes a chunk. After a
 * refusal the lease does not touch the shared line again until the chunk
 * it wanted could have accumulated (retry_tsc). Shares between lcores are
 * first-come, not fair. Once the bucket has run dry, credit is granted
 * again only when a whole chunk has accumulated (or what the packet
 * needs, if more): under overload admissions come in runs at most a chunk
 * (100 us) apart, not packet by packet; no credit is lost by it.
 *
 * Measured: ~0.7 cycles/packet added, 1 or 2 lcores (bench_police).
 *
 * Time: now_tsc may differ slightly between lcores (synchronised TSCs).
 * Time going backwards gives no credit (z only moves forward; a lease
 * waits until time passes its retry time again); a jump forward gives at
 * most a full burst.
 *
 * @return true if admitted (and charged), false if not (nothing charged).
 *   An amount larger than the burst is never admitted.
 */
static inline bool
pp_agg_admit(struct pp_agg *a, struct pp_agg_lease *l, uint64_t now_tsc,
	     uint32_t amount)
{
	if (likely(l->tokens >= amount)) {
		l->tokens -= amount;
		return true;
	}
	/* Backing off after a refusal: do not touch the shared line. */
	if ((int64_t)(now_tsc - l->retry_tsc) < 0)
		return false;
	return __pp_agg_admit_slow(a, l, now_tsc, amount);
}

/**
 * Credit in the shared bucket at now_tsc, in tokens (leases not counted).
 * Any thread; a snapshot.
 */
uint64_t pp_agg_credit(const struct pp_agg *a, uint64_t now_tsc);

/** Print the configuration and shared state. Any thread. */
void pp_agg_dump(FILE *f, const struct pp_agg *a, uint64_t now_tsc);

/* ------------------------------------------------------------------ */
/* Flow table                                                           */

/** Longest key pp_flowtab_create() accepts. */
#define PP_FLOWTAB_KEY_MAX	64
/** Size of a table name with its NUL: rte_hash names its rings
 *  "HT_EXT_<name>" within 28 characters. */
#define PP_FLOWTAB_NAMESIZE	22
/** Entries a full table scans for an idle one before giving up. */
#define PP_FLOWTAB_RECLAIM_SCAN	32

/**
 * One flow: 64 bytes, one cache line. The table owns entries: a pointer
 * is valid until the flow is aged out or deleted (pp_flowtab_age(),
 * pp_flowtab_del(), or a reclaim by pp_flowtab_lookup_bulk() when full),
 * i.e. within one lookup/process pass of the owner lcore.
 */
struct pp_flow_entry {
	struct pp_meter meter;	/**< initialised by the init callback */
	uint64_t last_tsc;	/**< last lookup that returned it */
	uint32_t sig;		/**< internal: the table's hash */
	uint16_t class_id;	/**< caller-defined (e.g. meter profile) */
	uint16_t flags;		/**< internal */
	uint32_t cnt[4];	/**< caller-defined counters (zeroed on add) */
} __rte_cache_aligned;

/**
 * Called by pp_flowtab_lookup_bulk() for each flow it adds, before
 * returning it: set class_id, initialise the meter (pp_meter_init()),
 * counters. On entry the meter, class_id and cnt[] are zero.
 *
 * @param idx  index of the key in the burst (e.g. to find its packet).
 */
typedef void (*pp_flowtab_init_t)(struct pp_flow_entry *e, const void *key,
				  unsigned int idx, uint64_t now_tsc,
				  void *arg);

/** Counters of a flow table. */
struct pp_flowtab_stats {
	uint64_t flows;	/**< flows in the table now */
	uint64_t added;	/**< flows added since creation */
	uint64_t aged;	/**< idle flows removed (aging and reclaim) */
	uint64_t full;	/**< lookups that got NULL: full, nothing idle */
};

struct pp_flowtab;

/**
 * Create a flow table (an rte_hash plus an entry array, on socket_id).
 *
 * Single writer: one lcore owns the table and is the only caller of
 * lookup, age, del and free (the hash is created without multi-writer or
 * read-write concurrency flags, so there are no locks or atomics inside).
 * The table holds up to max_flows flows exactly (rte_hash's extendable
 * bucket table, so hash collisions never make it full early).
 *
 * @param name       unique (rte_hash names are global), at most
 *                   PP_FLOWTAB_NAMESIZE - 1 characters.
 * @param max_flows  8 .. 2^30.
 * @param key_len    bytes per key, 1..PP_FLOWTAB_KEY_MAX.
 * @param idle_tsc   a flow not looked up for more than this many cycles is
 *                   idle and may be reclaimed; >= 2^63 means never.
 * @return the table, or NULL with rte_errno = EINVAL (a parameter out of
 *   range, idle_tsc 0), EEXIST (name in use), ENOMEM, or another error
 *   from rte_hash_create().
 */
struct pp_flowtab *pp_flowtab_create(const char *name, uint32_t max_flows,
				     uint32_t key_len, uint64_t idle_tsc,
				     int socket_id);

/** Free a table; NULL is a no-op. Owner only. */
void pp_flowtab_free(struct pp_flowtab *t);

/**
 * Look up a burst of flows, adding those not found.
 *
 * Owner only. Found and added flows get last_tsc = now_tsc. A key that
 * appears several times in the burst gets the same entry each time (init
 * is called once). When the table is full, the lookup first reclaims an
 * idle flow (scanning at most PP_FLOWTAB_RECLAIM_SCAN entries from the
 * aging cursor); if none is idle, out[i] is NULL and the `full` counter
 * counts it: the caller decides (e.g. police the packet by its class's
 * aggregate only, and count it).
 *
 * @param keys    n keys of key_len bytes.
 * @param hashes  n 32-bit hashes of the keys, any good hash (the NIC's
 *                RSS hash, rte_hash_crc()...): the table remixes them, so
 *                an RSS hash whose low bits are constant within one RX
 *                queue is fine. The same key must always get the same
 *                hash.
 * @param n       any number (handled in groups of 64).
 * @param out     n entries, or NULL where the table is full.
 * @param init    called for each added flow (see pp_flowtab_init_t), or
 *                NULL (the meter stays zero, class 0).
 * @return number of non-NULL entries in out.
 */
unsigned int pp_flowtab_lookup_bulk(struct pp_flowtab *t, const void **keys,
				    const uint32_t *hashes, unsigned int n,
				    uint64_t now_tsc,
				    struct pp_flow_entry **out,
				    pp_flowtab_init_t init, void *arg);

/**
 * Age the table incrementally: look at the next max_scan entries (a
 * cursor that wraps around the table) and remove the idle ones. Call it
 * from the owner's loop, e.g. once per pass with max_scan 8..64. A flow is
 * idle when now_tsc - last_tsc > idle_tsc (time going backwards makes
 * nothing idle).
 *
 * @return number of flows removed.
 */
unsigned int pp_flowtab_age(struct pp_flowtab *t, uint64_t now_tsc,
			    unsigned int max_scan);

/**
 * Remove one flow (e.g. a cancelled flow). Owner only.
 * @return 0, -ENOENT (not in the table), or -EINVAL (t or key NULL).
 */
int pp_flowtab_del(struct pp_flowtab *t, const void *key, uint32_t hash);

/** The key of an entry (pointer into the table, valid while e is). */
const void *pp_flowtab_key(const struct pp_flowtab *t,
			   const struct pp_flow_entry *e);

/** Copy the counters. Any thread (relaxed reads of owner-written values). */
void pp_flowtab_stats(const struct pp_flowtab *t, struct pp_flowtab_stats *st);

/** Print the table's parameters and counters. Any thread. */
void pp_flowtab_dump(FILE *f, const struct pp_flowtab *t);

/* ------------------------------------------------------------------ */
/* Flow key and classification                                         */

/**
 * What policing knows of a packet: the flow table's key (a flow is its
 * 5-tuple with its VLAN id and DSCP, so that a flow's class, which rules
 * may choose by VLAN and DSCP, is fixed for the flow's lifetime) and the
 * classifier's input. Zeroed padding: it is hashed and compared as bytes.
 * For a non-IP (L2) frame, src/dst hold the MACs and ip_version is 0.
 * 44 bytes, 2-byte aligned (pp_police_key_hash() takes any alignment).
 */
struct pp_police_key {
	uint8_t proto;		/**< IPPROTO_*, 0 if not IP */
	uint8_t dscp;		/**< 0..63 */
	uint8_t ip_version;	/**< 4, 6, or 0 (not IP) */
	uint8_t pad0;
	uint16_t vlan;		/**< outer VLAN id, 0 = untagged */
	uint16_t sport;		/**< host order (as struct pp_flow_key) */
	uint16_t dport;		/**< host order */
	uint16_t pad1;
	uint8_t src[16];	/**< IPv4 in the first 4 bytes, network order */
	uint8_t dst[16];
};

struct pp_pkt_info;

/**
 * Fill k from a parse result (PP_PKT_IP or PP_PKT_L2): the whole key is
 * zeroed first, then proto = info->l4_proto, dscp, ip_version,
 * vlan = info->vlan_id, sport/dport/src/dst from info->key. Never fails;
 * any thread (k is the caller's).
 */
void pp_police_key_make(struct pp_police_key *k,
			const struct pp_pkt_info *info);

/**
 * Hash of a key: rte_hash_crc() (CRC32-C) over all sizeof(*k) bytes with
 * a fixed seed, so the same key has the same hash in every run and
 * process. Never fails; any thread.
 */
uint32_t pp_police_key_hash(const struct pp_police_key *k);

/** pp_cls_classify() result for a key no rule matches. */
#define PP_CLS_NONE	UINT32_MAX
/** Size of a classifier name with its NUL (rte_acl's RTE_ACL_NAMESIZE). */
#define PP_CLS_NAMESIZE	32

struct pp_cls;
struct pp_cfg_rule;

/**
 * Build a classifier (one rte_acl context, one category) for rules,
 * which pp_cfg_finalize() validated and sorted: the first rule a key
 * matches wins (rule i gets a higher rte_acl priority than rule i + 1).
 *
 * A key matches a rule when every field the rule gives matches:
 *  - has_vlan: key vlan == vlan (0: untagged frames only);
 *  - ip_version 4 or 6: key ip_version equal, with src/dst prefixes of
 *    src_len/dst_len bits (0 = any address of that version); ip_version
 *    0 (and both lengths 0): any packet, IP or not, unless the rule
 *    gives proto or DSCP, which only IP packets have (IPv4 or IPv6);
 *  - has_proto: key proto == proto;
 *  - dport_lo..dport_hi other than 0..65535: a TCP or UDP key whose dport
 *    is in the range (other keys have no port: an ICMP echo identifier
 *    in the key's dport is not one, and non-IP frames have none);
 *  - has_dscp: key dscp == dscp.
 * (A non-first fragment has ports 0 in its key, like pp_pkt_parse().)
 *
 * Slow path: allocates (rte_acl), not thread-safe against pp_cls_free()
 * of the same classifier; creations are serialised among themselves.
 *
 * @param name  unique among live classifiers (rte_acl names are global,
 *   and rte_acl_create() would silently return the existing context), at
 *   most PP_CLS_NAMESIZE - 1 characters.
 * @param rules n rules (may be NULL if n is 0); copied, not kept.
 * @param n     0..PP_CFG_MAX_RULES (0: nothing ever matches).
 * @param socket_id  NUMA socket of the classifier, or SOCKET_ID_ANY.
 * @return the classifier, or NULL with rte_errno set: EINVAL (name NULL,
 *   empty or too long; rules NULL with n > 0; n too large; a rule out of
 *   range: vlan > 4095, ip_version not 0/4/6, a prefix longer than its
 *   version's address or given with ip_version 0, dport_lo > dport_hi,
 *   dscp > 63), EEXIST (name in use), ENOMEM, or the negated error of
 *   rte_acl_add_rules()/rte_acl_build() (ENOMEM, ERANGE, ...).
 */
struct pp_cls *pp_cls_create(const char *name, const struct pp_cfg_rule *rules,
			     unsigned int n, int socket_id);

/**
 * Free a classifier; NULL is a no-op. No lcore may still use it (e.g.
 * free it after an RCU grace period when it was swapped out).
 */
void pp_cls_free(struct pp_cls *c);

/**
 * Classify n keys: out[i] is the index (into the rules given to
 * pp_cls_create()) of the first rule keys[i] matches, or PP_CLS_NONE.
 *
 * Thread-safe: any number of lcores may classify with one classifier
 * (read-only). No validation (c from pp_cls_create(), keys and out of n
 * entries); never fails. Any n (rte_acl is given chunks of 64 keys).
 * Cost: see pp_cls.c; policing classifies a flow once, when it is new.
 */
void pp_cls_classify(const struct pp_cls *c,
		     const struct pp_police_key *const *keys, uint32_t *out,
		     unsigned int n);

#endif /* PP_POLICE_H */
