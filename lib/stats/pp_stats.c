/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "pp_stats.h"

const char *const pp_drop_names[PP_DROP_MAX] = {
#define PP_DROP_NAME(sym, name, desc) [PP_DROP_ ## sym] = #name,
	PP_DROP_REASONS(PP_DROP_NAME)
#undef PP_DROP_NAME
};

const char *const pp_drop_descs[PP_DROP_MAX] = {
#define PP_DROP_DESC(sym, name, desc) [PP_DROP_ ## sym] = desc,
	PP_DROP_REASONS(PP_DROP_DESC)
#undef PP_DROP_DESC
};

const struct pp_stats_ctr_desc pp_lcore_ctrs[PP_LCORE_CTR_MAX] = {
#define PP_LCORE_CTR_DESC(f, m, sc, desc) \
	[PP_LCORE_CTR_ ## f] = { .name = #f, .metric = #m, .scale = sc, \
		.off = offsetof(struct pp_lcore_stats, f), .help = desc },
	PP_LCORE_COUNTERS(PP_LCORE_CTR_DESC)
#undef PP_LCORE_CTR_DESC
};

/* The counters are walked as an array of uint64_t: keep the struct made
 * of nothing else (padding to the cache line excepted). */
#define PP_STATS_N_CTR \
	(offsetof(struct pp_lcore_stats, loop_cycles) / sizeof(uint64_t) + 1)

void
pp_stats_snapshot(struct pp_lcore_stats *dst, const struct pp_lcore_stats *src)
{
	const uint64_t *s = (const uint64_t *)src;
	uint64_t *d = (uint64_t *)dst;
	size_t i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < PP_STATS_N_CTR; i++)
		d[i] = pp_stats_read(&s[i]);
}

void
pp_stats_accumulate(struct pp_lcore_stats *dst,
		    const struct pp_lcore_stats *src)
{
	const uint64_t *s = (const uint64_t *)src;
	uint64_t *d = (uint64_t *)dst;
	size_t i;

	for (i = 0; i < PP_STATS_N_CTR; i++)
		d[i] += s[i];
}

void
pp_stats_delta(struct pp_lcore_stats *dst, const struct pp_lcore_stats *now,
	       const struct pp_lcore_stats *prev)
{
	const uint64_t *n = (const uint64_t *)now, *p = (const uint64_t *)prev;
	uint64_t *d = (uint64_t *)dst;
	size_t i;

	for (i = 0; i < PP_STATS_N_CTR; i++)
		d[i] = n[i] - p[i];
}

uint64_t
pp_stats_drops_total(const struct pp_lcore_stats *s)
{
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < PP_DROP_MAX; i++)
		sum += s->drops[i];
	return sum;
}

bool
pp_stats_identity_holds(const struct pp_lcore_stats *t, uint64_t in_flight)
{
	return t->rx == t->tx + pp_stats_drops_total(t) + in_flight;
}

uint64_t
pp_lat_bucket_max(unsigned int idx)
{
	unsigned int e, sub;

	if (idx < PP_LAT_SUB)
		return idx;
	e = idx / PP_LAT_SUB + PP_LAT_SUB_BITS - 1;
	sub = idx % PP_LAT_SUB;
	if (e >= 63 && sub == PP_LAT_SUB - 1)
		return UINT64_MAX;
	return ((uint64_t)(PP_LAT_SUB + sub + 1) << (e - PP_LAT_SUB_BITS)) - 1;
}

void
pp_lat_merge(struct pp_lat_hist *dst, const struct pp_lat_hist *src)
{
	uint64_t m = pp_stats_read(&src->max);
	unsigned int i;

	for (i = 0; i < PP_LAT_BUCKETS; i++)
		dst->count[i] += pp_stats_read(&src->count[i]);
	dst->sum += pp_stats_read(&src->sum);
	if (m > dst->max)
		dst->max = m;
}

uint64_t
pp_lat_quantile(const struct pp_lat_hist *h, double q)
{
	uint64_t total = 0, want, seen = 0, v;
	unsigned int i;

	for (i = 0; i < PP_LAT_BUCKETS; i++)
		total += h->count[i];
	if (total == 0)
		return 0;
	want = (uint64_t)(q * (double)total);
	if (want >= total)
		want = total - 1;
	for (i = 0; i < PP_LAT_BUCKETS; i++) {
		seen += h->count[i];
		if (seen > want)
			break;
	}
	v = pp_lat_bucket_max(i);
	return v < h->max ? v : h->max;
}

