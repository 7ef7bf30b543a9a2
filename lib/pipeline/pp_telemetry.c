/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * /pktpipe/... commands on DPDK's telemetry socket (read them with
 * dpdk-telemetry.py, or scripts/pktpipe-ctl):
 *
 *   /pktpipe/police                 classes and tenants: rates in force,
 *                                   offered / transmitted / policed
 *   /pktpipe/police/set,SEC,KEY,VAL change a rate or burst at run time,
 *                                   e.g. /pktpipe/police/set,tenant.a,rate,20M
 *
 * The callbacks run on DPDK's telemetry thread. They reach the pipeline
 * through one pointer, set while it exists and guarded by a mutex, so a
 * command that arrives while the pipeline is being freed gets an error
 * reply instead of a freed pointer. Mutations go through the same action
 * functions as everything else (pp_pipeline_police_set()).
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <rte_telemetry.h>

#include "pp_common.h"
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
	/* The statics are large; the telemetry thread runs one command at
	 * a time, and pp_tel_lock covers them anyway. */
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

static int
pp_tel_police_set(const char *cmd, const char *params, struct rte_tel_data *d)
{
	char buf[256], *section, *key, *value, *save = NULL;
	struct pp_cfg_err err = { .msg = "" };

	RTE_SET_USED(cmd);
	if (params == NULL || strlen(params) >= sizeof(buf))
		return pp_tel_error(d, "usage: /pktpipe/police/set,"
				    "class.NAME|tenant.NAME,KEY,VALUE");
	strcpy(buf, params);
	section = strtok_r(buf, ",", &save);
	key = strtok_r(NULL, ",", &save);
	value = strtok_r(NULL, "", &save);
	if (section == NULL || key == NULL || value == NULL)
		return pp_tel_error(d, "usage: /pktpipe/police/set,"
				    "class.NAME|tenant.NAME,KEY,VALUE");
	pthread_mutex_lock(&pp_tel_lock);
	if (pp_tel_pl == NULL)
		snprintf(err.msg, sizeof(err.msg), "pipeline not running");
	else if (pp_pipeline_police_set(pp_tel_pl, section, key, value,
					&err) == 0)
		err.msg[0] = '\0';
	pthread_mutex_unlock(&pp_tel_lock);
	if (err.msg[0] != '\0')
		return pp_tel_error(d, err.msg);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "applied", params);
	return 0;
}

void
pp_telemetry_attach(struct pp_pipeline *pl)
{
	if (!pp_tel_registered) {
		/* Registration fails only without telemetry (--no-telemetry)
		 * or on a duplicate name: then there is simply no command. */
		if (rte_telemetry_register_cmd("/pktpipe/police", pp_tel_police,
			"Policing: classes and tenants, rates and counters. "
			"No parameters") != 0 ||
		    rte_telemetry_register_cmd("/pktpipe/police/set",
			pp_tel_police_set,
			"Change a rate or burst: SECTION,KEY,VALUE, e.g. "
			"tenant.a,rate,20M") != 0)
			PP_LOG(WARNING, "telemetry commands not registered");
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
