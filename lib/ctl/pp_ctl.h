/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_CTL_H
#define PP_CTL_H

/**
 * @file
 * Control state shared with the lcores through RCU (liburcu, QSBR flavour).
 *
 * The state is an immutable snapshot reached through one pointer. A writer
 * copies the current snapshot, changes the copy, publishes it with
 * rcu_assign_pointer(), waits for a grace period and frees the old one.
 * Lcores (readers) register once, read the pointer once per loop pass
 * with pp_ctl_snap(), report a quiescent state at the end of each pass,
 * and go offline before any sleep. A reader must not keep a snapshot
 * pointer across a quiescent state.
 *
 * Objects a snapshot points to (config, police parameters, cancel set) are
 * malloc'd blocks owned by the snapshots: an update that replaces one
 * leaves the old block to ctl, which frees it with the old snapshot after
 * the grace period. Nothing else frees them.
 *
 * Grace periods are waited for by a thread of ctl's own (the "grace
 * thread"), and a writer waits for it at most `timeout` (the watchdog
 * period): an lcore that stops reporting quiescent states then makes the
 * update return -ETIMEDOUT (published, but not yet known to every lcore)
 * instead of blocking the control plane for ever; the old snapshot is
 * freed whenever that grace period ends.
 *
 * The RCU library is used only through the pp_rcu_* calls below, so it can
 * be swapped (rte_rcu_qsbr has the same shape).
 *
 * Writers are serialised by a mutex inside pp_ctl_update(), so any
 * control-plane thread may publish (the main thread, DPDK's telemetry
 * thread): one writer at a time, and readers never wait for it.
 *
 * Thread-safety: pp_rcu_* and pp_ctl_snap() are for registered lcores;
 * pp_ctl_update() and pp_ctl_set_state() for any thread that is not a
 * registered reader (a reader waiting for a grace period would wait for
 * itself); pp_ctl_init() and pp_ctl_fini() for the main thread, before
 * any reader starts and after all have stopped.
 */

#include <stdint.h>

#include "pp_pkt.h"

#ifndef _LGPL_SOURCE
#define _LGPL_SOURCE	/* inline fast paths: each is under 10 lines */
#endif
#include <urcu/urcu-qsbr.h>

/** The root context: running -> draining -> stopped. */
enum pp_run_state {
	PP_RUN_RUNNING = 0,	/**< RX polls, everything flows */
	PP_RUN_DRAINING = 1,	/**< RX stops; rings drain; then lcores exit */
	PP_RUN_STOPPED = 2,	/**< exit now, whatever is in flight */
};

struct pp_police_params;

/** Most flows cancelled at once. */
#define PP_CANCEL_MAX_FLOWS	1024

/** One cancelled flow: its key and pp_pkt_key_hash() of it. */
struct pp_cancel_flow {
	uint32_t hash;
	struct pp_flow_key key;
};

/**
 * What is cancelled: packets of these tenants, classes (bit i = tenant or
 * class i, as policing numbers them) and flows are dropped as `cancelled`
 * wherever an lcore meets them. Immutable once published.
 */
struct pp_cancel {
	uint32_t tenants;
	uint32_t classes;
	uint32_t n_flows;
	struct pp_cancel_flow flows[PP_CANCEL_MAX_FLOWS];	/**< by hash */
};

struct pp_cfg;

/** One immutable control snapshot. */
struct pp_ctl_snap {
	uint64_t version;	/**< bumped by every publish */
	enum pp_run_state state;
	/** The configuration in force: what the file said, with every live
	 *  change and reload since. Lcores read the keys a reload may change
	 *  from here (pp_cfg_reload_check() says which), the rest from the
	 *  start-up config. */
	const struct pp_cfg *cfg;
	/** Policing parameters (lib/police), NULL when policing is off. */
	const struct pp_police_params *police;
	/** NULL when nothing is cancelled. */
	const struct pp_cancel *cancel;
	/** A packet older than this (TSC cycles since RX) is dropped as
	 *  `deadline`; 0 = no budget (a class may still have one). */
	uint64_t deadline_tsc;
};

