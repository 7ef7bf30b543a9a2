/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Control actions: one function per operation, shared by every way in
 * (telemetry commands, scripts/pktpipe-ctl through them, SIGHUP, the
 * main loop). Each builds the next control snapshot inside
 * pp_ctl_update()'s edit callback, under the writer mutex, so two actions
 * never interleave, and returns after the grace period: from then on no
 * lcore acts on the old state.
 *
 * A configuration change -- one key (pp_pipeline_set()) or a whole file
 * (pp_pipeline_reload()) -- goes through the config module exactly as at
 * start: pp_cfg_set() or pp_cfg_load(), then pp_cfg_finalize(), then
 * pp_cfg_reload_check() against the configuration in force, which names
 * every key that needs a restart. There is no second copy of any
 * validation here.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>

#include "pp_common.h"
#include "pp_ctl.h"
#include "pp_pipeline.h"
#include "pp_pipeline_pvt.h"

#define PP_ERRF(err, ...) snprintf((err)->msg, sizeof((err)->msg), __VA_ARGS__)

/* ---- configuration changes ---- */

struct pp_apply {
	struct pp_pipeline *pl;
	/* one key ... */
	const char *origin, *section, *key, *value;
	/* ... or a whole file */
	const char *path;
	struct pp_cfg_err *err;
	struct pp_cls *old_cls;		/* out: to free after the grace */
};

static int
pp_apply_edit(struct pp_ctl_snap *snap, void *arg)
{
	struct pp_apply *a = arg;
	struct pp_pipeline *pl = a->pl;
	const struct pp_cfg *cur = snap->cfg;
	struct pp_cfg *next = malloc(sizeof(*next));
	int rc;

	if (next == NULL) {
		PP_ERRF(a->err, "out of memory");
		return -ENOMEM;
	}
	snap->cfg = next;	/* ctl frees it if this fails */
	if (a->path != NULL) {
		/* the file as it is now, with the command line's overrides
		 * applied again, as at start */
		pp_cfg_defaults(next);
		rc = pp_cfg_load(next, a->path, a->err);
		if (rc == 0)
			rc = pp_cfg_reapply_overrides(next, cur, a->err);
	} else {
		*next = *cur;
		rc = pp_cfg_set(next, a->origin, a->section, a->key, a->value,
				a->err);
	}
	if (rc == 0)
		rc = pp_cfg_finalize(next, a->err);
	if (rc == 0)
		rc = pp_cfg_reload_check(cur, next, a->err);
	if (rc != 0)
		return rc;
	if (pl->police != NULL) {
		rc = pp_police_apply(pl, &cur->police, &next->police, snap,
				     &a->old_cls, a->err);
		if (rc != 0)
			return rc;
	}
	snap->deadline_tsc = (uint64_t)(next->deadline *
					 (double)rte_get_tsc_hz());
	pp_ctl_set_timeout(next->watchdog);
	return 0;
}

/* Guards pp_police_rt.retired_cls: actions from several threads may
 * time out at once. */
static pthread_mutex_t pp_retired_lock = PTHREAD_MUTEX_INITIALIZER;

/* Publish a: the classifier it replaced goes once the grace period is
 * over (or at teardown, if it did not end in time). */
static int
pp_apply_run(struct pp_apply *a)
{
	struct pp_police_rt *rt = a->pl->police;
	int rc = pp_ctl_update(pp_apply_edit, a, pp_ctl_timeout());

	if (a->old_cls != NULL) {
		if (rc == 0) {
			pp_cls_free(a->old_cls);
		} else {
			/* an lcore may still use it: keep it to teardown */
			pthread_mutex_lock(&pp_retired_lock);
			if (rt->n_retired_cls < RTE_DIM(rt->retired_cls))
				rt->retired_cls[rt->n_retired_cls++] =
					a->old_cls;
			else
				PP_LOG(WARNING, "a replaced classifier is "
				       "leaked: too many reloads during "
				       "stalls");
			pthread_mutex_unlock(&pp_retired_lock);
		}
	}
	if (rc == -ETIMEDOUT)
		PP_ERRF(a->err, "applied, but an lcore has not passed a "
			"quiescent state in %.1f s (see the watchdog): it may "
			"still work with the old configuration",
			pp_ctl_timeout());
	return rc;
}

