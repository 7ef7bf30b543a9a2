/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "pp_common.h"
#include "pp_ctl.h"

struct pp_ctl_snap *pp_ctl_current;
/* Read by any control-plane thread, set under the writer mutex. */
static double pp_ctl_grace_timeout = 1.0;

double
pp_ctl_timeout(void)
{
	double t;

	__atomic_load(&pp_ctl_grace_timeout, &t, __ATOMIC_RELAXED);
	return t;
}

void
pp_ctl_set_timeout(double seconds)
{
	__atomic_store(&pp_ctl_grace_timeout, &seconds, __ATOMIC_RELAXED);
}

/* Serialises writers: the main thread (run state, reload, signals) and the
 * telemetry thread (control commands) may both publish. Readers never
 * take it. */
static pthread_mutex_t pp_ctl_wlock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The grace thread: takes retired snapshots off a list, waits for a grace
 * period, frees them, and counts how many it has freed, so a writer can
 * wait (with a timeout) for its own. It is not an RCU reader. Guarded by
 * gp_lock; gp_cond signals both ways.
 */
struct pp_retired {
	struct pp_retired *next;
	struct pp_ctl_snap *old;	/* and what only it points to */
	const void *cfg;
	const void *police;
	const void *cancel;
	uint64_t ticket;
};

static pthread_mutex_t gp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gp_cond = PTHREAD_COND_INITIALIZER;
static struct pp_retired *gp_head, **gp_tail = &gp_head;
static uint64_t gp_issued, gp_done;
static bool gp_stop, gp_running;
static pthread_t gp_thread;

static void
pp_retired_free(struct pp_retired *r)
{
	free((void *)(uintptr_t)r->cfg);
	free((void *)(uintptr_t)r->police);
	free((void *)(uintptr_t)r->cancel);
	free(r->old);
	free(r);
}

static void *
pp_grace_main(void *arg)
{
	struct pp_retired *batch, *r;
	uint64_t last;

	RTE_SET_USED(arg);
	pthread_mutex_lock(&gp_lock);
	for (;;) {
		while (gp_head == NULL && !gp_stop)
			pthread_cond_wait(&gp_cond, &gp_lock);
		if (gp_head == NULL)
			break;
		batch = gp_head;
		gp_head = NULL;
		gp_tail = &gp_head;
		pthread_mutex_unlock(&gp_lock);
		/* One grace period covers every snapshot retired so far:
		 * each was unpublished before it was queued. */
		urcu_qsbr_synchronize_rcu();
		last = 0;
		while (batch != NULL) {
			r = batch;
			batch = r->next;
			last = r->ticket;
			pp_retired_free(r);
		}
		pthread_mutex_lock(&gp_lock);
		gp_done = last;
		pthread_cond_broadcast(&gp_cond);
	}
	pthread_mutex_unlock(&gp_lock);
	return NULL;
}

/* Free what s points to that keep does not (keep may be NULL). */
static void
pp_ctl_free_owned(const struct pp_ctl_snap *s, const struct pp_ctl_snap *keep)
{
	if (keep == NULL || s->cfg != keep->cfg)
		free((void *)(uintptr_t)s->cfg);
	if (keep == NULL || s->police != keep->police)
		free((void *)(uintptr_t)s->police);
	if (keep == NULL || s->cancel != keep->cancel)
		free((void *)(uintptr_t)s->cancel);
}

int
pp_ctl_init(const struct pp_ctl_snap *first)
{
	struct pp_ctl_snap *s = malloc(sizeof(*s));
	int rc;

	if (s == NULL) {
		pp_ctl_free_owned(first, NULL);
		return -ENOMEM;
	}
	*s = *first;
	s->version = 0;
	s->state = PP_RUN_RUNNING;
	gp_stop = false;
	rc = pthread_create(&gp_thread, NULL, pp_grace_main, NULL);
	if (rc != 0) {
		pp_ctl_free_owned(s, NULL);
		free(s);
		return -rc;
	}
	gp_running = true;
	/* No reader exists yet; the release store is what readers'
	 * rcu_dereference() pairs with. */
	rcu_assign_pointer(pp_ctl_current, s);
	return 0;
}

void
pp_ctl_read(void (*fn)(const struct pp_ctl_snap *s, void *arg), void *arg)
{
	pthread_mutex_lock(&pp_ctl_wlock);
	fn(pp_ctl_current, arg);
	pthread_mutex_unlock(&pp_ctl_wlock);
}

