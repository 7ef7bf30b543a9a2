/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_PIPELINE_H
#define PP_PIPELINE_H

/**
 * @file
 * The pipeline: lcore roles and their loops, ring wiring, and the staged
 * start / drain / stop.
 *
 * Wiring (W workers, T tx lcores):
 *  - one input ring per worker: producers are the RX lcores (single-
 *    producer when there is one RX lcore), the consumer is the worker;
 *  - one output ring per worker, to tx lcore (worker % T): single producer,
 *    single consumer, so fan-in costs no atomic read-modify-write;
 *  - every tx lcore owns TX queue (its tx index) on every port.
 * A flow has one RX queue, one bucket, one worker and one tx lcore, so its
 * order is kept end to end.
 *
 * Drain (STYLE 14): the control thread publishes `draining` through RCU.
 * Each RX role stops polling and decrements `rx_active`; a worker that sees
 * rx_active == 0 and then finds its ring empty decrements `workers_active`;
 * a tx lcore that sees workers_active == 0 and then finds its rings empty
 * is done. No lcore holds an mbuf across loop passes, so when every lcore
 * has returned, everything is in a ring, sent or counted as dropped.
 *
 * Thread-safety: every function here is for the control thread (EAL's
 * main lcore), except the control actions (set, reload, cancel,
 * request_stop, police_cfg), which
 * any non-lcore thread may call while the pipeline runs (e.g. DPDK's
 * telemetry thread); the lcore loops are internal.
 */

#include <stdbool.h>

#include "pp_cfg.h"
#include "pp_stats.h"

struct pp_pipeline;

/**
 * Build everything from a validated config: mempools, ports (started),
 * generators, checker, rings, the bucket map, the first control snapshot.
 * Must be called after rte_eal_init() and pp_pkt_meta_register().
 *
 * @return the pipeline, or NULL with err set: a device that does not
 *   exist, queue counts it cannot do, memory that cannot be had (with
 *   --no-huge, raise -m; with hugepages, reserve more).
 */
struct pp_pipeline *pp_pipeline_create(const struct pp_cfg *cfg,
				       struct pp_cfg_err *err);

/**
 * Launch the lcore loops on every lcore with a role.
 * @return 0, or -EBUSY if an lcore was not idle.
 */
int pp_pipeline_start(struct pp_pipeline *pl);

/**
 * Read the live counters of every lcore with a role into out (at most max
 * entries), plus the sum of them into total (which may be NULL).
 * @return the number of entries written.
 */
unsigned int pp_pipeline_read_stats(const struct pp_pipeline *pl,
				    struct pp_stats_lcore_report *out,
				    unsigned int max,
				    struct pp_lcore_stats *total);

/**
 * Merge the live RX -> TX latency histograms (TSC cycles) of every lcore
 * into out (overwritten): what was recorded so far. Counts only grow, so
 * two reads a period apart give the period (pp_lat_delta()).
 */
void pp_pipeline_read_latency(const struct pp_pipeline *pl,
			      struct pp_lat_hist *out);

/**
 * Whether every RX source is a generator whose `count` is all out (so the
 * run can end by itself). False as soon as one source is a port or an
 * endless generator.
 */
bool pp_pipeline_sources_done(const struct pp_pipeline *pl);

/**
 * Staged stop: publish `draining` and wait for every lcore to finish.
 * If abort_now() returns true (a second signal) or `timeout_s` passes,
 * publish `stopped` instead: lcores return at once and whatever is still
 * in a ring is freed and counted as `aborted` by pp_pipeline_report().
 *
 * @param abort_now  polled every few ms; may be NULL.
 * @return true when the drain completed, false when it was cut short.
 */
bool pp_pipeline_stop(struct pp_pipeline *pl, double timeout_s,
		      bool (*abort_now)(void));

/**
 * After pp_pipeline_stop(): free what is left in the rings (as `aborted`),
 * stop and close the ports, check every mempool is full again, and fill
 * the report.
 */
void pp_pipeline_report(struct pp_pipeline *pl, struct pp_stats_report *r);

/**
 * Control action: change one key of the running configuration, e.g.
 * ("tenant.acme", "rate", "20M") or ("pipeline", "deadline", "0.002").
 * The value is parsed and the whole configuration re-validated by the
 * config module exactly as at start (pp_cfg_set(), pp_cfg_finalize()) on
 * a copy of the configuration in force, then checked against it
 * (pp_cfg_reload_check(): keys that need a restart are refused), then
 * published through RCU. When it returns 0 every lcore works with the new
 * value: meters keep their state (clamped to new bursts), aggregates their
 * fill, counters go on. Serialised with every other action.
 *
 * @param origin   what to name in messages ("telemetry", "SIGHUP").
 * @return 0, or with err set: -EINVAL (bad section, key or value, with the
 *   config module's message), -EPERM (a key that needs a restart),
 *   -ENOMEM, -ETIMEDOUT (applied, but some lcore has not passed a
 *   quiescent state within the watchdog period).
 */
