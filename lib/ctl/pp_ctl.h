/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_CTL_H
#define PP_CTL_H

/**
 * @file
 * Control state shared with the lcores through RCU (liburcu, QSBR flavour).
 *
 * The state is an immutable snapshot reached through one pointer. The
 * control thread (the only writer) copies the current snapshot, changes the
 * copy, publishes it with rcu_assign_pointer(), waits for a grace period and
 * frees the old one. Lcores (readers) register once, read the pointer once
 * per loop pass with pp_ctl_snap(), report a quiescent state at the end of
 * each pass, and go offline before any sleep. A reader must not keep a
 * snapshot pointer across a quiescent state.
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

/** One immutable control snapshot. */
struct pp_ctl_snap {
	uint64_t version;	/**< bumped by every publish */
	enum pp_run_state state;
	/** Policing parameters (lib/police), NULL when policing is off.
	 *  Owned by whoever publishes them: see pp_ctl_update(). */
	const struct pp_police_params *police;
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
 * Publish the first snapshot (state running, with police).
 * @return 0 or -ENOMEM.
 */
int pp_ctl_init(const struct pp_police_params *police);

/**
 * Edit callback of pp_ctl_update(): change `next`, a copy of the current
 * snapshot, and return 0 to publish it, or a negative errno to publish
 * nothing. It runs under the writer mutex, so what it reads of the
 * current snapshot (the copy) cannot change meanwhile: to replace an
 * object the snapshot points to, remember the old pointer in arg and free
 * it after pp_ctl_update() returned 0 -- a grace period has passed then.
 */
typedef int (*pp_ctl_edit_t)(struct pp_ctl_snap *next, void *arg);

/**
 * Copy the current snapshot, let edit() change the copy, publish it, wait
 * for a grace period (every registered online lcore has passed a
 * quiescent state, so none still acts on the old snapshot), then free the
 * old snapshot (not what it points to).
 *
 * @return 0, -ENOMEM (nothing changed), or edit()'s error (nothing
 *   published).
 */
int pp_ctl_update(pp_ctl_edit_t edit, void *arg);

/**
 * Publish a snapshot with the run state changed (pp_ctl_update()).
 * @return 0, or -ENOMEM (nothing changed).
 */
int pp_ctl_set_state(enum pp_run_state state);

/** The state as last published (any control-plane thread). */
enum pp_run_state pp_ctl_state(void);

/** Name of a run state ("running", ...). */
const char *pp_ctl_state_name(enum pp_run_state state);

/** Free the snapshot; no reader may be registered any more. */
void pp_ctl_fini(void);

#endif /* PP_CTL_H */
