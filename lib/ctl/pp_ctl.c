/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "pp_common.h"
#include "pp_ctl.h"

struct pp_ctl_snap *pp_ctl_current;

int
pp_ctl_init(void)
{
	struct pp_ctl_snap *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return -ENOMEM;
	s->state = PP_RUN_RUNNING;
	/* No reader exists yet; the release store is what readers'
	 * rcu_dereference() pairs with. */
	rcu_assign_pointer(pp_ctl_current, s);
	return 0;
}

int
pp_ctl_set_state(enum pp_run_state state)
{
	struct pp_ctl_snap *old = pp_ctl_current;
	struct pp_ctl_snap *s = malloc(sizeof(*s));

	if (s == NULL)
		return -ENOMEM;
	*s = *old;
	s->version++;
	s->state = state;
	/* Publish (release; pairs with rcu_dereference in pp_ctl_snap), then
	 * wait until every online reader has reported a quiescent state:
	 * after that no lcore can still be acting on `old`. */
	rcu_assign_pointer(pp_ctl_current, s);
	urcu_qsbr_synchronize_rcu();
	free(old);
	PP_LOG(DEBUG, "control snapshot v%" PRIu64 ": %s", s->version,
	       pp_ctl_state_name(state));
	return 0;
}

enum pp_run_state
pp_ctl_state(void)
{
	return pp_ctl_current->state;
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
