/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * /pktpipe/... commands on DPDK's telemetry socket (read them with
 * dpdk-telemetry.py, or scripts/pktpipe-ctl); the list with its help is in
 * pp_telemetry_attach(). Readers: stats, lcores, ports, config, police,
 * cancelled. Actions, one function each in pp_actions.c: set, reload,
 * cancel, uncancel, port, drain, inject. Every bad parameter or unknown target gets
 * {"error": "..."}; success {"applied": "PARAMS"}.
 *
 * The callbacks run on DPDK's telemetry thread. They reach the pipeline
 * through one pointer, set while it exists and guarded by a mutex, so a
 * command that arrives while the pipeline is being freed gets an error
 * reply instead of a freed pointer. Mutations go through the same action
 * functions as SIGHUP and the main loop.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "pp_common.h"
#include "pp_ctl.h"
#include "pp_pipeline.h"
#include "pp_pipeline_pvt.h"

static pthread_mutex_t pp_tel_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pp_pipeline *pp_tel_pl;	/* guarded by pp_tel_lock */
static bool pp_tel_registered;		/* main thread only */

/* Reply {"error": msg}: telemetry clients see why, not a bare null. */
static int
pp_tel_error(struct rte_tel_data *d, const char *msg)
{
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "error", msg);
	return 0;
}

static void
pp_tel_row(struct rte_tel_data *row, const struct pp_police_ctr *c,
	   uint64_t rate, bool pps)
{
	rte_tel_data_start_dict(row);
	rte_tel_data_add_dict_u64(row, "offered_pkts", c->offered);
	rte_tel_data_add_dict_u64(row, "offered_bytes", c->offered_bytes);
	rte_tel_data_add_dict_u64(row, "tx_pkts", c->tx);
	rte_tel_data_add_dict_u64(row, "tx_bytes", c->tx_bytes);
	rte_tel_data_add_dict_u64(row, "drops_green", c->drops[0]);
	rte_tel_data_add_dict_u64(row, "drops_yellow", c->drops[1]);
	rte_tel_data_add_dict_u64(row, "drops_red", c->drops[2]);
	rte_tel_data_add_dict_u64(row, "remarked", c->remarked);
	rte_tel_data_add_dict_u64(row, pps ? "rate_pps" : "rate_bps", rate);
}

static int
pp_tel_police(const char *cmd, const char *params, struct rte_tel_data *d)
{
	static struct pp_stats_lcore_report lc[PP_STATS_MAX_LCORES];
	static struct pp_cfg_police pc;
	struct pp_lcore_stats tot;
	struct rte_tel_data *classes, *tenants, *row;
	unsigned int i;
	int rc = 0;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	/* The statics are large; pp_tel_lock covers them until the reply
	 * is built (DPDK runs a telemetry thread per client connection). */
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl == NULL) {
		pp_tel_error(d, "pipeline not running");
		goto out;
	}
	if (pp_pipeline_police_cfg(pp_tel_pl, &pc) != 0) {
		pp_tel_error(d, "policing is off");
		goto out;
	}
	pp_pipeline_read_stats(pp_tel_pl, lc, PP_STATS_MAX_LCORES, &tot);
	classes = rte_tel_data_alloc();
	tenants = rte_tel_data_alloc();
	if (classes == NULL || tenants == NULL) {
		rte_tel_data_free(classes);
		rte_tel_data_free(tenants);
		rc = -ENOMEM;
		goto out;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_start_dict(classes);
	rte_tel_data_start_dict(tenants);
	for (i = 0; i < pc.n_classes; i++) {
		row = rte_tel_data_alloc();
		if (row == NULL)
			continue;
		pp_tel_row(row, &tot.pol[i], pc.classes[i].agg.rate,
			   pc.classes[i].agg.packets);
		if (pc.classes[i].meter != PP_CFG_METER_NONE)
			rte_tel_data_add_dict_u64(row, "flow_cir_bps",
						  pc.classes[i].cir);
		rte_tel_data_add_dict_container(classes, pc.classes[i].name,
						row, 0);
	}
	for (i = 0; i < pc.n_tenants; i++) {
		row = rte_tel_data_alloc();
		if (row == NULL)
			continue;
		pp_tel_row(row, &tot.pol[PP_STATS_POL_CLASSES + i],
			   pc.tenants[i].agg.rate, pc.tenants[i].agg.packets);
		rte_tel_data_add_dict_container(tenants, pc.tenants[i].name,
						row, 0);
	}
	rte_tel_data_add_dict_container(d, "classes", classes, 0);
	rte_tel_data_add_dict_container(d, "tenants", tenants, 0);
	rte_tel_data_add_dict_u64(d, "policed", tot.drops[PP_DROP_POLICED]);
out:
	pthread_mutex_unlock(&pp_tel_lock);
	return rc;
}