int pp_pipeline_set(struct pp_pipeline *pl, const char *origin,
		    const char *section, const char *key, const char *value,
		    struct pp_cfg_err *err);

/**
 * Control action: re-read the INI file at path, validate it fully (same
 * messages as at start) and publish it. A file that does not validate,
 * or that changes keys that need a restart (named in err), is refused and
 * the running configuration stays. What it may change: see
 * pp_cfg_reload_check(). A reload loses no packet: lcores switch
 * snapshots between two loop passes.
 * @return as pp_pipeline_set(), plus -ENOENT (file unreadable).
 */
int pp_pipeline_reload(struct pp_pipeline *pl, const char *path,
		       struct pp_cfg_err *err);

/**
 * Control action: cancel (on) or un-cancel a flow, tenant or class.
 * When it returns 0 a grace period has passed: from then on no packet of
 * the target is transmitted; packets of it already in the pipeline are
 * dropped as `cancelled` by the first worker or TX lcore that meets them;
 * nothing else is affected.
 *
 * @param kind    "flow", "tenant" or "class".
 * @param target  a flow "PROTO,SRC,SPORT,DST,DPORT" (udp|tcp|sctp, IPv4 or
 *                IPv6), or the name of a tenant or class of the running
 *                config (policing must be on).
 * @param effective_tsc  set on success: the TSC when the contract took
 *                hold (for tests and logs).
 * @param target_tx  set on success, for a tenant or class (-1 for a
 *                flow): its packets transmitted so far -- on a cancel,
 *                read when it returns; on an un-cancel, read just before
 *                the target may flow again. By the contract, the two are
 *                equal.
 * @return 0, or with err set: -EINVAL (bad kind or flow), -ENOENT (no
 *   such tenant or class; un-cancel of what is not cancelled), -EEXIST
 *   (already cancelled), -ENOSPC (PP_CANCEL_MAX_FLOWS flows cancelled),
 *   -ENOMEM, -ETIMEDOUT (published, but some lcore has not passed a
 *   quiescent state within the watchdog period).
 */
int pp_pipeline_cancel(struct pp_pipeline *pl, const char *kind,
		       const char *target, bool on, uint64_t *effective_tsc,
		       int64_t *target_tx, struct pp_cfg_err *err);

/**
 * Control action (tests, operators): make lcore_id raise a stage error on
 * the next burst its worker role takes ("fault"), or stall for ms
 * milliseconds without reporting a quiescent state ("stall").
 * @return 0, or -EINVAL / -ENOENT with err set (unknown what, or an lcore
 *   without a role; "fault" needs a worker).
 */
int pp_pipeline_inject(struct pp_pipeline *pl, const char *what,
		       unsigned int lcore_id, unsigned int ms,
		       struct pp_cfg_err *err);

/**
 * Watchdog (control thread, every few ms): report, once per stall, each
 * lcore that has reported no quiescent state for timeout_s while running
 * (an lcore asleep offline, or finished, is not stalled), and when it
 * comes back. @return lcores stalled now.
 */
unsigned int pp_pipeline_watchdog(struct pp_pipeline *pl, double timeout_s);

/**
 * Whether an lcore reported a fault under on_fault = fail-fast; if so msg
 * says which and why ("lcore 2 (worker): a stage error"). Any thread.
 */
bool pp_pipeline_fault(const struct pp_pipeline *pl, char *msg, size_t len);

/**
 * Copy the configuration in force (the start-up one with every change and
 * reload applied). Any non-lcore thread. @return 0.
 */
int pp_pipeline_live_cfg(struct pp_pipeline *pl, struct pp_cfg *out);

/**
 * Control action: stop (pause) or resume polling port `name`'s RX queues,
 * as testpmd's port stop/start does for traffic: what arrives meanwhile
 * waits in the device's queue, and its imissed counts what does not fit.
 * @return 0, or -ENOENT (no such port) / -EINVAL (an output-only port),
 *   with err set.
 */
int pp_pipeline_port_rx(struct pp_pipeline *pl, const char *name, bool pause,
			struct pp_cfg_err *err);

/** Control action: ask the main loop to drain and stop (as SIGTERM). */
void pp_pipeline_request_stop(struct pp_pipeline *pl);

/** Whether a drain was asked for by pp_pipeline_request_stop(). */
bool pp_pipeline_stop_requested(const struct pp_pipeline *pl);

/**
 * Copy the policing config in force (with every change applied so far).
 * Any non-lcore thread. @return 0, or -ENOENT when policing is off.
 */
int pp_pipeline_police_cfg(struct pp_pipeline *pl, struct pp_cfg_police *out);

/** Free everything (ports are closed if still open). NULL is a no-op. */
void pp_pipeline_free(struct pp_pipeline *pl);

#endif /* PP_PIPELINE_H */
