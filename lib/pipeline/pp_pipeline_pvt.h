/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_PIPELINE_PVT_H
#define PP_PIPELINE_PVT_H

/* Internal to the pipeline module: the structs the lcore loops walk. */

#include <pthread.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_spinlock.h>

#include "pp_cfg.h"
#include "pp_ctl.h"
#include "pp_gen.h"
#include "pp_pkt.h"
#include "pp_police.h"
#include "pp_port.h"
#include "pp_sched.h"
#include "pp_stats.h"

#define PP_MAX_WORKERS	16
#define PP_MAX_TX	16
/** Input ids (struct pp_desc.in): port index i is i, generator g is
 *  PP_GEN_IN_BASE + g. */
#define PP_GEN_IN_BASE	PP_CFG_MAX_PORTS
#define PP_N_IN		(PP_CFG_MAX_PORTS + PP_CFG_MAX_GENS)
/** Output ids: ports 0..n_ports-1, then the checker. */
#define PP_MAX_OUTS	(PP_CFG_MAX_PORTS + 1)
#define PP_OUT_NONE	0xff
/** A whole lcore in struct pp_lcore_ctx.load. */
#define PP_LOAD_ONE	1024
/** A worker's output lanes: one per (tx lcore, output) it can reach. */
#define PP_MAX_LANES	(PP_MAX_TX * PP_MAX_OUTS)

/** Reorder window per RX source (ordered scheduling): packets wait at
 *  slot seq % PP_REORDER_WIN until every earlier one was sent, or given
 *  up on. Written only by the tx lcore the source's packets all go to
 *  (struct pp_src.ro_tx). */
#define PP_REORDER_WIN 1024

struct pp_reorder {
	uint32_t next;		/**< next sequence number to send */
	uint32_t pending;	/**< packets waiting in slot[] */
	uint64_t hole_since;	/**< TSC when slot[next] was first seen empty
				 *  with packets waiting; 0 = no hole */
	/** The source's drop board (pp_pipeline.holes): holes[seq % WIN]
	 *  == seq once any lcore dropped packet seq, so TX skips it at
	 *  once instead of waiting for the timeout. */
	const uint32_t *holes;
	struct rte_mbuf *slot[PP_REORDER_WIN];
	uint8_t out[PP_REORDER_WIN];
};

/** One RX source an RX lcore polls. Written by that lcore only. */
struct pp_src {
	struct pp_gen *gen;	/**< NULL for a port queue */
	uint16_t port_id;
	uint16_t queue;
	uint8_t in_id;		/**< input id, carried in the descriptor */
	uint8_t gid;		/**< pipeline-wide source id (meta->src) */
	uint8_t ro_tx;		/**< ordered: the tx lcore (index) holding its
				 *  reorder window, carried in the descriptor;
				 *  else 0 */
	uint32_t seq;		/**< per-queue sequence (ordered mode) */
	uint64_t alloc_fail;	/**< generator: its alloc_fail last seen */
};

/* ---- policing (pp_police_rt.c) ---- */

/** A class as the RX hot path reads it. */
struct pp_police_class {
	bool metered;			/**< per-flow meter (prof valid) */
	/** latency budget of its packets (TSC cycles), 0 = the pipeline's */
	uint64_t deadline_tsc;
	struct pp_cfg_color_action act[3];	/**< by RTE_COLOR_* */
	struct pp_meter_profile prof;
	struct pp_agg *agg;		/**< class aggregate, NULL if none */
	bool agg_packets;		/**< it counts packets, not bytes */
};

/**
 * Policing parameters: immutable, published in the control snapshot
 * (struct pp_ctl_snap.police), replaced as a whole by a rate change. The
 * aggregates and the classifier they point to outlive every generation
 * (struct pp_police_rt owns them): an aggregate keeps its fill across a
 * rate change, and flows keep their class.
 */