/* Split params at the first n - 1 commas into n fields (the last keeps
 * any further commas). Returns the number of fields found. */
static unsigned int
pp_tel_split(const char *params, char *buf, size_t size, char **f,
	     unsigned int n)
{
	unsigned int k = 0;
	char *p;

	if (params == NULL || strlen(params) >= size)
		return 0;
	strcpy(buf, params);
	p = buf;
	while (k < n && *p != '\0') {
		f[k++] = p;
		if (k == n)
			break;
		p = strchr(p, ',');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	return k;
}

/* Run an action with the pipeline pointer held; reply with its error, or
 * with {"applied": params}. */
typedef int (*pp_tel_action_t)(struct pp_pipeline *pl, char **f,
			       struct pp_cfg_err *err, struct rte_tel_data *d);

static int
pp_tel_run(const char *params, unsigned int nf, const char *usage,
	   pp_tel_action_t fn, struct rte_tel_data *d)
{
	struct pp_cfg_err err = { .msg = "" };
	char buf[512], *f[4];
	int rc;

	if (nf != 0 && pp_tel_split(params, buf, sizeof(buf), f, nf) != nf)
		return pp_tel_error(d, usage);
	rte_tel_data_start_dict(d);
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl == NULL) {
		snprintf(err.msg, sizeof(err.msg), "pipeline not running");
		rc = -ENOENT;
	} else {
		rc = fn(pp_tel_pl, f, &err, d);
	}
	pthread_mutex_unlock(&pp_tel_lock);
	if (rc != 0) {
		/* the action may have added fields: reply with the error
		 * alone */
		rte_tel_data_start_dict(d);
		rte_tel_data_add_dict_string(d, "error", err.msg);
		return 0;
	}
	rte_tel_data_add_dict_string(d, "applied",
				     params != NULL ? params : "");
	return 0;
}

static int
pp_tel_do_set(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
	      struct rte_tel_data *d)
{
	RTE_SET_USED(d);
	return pp_pipeline_set(pl, "telemetry", f[0], f[1], f[2], err);
}

static int
pp_tel_set(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	return pp_tel_run(params, 3, "usage: /pktpipe/set,SECTION,KEY,VALUE "
			  "(e.g. tenant.a,rate,20M)", pp_tel_do_set, d);
}

static int
pp_tel_do_reload(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
		 struct rte_tel_data *d)
{
	RTE_SET_USED(f);
	RTE_SET_USED(d);
	return pp_pipeline_reload(pl, pl->cfg->path, err);
}

static int
pp_tel_reload(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	if (params != NULL && *params != '\0')
		return pp_tel_error(d, "usage: /pktpipe/reload (no "
				    "parameters: re-reads the file given "
				    "with -f)");
	return pp_tel_run(NULL, 0, NULL, pp_tel_do_reload, d);
}

static int
pp_tel_do_cancel(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
		 struct rte_tel_data *d, bool on)
{
	uint64_t tsc = 0;
	int64_t tx = -1;
	int rc = pp_pipeline_cancel(pl, f[0], f[1], on, &tsc, &tx, err);

	if (rc != 0)
		return rc;
	rte_tel_data_add_dict_u64(d, "effective_tsc", tsc);
	if (tx >= 0)
		rte_tel_data_add_dict_u64(d, "tx_pkts", (uint64_t)tx);
	return 0;
}