void
pp_lat_delta(struct pp_lat_hist *dst, const struct pp_lat_hist *now,
	     const struct pp_lat_hist *prev)
{
	uint64_t max = now->max;
	bool grew = now->max > prev->max;
	unsigned int i, top = 0;
	bool any = false;

	dst->sum = now->sum - prev->sum;
	for (i = 0; i < PP_LAT_BUCKETS; i++) {
		dst->count[i] = now->count[i] - prev->count[i];
		if (dst->count[i] != 0) {
			top = i;
			any = true;
		}
	}
	if (!any)
		dst->max = 0;
	else if (grew || pp_lat_bucket_max(top) > max)
		dst->max = max;
	else
		dst->max = pp_lat_bucket_max(top);
}

static double
pp_cyc_ns(uint64_t cyc, double hz)
{
	return hz > 0 ? (double)cyc * 1e9 / hz : 0;
}

void
pp_lat_figures_ns(const struct pp_lat_hist *h, double hz,
		  double ns[PP_LAT_FIGURES])
{
	static const double q[PP_LAT_FIGURES - 1] = { 0.50, 0.90, 0.99, 0.999 };
	unsigned int i;

	for (i = 0; i < PP_LAT_FIGURES - 1; i++)
		ns[i] = pp_cyc_ns(pp_lat_quantile(h, q[i]), hz);
	ns[PP_LAT_FIGURES - 1] = pp_cyc_ns(h->max, hz);
}

/* The latency figures the report shows, in ns: p50, p90, p99, p99.9, max. */
static void
pp_lat_ns(const struct pp_stats_report *r, double ns[PP_LAT_FIGURES])
{
	pp_lat_figures_ns(&r->latency, r->tsc_hz, ns);
}

bool
pp_stats_report_ok(const struct pp_stats_report *r)
{
	return pp_stats_identity_holds(&r->total, r->in_flight) &&
		r->in_flight == 0 && r->leaked_mbufs == 0 &&
		r->total.not_owner == 0 && r->bucket_inflight == 0;
}

static double
pp_share(uint64_t part, uint64_t whole)
{
	return whole == 0 ? 0.0 : 100.0 * (double)part / (double)whole;
}

/* CPU the lcore's thread used over the run, % of one CPU (from the
 * kernel's accounting: what idle sleeps save shows here). */
static double
pp_cpu_pct(const struct pp_stats_lcore_report *l, double seconds)
{
	return seconds > 0 ? (double)l->st.cpu_ns / (seconds * 1e7) : 0.0;
}

/* One policing row (class or tenant) of the summary. */
static void
pp_police_print_row(FILE *f, const char *kind, const char *name,
		    const struct pp_police_ctr *c, uint64_t rate, bool pps,
		    uint64_t cir, double secs)
{
	fprintf(f, "  %s %-12s offered %" PRIu64 " (%.3f Mbit/s) tx %" PRIu64
		" (%.3f Mbit/s) policed green %" PRIu64 " yellow %" PRIu64
		" red %" PRIu64 " remarked %" PRIu64, kind, name, c->offered,
		(double)c->offered_bytes * 8 / secs / 1e6, c->tx,
		(double)c->tx_bytes * 8 / secs / 1e6, c->drops[0], c->drops[1],
		c->drops[2], c->remarked);
	if (cir != 0)
		fprintf(f, " | flow cir %.3f Mbit/s", (double)cir / 1e6);
	if (rate != 0 && pps)
		fprintf(f, " | rate %" PRIu64 " pps", rate);
	else if (rate != 0)
		fprintf(f, " | rate %.3f Mbit/s", (double)rate / 1e6);
	fprintf(f, "\n");
}

static void
pp_police_print(FILE *f, const struct pp_stats_report *r, double secs)
{
	const struct pp_stats_police_report *p = &r->police;
	unsigned int i;

	fprintf(f, "policing: flows %" PRIu64 " (added %" PRIu64 ", aged %"
		PRIu64 ", table full %" PRIu64 ")\n", p->flows,
		p->flows_added, p->flows_aged, p->flows_full);
	for (i = 0; i < p->n_classes; i++)
		pp_police_print_row(f, "class ", p->class_names[i],
				    &r->total.pol[i], p->class_rate[i],
				    p->class_pps[i], p->class_cir[i], secs);
	for (i = 0; i < p->n_tenants; i++)
		pp_police_print_row(f, "tenant", p->tenant_names[i],
				    &r->total.pol[PP_STATS_POL_CLASSES + i],
				    p->tenant_rate[i], p->tenant_pps[i], 0,
				    secs);
}

