/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_STATS_H
#define PP_STATS_H

/**
 * @file
 * Packet accounting: drop reasons, per-lcore counters, the identity
 * `rx = tx + drops + in_flight`, and the report (summary text and JSON).
 *
 * Ownership: a struct pp_lcore_stats has exactly one writer, the lcore it
 * belongs to, and is cache-line aligned so that no two writers share a
 * line. Writers bump with pp_stats_add() (a plain add published by a
 * relaxed atomic store: no lock, no locked instruction); any thread may read
 * with pp_stats_read() and gets a value that is at most slightly stale.
 * Writers add once per burst, never per packet.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>

/**
 * Every reason a packet can be dropped, once: symbol, JSON name, meaning.
 * The enum, the name table and the descriptions are generated from it.
 */
#define PP_DROP_REASONS(X) \
	X(RING_FULL, ring_full, "a worker's input ring was full") \
	X(MALFORMED, malformed, "truncated or inconsistent headers") \
	X(NO_ROUTE, no_route, "no forwarding entry for its input port") \
	X(TX_FULL, tx_full, "the port refused it after every tx retry") \
	X(LATE, late, "ordered: arrived after its RX queue's order moved past it") \
	X(POLICED, policed, "over its flow's, class's or tenant's rate (action drop)") \
	X(CANCELLED, cancelled, "its flow, tenant or class was cancelled") \
	X(DEADLINE, deadline, "older than its latency budget when a worker or TX met it") \
	X(FAULT, fault, "dropped by a stage that reported a fault (on_fault = isolate)") \
	X(BREAKER_OPEN, breaker_open, "its TX port's circuit breaker was open (the port kept refusing)") \
	X(ABORTED, aborted, "discarded by an immediate stop (second signal or drain timeout)")

enum pp_drop {
#define PP_DROP_ENUM(sym, name, desc) PP_DROP_ ## sym,
	PP_DROP_REASONS(PP_DROP_ENUM)
#undef PP_DROP_ENUM
	PP_DROP_MAX
};

/** JSON / display name of each reason ("ring_full", ...). */
extern const char *const pp_drop_names[PP_DROP_MAX];
/** One-line meaning of each reason. */
extern const char *const pp_drop_descs[PP_DROP_MAX];

#define PP_STATS_MAX_WORKERS 16

/** Policing counter rows: classes 0..15, then tenants. */
#define PP_STATS_POL_CLASSES	16
#define PP_STATS_POL_TENANTS	16
#define PP_STATS_POL_ROWS	(PP_STATS_POL_CLASSES + PP_STATS_POL_TENANTS)

/**
 * Policing counters of one class or tenant on one lcore: RX lcores count
 * what is offered and what policing drops, TX lcores what they send.
 * uint64_t only (struct pp_lcore_stats is walked as an array).
 */
struct pp_police_ctr {
	uint64_t offered;	/**< packets policing saw */
	uint64_t offered_bytes;
	uint64_t tx;		/**< packets transmitted */
	uint64_t tx_bytes;
	/** dropped as `policed`, by final colour (RTE_COLOR_GREEN, YELLOW,
	 *  RED); an aggregate's refusal makes a packet red */
	uint64_t drops[3];
	uint64_t drop_bytes;
	uint64_t remarked;	/**< DSCP rewritten by a remark action */
};

/** Counters of one lcore. Single writer: that lcore. */
struct pp_lcore_stats {
	uint64_t rx;		/**< packets taken from ports and generators */
	uint64_t rx_bytes;
	uint64_t worked;	/**< packets a worker role processed */
	uint64_t tx;		/**< packets sent, or consumed by the checker */
	uint64_t tx_bytes;
	uint64_t drops[PP_DROP_MAX];
	uint64_t steals;	/**< packets this worker stole (parallel) */
	uint64_t buckets_in;	/**< buckets this worker took over (atomic) */
	uint64_t faults;	/**< faults this lcore reported */
	uint64_t stalls;	/**< control thread: lcores the watchdog found
				 *  stalled (each stall once) */
	uint64_t breaker_opens;	/**< tx: circuit breakers it opened */
	uint64_t breaker_closes;	/**< tx: ... and closed again */
	uint64_t idle_sleeps;	/**< idle = sleep: sleeps taken */
	uint64_t cpu_ns;	/**< CPU time of the lcore's thread so far
				 *  (set, not added; CLOCK_THREAD_CPUTIME_ID) */
	uint64_t not_owner;	/**< atomic: packets met while another worker
				 *  owned their bucket (must stay 0) */
	/** per victim worker index: packets stolen from it / buckets taken
	 *  from it by this worker (the victim's own counters would have two
	 *  writers) */
	uint64_t stole_from[PP_STATS_MAX_WORKERS];
	uint64_t took_from[PP_STATS_MAX_WORKERS];
	/** policing, per class then per tenant (PP_STATS_POL_CLASSES + t) */
	struct pp_police_ctr pol[PP_STATS_POL_ROWS];
	uint64_t busy_cycles;	/**< TSC cycles in loop passes that did work */
	uint64_t loop_cycles;	/**< TSC cycles in all loop passes */
} __rte_cache_aligned;