static int
pp_tel_do_cancel_on(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
		    struct rte_tel_data *d)
{
	return pp_tel_do_cancel(pl, f, err, d, true);
}

static int
pp_tel_do_cancel_off(struct pp_pipeline *pl, char **f,
		     struct pp_cfg_err *err, struct rte_tel_data *d)
{
	return pp_tel_do_cancel(pl, f, err, d, false);
}

static int
pp_tel_cancel(const char *cmd, const char *params, struct rte_tel_data *d)
{
	bool on = strcmp(cmd, "/pktpipe/cancel") == 0;

	return pp_tel_run(params, 2, on ?
			  "usage: /pktpipe/cancel,flow|tenant|class,TARGET "
			  "(flow: PROTO,SRC,SPORT,DST,DPORT)" :
			  "usage: /pktpipe/uncancel,flow|tenant|class,TARGET",
			  on ? pp_tel_do_cancel_on : pp_tel_do_cancel_off, d);
}

static int
pp_tel_do_inject(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
		 struct rte_tel_data *d)
{
	char *end;
	unsigned long lc = strtoul(f[1], &end, 10), ms = 0;

	RTE_SET_USED(d);
	if (*f[1] == '\0' || *end != '\0') {
		snprintf(err->msg, sizeof(err->msg), "'%s' is not an lcore id",
			 f[1]);
		return -EINVAL;
	}
	if (strcmp(f[0], "stall") == 0) {
		ms = strtoul(f[2], &end, 10);
		if (*f[2] == '\0' || *end != '\0') {
			snprintf(err->msg, sizeof(err->msg),
				 "'%s' is not a number of ms", f[2]);
			return -EINVAL;
		}
	}
	return pp_pipeline_inject(pl, f[0], (unsigned int)lc,
				  (unsigned int)ms, err);
}

static int
pp_tel_inject(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	if (params != NULL && strncmp(params, "stall,", 6) == 0)
		return pp_tel_run(params, 3, "usage: /pktpipe/inject,"
				  "stall,LCORE,MS", pp_tel_do_inject, d);
	return pp_tel_run(params, 2, "usage: /pktpipe/inject,fault,LCORE | "
			  "stall,LCORE,MS", pp_tel_do_inject, d);
}

static int
pp_tel_do_port(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
	       struct rte_tel_data *d)
{
	RTE_SET_USED(d);
	if (strcmp(f[1], "pause") != 0 && strcmp(f[1], "resume") != 0) {
		snprintf(err->msg, sizeof(err->msg), "'%s': expected pause or "
			 "resume", f[1]);
		return -EINVAL;
	}
	return pp_pipeline_port_rx(pl, f[0], f[1][0] == 'p', err);
}

static int
pp_tel_port(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	return pp_tel_run(params, 2, "usage: /pktpipe/port,NAME,pause|resume",
			  pp_tel_do_port, d);
}

static int
pp_tel_do_drain(struct pp_pipeline *pl, char **f, struct pp_cfg_err *err,
		struct rte_tel_data *d)
{
	RTE_SET_USED(f);
	RTE_SET_USED(err);
	RTE_SET_USED(d);
	pp_pipeline_request_stop(pl);
	return 0;
}

static int
pp_tel_drain(const char *cmd, const char *params, struct rte_tel_data *d)
{
	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	return pp_tel_run(NULL, 0, NULL, pp_tel_do_drain, d);
}

static void
pp_tel_counters(struct rte_tel_data *d, const struct pp_lcore_stats *s)
{
	unsigned int i;

	/* every scalar counter (one list: PP_LCORE_COUNTERS), then drops */
	for (i = 0; i < PP_LCORE_CTR_MAX; i++)
		rte_tel_data_add_dict_u64(d, pp_lcore_ctrs[i].name,
					  pp_stats_ctr(s, i));
	for (i = 0; i < PP_DROP_MAX; i++)
		rte_tel_data_add_dict_u64(d, pp_drop_names[i], s->drops[i]);
}

