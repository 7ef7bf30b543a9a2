/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>

#include "pp_common.h"
#include "pp_ctl.h"

struct pp_ctl_snap *pp_ctl_current;

/* Serialises writers: the main thread (run state) and the telemetry
 * thread (control commands) may both publish. Readers never take it. */
static pthread_mutex_t pp_ctl_wlock = PTHREAD_MUTEX_INITIALIZER;

int
pp_ctl_init(const struct pp_police_params *police)
{
	struct pp_ctl_snap *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return -ENOMEM;
	s->state = PP_RUN_RUNNING;
	s->police = police;
	/* No reader exists yet; the release store is what readers'
	 * rcu_dereference() pairs with. */
	rcu_assign_pointer(pp_ctl_current, s);
	return 0;
}

int
pp_ctl_update(pp_ctl_edit_t edit, void *arg)
{
	struct pp_ctl_snap *old, *s;
	int rc;

	pthread_mutex_lock(&pp_ctl_wlock);
	old = pp_ctl_current;
	s = malloc(sizeof(*s));
	if (s == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	*s = *old;
	s->version++;
	rc = edit(s, arg);
	if (rc != 0) {
		free(s);
		goto out;
	}
	/* Publish (release; pairs with rcu_dereference in pp_ctl_snap), then
	 * wait until every online reader has reported a quiescent state:
	 * after that no lcore can still be acting on `old`. */
	rcu_assign_pointer(pp_ctl_current, s);
	urcu_qsbr_synchronize_rcu();
	free(old);
	PP_LOG(DEBUG, "control snapshot v%" PRIu64 " published", s->version);
out:
	pthread_mutex_unlock(&pp_ctl_wlock);
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
	int rc = pp_ctl_update(pp_ctl_edit_state, &state);

	if (rc == 0)
		PP_LOG(DEBUG, "run state: %s", pp_ctl_state_name(state));
	return rc;
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
	free(pp_ctl_current);
	pp_ctl_current = NULL;
}