int
pp_pipeline_set(struct pp_pipeline *pl, const char *origin,
		const char *section, const char *key, const char *value,
		struct pp_cfg_err *err)
{
	struct pp_apply a = {
		.pl = pl, .origin = origin, .section = section, .key = key,
		.value = value, .err = err,
	};
	int rc = pp_apply_run(&a);

	if (rc == 0)
		PP_LOG(INFO, "%s: [%s] %s = %s: applied", origin, section,
		       key, value);
	return rc;
}

int
pp_pipeline_reload(struct pp_pipeline *pl, const char *path,
		   struct pp_cfg_err *err)
{
	struct pp_apply a = { .pl = pl, .path = path, .err = err };
	int rc = pp_apply_run(&a);

	if (rc == 0)
		PP_LOG(INFO, "reloaded %s", path);
	return rc;
}

static void
pp_copy_cfg(const struct pp_ctl_snap *s, void *arg)
{
	*(struct pp_cfg *)arg = *s->cfg;
}

int
pp_pipeline_live_cfg(struct pp_pipeline *pl, struct pp_cfg *out)
{
	RTE_SET_USED(pl);
	pp_ctl_read(pp_copy_cfg, out);
	return 0;
}

/* ---- cancellation ---- */

/* "PROTO,SRC,SPORT,DST,DPORT" (commas or spaces) -> the flow key the
 * parser builds for such a packet. */
static int
pp_flow_key_parse(const char *spec, struct pp_flow_key *k,
		  struct pp_cfg_err *err)
{
	char buf[160], *tok[6], *save = NULL, *p;
	unsigned long port[2];
	unsigned int n = 0, i;
	int fam;

	if (strlen(spec) >= sizeof(buf))
		goto bad;
	strcpy(buf, spec);
	for (p = strtok_r(buf, ", ", &save); p != NULL && n < 6;
	     p = strtok_r(NULL, ", ", &save))
		tok[n++] = p;
	if (n != 5)
		goto bad;
	memset(k, 0, sizeof(*k));
	if (strcasecmp(tok[0], "udp") == 0)
		k->proto = 17;
	else if (strcasecmp(tok[0], "tcp") == 0)
		k->proto = 6;
	else if (strcasecmp(tok[0], "sctp") == 0)
		k->proto = 132;
	else
		goto bad;
	fam = strchr(tok[1], ':') != NULL ? AF_INET6 : AF_INET;
	if (inet_pton(fam, tok[1], k->src) != 1 ||
	    inet_pton(fam, tok[3], k->dst) != 1)
		goto bad;
	for (i = 0; i < 2; i++) {
		const char *s = tok[2 + 2 * i];

		port[i] = strtoul(s, &p, 10);
		if (*s == '\0' || *p != '\0' || port[i] > 65535)
			goto bad;
	}
	k->sport = (uint16_t)port[0];
	k->dport = (uint16_t)port[1];
	k->ip_version = fam == AF_INET6 ? 6 : 4;
	k->ethertype = fam == AF_INET6 ? 0x86dd : 0x0800;
	return 0;
bad:
	PP_ERRF(err, "flow '%s': expected PROTO,SRC,SPORT,DST,DPORT "
		"(udp|tcp|sctp, IPv4 or IPv6)", spec);
	return -EINVAL;
}

static int
pp_cancel_flow_cmp(const void *a, const void *b)
{
	const struct pp_cancel_flow *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return memcmp(&x->key, &y->key, sizeof(x->key));
}

struct pp_cancel_edit {
	struct pp_pipeline *pl;
	const char *kind, *target;
	bool on;
	struct pp_cfg_err *err;
	int row;		/* tenant/class counter row, -1 for a flow */
	uint64_t tx;		/* un-cancel: the row's tx just before */
};