/**
 * The scalar counters of struct pp_lcore_stats, once: field (the
 * telemetry and JSON key), metric name (Prometheus, without the
 * `pktpipe_` prefix and `_total` suffix), scale to the metric's unit, and
 * meaning. Telemetry and the metrics endpoint walk pp_lcore_ctrs[], which
 * is generated from it; drops are listed by PP_DROP_REASONS, policing by
 * struct pp_police_ctr, and `stalls` (control thread) and the per-victim
 * arrays are not per-lcore counters.
 */
#define PP_LCORE_COUNTERS(X) \
	X(rx, rx_packets, 1, "packets taken from ports and generators") \
	X(rx_bytes, rx_bytes, 1, "bytes taken from ports and generators") \
	X(worked, worked_packets, 1, "packets a worker role processed") \
	X(tx, tx_packets, 1, "packets sent, or consumed by the checker") \
	X(tx_bytes, tx_bytes, 1, "bytes sent, or consumed by the checker") \
	X(steals, steal_packets, 1, "packets this worker stole from others") \
	X(buckets_in, bucket_takes, 1, "flow buckets this worker took over (atomic)") \
	X(faults, faults, 1, "faults this lcore reported") \
	X(breaker_opens, breaker_opens, 1, "TX circuit breakers this lcore opened") \
	X(breaker_closes, breaker_closes, 1, "TX circuit breakers this lcore closed again") \
	X(idle_sleeps, idle_sleeps, 1, "sleeps taken while idle (idle = sleep)") \
	X(cpu_ns, cpu_seconds, 1e-9, "CPU time of the lcore's thread") \
	X(not_owner, not_owner_packets, 1, "packets met while another worker owned their bucket (must stay 0)") \
	X(busy_cycles, busy_cycles, 1, "TSC cycles in loop passes that did work") \
	X(loop_cycles, loop_cycles, 1, "TSC cycles in all loop passes")

enum pp_lcore_ctr {
#define PP_LCORE_CTR_ENUM(f, metric, scale, desc) PP_LCORE_CTR_ ## f,
	PP_LCORE_COUNTERS(PP_LCORE_CTR_ENUM)
#undef PP_LCORE_CTR_ENUM
	PP_LCORE_CTR_MAX
};

/** One entry of pp_lcore_ctrs[]. */
struct pp_stats_ctr_desc {
	const char *name;	/**< field name: telemetry and JSON key */
	const char *metric;	/**< Prometheus name, no prefix or suffix */
	double scale;		/**< value * scale = the metric's unit */
	size_t off;		/**< offset in struct pp_lcore_stats */
	const char *help;
};

/** The scalar lcore counters, in PP_LCORE_COUNTERS order. */
extern const struct pp_stats_ctr_desc pp_lcore_ctrs[PP_LCORE_CTR_MAX];

/** Value of counter i (enum pp_lcore_ctr) of a snapshot s. */
static inline uint64_t
pp_stats_ctr(const struct pp_lcore_stats *s, unsigned int i)
{
	return *(const uint64_t *)((const char *)s + pp_lcore_ctrs[i].off);
}

/** Add n to a counter this thread owns (single writer). */
static inline void
pp_stats_add(uint64_t *ctr, uint64_t n)
{
	/* Single writer: a plain load is exact; the relaxed store only makes
	 * the 64-bit value untorn for readers (pairs with pp_stats_read). */
	__atomic_store_n(ctr, *ctr + n, __ATOMIC_RELAXED);
}

/** Read a counter another thread owns. */
static inline uint64_t
pp_stats_read(const uint64_t *ctr)
{
	return __atomic_load_n(ctr, __ATOMIC_RELAXED);
}

/**
 * Copy src into dst counter by counter, with pp_stats_read(): a
 * consistent-enough snapshot for display; exact once the lcore stopped.
 */