struct pp_police_params {
	uint16_t n_classes;
	uint16_t n_tenants;
	uint8_t default_class;
	uint8_t default_tenant;
	bool any_deadline;		/**< some class has a deadline */
	/** bumped when the rules change: a flow classified by an older
	 *  generation is classified again when next met */
	uint32_t rules_gen;
	const struct pp_cls *cls;
	uint8_t rule_cls[PP_CFG_MAX_RULES];	/**< rule index -> class */
	uint8_t rule_tenant[PP_CFG_MAX_RULES];
	struct pp_police_class classes[PP_CFG_MAX_CLASSES];
	struct pp_agg *tenant_agg[PP_CFG_MAX_TENANTS];	/**< NULL: none */
	bool tenant_packets[PP_CFG_MAX_TENANTS];
};

/** Policing state of the pipeline (control plane side; changed only
 *  under the control writer mutex, i.e. inside pp_ctl_update()). */
struct pp_police_rt {
	struct pp_cls *cls;		/**< the classifier in force */
	unsigned int cls_gen;		/**< classifiers built, for names */
	/** replaced classifiers whose grace period did not end in time:
	 *  freed at teardown */
	unsigned int n_retired_cls;
	struct pp_cls *retired_cls[64];
	struct pp_agg *class_agg[PP_CFG_MAX_CLASSES];
	struct pp_agg *tenant_agg[PP_CFG_MAX_TENANTS];
	/** the parameters in force; owned by the control snapshot once
	 *  `published` (ctl frees replaced ones after a grace period) */
	struct pp_police_params *params;
	bool published;
};

/** Policing state of one RX lcore: the single writer of its flows'
 *  meters and of its leases. */
struct pp_police_lcore {
	struct pp_flowtab *ft;
	struct pp_agg_lease class_lease[PP_CFG_MAX_CLASSES];
	struct pp_agg_lease tenant_lease[PP_CFG_MAX_TENANTS];
};

/** What the worker does with packets of one input. Read-only. */
struct pp_in {
	uint8_t out;		/**< output id, PP_OUT_NONE if none */
	uint32_t cost;		/**< work stage: cycles per costly packet */
	uint32_t flow_base;	/**< generator: its first flow id */
	uint32_t cost_below;	/**< flows with id - flow_base < this are
				 *  costly */
};

/** Where an output id goes. Read-only after set-up. */
struct pp_out {
	uint8_t kind;		/**< enum pp_out_kind */
	uint16_t port_id;
	struct rte_ether_addr src;
	struct rte_ether_addr dst;
};

struct pp_pipeline;
struct pp_metrics;

/** A ring a tx lcore drains, and where its packets go. */
struct pp_tx_in {
	struct rte_ring *ring;
	uint8_t out;
};

/** What an lcore can report as a fault (struct pp_lcore_ctx.fault). */
#define PP_FAULTS(X) \
	X(NONE, "none") \
	X(STAGE, "a stage error") \
	X(MEMPOOL, "mempool exhausted") \
	X(PORT, "port error")

enum pp_fault {
#define PP_FAULT_ENUM(sym, text) PP_FAULT_ ## sym,
	PP_FAULTS(PP_FAULT_ENUM)
#undef PP_FAULT_ENUM
	PP_FAULT_MAX
};

/** Text of each fault ("mempool exhausted", ...). */
extern const char *const pp_fault_names[PP_FAULT_MAX];

/** A tx lcore's circuit breaker for one output port (that lcore only). */
struct pp_breaker {
	bool open;
	uint64_t refusing_since;	/**< TSC of the first refused burst of
					 *  a run of them; 0 = accepting */
	uint64_t retry_at;		/**< open: next probe (TSC) */
};

/** Per-lcore context. Counters first, on their own cache lines. */
struct pp_lcore_ctx {
	struct pp_lcore_stats stats;	/* single writer: this lcore */