static int
pp_tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	static struct pp_stats_lcore_report lc[PP_STATS_MAX_LCORES];
	struct pp_lcore_stats tot;
	unsigned int i, n;

	RTE_SET_USED(params);
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl == NULL) {
		pthread_mutex_unlock(&pp_tel_lock);
		return pp_tel_error(d, "pipeline not running");
	}
	/* the statics are ours until the reply is built: DPDK runs a
	 * telemetry thread per client connection */
	n = pp_pipeline_read_stats(pp_tel_pl, lc, PP_STATS_MAX_LCORES, &tot);
	rte_tel_data_start_dict(d);
	if (strcmp(cmd, "/pktpipe/stats") == 0) {
		pp_tel_counters(d, &tot);
		rte_tel_data_add_dict_u64(d, "drops_total",
					  pp_stats_drops_total(&tot));
		rte_tel_data_add_dict_u64(d, "stalls", tot.stalls);
		/* counters are read one after the other: approximate */
		rte_tel_data_add_dict_int(d, "in_flight",
			(int)(tot.rx - tot.tx - pp_stats_drops_total(&tot)));
		pthread_mutex_unlock(&pp_tel_lock);
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct rte_tel_data *l = rte_tel_data_alloc();
		char name[16];

		if (l == NULL)
			continue;
		rte_tel_data_start_dict(l);
		rte_tel_data_add_dict_string(l, "roles", lc[i].roles);
		rte_tel_data_add_dict_int(l, "worker", lc[i].worker);
		pp_tel_counters(l, &lc[i].st);
		rte_tel_data_add_dict_u64(l, "stolen_from", lc[i].stolen_from);
		rte_tel_data_add_dict_u64(l, "buckets_out", lc[i].buckets_out);
		snprintf(name, sizeof(name), "%u", lc[i].lcore_id);
		rte_tel_data_add_dict_container(d, name, l, 0);
	}
	pthread_mutex_unlock(&pp_tel_lock);
	return 0;
}

/* /pktpipe/ports[,NAME]: per port, rte_eth_stats and every xstat. */
struct pp_tel_ports {
	struct rte_tel_data *d;
	const char *only;	/* a port name, or NULL: all */
	bool found;
};

static void
pp_tel_port_cb(const struct pp_port_counters *pc, void *arg)
{
	struct pp_tel_ports *tp = arg;
	struct rte_tel_data *p, *x;
	unsigned int i;

	if (tp->only != NULL && strcmp(tp->only, pc->name) != 0)
		return;
	tp->found = true;
	p = rte_tel_data_alloc();
	x = rte_tel_data_alloc();
	if (p == NULL || x == NULL) {
		rte_tel_data_free(p);
		rte_tel_data_free(x);
		return;
	}
	rte_tel_data_start_dict(p);
	rte_tel_data_add_dict_u64(p, "port_id", pc->port_id);
	rte_tel_data_add_dict_u64(p, "ipackets", pc->st.ipackets);
	rte_tel_data_add_dict_u64(p, "opackets", pc->st.opackets);
	rte_tel_data_add_dict_u64(p, "ibytes", pc->st.ibytes);
	rte_tel_data_add_dict_u64(p, "obytes", pc->st.obytes);
	rte_tel_data_add_dict_u64(p, "imissed", pc->st.imissed);
	rte_tel_data_add_dict_u64(p, "ierrors", pc->st.ierrors);
	rte_tel_data_add_dict_u64(p, "oerrors", pc->st.oerrors);
	rte_tel_data_add_dict_u64(p, "rx_nombuf", pc->st.rx_nombuf);
	/* at most RTE_TEL_MAX_DICT_ENTRIES (256) xstats fit in a dict:
	 * the rest is left out (the metrics endpoint has them all) */
	rte_tel_data_start_dict(x);
	for (i = 0; i < pc->n_xstats; i++) {
		uint64_t id = pc->xstats[i].id;

		if (id < pc->n_xstats &&
		    rte_tel_data_add_dict_u64(x, pc->xnames[id].name,
					      pc->xstats[i].value) != 0)
			break;
	}
	rte_tel_data_add_dict_container(p, "xstats", x, 0);
	rte_tel_data_add_dict_container(tp->d, pc->name, p, 0);
}