void pp_stats_snapshot(struct pp_lcore_stats *dst,
		       const struct pp_lcore_stats *src);

/** dst += src, counter by counter (dst not shared). */
void pp_stats_accumulate(struct pp_lcore_stats *dst,
			 const struct pp_lcore_stats *src);

/**
 * dst = now - prev, counter by counter: what happened between two
 * snapshots of the same counters (a stats period). dst may be now.
 */
void pp_stats_delta(struct pp_lcore_stats *dst,
		    const struct pp_lcore_stats *now,
		    const struct pp_lcore_stats *prev);

/** Sum of all drop reasons of s. */
uint64_t pp_stats_drops_total(const struct pp_lcore_stats *s);

/**
 * Whether `rx = tx + drops + in_flight` holds for totals t.
 * @param in_flight  packets measured in rings and buffers (not derived).
 */
bool pp_stats_identity_holds(const struct pp_lcore_stats *t,
			     uint64_t in_flight);

/* --------------------------------------------------------------------- */
/* Latency histogram                                                      */

/**
 * Log-linear histogram of TSC cycles: exact below 8, then 8 sub-buckets per
 * power of two (relative error under 12.5 %), 0 .. 2^63. One per tx lcore,
 * single writer, no allocation, no lock; merged by the control thread.
 */
#define PP_LAT_SUB_BITS	3
#define PP_LAT_SUB	(1u << PP_LAT_SUB_BITS)
#define PP_LAT_BUCKETS	((64 - PP_LAT_SUB_BITS + 1) * PP_LAT_SUB)

struct pp_lat_hist {
	uint64_t count[PP_LAT_BUCKETS];
	uint64_t max;
	uint64_t sum;		/**< of every value recorded (cycles) */
};

/** Bucket of a value (cycles). */
static inline unsigned int
pp_lat_index(uint64_t v)
{
	unsigned int e;

	if (v < PP_LAT_SUB)
		return (unsigned int)v;
	e = 63 - (unsigned int)__builtin_clzll(v);	/* >= PP_LAT_SUB_BITS */
	return (e - PP_LAT_SUB_BITS + 1) * PP_LAT_SUB +
		(unsigned int)((v >> (e - PP_LAT_SUB_BITS)) & (PP_LAT_SUB - 1));
}

/** Largest value that falls in bucket idx. */
uint64_t pp_lat_bucket_max(unsigned int idx);

/** Record n values (a burst's); single writer (the owning lcore). */
static inline void
pp_lat_record_n(struct pp_lat_hist *h, const uint64_t *v, unsigned int n)
{
	uint64_t sum = 0, max = h->max;
	unsigned int i;

	for (i = 0; i < n; i++) {
		pp_stats_add(&h->count[pp_lat_index(v[i])], 1);
		sum += v[i];
		if (v[i] > max)
			max = v[i];
	}
	/* once a burst: the sum and the max are not per-packet work */
	pp_stats_add(&h->sum, sum);
	if (max != h->max)
		__atomic_store_n(&h->max, max, __ATOMIC_RELAXED);
}

/** Record one value; single writer (the owning lcore). */
static inline void
pp_lat_record(struct pp_lat_hist *h, uint64_t v)
{
	pp_lat_record_n(h, &v, 1);
}

/** dst += a snapshot of src (src may be live). */
void pp_lat_merge(struct pp_lat_hist *dst, const struct pp_lat_hist *src);

/**
 * The value at quantile q (0..1): the upper bound of the bucket holding
 * it, capped at the max seen; 0 when empty.
 */
uint64_t pp_lat_quantile(const struct pp_lat_hist *h, double q);

/**
 * dst = now - prev for two merges of the same histograms taken one after
 * the other (a stats period): the counts recorded in between. Its max is
 * now's when now's max grew (it was recorded in between), else the upper
 * bound of the highest bucket that counted anything, capped at now's max
 * (within the buckets' 12.5 %). dst may be now.
 */
void pp_lat_delta(struct pp_lat_hist *dst, const struct pp_lat_hist *now,
		  const struct pp_lat_hist *prev);

/** Figures the reports give: p50, p90, p99, p99.9, max. */
#define PP_LAT_FIGURES 5

/** h's PP_LAT_FIGURES figures in ns (0 when empty), at TSC rate hz. */
void pp_lat_figures_ns(const struct pp_lat_hist *h, double hz,
		       double ns[PP_LAT_FIGURES]);

/* --------------------------------------------------------------------- */
/* Report                                                                */

