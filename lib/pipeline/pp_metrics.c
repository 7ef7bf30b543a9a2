/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Prometheus endpoint ([pipeline] metrics) and the ports' counters
 * for control-plane readers.
 *
 * libmicrohttpd serves GET /metrics from its own thread (one thread, one
 * request at a time): a control-plane thread, never an lcore. Each scrape
 * reads the counters afresh: the lcores' with pp_pipeline_read_stats()
 * (relaxed loads of single-writer counters), the latency histograms with
 * pp_pipeline_read_latency(), generators and checker through their
 * relaxed stats readers, the ports through pp_pipeline_read_ports(), and
 * class and tenant names through pp_pipeline_police_cfg() (pp_ctl_read()).
 * None of these takes anything an lcore takes.
 *
 * The text is the exposition format 0.0.4: every family gets # HELP and
 * # TYPE before its samples, names start `pktpipe_`, counters end in
 * `_total`, label values are escaped (\\, \", \n).
 *
 * We bind the listening socket ourselves (so that "address in use" is an
 * errno with a clear message at start) and hand it to the daemon.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>

#include "pp_common.h"
#include "pp_pipeline.h"
#include "pp_pipeline_pvt.h"

#define PP_ERRF(err, ...) snprintf((err)->msg, sizeof((err)->msg), __VA_ARGS__)

#define PP_MX_CT "text/plain; version=0.0.4; charset=utf-8"

struct pp_metrics {
	struct MHD_Daemon *d;
	struct pp_pipeline *pl;
};

/* ------------------------------------------------------------------ */
/* Ports' counters (telemetry and metrics)                             */

int
pp_pipeline_read_ports(struct pp_pipeline *pl, pp_port_counters_cb fn,
		       void *arg)
{
	struct rte_eth_xstat_name *names = NULL;
	struct rte_eth_xstat *vals = NULL;
	struct pp_port_counters pc;
	unsigned int i;
	int n = 0, nx;

	pthread_mutex_lock(&pl->ports_lock);
	for (i = 0; !pl->ports_closed && i < pl->n_ports; i++) {
		uint16_t pid = pl->ports[i].port_id;

		memset(&pc, 0, sizeof(pc));
		pc.name = pl->cfg->ports[i].name;
		pc.port_id = pid;
		rte_eth_stats_get(pid, &pc.st);
		nx = rte_eth_xstats_get_names(pid, NULL, 0);
		if (nx > 0) {
			names = calloc((size_t)nx, sizeof(*names));
			vals = calloc((size_t)nx, sizeof(*vals));
			if (names == NULL || vals == NULL) {
				n = -ENOMEM;
				break;
			}
			if (rte_eth_xstats_get_names(pid, names, nx) == nx &&
			    rte_eth_xstats_get(pid, vals, nx) == nx) {
				pc.n_xstats = (unsigned int)nx;
				pc.xnames = names;
				pc.xstats = vals;
			}
		}
		fn(&pc, arg);
		free(names);
		free(vals);
		names = NULL;
		vals = NULL;
		n++;
	}
	pthread_mutex_unlock(&pl->ports_lock);
	free(names);
	free(vals);
	return n;
}

/* ------------------------------------------------------------------ */
/* Exposition text                                                     */

/* HELP text: backslash and newline escaped. */
static void
pp_mx_help_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

/* A label value: backslash, double quote and newline escaped. */
static void
pp_mx_label(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '"')
			fputs("\\\"", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

/* # HELP and # TYPE of family pktpipe_NAME[SUFFIX]. */
static void
pp_mx_family(FILE *f, const char *name, const char *suffix, const char *type,
	     const char *help)
{
	fprintf(f, "# HELP pktpipe_%s%s ", name, suffix);
	pp_mx_help_text(f, help);
	fprintf(f, "\n# TYPE pktpipe_%s%s %s\n", name, suffix, type);
}

/* Sample name: pktpipe_NAME[SUFFIX]; then labels, then the value. */
static void
pp_mx_name(FILE *f, const char *name, const char *suffix)
{
	fprintf(f, "pktpipe_%s%s", name, suffix);
}

/* {k1="v1",k2="v2"} from a NULL-terminated list of key, value pairs. */
static void
pp_mx_labels(FILE *f, const char *const *kv)
{
	unsigned int i;

	if (kv == NULL || kv[0] == NULL)
		return;
	fputc('{', f);
	for (i = 0; kv[i] != NULL; i += 2) {
		fprintf(f, "%s%s=\"", i ? "," : "", kv[i]);
		pp_mx_label(f, kv[i + 1]);
		fputc('"', f);
	}
	fputc('}', f);
}

static void
pp_mx_u64(FILE *f, const char *name, const char *suffix,
	  const char *const *kv, uint64_t v)
{
	pp_mx_name(f, name, suffix);
	pp_mx_labels(f, kv);
	fprintf(f, " %" PRIu64 "\n", v);
}

static void
pp_mx_dbl(FILE *f, const char *name, const char *suffix,
	  const char *const *kv, double v)
{
	pp_mx_name(f, name, suffix);
	pp_mx_labels(f, kv);
	fprintf(f, " %.17g\n", v);
}

/* What one scrape reads, once. */
struct pp_mx_snap {
	struct pp_stats_lcore_report lc[PP_STATS_MAX_LCORES];
	unsigned int n;
	struct pp_lcore_stats tot;
	struct pp_lcore_stats ctl;	/* tot minus the lcores: the control
					 * thread's own (aborted, stalls) */
	struct pp_lat_hist lat;
	struct pp_cfg_police pc;
	bool police;
	char lcore_ids[PP_STATS_MAX_LCORES][12];
	char main_id[12];
};

/* Per-lcore families: lcore="N", role="rx+tx". */
static void
pp_mx_lcores(FILE *f, const struct pp_mx_snap *s)
{
	const char *kv[7] = { "lcore", NULL, "role", NULL, NULL };
	unsigned int c, i, r;

	for (c = 0; c < PP_LCORE_CTR_MAX; c++) {
		const struct pp_stats_ctr_desc *d = &pp_lcore_ctrs[c];

		pp_mx_family(f, d->metric, "_total", "counter", d->help);
		for (i = 0; i < s->n; i++) {
			uint64_t v = pp_stats_ctr(&s->lc[i].st, c);

			kv[1] = s->lcore_ids[i];
			kv[3] = s->lc[i].roles;
			if (d->scale == 1)
				pp_mx_u64(f, d->metric, "_total", kv, v);
			else
				pp_mx_dbl(f, d->metric, "_total", kv,
					  (double)v * d->scale);
		}
	}
	pp_mx_family(f, "stolen_from_packets", "_total", "counter",
		     "packets other workers stole from this worker");
	for (i = 0; i < s->n; i++) {
		kv[1] = s->lcore_ids[i];
		kv[3] = s->lc[i].roles;
		pp_mx_u64(f, "stolen_from_packets", "_total", kv,
			  s->lc[i].stolen_from);
	}
	pp_mx_family(f, "bucket_gives", "_total", "counter",
		     "flow buckets other workers took from this worker "
		     "(atomic)");
	for (i = 0; i < s->n; i++) {
		kv[1] = s->lcore_ids[i];
		kv[3] = s->lc[i].roles;
		pp_mx_u64(f, "bucket_gives", "_total", kv,
			  s->lc[i].buckets_out);
	}
	pp_mx_family(f, "drops", "_total", "counter",
		     "packets dropped, by lcore and reason (README: Drop "
		     "reasons); lcore of role control: the main lcore's");
	kv[4] = "reason";
	for (r = 0; r < PP_DROP_MAX; r++) {
		kv[5] = pp_drop_names[r];
		for (i = 0; i < s->n; i++) {
			kv[1] = s->lcore_ids[i];
			kv[3] = s->lc[i].roles;
			pp_mx_u64(f, "drops", "_total", kv,
				  s->lc[i].st.drops[r]);
		}
		kv[1] = s->main_id;
		kv[3] = "control";
		pp_mx_u64(f, "drops", "_total", kv, s->ctl.drops[r]);
	}
}

/* Pipeline-wide: in flight, up, stalls, latency. */
static void
pp_mx_pipeline(FILE *f, const struct pp_mx_snap *s, double hz)
{
	static const struct {
		const char *q;
		double v;
	} qs[] = { { "0.5", 0.5 }, { "0.9", 0.9 }, { "0.99", 0.99 },
		   { "0.999", 0.999 } };
	const char *kv[3] = { "quantile", NULL, NULL };
	uint64_t drops = pp_stats_drops_total(&s->tot), count = 0;
	double in_flight;
	unsigned int i;

	pp_mx_family(f, "up", "", "gauge", "1 while the pipeline exists");
	pp_mx_u64(f, "up", "", NULL, 1);
	/* counters read one after the other: approximate, never below 0 */
	in_flight = s->tot.rx >= s->tot.tx + drops ?
		(double)(s->tot.rx - s->tot.tx - drops) : 0;
	pp_mx_family(f, "in_flight", "", "gauge",
		     "packets between RX and TX (rx - tx - drops, read live: "
		     "approximate)");
	pp_mx_dbl(f, "in_flight", "", NULL, in_flight);
	pp_mx_family(f, "watchdog_stalls", "_total", "counter",
		     "lcores the watchdog found stalled (each stall once)");
	pp_mx_u64(f, "watchdog_stalls", "_total", NULL, s->tot.stalls);

	for (i = 0; i < PP_LAT_BUCKETS; i++)
		count += s->lat.count[i];
	pp_mx_family(f, "latency_seconds", "", "summary",
		     "RX -> TX latency of transmitted packets since start "
		     "(quantiles: upper bounds of log-linear buckets, within "
		     "12.5 %)");
	for (i = 0; i < RTE_DIM(qs); i++) {
		kv[1] = qs[i].q;
		pp_mx_dbl(f, "latency_seconds", "", kv,
			  hz > 0 ? (double)pp_lat_quantile(&s->lat, qs[i].v) /
			  hz : 0);
	}
	pp_mx_dbl(f, "latency_seconds", "_sum", NULL,
		  hz > 0 ? (double)s->lat.sum / hz : 0);
	pp_mx_u64(f, "latency_seconds", "_count", NULL, count);
	pp_mx_family(f, "latency_max_seconds", "", "gauge",
		     "largest RX -> TX latency since start");
	pp_mx_dbl(f, "latency_max_seconds", "", NULL,
		  hz > 0 ? (double)s->lat.max / hz : 0);
}

/* Generators (gen="NAME") and the checker. */
static void
pp_mx_gens(FILE *f, const struct pp_pipeline *pl)
{
	static const struct {
		const char *name;
		size_t off;
		const char *help;
	} ctr[] = {
		{ "gen_packets", offsetof(struct pp_gen_stats, packets),
		  "packets the generator made (malformed included)" },
		{ "gen_bytes", offsetof(struct pp_gen_stats, bytes),
		  "bytes the generator made" },
		{ "gen_malformed_packets",
		  offsetof(struct pp_gen_stats, malformed),
		  "malformed packets made on purpose" },
		{ "gen_alloc_fails", offsetof(struct pp_gen_stats, alloc_fail),
		  "packets not made: the mempool was empty" },
		{ "gen_missed_packets", offsetof(struct pp_gen_stats, missed),
		  "packets due by the rate but not polled in time (the "
		  "generator's imissed)" },
	};
	const struct pp_cfg *cfg = pl->cfg;
	const char *kv[3] = { "gen", NULL, NULL };
	struct pp_gen_stats gs;
	struct pp_chk_stats cs;
	unsigned int c, g, q;

	if (cfg->n_gens != 0) {
		for (c = 0; c < RTE_DIM(ctr); c++) {
			pp_mx_family(f, ctr[c].name, "_total", "counter",
				     ctr[c].help);
			for (g = 0; g < cfg->n_gens; g++) {
				uint64_t sum = 0;

				for (q = 0; q < cfg->gens[g].queues; q++) {
					if (pl->gens[g][q] == NULL)
						continue;
					pp_gen_stats_get(pl->gens[g][q], &gs);
					sum += *(const uint64_t *)
						((const char *)&gs +
						 ctr[c].off);
				}
				kv[1] = cfg->gens[g].name;
				pp_mx_u64(f, ctr[c].name, "_total", kv, sum);
			}
		}
	}
	if (pl->chk == NULL || pl->chk_flows == 0)
		return;
	pp_chk_stats_get(pl->chk, &cs);
	pp_mx_family(f, "checker_packets", "_total", "counter",
		     "packets the checker consumed");
	pp_mx_u64(f, "checker_packets", "_total", NULL, cs.packets);
	pp_mx_family(f, "checker_unknown_packets", "_total", "counter",
		     "packets the checker consumed without a generator "
		     "marker");
	pp_mx_u64(f, "checker_unknown_packets", "_total", NULL, cs.unknown);
	pp_mx_family(f, "checker_reorders", "_total", "counter",
		     "packets that reached the checker out of their flow's "
		     "order");
	pp_mx_u64(f, "checker_reorders", "_total", NULL, cs.reorders);
	pp_mx_family(f, "checker_duplicates", "_total", "counter",
		     "packets the checker saw twice");
	pp_mx_u64(f, "checker_duplicates", "_total", NULL, cs.duplicates);
	pp_mx_family(f, "checker_gaps", "", "gauge",
		     "sequence numbers the checker has not seen (dropped, or "
		     "not arrived yet)");
	pp_mx_u64(f, "checker_gaps", "", NULL, cs.gaps);
}

/* Policing: kind "class" or "tenant", rows from row0 of the totals. */
static void
pp_mx_police_kind(FILE *f, const struct pp_mx_snap *s, bool tenant)
{
	static const struct {
		const char *name;
		size_t off;
		const char *help;
	} ctr[] = {
		{ "offered_packets", offsetof(struct pp_police_ctr, offered),
		  "packets policing saw" },
		{ "offered_bytes",
		  offsetof(struct pp_police_ctr, offered_bytes),
		  "bytes policing saw" },
		{ "tx_packets", offsetof(struct pp_police_ctr, tx),
		  "packets transmitted" },
		{ "tx_bytes", offsetof(struct pp_police_ctr, tx_bytes),
		  "bytes transmitted" },
		{ "policed_bytes", offsetof(struct pp_police_ctr, drop_bytes),
		  "bytes dropped as policed" },
		{ "remarked_packets", offsetof(struct pp_police_ctr, remarked),
		  "packets whose DSCP a remark action rewrote" },
	};
	static const char *const colors[3] = { "green", "yellow", "red" };
	const char *kind = tenant ? "tenant" : "class";
	unsigned int n = tenant ? s->pc.n_tenants : s->pc.n_classes;
	unsigned int base = tenant ? PP_STATS_POL_CLASSES : 0;
	const char *kv[5] = { kind, NULL, NULL, NULL, NULL };
	char fam[64], help[160];
	unsigned int c, i, k;

	for (c = 0; c < RTE_DIM(ctr); c++) {
		snprintf(fam, sizeof(fam), "%s_%s", kind, ctr[c].name);
		snprintf(help, sizeof(help), "per %s: %s", kind, ctr[c].help);
		pp_mx_family(f, fam, "_total", "counter", help);
		for (i = 0; i < n; i++) {
			kv[1] = tenant ? s->pc.tenants[i].name :
				s->pc.classes[i].name;
			pp_mx_u64(f, fam, "_total", kv, *(const uint64_t *)
				  ((const char *)&s->tot.pol[base + i] +
				   ctr[c].off));
		}
	}
	snprintf(fam, sizeof(fam), "%s_policed_packets", kind);
	snprintf(help, sizeof(help), "per %s: packets dropped as policed, by "
		 "final color (an aggregate's refusal makes a packet red)",
		 kind);
	pp_mx_family(f, fam, "_total", "counter", help);
	kv[2] = "color";
	for (i = 0; i < n; i++)
		for (k = 0; k < 3; k++) {
			kv[1] = tenant ? s->pc.tenants[i].name :
				s->pc.classes[i].name;
			kv[3] = colors[k];
			pp_mx_u64(f, fam, "_total", kv,
				  s->tot.pol[base + i].drops[k]);
		}
	snprintf(fam, sizeof(fam), "%s_aggregate_rate", kind);
	snprintf(help, sizeof(help), "per %s: the aggregate policer's rate in "
		 "force, in its unit (bps: bit/s, pps: packets/s); 0 = none",
		 kind);
	pp_mx_family(f, fam, "", "gauge", help);
	kv[2] = "unit";
	for (i = 0; i < n; i++) {
		const struct pp_cfg_agg *a = tenant ? &s->pc.tenants[i].agg :
			&s->pc.classes[i].agg;

		kv[1] = tenant ? s->pc.tenants[i].name : s->pc.classes[i].name;
		kv[3] = a->packets ? "pps" : "bps";
		pp_mx_u64(f, fam, "", kv, a->rate);
	}
	kv[2] = NULL;
	if (tenant)
		return;
	pp_mx_family(f, "class_flow_cir_bits_per_second", "", "gauge",
		     "per class: the per-flow meter's CIR in force; 0 = no "
		     "meter");
	for (i = 0; i < n; i++) {
		kv[1] = s->pc.classes[i].name;
		pp_mx_u64(f, "class_flow_cir_bits_per_second", "", kv,
			  s->pc.classes[i].meter != PP_CFG_METER_NONE ?
			  s->pc.classes[i].cir : 0);
	}
}

/* Ports: rte_eth_stats and every xstat (port="NAME"). */
struct pp_mx_ports {
	unsigned int n;
	struct {
		char name[PP_CFG_NAME_LEN];
		struct rte_eth_stats st;
		unsigned int n_x;
		struct rte_eth_xstat_name *xn;
		uint64_t *xv;
	} p[PP_CFG_MAX_PORTS];
};

static void
pp_mx_port_cb(const struct pp_port_counters *pc, void *arg)
{
	struct pp_mx_ports *ps = arg;
	unsigned int i;

	if (ps->n >= PP_CFG_MAX_PORTS)
		return;
	i = ps->n++;
	snprintf(ps->p[i].name, sizeof(ps->p[i].name), "%s", pc->name);
	ps->p[i].st = pc->st;
	ps->p[i].xn = malloc(sizeof(*ps->p[i].xn) * (pc->n_xstats + 1));
	ps->p[i].xv = malloc(sizeof(*ps->p[i].xv) * (pc->n_xstats + 1));
	if (ps->p[i].xn == NULL || ps->p[i].xv == NULL)
		return;
	for (ps->p[i].n_x = 0; ps->p[i].n_x < pc->n_xstats; ps->p[i].n_x++) {
		unsigned int k = ps->p[i].n_x;

		ps->p[i].xn[k] = pc->xnames[pc->xstats[k].id < pc->n_xstats ?
					    pc->xstats[k].id : k];
		ps->p[i].xv[k] = pc->xstats[k].value;
	}
}

static void
pp_mx_ports(FILE *f, struct pp_pipeline *pl)
{
	static const struct {
		const char *name;
		size_t off;
		const char *help;
	} ctr[] = {
		{ "port_rx_packets", offsetof(struct rte_eth_stats, ipackets),
		  "packets received (rte_eth_stats ipackets)" },
		{ "port_tx_packets", offsetof(struct rte_eth_stats, opackets),
		  "packets transmitted (opackets)" },
		{ "port_rx_bytes", offsetof(struct rte_eth_stats, ibytes),
		  "bytes received (ibytes)" },
		{ "port_tx_bytes", offsetof(struct rte_eth_stats, obytes),
		  "bytes transmitted (obytes)" },
		{ "port_rx_missed_packets",
		  offsetof(struct rte_eth_stats, imissed),
		  "packets the device dropped: no room in the RX queue "
		  "(imissed)" },
		{ "port_rx_errors", offsetof(struct rte_eth_stats, ierrors),
		  "erroneous received packets (ierrors)" },
		{ "port_tx_errors", offsetof(struct rte_eth_stats, oerrors),
		  "failed transmissions (oerrors)" },
		{ "port_rx_nombuf", offsetof(struct rte_eth_stats, rx_nombuf),
		  "RX mbuf allocation failures (rx_nombuf)" },
	};
	struct pp_mx_ports *ps = calloc(1, sizeof(*ps));
	const char *kv[5] = { "port", NULL, NULL, NULL, NULL };
	unsigned int c, i, k;

	if (ps == NULL)
		return;
	pp_pipeline_read_ports(pl, pp_mx_port_cb, ps);
	if (ps->n == 0)
		goto out;
	for (c = 0; c < RTE_DIM(ctr); c++) {
		pp_mx_family(f, ctr[c].name, "_total", "counter", ctr[c].help);
		for (i = 0; i < ps->n; i++) {
			kv[1] = ps->p[i].name;
			pp_mx_u64(f, ctr[c].name, "_total", kv,
				  *(const uint64_t *)((const char *)&ps->p[i].st +
						      ctr[c].off));
		}
	}
	pp_mx_family(f, "port_xstats", "_total", "counter",
		     "the device's extended statistics (rte_eth_xstats), by "
		     "name");
	kv[2] = "xstat";
	for (i = 0; i < ps->n; i++)
		for (k = 0; k < ps->p[i].n_x; k++) {
			kv[1] = ps->p[i].name;
			kv[3] = ps->p[i].xn[k].name;
			pp_mx_u64(f, "port_xstats", "_total", kv,
				  ps->p[i].xv[k]);
		}
out:
	for (i = 0; i < ps->n; i++) {
		free(ps->p[i].xn);
		free(ps->p[i].xv);
	}
	free(ps);
}

/* The whole exposition; NULL when out of memory. */
static char *
pp_mx_render(struct pp_pipeline *pl, size_t *len)
{
	struct pp_mx_snap *s = calloc(1, sizeof(*s));
	char *text = NULL;
	unsigned int i;
	FILE *f;

	if (s == NULL)
		return NULL;
	f = open_memstream(&text, len);
	if (f == NULL) {
		free(s);
		return NULL;
	}
	s->n = pp_pipeline_read_stats(pl, s->lc, PP_STATS_MAX_LCORES, &s->tot);
	/* the control thread's own: the total minus every lcore */
	s->ctl = s->tot;
	for (i = 0; i < s->n; i++) {
		unsigned int r;

		for (r = 0; r < PP_DROP_MAX; r++)
			s->ctl.drops[r] -= s->lc[i].st.drops[r];
		snprintf(s->lcore_ids[i], sizeof(s->lcore_ids[i]), "%u",
			 s->lc[i].lcore_id);
	}
	snprintf(s->main_id, sizeof(s->main_id), "%u", rte_get_main_lcore());
	pp_pipeline_read_latency(pl, &s->lat);
	s->police = pp_pipeline_police_cfg(pl, &s->pc) == 0;

	pp_mx_pipeline(f, s, (double)pl->tsc_hz);
	pp_mx_lcores(f, s);
	pp_mx_gens(f, pl);
	pp_mx_ports(f, pl);
	if (s->police) {
		pp_mx_police_kind(f, s, false);
		pp_mx_police_kind(f, s, true);
	}
	free(s);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* ------------------------------------------------------------------ */
/* HTTP                                                                */

static enum MHD_Result
pp_mx_reply(struct MHD_Connection *conn, unsigned int status,
	    const char *text)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(strlen(text), (void *)(uintptr_t)text,
					    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				"text/plain; charset=utf-8");
	rc = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
pp_mx_handle(void *cls, struct MHD_Connection *conn, const char *url,
	     const char *method, const char *version, const char *upload_data,
	     size_t *upload_data_size, void **con_cls)
{
	struct pp_metrics *m = cls;
	struct MHD_Response *r;
	enum MHD_Result rc;
	size_t len = 0;
	char *text;

	RTE_SET_USED(version);
	RTE_SET_USED(upload_data);
	RTE_SET_USED(con_cls);
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return pp_mx_reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
				   "only GET /metrics\n");
	if (*upload_data_size != 0)
		return MHD_NO;
	if (strcmp(url, "/metrics") != 0)
		return pp_mx_reply(conn, MHD_HTTP_NOT_FOUND,
				   "not found: the metrics are at /metrics\n");
	text = pp_mx_render(m->pl, &len);
	if (text == NULL)
		return pp_mx_reply(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
				   "out of memory\n");
	r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, PP_MX_CT);
	rc = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

/* Bind and listen on l; -errno on failure. */
static int
pp_mx_listen(const struct pp_cfg_listen *l)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, one = 1, rc;

	memset(&ss, 0, sizeof(ss));
	if (l->ipv6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons(l->port);
		memcpy(&a->sin6_addr, l->addr, 16);
		sl = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(l->port);
		memcpy(&a->sin_addr, l->addr, 4);
		sl = sizeof(*a);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* a restart may rebind while old connections sit in TIME_WAIT; a
	 * port another socket listens on is still refused */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (l->ipv6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 16) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

int
pp_metrics_start(struct pp_pipeline *pl, struct pp_cfg_err *err)
{
	const struct pp_cfg_listen *l = &pl->cfg->metrics;
	struct pp_metrics *m;
	int fd;

	if (l->port == 0)
		return 0;
	m = calloc(1, sizeof(*m));
	if (m == NULL) {
		PP_ERRF(err, "out of memory for the metrics endpoint");
		return -ENOMEM;
	}
	m->pl = pl;
	fd = pp_mx_listen(l);
	if (fd < 0) {
		PP_ERRF(err, "%s: [pipeline] metrics: cannot listen on %s: %s%s",
			pl->cfg->path, l->text, strerror(-fd),
			fd == -EADDRINUSE ? " (another process has the port: "
			"choose another)" : "");
		free(m);
		return fd;
	}
	m->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
				MHD_USE_ERROR_LOG, 0, NULL, NULL,
				pp_mx_handle, m,
				MHD_OPTION_LISTEN_SOCKET, fd,
				MHD_OPTION_CONNECTION_LIMIT, 16u,
				MHD_OPTION_CONNECTION_TIMEOUT, 10u,
				MHD_OPTION_END);
	if (m->d == NULL) {
		close(fd);
		free(m);
		PP_ERRF(err, "%s: [pipeline] metrics: cannot start the HTTP "
			"server on %s", pl->cfg->path, l->text);
		return -ENOMEM;
	}
	pl->metrics = m;
	if (strchr(l->text, ':') == NULL)
		PP_LOG(INFO, "metrics: http://127.0.0.1:%u/metrics", l->port);
	else
		PP_LOG(INFO, "metrics: http://%s/metrics", l->text);
	return 0;
}

void
pp_metrics_stop(struct pp_pipeline *pl)
{
	struct pp_metrics *m = pl->metrics;

	if (m == NULL)
		return;
	pl->metrics = NULL;
	MHD_stop_daemon(m->d);	/* joins its thread; closes the socket */
	free(m);
}