void
pp_stats_report_print(FILE *f, const struct pp_stats_report *r)
{
	const struct pp_lcore_stats *t = &r->total;
	double secs = r->seconds > 0 ? r->seconds : 1;
	double ns[PP_LAT_FIGURES];
	unsigned int i;

	fprintf(f, "\n=== pktpipe summary (%.2f s, %s) ===\n", r->seconds,
		r->clean_stop ? "drained" : "aborted");
	fprintf(f, "rx %" PRIu64 " pkts (%.3f Mpps)  tx %" PRIu64
		" pkts (%.3f Mpps)\n", t->rx, t->rx / secs / 1e6, t->tx,
		t->tx / secs / 1e6);
	fprintf(f, "drops:");
	for (i = 0; i < PP_DROP_MAX; i++)
		fprintf(f, " %s=%" PRIu64, pp_drop_names[i], t->drops[i]);
	fprintf(f, "\n");
	for (i = 0; i < r->n_lcores; i++) {
		const struct pp_stats_lcore_report *l = &r->lcores[i];

		fprintf(f, "lcore %u (%s): rx %" PRIu64 " worked %" PRIu64
			" tx %" PRIu64 " drops %" PRIu64 " busy %.1f%% cpu "
			"%.1f%%", l->lcore_id, l->roles, l->st.rx,
			l->st.worked, l->st.tx, pp_stats_drops_total(&l->st),
			pp_share(l->st.busy_cycles, l->st.loop_cycles),
			pp_cpu_pct(l, r->seconds));
		if (l->st.idle_sleeps != 0)
			fprintf(f, " idle_sleeps %" PRIu64, l->st.idle_sleeps);
		if (l->st.breaker_opens != 0)
			fprintf(f, " breaker opened %" PRIu64 " closed %" PRIu64,
				l->st.breaker_opens, l->st.breaker_closes);
		if (l->worker >= 0)
			fprintf(f, " steals %" PRIu64 " stolen_from %" PRIu64
				" buckets_in %" PRIu64 " buckets_out %" PRIu64,
				l->st.steals, l->stolen_from, l->st.buckets_in,
				l->buckets_out);
		if (l->st.not_owner != 0)
			fprintf(f, " NOT_OWNER %" PRIu64, l->st.not_owner);
		fprintf(f, "\n");
	}
	if (r->chk.ran)
		fprintf(f, "checker: %" PRIu64 " pkts in %u/%u flows, reorders %"
			PRIu64 ", duplicates %" PRIu64 ", gaps %" PRIu64
			", unknown %" PRIu64 "\n", r->chk.packets,
			r->chk.flows_seen, r->chk.flows, r->chk.reorders,
			r->chk.duplicates, r->chk.gaps, r->chk.unknown);
	if (r->gen.ran)
		fprintf(f, "generator: %" PRIu64 " pkts (%" PRIu64 " malformed on "
			"purpose), %" PRIu64 " mbuf allocation failures, %"
			PRIu64 " missed (not polled in time)\n",
			r->gen.packets, r->gen.malformed, r->gen.alloc_fail,
			r->gen.missed);
	for (i = 0; i < r->n_ports; i++)
		fprintf(f, "port %u (%s): ipackets %" PRIu64 " opackets %" PRIu64
			" imissed %" PRIu64 " ierrors %" PRIu64 " oerrors %" PRIu64
			" rx_nombuf %" PRIu64 " reclaimed %" PRIu64 "\n",
			r->ports[i].port_id, r->ports[i].name,
			r->ports[i].ipackets, r->ports[i].opackets,
			r->ports[i].imissed, r->ports[i].ierrors,
			r->ports[i].oerrors, r->ports[i].rx_nombuf,
			r->ports[i].reclaimed);
	fprintf(f, "identity rx = tx + drops + in_flight: %" PRIu64 " = %"
		PRIu64 " + %" PRIu64 " + %" PRIu64 ": %s\n", t->rx, t->tx,
		pp_stats_drops_total(t), r->in_flight,
		pp_stats_identity_holds(t, r->in_flight) ? "holds" : "BROKEN");
	fprintf(f, "mbufs: %" PRIu64 " of %" PRIu64 " back in the pools, "
		"leaked %" PRId64 ": %s\n", r->mbufs_avail, r->mbufs_total,
		r->leaked_mbufs, r->leaked_mbufs == 0 ? "ok" : "LEAK");
	pp_lat_ns(r, ns);
	fprintf(f, "latency rx->tx (ns): p50 %.0f p90 %.0f p99 %.0f p99.9 %.0f "
		"max %.0f\n", ns[0], ns[1], ns[2], ns[3], ns[4]);
	if (r->police.ran)
		pp_police_print(f, r, secs);
	if (t->faults != 0 || t->stalls != 0)
		fprintf(f, "faults reported %" PRIu64 ", lcores the watchdog "
			"found stalled %" PRIu64 "\n", t->faults, t->stalls);
	if (r->bucket_inflight != 0)
		fprintf(f, "bucket map: %" PRIu64 " packets still counted in "
			"flight after the drain: BROKEN\n", r->bucket_inflight);
	fprintf(f, "result: %s\n", pp_stats_report_ok(r) ? "OK" : "FAILED");
}