/* Packets of a class or tenant counter row transmitted so far. */
static uint64_t
pp_row_tx(const struct pp_pipeline *pl, int row)
{
	uint64_t tx = 0;
	unsigned int i;

	for (i = 0; i < pl->n_ctx; i++)
		tx += pp_stats_read(&pl->ctx[i]->stats.pol[row].tx);
	return tx;
}

static int
pp_cancel_edit(struct pp_ctl_snap *snap, void *arg)
{
	struct pp_cancel_edit *ce = arg;
	const struct pp_cfg_police *pc = &snap->cfg->police;
	struct pp_cancel *cs = malloc(sizeof(*cs));
	struct pp_cancel_flow f;
	uint32_t *bits = NULL;
	unsigned int i;
	int idx;

	if (cs == NULL) {
		PP_ERRF(ce->err, "out of memory");
		return -ENOMEM;
	}
	if (snap->cancel != NULL)
		memcpy(cs, snap->cancel, sizeof(*cs));
	else
		memset(cs, 0, offsetof(struct pp_cancel, flows));
	snap->cancel = cs;	/* ctl frees it if this fails */

	if (strcmp(ce->kind, "flow") == 0) {
		if (pp_flow_key_parse(ce->target, &f.key, ce->err) != 0)
			return -EINVAL;
		f.hash = pp_pkt_key_hash(&f.key);
		for (i = 0; i < cs->n_flows; i++)
			if (pp_cancel_flow_cmp(&cs->flows[i], &f) == 0)
				break;
		if (ce->on && i < cs->n_flows) {
			PP_ERRF(ce->err, "flow %s is already cancelled",
				ce->target);
			return -EEXIST;
		}
		if (!ce->on && i == cs->n_flows) {
			PP_ERRF(ce->err, "flow %s is not cancelled",
				ce->target);
			return -ENOENT;
		}
		if (ce->on) {
			if (cs->n_flows == PP_CANCEL_MAX_FLOWS) {
				PP_ERRF(ce->err, "%u flows are cancelled "
					"already: the most there can be",
					PP_CANCEL_MAX_FLOWS);
				return -ENOSPC;
			}
			cs->flows[cs->n_flows++] = f;
		} else {
			cs->flows[i] = cs->flows[--cs->n_flows];
		}
		qsort(cs->flows, cs->n_flows, sizeof(cs->flows[0]),
		      pp_cancel_flow_cmp);
	} else if (strcmp(ce->kind, "tenant") == 0 ||
		   strcmp(ce->kind, "class") == 0) {
		bool tenant = ce->kind[0] == 't';

		if (!snap->cfg->police.enabled) {
			PP_ERRF(ce->err, "no %s '%s': policing is off (tenants "
				"and classes come from [tenant.*], [class.*] "
				"and [rule.*])", ce->kind, ce->target);
			return -ENOENT;
		}
		idx = tenant ? pp_cfg_tenant_find(pc, ce->target) :
			pp_cfg_class_find(pc, ce->target);
		if (idx < 0) {
			PP_ERRF(ce->err, "no %s named '%s'", ce->kind,
				ce->target);
			return -ENOENT;
		}
		bits = tenant ? &cs->tenants : &cs->classes;
		if (ce->on == !!(*bits & (1u << idx))) {
			PP_ERRF(ce->err, "%s %s is %s cancelled", ce->kind,
				ce->target, ce->on ? "already" : "not");
			return ce->on ? -EEXIST : -ENOENT;
		}
		*bits ^= 1u << idx;
		ce->row = tenant ? PP_STATS_POL_CLASSES + idx : idx;
		/* un-cancel: what went out while it was cancelled (nothing,
		 * by the contract), read before it may flow again */
		if (!ce->on)
			ce->tx = pp_row_tx(ce->pl, ce->row);
	} else {
		PP_ERRF(ce->err, "cannot cancel a '%s' (expected flow, tenant "
			"or class)", ce->kind);
		return -EINVAL;
	}
	if (cs->n_flows == 0 && cs->tenants == 0 && cs->classes == 0) {
		snap->cancel = NULL;	/* nothing left: no checks at all */
		free(cs);
	}
	return 0;
}