	/* read-only after set-up */
	struct pp_pipeline *pl;
	unsigned int lcore_id;
	uint8_t roles;
	uint16_t burst;
	int16_t worker;			/**< worker index, -1 if none */
	int16_t tx;			/**< tx index, -1 if none */
	/** rx: the worker every packet goes to, or -1: hash (and parse)
	 *  each packet to its bucket's owner. A single worker, or an rx
	 *  lcore that is also a worker (run to completion keeps what it
	 *  receives) outside atomic scheduling. */
	int16_t rx_to;
	/** rx (atomic): hash into the buckets this lcore's worker owns at
	 *  start (pp_sched_bucket_local()), for the same reason */
	bool rx_local;
	/** rx on a worker lcore: take a second burst in a pass only while
	 *  its own ring (atomic: every worker ring) holds fewer; 0 on other
	 *  rx lcores, which take one burst a pass; see pp_rx_step() */
	uint32_t rx_cap;
	bool atomic;			/**< schedule = atomic (copy of pl's) */
	bool ordered;			/**< schedule = ordered (copy of pl's) */
	uint16_t n_src;
	uint16_t n_from;
	struct rte_ring *in_ring;	/**< worker: its input */
	/** worker: a packet for output o takes lane (d.tx * lane_mul + o);
	 *  lane_mul is 0 unless ordered with several tx lcores, where a
	 *  packet must reach the tx lcore of its RX queue's window */
	uint16_t lane_mul;
	uint16_t n_lanes;
	struct rte_ring *lane_ring[PP_MAX_LANES];	/**< NULL: no route */
	struct pp_tx_in from[PP_MAX_WORKERS * PP_MAX_OUTS];	/**< tx */
	struct pp_chk *chk;		/**< tx: checker instance */
	/** tx (ordered): the sources whose reorder window it holds */
	uint16_t n_ro;
	uint8_t ro_src[UINT8_MAX];

	/** rx with policing on: its flow table and leases, else NULL */
	struct pp_police_lcore *police;
	/** the control snapshot of the current loop pass (valid until the
	 *  pass's quiescent state; never used across passes) */
	const struct pp_ctl_snap *snap;

	/* Health. Written by this lcore (relaxed atomics), read by the
	 * control thread's watchdog. */
	uint64_t beats;			/**< loop passes, bumped with each
					 *  quiescent state */
	bool asleep;			/**< offline for RCU (idle sleep) */
	bool exited;			/**< its loop returned */
	/* Written by the control plane, read by this lcore once a pass
	 * (test and operator hooks: pp_pipeline_inject()). */
	uint32_t inject_fault;		/**< raise a stage error */
	uint32_t inject_stall_ms;	/**< stall, no quiescent state */
	/** worker: backpressure held it back this pass (its ring may
	 *  still hold packets: not done) */
	bool blocked;
	/* idle (this lcore only) */
	uint32_t empty;			/**< empty passes in a row */
	uint32_t sleep_us;		/**< idle = sleep: the next sleep */
	/** tx: per output port */
	struct pp_breaker brk[PP_MAX_OUTS];
	/* control thread only: the watchdog's view */
	uint64_t wd_beats;
	uint64_t wd_since;		/**< TSC when beats last moved */
	bool wd_reported;

	/* worker: stealing state (this lcore only) */
	uint64_t rng;			/**< victim choice */
	uint64_t move_tsc;		/**< atomic: last move-budget refill */
	uint32_t move_budget;		/**< atomic: moves left this period */
	uint32_t move_cursor;		/**< atomic: next bucket to look at */
	/** atomic: share of time its worker role spent working (parse to
	 *  enqueue, work stage included), 0..PP_LOAD_ONE, averaged over
	 *  about 1 ms. Written by this lcore, read by peers deciding to
	 *  take buckets (relaxed: a hint). */
	uint32_t load;
	uint64_t work_cycles;		/**< atomic: worker time, in all */
	uint64_t load_tsc;		/**< atomic: start of the sample */
	uint64_t load_work;		/**< atomic: work_cycles then */

	/* written by this lcore only */
	struct pp_lat_hist lat;		/**< tx: RX -> TX latency (cycles) */
	struct pp_src src[PP_CFG_MAX_SRC];
	uint16_t stage_n[PP_MAX_WORKERS];
	struct pp_desc stage[PP_MAX_WORKERS][PP_CFG_MAX_BURST];
} __rte_cache_aligned;

struct pp_pipeline {
	const struct pp_cfg *cfg;
	unsigned int n_ctx;
	struct pp_lcore_ctx *ctx[PP_CFG_MAX_LCORES];
	uint16_t n_workers;
	uint16_t n_tx;