/** The published pointer; read it only through pp_ctl_snap(). */
extern struct pp_ctl_snap *pp_ctl_current;

/** Register the calling lcore as an RCU reader (online). */
static inline void
pp_rcu_register(void)
{
	urcu_qsbr_register_thread();
}

/** Unregister the calling lcore; it must hold no snapshot. */
static inline void
pp_rcu_unregister(void)
{
	urcu_qsbr_unregister_thread();
}

/** Report a quiescent state: the caller holds no snapshot pointer. */
static inline void
pp_rcu_quiescent(void)
{
	urcu_qsbr_quiescent_state();
}

/** Go offline before sleeping or blocking; grace periods skip us. */
static inline void
pp_rcu_offline(void)
{
	urcu_qsbr_thread_offline();
}

/** Come back online after pp_rcu_offline(). */
static inline void
pp_rcu_online(void)
{
	urcu_qsbr_thread_online();
}

/** The current snapshot; valid until the caller's next quiescent state. */
static inline const struct pp_ctl_snap *
pp_ctl_snap(void)
{
	return rcu_dereference(pp_ctl_current);
}

/**
 * Publish the first snapshot, state running, and start the grace thread.
 * @param first  its other fields (cfg, police, cancel: malloc'd blocks
 *   the snapshots own from then on, even on error).
 * @return 0, -ENOMEM, or -errno from pthread_create().
 */
int pp_ctl_init(const struct pp_ctl_snap *first);

/**
 * Run fn with the current snapshot, under the writer mutex: for
 * control-plane threads (not registered readers) that want to read it --
 * no writer can retire it meanwhile. fn must not publish.
 */
void pp_ctl_read(void (*fn)(const struct pp_ctl_snap *s, void *arg),
		 void *arg);

/**
 * Edit callback of pp_ctl_update(): change `next`, a copy of the current
 * snapshot, and return 0 to publish it, or a negative errno to publish
 * nothing. It runs under the writer mutex, so the copy is the latest
 * state. To replace an object the snapshot points to, point `next` at a
 * new malloc'd block: ctl frees the old one after the grace period (and
 * frees the new one instead if edit fails after setting it).
 */
typedef int (*pp_ctl_edit_t)(struct pp_ctl_snap *next, void *arg);

/**
 * Copy the current snapshot, let edit() change the copy, publish it, and
 * wait until every registered online lcore has passed a quiescent state
 * (so none acts on the old snapshot any more), at most `timeout_s`.
 *
 * @param timeout_s  how long to wait for the grace period; <= 0: for ever.
 * @return 0; -ETIMEDOUT (published, but some lcore has not reported a
 *   quiescent state within timeout_s: the change may not be in force on
 *   it yet); -ENOMEM (nothing changed); or edit()'s error (nothing
 *   published).
 */
int pp_ctl_update(pp_ctl_edit_t edit, void *arg, double timeout_s);

/** The default for pp_ctl_update()'s timeout (seconds): the watchdog
 *  period. Any thread (atomic). */
double pp_ctl_timeout(void);

/** Set it (at start, and when a reload changes the watchdog period). */
void pp_ctl_set_timeout(double seconds);

/**
 * Publish a snapshot with the run state changed (pp_ctl_update() with
 * pp_ctl_timeout()).
 * @return 0, -ETIMEDOUT (published; see pp_ctl_update()) or -ENOMEM
 *   (nothing changed).
 */
int pp_ctl_set_state(enum pp_run_state state);

/** The version of the snapshot in force (any control-plane thread):
 *  it changes with every publish. */
uint64_t pp_ctl_version(void);

/** The state as last published (any control-plane thread). */
enum pp_run_state pp_ctl_state(void);

/** Name of a run state ("running", ...). */
const char *pp_ctl_state_name(enum pp_run_state state);

/** Stop the grace thread (after its pending grace periods) and free the
 *  snapshot with what it owns; no reader may be registered any more. */
void pp_ctl_fini(void);

#endif /* PP_CTL_H */