#define PP_STATS_MAX_LCORES 64

/** One lcore's line in the report. */
struct pp_stats_lcore_report {
	unsigned int lcore_id;
	char roles[24];		/**< "rx+worker+tx" */
	int worker;		/**< worker index, -1 if not a worker */
	uint64_t stolen_from;	/**< packets other workers stole from it */
	uint64_t buckets_out;	/**< buckets other workers took from it */
	struct pp_lcore_stats st;
};

/** Checker results, per flow where anything is wrong. */
struct pp_stats_chk_report {
	bool ran;
	uint64_t packets;
	uint64_t unknown;
	uint64_t reorders;
	uint64_t duplicates;
	uint64_t gaps;
	uint32_t flows;		/**< flows the checker knows */
	uint32_t flows_seen;
	/** Optional per-flow dump into the JSON: called with a FILE and
	 *  writes a JSON array (no trailing newline). NULL: empty array. */
	void (*write_flows)(FILE *f, const void *arg);
	const void *flows_arg;
};

/** One port's ethdev counters (rte_eth_stats), read before it closed. */
struct pp_stats_port_report {
	char name[32];
	uint16_t port_id;
	uint64_t ipackets, opackets, imissed, ierrors, oerrors, rx_nombuf;
	uint64_t reclaimed;	/**< freed from an unpolled RX queue at stop */
};

#define PP_STATS_MAX_PORTS 16

/** What the report says about policing (counters: total.pol). */
struct pp_stats_police_report {
	bool ran;		/**< policing was on */
	unsigned int n_classes;
	unsigned int n_tenants;
	char class_names[PP_STATS_POL_CLASSES][32];
	char tenant_names[PP_STATS_POL_TENANTS][32];
	/** the aggregate's rate at the end (bit/s, or packets/s if
	 *  *_pps), 0 = none */
	uint64_t class_rate[PP_STATS_POL_CLASSES];
	uint64_t tenant_rate[PP_STATS_POL_TENANTS];
	bool class_pps[PP_STATS_POL_CLASSES];
	bool tenant_pps[PP_STATS_POL_TENANTS];
	/** per-flow meters: CIR at the end (bit/s), 0 = no meter */
	uint64_t class_cir[PP_STATS_POL_CLASSES];
	/** flow tables, all RX lcores */
	uint64_t flows, flows_added, flows_aged, flows_full;
};

/** Everything the final summary and the JSON say. */
struct pp_stats_report {
	double seconds;		/**< run time, start to end of drain */
	bool clean_stop;	/**< drained (not aborted) */
	struct pp_lcore_stats total;
	uint64_t in_flight;	/**< measured after the stop */
	uint64_t mbufs_total;	/**< all mempools' sizes */
	uint64_t mbufs_avail;	/**< back in the pools after stop */
	int64_t leaked_mbufs;	/**< mbufs_total - mbufs_avail */
	/** atomic scheduling, after a drain: packets still counted in
	 *  flight in the bucket map (a release missed on some path); 0 */
	uint64_t bucket_inflight;
	double tsc_hz;
	unsigned int n_lcores;
	struct pp_stats_lcore_report lcores[PP_STATS_MAX_LCORES];
	struct pp_stats_chk_report chk;
	struct {
		bool ran;
		uint64_t packets;	/**< made, malformed included */
		uint64_t malformed;
		uint64_t alloc_fail;	/**< mempool empty: not made */
		uint64_t missed;	/**< due by the rate, not polled in
					 *  time (a NIC's imissed) */
	} gen;
	unsigned int n_ports;
	struct pp_stats_port_report ports[PP_STATS_MAX_PORTS];
	/** RX -> TX latency of transmitted packets (TSC cycles), all tx
	 *  lcores merged; printed in ns using tsc_hz */
	struct pp_lat_hist latency;
	struct pp_stats_police_report police;
};

/** Whether the report is a success: identity holds and nothing leaked. */
bool pp_stats_report_ok(const struct pp_stats_report *r);

/** Human summary, several lines. */
void pp_stats_report_print(FILE *f, const struct pp_stats_report *r);

/**
 * Write the report as JSON (schema documented in README.md, "JSON
 * summary"): top level rx, tx, in_flight, leaked_mbufs, identity_holds,
 * drops {reason: n}, lcores [...], checker {...}.
 * @return 0, or -errno from the stream.
 */
int pp_stats_report_json(FILE *f, const struct pp_stats_report *r);

#endif /* PP_STATS_H */