static int
pp_tel_ports(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct pp_tel_ports tp = { .d = d };

	RTE_SET_USED(cmd);
	if (params != NULL && *params != '\0')
		tp.only = params;
	rte_tel_data_start_dict(d);
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl == NULL) {
		pthread_mutex_unlock(&pp_tel_lock);
		return pp_tel_error(d, "pipeline not running");
	}
	pp_pipeline_read_ports(pp_tel_pl, pp_tel_port_cb, &tp);
	pthread_mutex_unlock(&pp_tel_lock);
	if (tp.only != NULL && !tp.found) {
		char msg[96];

		snprintf(msg, sizeof(msg), "no port named '%.40s'",
			 tp.only);
		return pp_tel_error(d, msg);
	}
	return 0;
}

/* /pktpipe/config: the configuration in force, {section: {key: value}},
 * from pp_cfg_dump() (one formatter per key: the same text as the file). */
static void
pp_tel_dump_cfg(const struct pp_ctl_snap *s, void *arg)
{
	FILE *f = arg;

	pp_cfg_dump(f, s->cfg);
}

static int
pp_tel_config(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *sec = NULL;
	char *text = NULL, *line, *save = NULL, *eq;
	size_t len = 0;
	FILE *f;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	f = open_memstream(&text, &len);
	if (f == NULL)
		return pp_tel_error(d, "out of memory");
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl != NULL)
		pp_ctl_read(pp_tel_dump_cfg, f);
	pthread_mutex_unlock(&pp_tel_lock);
	fclose(f);
	rte_tel_data_start_dict(d);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '[') {
			char *end = strchr(line, ']');

			if (end == NULL)
				continue;
			*end = '\0';
			sec = rte_tel_data_alloc();
			if (sec == NULL)
				break;
			rte_tel_data_start_dict(sec);
			rte_tel_data_add_dict_container(d, line + 1, sec, 0);
		} else if (sec != NULL && (eq = strstr(line, " = ")) != NULL) {
			*eq = '\0';
			rte_tel_data_add_dict_string(sec, line, eq + 3);
		}
	}
	free(text);
	return 0;
}

static void
pp_tel_copy_cancel(const struct pp_ctl_snap *s, void *arg)
{
	struct pp_cancel *out = arg;

	if (s->cancel != NULL)
		memcpy(out, s->cancel, sizeof(*out));
	else
		memset(out, 0, sizeof(*out));
}

static int
pp_tel_cancelled(const char *cmd, const char *params, struct rte_tel_data *d)
{
	static struct pp_cancel cs;
	static struct pp_cfg_police pc;
	struct rte_tel_data *flows, *ten, *cls;
	char buf[INET6_ADDRSTRLEN * 2 + 32], a[INET6_ADDRSTRLEN],
		b[INET6_ADDRSTRLEN];
	bool police;
	unsigned int i;

	RTE_SET_USED(cmd);
	RTE_SET_USED(params);
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl == NULL) {
		pthread_mutex_unlock(&pp_tel_lock);
		return pp_tel_error(d, "pipeline not running");
	}
	pp_ctl_read(pp_tel_copy_cancel, &cs);
	/* the statics are ours until the reply is built: DPDK runs a
	 * telemetry thread per client connection */
	police = pp_pipeline_police_cfg(pp_tel_pl, &pc) == 0;
	flows = rte_tel_data_alloc();
	ten = rte_tel_data_alloc();
	cls = rte_tel_data_alloc();
	if (flows == NULL || ten == NULL || cls == NULL) {
		rte_tel_data_free(flows);
		rte_tel_data_free(ten);
		rte_tel_data_free(cls);
		pthread_mutex_unlock(&pp_tel_lock);
		return -ENOMEM;
	}
	rte_tel_data_start_array(flows, RTE_TEL_STRING_VAL);
	rte_tel_data_start_array(ten, RTE_TEL_STRING_VAL);
	rte_tel_data_start_array(cls, RTE_TEL_STRING_VAL);
	for (i = 0; i < cs.n_flows; i++) {
		const struct pp_flow_key *k = &cs.flows[i].key;
		int fam = k->ip_version == 6 ? AF_INET6 : AF_INET;

		inet_ntop(fam, k->src, a, sizeof(a));
		inet_ntop(fam, k->dst, b, sizeof(b));
		snprintf(buf, sizeof(buf), "%s,%s,%u,%s,%u",
			 k->proto == 6 ? "tcp" : k->proto == 17 ? "udp" :
			 "sctp", a, k->sport, b, k->dport);
		rte_tel_data_add_array_string(flows, buf);
	}
	for (i = 0; police && i < pc.n_tenants; i++)
		if (cs.tenants & (1u << i))
			rte_tel_data_add_array_string(ten, pc.tenants[i].name);
	for (i = 0; police && i < pc.n_classes; i++)
		if (cs.classes & (1u << i))
			rte_tel_data_add_array_string(cls, pc.classes[i].name);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_container(d, "flows", flows, 0);
	rte_tel_data_add_dict_container(d, "tenants", ten, 0);
	rte_tel_data_add_dict_container(d, "classes", cls, 0);
	pthread_mutex_unlock(&pp_tel_lock);
	return 0;
}