int
pp_pipeline_cancel(struct pp_pipeline *pl, const char *kind,
		   const char *target, bool on, uint64_t *effective_tsc,
		   int64_t *target_tx, struct pp_cfg_err *err)
{
	struct pp_cancel_edit ce = {
		.pl = pl, .kind = kind, .target = target, .on = on,
		.err = err, .row = -1,
	};
	int rc;

	rc = pp_ctl_update(pp_cancel_edit, &ce, pp_ctl_timeout());
	if (rc == -ETIMEDOUT)
		PP_ERRF(err, "%s %s %s, but an lcore has not passed a quiescent "
			"state in %.1f s: the contract does not hold yet on it",
			on ? "cancelled" : "un-cancelled", kind, target,
			pp_ctl_timeout());
	if (rc == 0) {
		*effective_tsc = rte_rdtsc();
		*target_tx = ce.row < 0 ? -1 : on ?
			(int64_t)pp_row_tx(pl, ce.row) : (int64_t)ce.tx;
		PP_LOG(INFO, "%s %s %s", on ? "cancelled" : "un-cancelled",
		       kind, target);
	}
	return rc;
}

/* ---- fault injection ---- */

int
pp_pipeline_inject(struct pp_pipeline *pl, const char *what,
		   unsigned int lcore_id, unsigned int ms,
		   struct pp_cfg_err *err)
{
	struct pp_lcore_ctx *c = NULL;
	unsigned int i;

	for (i = 0; i < pl->n_ctx; i++)
		if (pl->ctx[i]->lcore_id == lcore_id)
			c = pl->ctx[i];
	if (c == NULL) {
		PP_ERRF(err, "lcore %u has no role in this pipeline",
			lcore_id);
		return -ENOENT;
	}
	if (strcmp(what, "fault") == 0) {
		if (c->worker < 0) {
			PP_ERRF(err, "lcore %u is not a worker: a stage error "
				"is raised by a worker", lcore_id);
			return -EINVAL;
		}
		__atomic_store_n(&c->inject_fault, 1, __ATOMIC_RELAXED);
	} else if (strcmp(what, "stall") == 0) {
		if (ms == 0 || ms > 60000) {
			PP_ERRF(err, "stall: %u ms is out of range (1..60000)",
				ms);
			return -EINVAL;
		}
		__atomic_store_n(&c->inject_stall_ms, ms, __ATOMIC_RELAXED);
	} else {
		PP_ERRF(err, "cannot inject '%s' (expected fault or stall)",
			what);
		return -EINVAL;
	}
	PP_LOG(WARNING, "injected %s on lcore %u", what, lcore_id);
	return 0;
}

/* ---- ports ---- */

int
pp_pipeline_port_rx(struct pp_pipeline *pl, const char *name, bool pause,
		    struct pp_cfg_err *err)
{
	const struct pp_cfg *cfg = pl->cfg;
	int i = pp_cfg_port_find(cfg, name);

	if (i < 0) {
		PP_ERRF(err, "no port named '%s'", name);
		return -ENOENT;
	}
	if (cfg->ports[i].fwd_name[0] == '\0') {
		PP_ERRF(err, "port %s is output only: nothing polls it", name);
		return -EINVAL;
	}
	/* Takes effect at the RX lcore's next poll of it; a burst in hand
	 * is finished, none is lost. */
	__atomic_store_n(&pl->rx_paused[i], pause, __ATOMIC_RELAXED);
	PP_LOG(INFO, "port %s: RX %s", name, pause ? "paused" : "resumed");
	return 0;
}

/* ---- drain ---- */

void
pp_pipeline_request_stop(struct pp_pipeline *pl)
{
	__atomic_store_n(&pl->stop_requested, true, __ATOMIC_RELEASE);
}

bool
pp_pipeline_stop_requested(const struct pp_pipeline *pl)
{
	return __atomic_load_n(&pl->stop_requested, __ATOMIC_ACQUIRE);
}