/* Wait until the grace thread has freed ticket t, at most timeout_s. */
static int
pp_grace_wait(uint64_t t, double timeout_s)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	if (timeout_s > 0) {
		until.tv_sec += (time_t)timeout_s;
		until.tv_nsec += (long)((timeout_s - (double)(time_t)timeout_s) *
					1e9);
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&gp_lock);
	while (gp_done < t && rc == 0)
		rc = timeout_s > 0 ?
			pthread_cond_timedwait(&gp_cond, &gp_lock, &until) :
			pthread_cond_wait(&gp_cond, &gp_lock);
	rc = gp_done >= t ? 0 : -ETIMEDOUT;
	pthread_mutex_unlock(&gp_lock);
	return rc;
}

int
pp_ctl_update(pp_ctl_edit_t edit, void *arg, double timeout_s)
{
	struct pp_ctl_snap *old, *s;
	struct pp_retired *r;
	uint64_t t, version;
	int rc;

	pthread_mutex_lock(&pp_ctl_wlock);
	old = pp_ctl_current;
	s = malloc(sizeof(*s));
	r = calloc(1, sizeof(*r));
	if (s == NULL || r == NULL) {
		free(s);
		free(r);
		pthread_mutex_unlock(&pp_ctl_wlock);
		return -ENOMEM;
	}
	*s = *old;
	s->version++;
	rc = edit(s, arg);
	if (rc != 0) {
		/* what edit() allocated for the snapshot that never was */
		pp_ctl_free_owned(s, old);
		free(s);
		free(r);
		pthread_mutex_unlock(&pp_ctl_wlock);
		return rc;
	}
	r->old = old;
	r->cfg = old->cfg != s->cfg ? old->cfg : NULL;
	r->police = old->police != s->police ? old->police : NULL;
	r->cancel = old->cancel != s->cancel ? old->cancel : NULL;
	/* Publish (release; pairs with rcu_dereference in pp_ctl_snap);
	 * then the old snapshot goes to the grace thread. */
	rcu_assign_pointer(pp_ctl_current, s);
	pthread_mutex_lock(&gp_lock);
	t = r->ticket = ++gp_issued;
	*gp_tail = r;
	gp_tail = &r->next;
	pthread_cond_broadcast(&gp_cond);
	pthread_mutex_unlock(&gp_lock);
	/* s may be retired and freed by others once we let go */
	version = s->version;
	pthread_mutex_unlock(&pp_ctl_wlock);

	rc = pp_grace_wait(t, timeout_s);
	if (rc != 0)
		PP_LOG(WARNING, "control snapshot v%" PRIu64 " published, but "
		       "an lcore has not passed a quiescent state in %.1f s",
		       version, timeout_s);
	return rc;
}

static int
pp_ctl_edit_state(struct pp_ctl_snap *next, void *arg)
{
	next->state = *(const enum pp_run_state *)arg;
	return 0;
}

int
pp_ctl_set_state(enum pp_run_state state)
{
	int rc = pp_ctl_update(pp_ctl_edit_state, &state, pp_ctl_timeout());

	if (rc == 0 || rc == -ETIMEDOUT)
		PP_LOG(DEBUG, "run state: %s", pp_ctl_state_name(state));
	return rc;
}

uint64_t
pp_ctl_version(void)
{
	uint64_t v;

	pthread_mutex_lock(&pp_ctl_wlock);
	v = pp_ctl_current->version;
	pthread_mutex_unlock(&pp_ctl_wlock);
	return v;
}

enum pp_run_state
pp_ctl_state(void)
{
	enum pp_run_state st;

	pthread_mutex_lock(&pp_ctl_wlock);
	st = pp_ctl_current->state;
	pthread_mutex_unlock(&pp_ctl_wlock);
	return st;
}

const char *
pp_ctl_state_name(enum pp_run_state state)
{
	switch (state) {
	case PP_RUN_RUNNING:
		return "running";
	case PP_RUN_DRAINING:
		return "draining";
	case PP_RUN_STOPPED:
		return "stopped";
	}
	return "?";
}

void
pp_ctl_fini(void)
{
	struct pp_ctl_snap *s = pp_ctl_current;

	if (gp_running) {
		pthread_mutex_lock(&gp_lock);
		gp_stop = true;
		pthread_cond_broadcast(&gp_cond);
		pthread_mutex_unlock(&gp_lock);
		pthread_join(gp_thread, NULL);
		gp_running = false;
	}
	if (s == NULL)
		return;
	pp_ctl_free_owned(s, NULL);
	free(s);
	pp_ctl_current = NULL;
}