	/* read-only after set-up; walked by the lcore loops */
	struct pp_sched_map *map;
	/** RX hashes (parsing the packet when the NIC gave no RSS hash)
	 *  only when there is more than one worker to choose from. */
	bool rx_hash;
	bool steal;			/**< idle workers take work */
	bool atomic;			/**< schedule = atomic */
	bool ordered;			/**< schedule = ordered */
	uint16_t n_srcs;		/**< RX sources, all lcores */
	uint8_t src_tx[UINT8_MAX];	/**< ordered: source -> its tx index */
	uint64_t reorder_timeout;	/**< TSC a hole may hold its queue */
	struct pp_reorder *reorder;	/**< [n_srcs], ordered only */
	/** ordered: [n_srcs][PP_REORDER_WIN], written (relaxed atomic
	 *  stores) by whichever lcore drops a numbered packet, read by the
	 *  tx lcore of the source (see struct pp_reorder.holes) */
	uint32_t *holes;
	uint64_t move_period;		/**< TSC cycles per move budget (1 ms) */
	uint64_t load_period;		/**< atomic: TSC cycles per load sample */
	uint64_t bucket_hold;		/**< TSC cycles a moved bucket stays */
	/** atomic: TSC of each bucket's last move (relaxed atomics; a hint
	 *  against ping-pong, not part of the ownership protocol) */
	uint64_t *moved_at;
	struct rte_ring *wring[PP_MAX_WORKERS];	/**< worker inputs (pp_desc) */
	struct pp_lcore_ctx *wctx[PP_MAX_WORKERS];	/**< worker -> its lcore */
	/** Worker outputs: one SP/SC ring per (worker, tx lcore, reachable
	 *  output), so neither the worker nor the tx lcore writes or reads
	 *  a per-packet field to route it (see pp_lcore.c). A worker reaches
	 *  tx lcore (worker % n_tx), or in ordered mode every tx lcore
	 *  holding some RX queue's window. */
	struct rte_ring *oring[PP_MAX_WORKERS][PP_MAX_TX][PP_MAX_OUTS];
	struct pp_in ins[PP_N_IN];		/**< by input id */
	/** policing is on: RX polices, TX counts per class and tenant */
	bool police_on;
	uint64_t tsc_hz;			/**< rte_get_tsc_hz() */
	/** per port index: RX stops polling it (pp_pipeline_port_rx();
	 *  relaxed atomics) */
	bool rx_paused[PP_CFG_MAX_PORTS];
	struct pp_out outs[PP_MAX_OUTS];
	unsigned int n_outs;

	/** a control action asked for a drain (atomics) */
	bool stop_requested;
	/** on_fault = fail-fast: the first lcore that faulted and why,
	 *  (enum pp_fault << 32 | lcore_id), CAS from UINT64_MAX; the main
	 *  loop drains and exits 1 */
	uint64_t fault;
	uint16_t n_rx;			/**< lcores with the rx role */

	/* drain counters: written with atomics by the lcores */
	uint32_t rx_active __rte_cache_aligned;
	uint32_t workers_active;

	/* control thread only */
	struct pp_lcore_stats ctl_stats __rte_cache_aligned;
	unsigned int n_ports;
	struct pp_port ports[PP_CFG_MAX_PORTS];
	struct pp_gen *gens[PP_CFG_MAX_GENS][PP_CFG_MAX_QUEUES];
	/** One checker for the whole pipeline, so a flow whose packets
	 *  reach several tx lcores (stealing, bucket moves) is checked as
	 *  one sequence. With several tx lcores its calls are serialised by
	 *  chk_lock: the checker is a verification sink, not part of the
	 *  forwarding path, which takes no lock. */
	struct pp_chk *chk;
	rte_spinlock_t chk_lock;
	bool chk_locked;
	uint32_t chk_flows;
	struct rte_mempool *pool[RTE_MAX_NUMA_NODES];
	struct pp_police_rt *police;	/**< NULL when policing is off */
	/** Serialises control-plane readers of the ports' counters
	 *  (pp_pipeline_read_ports()) with closing the ports; no lcore
	 *  takes it. */
	pthread_mutex_t ports_lock;
	bool ports_closed;		/**< guarded by ports_lock */
	struct pp_metrics *metrics;	/**< Prometheus endpoint; NULL: off */
	uint64_t start_tsc;
	uint64_t stop_tsc;
	bool launched;
	bool clean_stop;
};