static void
pp_json_counters(FILE *f, const struct pp_lcore_stats *s)
{
	unsigned int i;

	fprintf(f, "\"rx\": %" PRIu64 ", \"rx_bytes\": %" PRIu64
		", \"worked\": %" PRIu64 ", \"tx\": %" PRIu64
		", \"tx_bytes\": %" PRIu64 ", \"drops\": {", s->rx, s->rx_bytes,
		s->worked, s->tx, s->tx_bytes);
	for (i = 0; i < PP_DROP_MAX; i++)
		fprintf(f, "%s\"%s\": %" PRIu64, i ? ", " : "", pp_drop_names[i],
			s->drops[i]);
	fprintf(f, "}");
}

static void
pp_json_police_row(FILE *f, const char *name, const struct pp_police_ctr *c,
		   uint64_t rate, bool pps, uint64_t cir, bool first)
{
	fprintf(f, "%s\n      {\"name\": \"%s\", \"offered_pkts\": %" PRIu64
		", \"offered_bytes\": %" PRIu64 ", \"tx_pkts\": %" PRIu64
		", \"tx_bytes\": %" PRIu64 ", \"drops\": {\"green\": %"
		PRIu64 ", \"yellow\": %" PRIu64 ", \"red\": %" PRIu64
		"}, \"drop_bytes\": %" PRIu64 ", \"remarked\": %" PRIu64
		", \"rate\": %" PRIu64 ", \"rate_unit\": \"%s\", "
		"\"flow_cir_bps\": %" PRIu64 "}", first ? "" : ",", name,
		c->offered, c->offered_bytes, c->tx, c->tx_bytes, c->drops[0],
		c->drops[1], c->drops[2], c->drop_bytes, c->remarked, rate,
		pps ? "pps" : "bps", cir);
}

static void
pp_json_police(FILE *f, const struct pp_stats_report *r)
{
	const struct pp_stats_police_report *p = &r->police;
	unsigned int i;

	if (!p->ran) {
		fprintf(f, "null");
		return;
	}
	fprintf(f, "{\n    \"flows\": {\"active\": %" PRIu64 ", \"added\": %"
		PRIu64 ", \"aged\": %" PRIu64 ", \"table_full\": %" PRIu64
		"},\n    \"classes\": [", p->flows, p->flows_added,
		p->flows_aged, p->flows_full);
	for (i = 0; i < p->n_classes; i++)
		pp_json_police_row(f, p->class_names[i], &r->total.pol[i],
				   p->class_rate[i], p->class_pps[i],
				   p->class_cir[i], i == 0);
	fprintf(f, "\n    ],\n    \"tenants\": [");
	for (i = 0; i < p->n_tenants; i++)
		pp_json_police_row(f, p->tenant_names[i],
				   &r->total.pol[PP_STATS_POL_CLASSES + i],
				   p->tenant_rate[i], p->tenant_pps[i], 0,
				   i == 0);
	fprintf(f, "\n    ]\n  }");
}