void
pp_telemetry_attach(struct pp_pipeline *pl)
{
	static const struct {
		const char *cmd;
		telemetry_cb fn;
		const char *help;
	} cmds[] = {
		{ "/pktpipe/stats", pp_tel_stats,
		  "Totals: rx, tx, drops by reason, in_flight. No parameters" },
		{ "/pktpipe/lcores", pp_tel_stats,
		  "Per lcore: roles and counters. No parameters" },
		{ "/pktpipe/ports", pp_tel_ports,
		  "Per port: rte_eth_stats (ipackets, imissed, ...) and "
		  "xstats. Optional parameter: a port name" },
		{ "/pktpipe/config", pp_tel_config,
		  "The configuration in force, by section. No parameters" },
		{ "/pktpipe/police", pp_tel_police,
		  "Policing: classes and tenants, rates and counters. "
		  "No parameters" },
		{ "/pktpipe/cancelled", pp_tel_cancelled,
		  "What is cancelled: flows, tenants, classes. No parameters" },
		{ "/pktpipe/set", pp_tel_set,
		  "Change a key of the running config: SECTION,KEY,VALUE, "
		  "e.g. tenant.a,rate,20M" },
		{ "/pktpipe/reload", pp_tel_reload,
		  "Re-read and apply the config file. No parameters" },
		{ "/pktpipe/cancel", pp_tel_cancel,
		  "Cancel: flow,PROTO,SRC,SPORT,DST,DPORT | tenant,NAME | "
		  "class,NAME" },
		{ "/pktpipe/uncancel", pp_tel_cancel,
		  "Undo a cancel: same parameters as /pktpipe/cancel" },
		{ "/pktpipe/port", pp_tel_port,
		  "Pause or resume polling a port's RX: NAME,pause|resume" },
		{ "/pktpipe/drain", pp_tel_drain,
		  "Drain and stop, as SIGTERM. No parameters" },
		{ "/pktpipe/inject", pp_tel_inject,
		  "Tests: fault,LCORE (a stage error) | stall,LCORE,MS "
		  "(no quiescent state for MS ms)" },
	};
	unsigned int i;

	if (!pp_tel_registered) {
		/* Registration fails only without telemetry (--no-telemetry)
		 * or on a duplicate name: then there is simply no command. */
		for (i = 0; i < RTE_DIM(cmds); i++)
			if (rte_telemetry_register_cmd(cmds[i].cmd, cmds[i].fn,
						       cmds[i].help) != 0)
				PP_LOG(WARNING, "telemetry command %s not "
				       "registered", cmds[i].cmd);
		pp_tel_registered = true;
	}
	pthread_mutex_lock(&pp_tel_lock);
	pp_tel_pl = pl;
	pthread_mutex_unlock(&pp_tel_lock);
}

void
pp_telemetry_detach(void)
{
	pthread_mutex_lock(&pp_tel_lock);
	pp_tel_pl = NULL;
	pthread_mutex_unlock(&pp_tel_lock);
}