/** The lcore loop (pp_lcore.c); arg is a struct pp_lcore_ctx. */
int pp_lcore_main(void *arg);

/**
 * Set up policing from pl->cfg (control thread, before launch): the
 * classifier, the aggregates, the first parameters, a flow table and
 * leases for each RX lcore. pl->police stays NULL when the config has no
 * policing. @return 0, or -errno with err set.
 */
int pp_police_setup(struct pp_pipeline *pl, struct pp_cfg_err *err);

/** One port's counters, as pp_pipeline_read_ports() hands them over. */
struct pp_port_counters {
	const char *name;		/**< [port.NAME] */
	uint16_t port_id;
	struct rte_eth_stats st;
	unsigned int n_xstats;		/**< entries in xnames[] and xstats[] */
	const struct rte_eth_xstat_name *xnames;
	const struct rte_eth_xstat *xstats;
};

typedef void (*pp_port_counters_cb)(const struct pp_port_counters *pc,
				    void *arg);

/**
 * Control-plane readers (telemetry, metrics; never an lcore): read each
 * port's rte_eth_stats and xstats and call fn with them, under
 * pl->ports_lock so no port closes meanwhile (pp_pipeline_report() closes
 * them). @return ports read, 0 once they are closed, or -ENOMEM.
 */
int pp_pipeline_read_ports(struct pp_pipeline *pl, pp_port_counters_cb fn,
			   void *arg);

/**
 * Start the Prometheus endpoint at pl->cfg->metrics (pp_metrics.c): an
 * HTTP server (libmicrohttpd, its own thread: a control-plane thread, not
 * an lcore) answering GET /metrics with every counter in the text format
 * 0.0.4. It reads counters only with relaxed loads (pp_pipeline_read_stats
 * and friends) and config through pp_ctl_read(). Nothing when metrics is
 * off. Main thread, in pp_pipeline_create().
 * @return 0, or -errno with err set: -EADDRINUSE (the port is taken),
 *   -EADDRNOTAVAIL (not a local address), -EACCES, -ENOMEM.
 */
int pp_metrics_start(struct pp_pipeline *pl, struct pp_cfg_err *err);

/** Stop the endpoint, waiting for a request in progress; nothing if it
 *  is not running. Main thread, before the pipeline is freed. */
void pp_metrics_stop(struct pp_pipeline *pl);

/** Make the /pktpipe/... telemetry commands reach pl (pp_telemetry.c);
 * registers them the first time. Main thread. */
void pp_telemetry_attach(struct pp_pipeline *pl);

/** Commands from now on answer "not running"; waits for one in progress.
 *  Main thread, before the pipeline is freed. */
void pp_telemetry_detach(void);

/**
 * Policing part of applying a new config (inside pp_ctl_update()'s edit,
 * under the writer mutex): a new classifier if the rules changed (the old
 * one in *old_cls, for the caller to free after the grace period), new
 * parameters into snap->police, aggregates set to their new rates.
 * @return 0, or -errno with err set (nothing changed).
 */
int pp_police_apply(struct pp_pipeline *pl, const struct pp_cfg_police *cur,
		    const struct pp_cfg_police *next, struct pp_ctl_snap *snap,
		    struct pp_cls **old_cls, struct pp_cfg_err *err);

/** Free what pp_police_setup() made (after the lcores stopped). */
void pp_police_teardown(struct pp_pipeline *pl);

/**
 * RX lcore: police n packets that pp_pkt_parse() described in info[],
 * with khash[i] = pp_pkt_key_hash(&info[i].key) (any value for a
 * malformed one). Dropped packets are freed and counted (`policed`, and
 * by class, tenant and colour); the others are compacted to the front of
 * pkts[], at[] (unless NULL), info[] and khash[], their metadata
 * class/tenant/colour set, remarked if their colour says so. A malformed
 * packet passes untouched (no class): the worker drops it as malformed.
 * @return packets kept.
 */
uint16_t pp_police_burst(struct pp_lcore_ctx *c,
			 const struct pp_police_params *prm,
			 struct rte_mbuf **pkts, uint64_t *at,
			 struct pp_pkt_info *info, uint32_t *khash,
			 uint16_t n, uint64_t now);

#endif /* PP_PIPELINE_PVT_H */