int
pp_stats_report_json(FILE *f, const struct pp_stats_report *r)
{
	const struct pp_lcore_stats *t = &r->total;
	double ns[PP_LAT_FIGURES];
	unsigned int i;

	fprintf(f, "{\n  \"schema\": 1,\n  \"seconds\": %.6f,\n"
		"  \"clean_stop\": %s,\n  ", r->seconds,
		r->clean_stop ? "true" : "false");
	pp_json_counters(f, t);
	fprintf(f, ",\n  \"drops_total\": %" PRIu64 ",\n  \"in_flight\": %"
		PRIu64 ",\n  \"identity_holds\": %s,\n  \"mbufs_total\": %"
		PRIu64 ",\n  \"mbufs_avail\": %" PRIu64
		",\n  \"leaked_mbufs\": %" PRId64 ",\n  \"bucket_inflight\": %"
		PRIu64 ",\n  \"faults\": %" PRIu64 ",\n  \"stalls\": %"
		PRIu64 ",\n  \"ok\": %s,\n"
		"  \"tsc_hz\": %.0f,\n  \"lcores\": [",
		pp_stats_drops_total(t), r->in_flight,
		pp_stats_identity_holds(t, r->in_flight) ? "true" : "false",
		r->mbufs_total, r->mbufs_avail, r->leaked_mbufs,
		r->bucket_inflight, t->faults, t->stalls,
		pp_stats_report_ok(r) ? "true" : "false", r->tsc_hz);
	for (i = 0; i < r->n_lcores; i++) {
		const struct pp_stats_lcore_report *l = &r->lcores[i];

		fprintf(f, "%s\n    {\"lcore\": %u, \"roles\": \"%s\", ",
			i ? "," : "", l->lcore_id, l->roles);
		pp_json_counters(f, &l->st);
		fprintf(f, ", \"busy_cycles\": %" PRIu64 ", \"loop_cycles\": %"
			PRIu64 ", \"busy_pct\": %.2f, \"worker\": %d, "
			"\"steals\": %" PRIu64 ", \"stolen_from\": %" PRIu64
			", \"buckets_in\": %" PRIu64 ", \"buckets_out\": %"
			PRIu64 ", \"not_owner\": %" PRIu64 ", \"faults\": %"
			PRIu64 ", \"cpu_ns\": %" PRIu64 ", \"cpu_pct\": %.2f"
			", \"idle_sleeps\": %" PRIu64 ", \"breaker_opens\": %"
			PRIu64 ", \"breaker_closes\": %" PRIu64 "}",
			l->st.busy_cycles, l->st.loop_cycles,
			pp_share(l->st.busy_cycles, l->st.loop_cycles),
			l->worker, l->st.steals, l->stolen_from,
			l->st.buckets_in, l->buckets_out, l->st.not_owner,
			l->st.faults, l->st.cpu_ns, pp_cpu_pct(l, r->seconds),
			l->st.idle_sleeps, l->st.breaker_opens,
			l->st.breaker_closes);
	}
	fprintf(f, "\n  ],\n  \"checker\": ");
	if (!r->chk.ran) {
		fprintf(f, "null");
	} else {
		fprintf(f, "{\"packets\": %" PRIu64 ", \"unknown\": %" PRIu64
			", \"reorders\": %" PRIu64 ", \"duplicates\": %" PRIu64
			", \"gaps\": %" PRIu64 ", \"flows\": %u, \"flows_seen\": %u"
			", \"per_flow\": ", r->chk.packets, r->chk.unknown,
			r->chk.reorders, r->chk.duplicates, r->chk.gaps,
			r->chk.flows, r->chk.flows_seen);
		if (r->chk.write_flows != NULL)
			r->chk.write_flows(f, r->chk.flows_arg);
		else
			fprintf(f, "[]");
		fprintf(f, "}");
	}
	pp_lat_ns(r, ns);
	fprintf(f, ",\n  \"latency_ns\": {\"p50\": %.0f, \"p90\": %.0f, "
		"\"p99\": %.0f, \"p999\": %.0f, \"max\": %.0f}", ns[0],
		ns[1], ns[2], ns[3], ns[4]);
	fprintf(f, ",\n  \"generator\": ");
	if (r->gen.ran)
		fprintf(f, "{\"packets\": %" PRIu64 ", \"malformed\": %" PRIu64
			", \"alloc_fail\": %" PRIu64 ", \"missed\": %" PRIu64
			"}", r->gen.packets, r->gen.malformed,
			r->gen.alloc_fail, r->gen.missed);
	else
		fprintf(f, "null");
	fprintf(f, ",\n  \"ports\": [");
	for (i = 0; i < r->n_ports; i++)
		fprintf(f, "%s\n    {\"name\": \"%s\", \"port_id\": %u, "
			"\"ipackets\": %" PRIu64 ", \"opackets\": %" PRIu64
			", \"imissed\": %" PRIu64 ", \"ierrors\": %" PRIu64
			", \"oerrors\": %" PRIu64 ", \"rx_nombuf\": %" PRIu64
			", \"reclaimed\": %" PRIu64 "}",
			i ? "," : "", r->ports[i].name, r->ports[i].port_id,
			r->ports[i].ipackets, r->ports[i].opackets,
			r->ports[i].imissed, r->ports[i].ierrors,
			r->ports[i].oerrors, r->ports[i].rx_nombuf,
			r->ports[i].reclaimed);
	fprintf(f, "%s]", r->n_ports ? "\n  " : "");
	fprintf(f, ",\n  \"police\": ");
	pp_json_police(f, r);
	fprintf(f, "\n}\n");
	if (fflush(f) != 0 || ferror(f))
		return -EIO;
	return 0;
}
