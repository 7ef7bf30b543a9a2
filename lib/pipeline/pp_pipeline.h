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
 * main lcore), except the control actions (pp_pipeline_police_*), which
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
 * Control action: change one rate or burst of a class or tenant while the
 * pipeline runs. The value is parsed and the whole policing config
 * re-validated by the config module, exactly as at start (pp_cfg_set(),
 * pp_cfg_finalize()) on a copy of the running config; then the new
 * parameters are published through RCU. When it returns 0, every RX
 * lcore polices with the new rate (a grace period has passed): meters
 * keep their state (clamped to the new bursts), aggregates their fill
 * time, counters go on. Concurrent calls are serialised.
 *
 * @param section  "class.NAME" or "tenant.NAME" of the running config.
 * @param key      cir, cbs, ebs, pir, pbs, eir (per-flow meter of a
 *                 class) or rate, burst (aggregate).
 * @param value    as in the INI file ("20M", "64k").
 * @return 0, or with err set: -ENOENT (policing off, or no such class or
 *   tenant), -EPERM (a key that needs a restart, or adding or removing
 *   an aggregate), -EINVAL (a bad value, with the config module's
 *   message), -ENOMEM.
 */
int pp_pipeline_police_set(struct pp_pipeline *pl, const char *section,
			   const char *key, const char *value,
			   struct pp_cfg_err *err);

/**
 * Copy the running policing config (with every change applied so far).
 * Any non-lcore thread. @return 0, or -ENOENT when policing is off.
 */
int pp_pipeline_police_cfg(struct pp_pipeline *pl, struct pp_cfg_police *out);

/** Free everything (ports are closed if still open). NULL is a no-op. */
void pp_pipeline_free(struct pp_pipeline *pl);

#endif /* PP_PIPELINE_H */
