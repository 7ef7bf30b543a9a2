/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pktpipe: EAL init -> config -> pipeline -> launch -> control loop ->
 * staged shutdown -> summary. This thread is EAL's main lcore and is the
 * control thread: it carries no role, sleeps between stats periods, and is
 * the only RCU writer.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>

#include "pp_cfg.h"
#include "pp_common.h"
#include "pp_ctl.h"
#include "pp_pipeline.h"
#include "pp_pkt.h"
#include "pp_stats.h"

static int pp_signals;	/* SIGINT/SIGTERM received; atomic builtins */
static int pp_hups;	/* SIGHUP received; atomic builtins */

static void
pp_on_signal(int sig)
{
	if (sig == SIGHUP)
		__atomic_fetch_add(&pp_hups, 1, __ATOMIC_RELAXED);
	else
		__atomic_fetch_add(&pp_signals, 1, __ATOMIC_RELAXED);
}

static bool
pp_second_signal(void)
{
	return __atomic_load_n(&pp_signals, __ATOMIC_RELAXED) >= 2;
}

static void
pp_usage(FILE *f, const char *prog)
{
	fprintf(f,
"Usage: %s [EAL options] -- -f FILE [options]\n"
"\n"
"A DPDK packet pipeline: RX lcores spread flows over workers, workers parse,\n"
"rewrite MACs and pick the output port, TX lcores transmit. Every packet is\n"
"accounted for: rx = tx + drops + in_flight.\n"
"\n"
"EAL options are DPDK's (see dpdk-testpmd --help), e.g.\n"
"  -l 0-2 | --lcores 0@0,1@0,2@1   lcores; the main (first) lcore runs the\n"
"                                  control thread and takes no role\n"
"  --no-huge -m 512                run without hugepages\n"
"  --vdev net_null0 | -a 0000:01:00.0   devices\n"
"  --file-prefix NAME              one per DPDK process on a host\n"
"\n"
"Options:\n"
"  -f, --config FILE      INI configuration (required); keys below\n"
"  -d, --duration S       run S seconds, then drain ([pipeline] duration)\n"
"  -p, --stats-period S   live stats line every S s, 0 = none\n"
"                         ([pipeline] stats_period)\n"
"  -j, --stats-json FILE  write the final summary as JSON\n"
"                         ([pipeline] stats_json)\n"
"      --stats-jsonl FILE one JSON object per stats period (JSON lines),\n"
"                         the last one up to the stop\n"
"                         ([pipeline] stats_jsonl)\n"
"  -q, --quiet            nothing on stdout: no live line, no summary\n"
"                         (errors still on stderr, files still written;\n"
"                         a failed run's summary goes to stderr)\n"
"  -s, --set SECTION.KEY=VALUE\n"
"                         override any key, e.g. --set gen.g0.rate=1M\n"
"      --dump-config      print the effective configuration and exit\n"
"  -h, --help             this text\n"
"\n"
"Stop: SIGINT or SIGTERM drains (RX stops, rings empty, TX flushes);\n"
"a second signal stops at once. SIGHUP re-reads FILE (keys marked\n"
"reloadable below; the rest needs a restart). While it runs, control it\n"
"through DPDK's telemetry socket: scripts/pktpipe-ctl, dpdk-telemetry.py.\n"
"Exit codes: 0 success, 1 runtime fault (broken identity, leaked mbufs,\n"
"launch failure, a fault under on_fault = fail-fast), 2 usage or\n"
"configuration error.\n"
"\n", prog);
	pp_cfg_help(f);
}

/* --set SECTION.KEY=VALUE: the key is after the last '.' of the left side. */
static int
pp_apply_set(struct pp_cfg *cfg, const char *arg, struct pp_cfg_err *err)
{
	char buf[PP_CFG_PATH_LEN + 64];
	char *eq, *dot;

	if (snprintf(buf, sizeof(buf), "%s", arg) >= (int)sizeof(buf)) {
		PP_SNPRINTF(err->msg, "command line: --set %s: too long", arg);
		return -EINVAL;
	}
	eq = strchr(buf, '=');
	if (eq == NULL) {
		PP_SNPRINTF(err->msg, "command line: --set %s: expected "
			    "SECTION.KEY=VALUE", arg);
		return -EINVAL;
	}
	*eq = '\0';
	dot = strrchr(buf, '.');
	if (dot == NULL || dot == buf || dot[1] == '\0') {
		PP_SNPRINTF(err->msg, "command line: --set %s: expected "
			    "SECTION.KEY=VALUE", arg);
		return -EINVAL;
	}
	*dot = '\0';
	return pp_cfg_override(cfg, buf, dot + 1, eq + 1, err);
}

struct pp_opts {
	const char *config;
	bool dump;
	bool quiet;
};

/* Options are applied in two passes: -f first (the file is the base),
 * then the overrides in the order given. */
static int
pp_parse_args(int argc, char **argv, struct pp_cfg *cfg, bool *quiet,
	      struct pp_cfg_err *err)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "duration", required_argument, NULL, 'd' },
		{ "stats-period", required_argument, NULL, 'p' },
		{ "stats-json", required_argument, NULL, 'j' },
		{ "stats-jsonl", required_argument, NULL, 'J' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "set", required_argument, NULL, 's' },
		{ "dump-config", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *shortopts = "f:d:p:j:qs:h";
	struct pp_opts o = { 0 };
	int opt, rc;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			o.config = optarg;
			break;
		case 'D':
			o.dump = true;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'd': case 'p': case 'j': case 'J': case 's':
			break;
		default:
			PP_SNPRINTF(err->msg, "command line: unknown option or "
				    "missing value: '%s' (see --help)",
				    argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		PP_SNPRINTF(err->msg, "command line: unexpected argument '%s' "
			    "(see --help)", argv[optind]);
		return -EINVAL;
	}
	if (o.config == NULL) {
		PP_SNPRINTF(err->msg, "command line: -f FILE is required "
			    "(see --help)");
		return -EINVAL;
	}
	rc = pp_cfg_load(cfg, o.config, err);
	if (rc != 0)
		return rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		static const char *const key[] = {
			['d'] = "duration", ['p'] = "stats_period",
			['j'] = "stats_json", ['J'] = "stats_jsonl",
		};

		rc = 0;
		if (opt == 'd' || opt == 'p' || opt == 'j' || opt == 'J')
			rc = pp_cfg_override(cfg, "pipeline", key[opt],
					     optarg, err);
		else if (opt == 's')
			rc = pp_apply_set(cfg, optarg, err);
		if (rc != 0)
			return rc;
	}
	rc = pp_cfg_finalize(cfg, err);
	if (rc != 0)
		return rc;
	*quiet = o.quiet;
	return o.dump ? 1 : 0;
}

/* DPDK's telemetry socket carries pktpipe's control commands (cancel,
 * set, reload, drain): reachable by its owner only, like the rest of the
 * runtime directory. */
static void
pp_restrict_control(void)
{
	const char *dir = rte_eal_get_runtime_dir();
	char path[PATH_MAX];

	if (chmod(dir, 0700) != 0)
		PP_LOG(WARNING, "chmod %s: %s", dir, strerror(errno));
	snprintf(path, sizeof(path), "%s/dpdk_telemetry.v2", dir);
	if (chmod(path, 0600) != 0 && errno != ENOENT)
		PP_LOG(WARNING, "chmod %s: %s", path, strerror(errno));
}

static bool
pp_lcore_enabled(unsigned int lcore_id)
{
	return rte_lcore_is_enabled(lcore_id);
}

/*
 * Live stats, control thread only: every stats period one line on stdout
 * (unless --quiet) and one JSON object in the stats_jsonl file; at the
 * stop one last JSON object from the final report, so that the periods'
 * counts add up to the summary's totals exactly. Everything is a period
 * delta except in_flight (packets in the pipeline at the period's end).
 */
struct pp_live {
	bool quiet;
	FILE *jsonl;		/* NULL = none */
	uint64_t start;		/* timer cycles at launch */
	double t;		/* end of the last period, s since start */
	struct pp_lcore_stats prev;
	struct pp_stats_lcore_report lprev[PP_STATS_MAX_LCORES];
	unsigned int n_lprev;
	/* the lcores' latency histograms merged at the last period's end,
	 * and the period's delta: the lcores only record, never allocate */
	struct pp_lat_hist lat_prev;
	struct pp_lat_hist lat;
};

static struct pp_live pp_live;		/* large: not on the stack */

/* One period, as both outputs show it. */
struct pp_period {
	double t, dt;
	bool final;
	const struct pp_lcore_stats *d;		/* deltas */
	uint64_t in_flight;
	const struct pp_lat_hist *lat;		/* the period's */
	const struct pp_stats_lcore_report *now;	/* n lcores */
	const struct pp_stats_lcore_report *prev;
	unsigned int n;
	const struct pp_cfg_police *pc;		/* NULL: policing off */
	double tsc_hz;
};

static double
pp_period_busy(const struct pp_period *p, unsigned int i)
{
	uint64_t loop = p->now[i].st.loop_cycles - p->prev[i].st.loop_cycles;
	uint64_t busy = p->now[i].st.busy_cycles - p->prev[i].st.busy_cycles;

	return loop ? 100.0 * (double)busy / (double)loop : 0.0;
}

static double
pp_period_rate(const struct pp_period *p, uint64_t n)
{
	return p->dt > 0 ? (double)n / p->dt : 0.0;
}

/* The busiest lcore with the worker role in the period; -1 if none. */
static int
pp_period_busiest(const struct pp_period *p)
{
	unsigned int i;
	int best = -1;

	for (i = 0; i < p->n; i++)
		if (p->now[i].worker >= 0 &&
		    (best < 0 || pp_period_busy(p, i) >
		     pp_period_busy(p, (unsigned int)best)))
			best = (int)i;
	return best;
}

static const char *
pp_police_name(const struct pp_cfg_police *pc, unsigned int i, bool *cls)
{
	*cls = i < pc->n_classes;
	return *cls ? pc->classes[i].name : pc->tenants[i - pc->n_classes].name;
}

static unsigned int
pp_police_row(const struct pp_cfg_police *pc, unsigned int i)
{
	return i < pc->n_classes ? i : PP_STATS_POL_CLASSES + i - pc->n_classes;
}

/* The line:
 * [   1.0s] rx 2.000 Mpps tx 2.000 Mpps in_flight 3 drops malformed=2001
 *   | p99 41.2us | busiest worker l2 28% [| steals S moves M]
 *   (p99 of the packets sent in the period, in ms from 1 ms on; "-" if
 *   none was sent)
 *   [| tx Mbit/s class NAME R ... tenant NAME R ...] */
static void
pp_period_print(FILE *f, const struct pp_period *p)
{
	char line[2048];
	size_t size = sizeof(line);
	unsigned int i;
	double us;
	int len, w;

#define PP_CAT(...) do { \
		if (len < (int)size) \
			len += snprintf(line + len, size - len, __VA_ARGS__); \
	} while (0)
	len = snprintf(line, size, "[%7.1fs] rx %.3f Mpps tx %.3f Mpps "
		       "in_flight %" PRIu64 " drops", p->t,
		       pp_period_rate(p, p->d->rx) / 1e6,
		       pp_period_rate(p, p->d->tx) / 1e6, p->in_flight);
	if (pp_stats_drops_total(p->d) == 0)
		PP_CAT(" 0");
	for (i = 0; i < PP_DROP_MAX; i++)
		if (p->d->drops[i] != 0)
			PP_CAT(" %s=%" PRIu64, pp_drop_names[i],
			       p->d->drops[i]);
	us = (double)pp_lat_quantile(p->lat, 0.99) * 1e6 / p->tsc_hz;
	if (p->d->tx == 0)
		PP_CAT(" | p99 -");
	else if (us < 1000)
		PP_CAT(" | p99 %.1fus", us);
	else
		PP_CAT(" | p99 %.2fms", us / 1000);
	w = pp_period_busiest(p);
	if (w >= 0)
		PP_CAT(" | busiest worker l%u %.0f%%", p->now[w].lcore_id,
		       pp_period_busy(p, (unsigned int)w));
	if (p->d->steals != 0 || p->d->buckets_in != 0)
		PP_CAT(" | steals %" PRIu64 " moves %" PRIu64, p->d->steals,
		       p->d->buckets_in);
	for (i = 0; p->pc != NULL &&
	     i < p->pc->n_classes + p->pc->n_tenants; i++) {
		bool cls;
		const char *name = pp_police_name(p->pc, i, &cls);

		PP_CAT("%s %s %s %.3f", i == 0 ? " | tx Mbit/s" : "",
		       cls ? "class" : "tenant", name,
		       pp_period_rate(p, p->d->pol[pp_police_row(p->pc, i)]
				      .tx_bytes) * 8 / 1e6);
	}
#undef PP_CAT
	fprintf(f, "%s\n", line);
	fflush(f);
}

/* One JSON object on one line; schema in README ("Live stats"). */
static void
pp_period_json(FILE *f, const struct pp_period *p)
{
	double ns[PP_LAT_FIGURES];
	unsigned int i;
	int w = pp_period_busiest(p);

	fprintf(f, "{\"t\": %.6f, \"dt\": %.6f, \"final\": %s, \"rx\": %" PRIu64
		", \"tx\": %" PRIu64 ", \"rx_pps\": %.0f, \"tx_pps\": %.0f"
		", \"drops\": {", p->t, p->dt, p->final ? "true" : "false",
		p->d->rx, p->d->tx, pp_period_rate(p, p->d->rx),
		pp_period_rate(p, p->d->tx));
	for (i = 0; i < PP_DROP_MAX; i++)
		fprintf(f, "%s\"%s\": %" PRIu64, i ? ", " : "",
			pp_drop_names[i], p->d->drops[i]);
	pp_lat_figures_ns(p->lat, p->tsc_hz, ns);
	fprintf(f, "}, \"in_flight\": %" PRIu64 ", \"latency_ns\": {\"p50\": "
		"%.0f, \"p90\": %.0f, \"p99\": %.0f, \"p999\": %.0f, \"max\": "
		"%.0f}, \"steals\": %" PRIu64 ", \"moves\": %" PRIu64
		", \"busiest_worker\": ", p->in_flight, ns[0], ns[1], ns[2],
		ns[3], ns[4], p->d->steals, p->d->buckets_in);
	if (w >= 0)
		fprintf(f, "{\"lcore\": %u, \"busy_pct\": %.2f}",
			p->now[w].lcore_id, pp_period_busy(p, (unsigned int)w));
	else
		fprintf(f, "null");
	fprintf(f, ", \"lcores\": [");
	for (i = 0; i < p->n; i++)
		fprintf(f, "%s{\"lcore\": %u, \"roles\": \"%s\", \"busy_pct\": "
			"%.2f}", i ? ", " : "", p->now[i].lcore_id,
			p->now[i].roles, pp_period_busy(p, i));
	fprintf(f, "], \"police\": ");
	if (p->pc == NULL) {
		fprintf(f, "null");
	} else {
		fprintf(f, "{\"classes\": [");
		for (i = 0; i < p->pc->n_classes + p->pc->n_tenants; i++) {
			bool cls;
			const char *name = pp_police_name(p->pc, i, &cls);
			const struct pp_police_ctr *c =
				&p->d->pol[pp_police_row(p->pc, i)];

			fprintf(f, "%s{\"name\": \"%s\", \"tx_pkts\": %" PRIu64
				", \"tx_bps\": %.0f}",
				i == p->pc->n_classes ? "], \"tenants\": [" :
				i ? ", " : "", name, c->tx,
				pp_period_rate(p, c->tx_bytes) * 8);
		}
		if (p->pc->n_tenants == 0)
			fprintf(f, "], \"tenants\": [");
		fprintf(f, "]}");
	}
	fprintf(f, "}\n");
	fflush(f);
}

/* What the operator is told on stdout; nothing with --quiet. */
static void __rte_format_printf(1, 2)
pp_info(const char *fmt, ...)
{
	va_list ap;

	if (pp_live.quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/* Open the JSON lines file (before anything starts: a path that cannot be
 * written is a configuration error) and take the first reading. */
static int
pp_live_open(struct pp_live *lv, const struct pp_cfg *cfg, bool quiet)
{
	lv->quiet = quiet;
	lv->jsonl = NULL;
	if (cfg->stats_jsonl[0] == '\0')
		return 0;
	lv->jsonl = fopen(cfg->stats_jsonl, "w");
	if (lv->jsonl == NULL) {
		fprintf(stderr, "pktpipe: %s: [pipeline] stats_jsonl: cannot "
			"open %s: %s\n", cfg->path, cfg->stats_jsonl,
			strerror(errno));
		return -errno;
	}
	return 0;
}

/* At launch: the counters periods are measured from. */
static void
pp_live_start(struct pp_live *lv, struct pp_pipeline *pl)
{
	lv->start = rte_get_timer_cycles();
	lv->t = 0;
	lv->n_lprev = pp_pipeline_read_stats(pl, lv->lprev,
					     PP_STATS_MAX_LCORES, &lv->prev);
	pp_pipeline_read_latency(pl, &lv->lat_prev);
}

/* Show and record the period from the last reading to now (live), or to
 * the final report r (after the stop), then make now the last reading. */
static void
pp_live_period(struct pp_live *lv, struct pp_pipeline *pl,
	       const struct pp_stats_report *r)
{
	static struct pp_stats_lcore_report now[PP_STATS_MAX_LCORES];
	static struct pp_cfg_police pc;		/* large */
	static struct pp_lat_hist cum;
	struct pp_lcore_stats tot, d;
	struct pp_period p = { .final = r != NULL };
	double hz = (double)rte_get_timer_hz();

	if (r == NULL) {
		p.n = pp_pipeline_read_stats(pl, now, PP_STATS_MAX_LCORES,
					     &tot);
		pp_pipeline_read_latency(pl, &cum);
		p.t = (double)(rte_get_timer_cycles() - lv->start) / hz;
		p.in_flight = tot.rx - tot.tx - pp_stats_drops_total(&tot);
	} else {
		p.n = r->n_lcores;
		memcpy(now, r->lcores, sizeof(now[0]) * p.n);
		tot = r->total;
		cum = r->latency;
		p.t = r->seconds > lv->t ? r->seconds : lv->t;
		p.in_flight = r->in_flight;
	}
	/* the set of lcores is fixed at start; keep the pairs aligned */
	if (p.n != lv->n_lprev)
		p.n = RTE_MIN(p.n, lv->n_lprev);
	pp_stats_delta(&d, &tot, &lv->prev);
	pp_lat_delta(&lv->lat, &cum, &lv->lat_prev);
	p.dt = p.t - lv->t;
	p.d = &d;
	p.lat = &lv->lat;
	p.now = now;
	p.prev = lv->lprev;
	p.tsc_hz = (double)rte_get_tsc_hz();
	p.pc = pp_pipeline_police_cfg(pl, &pc) == 0 ? &pc : NULL;

	if (!lv->quiet && r == NULL)
		pp_period_print(stdout, &p);
	if (lv->jsonl != NULL)
		pp_period_json(lv->jsonl, &p);

	lv->t = p.t;
	lv->prev = tot;
	memcpy(lv->lprev, now, sizeof(now[0]) * p.n);
	lv->n_lprev = p.n;
	lv->lat_prev = cum;
}

/* Close the JSON lines file; -EIO if anything failed to be written. */
static int
pp_live_close(struct pp_live *lv, const struct pp_cfg *cfg)
{
	int bad;

	if (lv->jsonl == NULL)
		return 0;
	bad = ferror(lv->jsonl);
	if (fclose(lv->jsonl) != 0 || bad) {
		fprintf(stderr, "pktpipe: cannot write %s: %s\n",
			cfg->stats_jsonl, strerror(bad ? EIO : errno));
		lv->jsonl = NULL;
		return -EIO;
	}
	lv->jsonl = NULL;
	return 0;
}

/* The main loop's own settings; a reload may change them. */
struct pp_loop {
	uint64_t period;	/* stats line, timer cycles; 0 = none */
	uint64_t end;		/* run length, timer cycles; 0 = until stopped */
	double watchdog;	/* seconds */
};

static void
pp_loop_of(struct pp_loop *lp, const struct pp_cfg *cfg)
{
	double hz = (double)rte_get_timer_hz();

	lp->period = (uint64_t)(cfg->stats_period * hz);
	lp->end = (uint64_t)(cfg->duration * hz);
	lp->watchdog = cfg->watchdog;
}

/* SIGHUP: the reload action, as the control command does it. */
static void
pp_reload(struct pp_pipeline *pl, const char *path)
{
	struct pp_cfg_err err = { .msg = "" };
	int rc = pp_pipeline_reload(pl, path, &err);

	if (rc == 0)
		pp_info("pktpipe: SIGHUP: reloaded %s\n", path);
	else	/* -ETIMEDOUT: applied, but says why it may lag */
		fprintf(stderr, "pktpipe: SIGHUP: %s\n", err.msg);
}

/* The main loop's own live keys (duration, stats_period, watchdog), from
 * the config in force whenever a new snapshot was published: a reload
 * or a set, from SIGHUP or the control socket alike. */
static void
pp_loop_refresh(struct pp_pipeline *pl, struct pp_loop *lp,
		uint64_t *version)
{
	static struct pp_cfg live;	/* large */
	uint64_t v = pp_ctl_version();

	if (v == *version)
		return;
	*version = v;
	pp_pipeline_live_cfg(pl, &live);
	pp_loop_of(lp, &live);
}

/* Until a signal, the duration, a drain asked for, or a fault under
 * fail-fast. Returns 1 after a fault (the exit code's cause), else 0. */
static int
pp_run(struct pp_pipeline *pl, const struct pp_cfg *cfg)
{
	struct pp_loop lp;
	uint64_t start = rte_get_timer_cycles(), last = start, now;
	uint64_t version = 0;
	int hups = 0;
	char why[128];

	pp_loop_of(&lp, cfg);
	while (__atomic_load_n(&pp_signals, __ATOMIC_RELAXED) == 0) {
		usleep(10 * 1000);
		now = rte_get_timer_cycles();
		if (__atomic_load_n(&pp_hups, __ATOMIC_RELAXED) != hups) {
			hups = __atomic_load_n(&pp_hups, __ATOMIC_RELAXED);
			pp_reload(pl, cfg->path);
		}
		pp_loop_refresh(pl, &lp, &version);
		pp_pipeline_watchdog(pl, lp.watchdog);
		if (pp_pipeline_fault(pl, why, sizeof(why))) {
			/* the exit code's cause: said even with --quiet */
			fprintf(pp_live.quiet ? stderr : stdout, "pktpipe: "
				"fault on %s; on_fault = fail-fast: draining\n",
				why);
			fflush(stdout);
			return 1;
		}
		if (lp.period != 0 && now - last >= lp.period) {
			pp_live_period(&pp_live, pl, NULL);
			last = now;
		}
		if (lp.end != 0 && now - start >= lp.end)
			break;
		if (pp_pipeline_stop_requested(pl)) {
			pp_info("pktpipe: drain requested\n");
			break;
		}
		if (pp_pipeline_sources_done(pl)) {
			pp_info("pktpipe: every generator sent its count\n");
			break;
		}
	}
	return 0;
}

/* What EAL's errno usually means at start-up (EAL's own lines above it
 * say more): the first errors on a new machine. */
static const char *
pp_eal_hint(int e)
{
	switch (e) {
	case EACCES:	/* "Cannot get hugepage information" */
		return " (no usable hugepages: reserve and mount them with "
			"scripts/setup-hugepages.sh, or run with --no-huge "
			"-m 512; see README, Troubleshooting)";
	case ENOMEM:	/* "Cannot init memory" */
		return " (not enough hugepage memory for -m/--socket-mem: "
			"reserve more with scripts/setup-hugepages.sh PAGES, "
			"or ask for less)";
	case EINVAL:
		return " (a bad EAL option, e.g. an lcore this machine does "
			"not have: EAL's usage above; pktpipe's options go "
			"after --)";
	default:
		return "";
	}
}

/* A pool that ran dry shows as allocation failures, not as an error:
 * say so once, after the run (stderr: --quiet too). */
static void
pp_warn_mbufs(const struct pp_stats_report *r)
{
	uint64_t nombuf = 0;
	unsigned int i;

	for (i = 0; i < r->n_ports; i++)
		nombuf += r->ports[i].rx_nombuf;
	if (nombuf == 0 && r->gen.alloc_fail == 0)
		return;
	fprintf(stderr, "pktpipe: warning: the mempool ran dry (%" PRIu64
		" port rx_nombuf, %" PRIu64 " generator allocation failures): "
		"[pipeline] mbufs is too small for the queues, rings and "
		"caches (0 = computed), or there is too little memory (-m, "
		"hugepages)\n", nombuf, r->gen.alloc_fail);
}

int
main(int argc, char **argv)
{
	static struct pp_cfg cfg;	/* large: not on the stack */
	static struct pp_cfg live;	/* the config in force at the end */
	static struct pp_stats_report report;
	struct pp_cfg_err err = { .msg = "" };
	struct pp_pipeline *pl;
	int i, rc, code = PP_EXIT_OK;
	bool clean, quiet = false;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			pp_usage(stdout, argv[0]);
			return PP_EXIT_OK;
		}

	/* From the start: a stop asked for while EAL or the pipeline comes
	 * up is honoured once it runs (it drains at once), not a kill. */
	signal(SIGINT, pp_on_signal);
	signal(SIGTERM, pp_on_signal);
	signal(SIGHUP, pp_on_signal);
	rc = rte_eal_init(argc, argv);
	if (rc < 0) {
		fprintf(stderr, "pktpipe: EAL initialisation failed: %s%s\n",
			rte_strerror(rte_errno), pp_eal_hint(rte_errno));
		return PP_EXIT_USAGE;
	}
	argc -= rc;
	argv += rc;
	argv[0] = (char *)"pktpipe";
	pp_restrict_control();

	pp_cfg_defaults(&cfg);
	rc = pp_parse_args(argc, argv, &cfg, &quiet, &err);
	if (rc == 0)
		rc = pp_cfg_check_lcores(&cfg, pp_lcore_enabled,
					 rte_get_main_lcore(), &err);
	if (rc < 0) {
		fprintf(stderr, "pktpipe: %s\n", err.msg);
		rte_eal_cleanup();
		return PP_EXIT_USAGE;
	}
	for (i = 0; i < (int)cfg.n_warnings; i++)
		fprintf(stderr, "pktpipe: warning: %s\n", cfg.warnings[i]);
	if (rc == 1) {
		pp_cfg_dump(stdout, &cfg);
		rte_eal_cleanup();
		return PP_EXIT_OK;
	}

	rc = pp_pkt_meta_register();
	if (rc != 0) {
		fprintf(stderr, "pktpipe: cannot register the mbuf metadata "
			"field: %s\n", strerror(-rc));
		rte_eal_cleanup();
		return PP_EXIT_FAULT;
	}
	if (pp_live_open(&pp_live, &cfg, quiet) != 0) {
		rte_eal_cleanup();
		return PP_EXIT_USAGE;
	}
	pl = pp_pipeline_create(&cfg, &err);
	if (pl == NULL) {
		fprintf(stderr, "pktpipe: %s\n", err.msg);
		pp_live_close(&pp_live, &cfg);
		rte_eal_cleanup();
		return PP_EXIT_USAGE;
	}

	pp_info("pktpipe: running on %u lcores (%s); Ctrl-C drains, a second "
		"Ctrl-C stops at once\n", pp_cfg_count_role(&cfg, 0), cfg.path);

	live = cfg;
	pp_live_start(&pp_live, pl);	/* before launch: from zero */
	if (pp_pipeline_start(pl) != 0) {
		code = PP_EXIT_FAULT;
		pp_pipeline_stop(pl, 0, NULL);
	} else {
		if (pp_run(pl, &cfg) != 0)
			code = PP_EXIT_FAULT;
		pp_info("pktpipe: draining\n");
		/* reloads may have changed these */
		pp_pipeline_live_cfg(pl, &live);
		clean = pp_pipeline_stop(pl, live.drain_timeout,
					 pp_second_signal);
		PP_LOG(INFO, "stop %s", clean ? "drained" : "aborted");
	}

	pp_pipeline_report(pl, &report);
	pp_warn_mbufs(&report);
	pp_live_period(&pp_live, pl, &report);	/* the last JSON line */
	if (pp_live_close(&pp_live, &cfg) != 0)
		code = PP_EXIT_FAULT;
	if (!pp_stats_report_ok(&report))
		code = PP_EXIT_FAULT;
	if (!quiet)
		pp_stats_report_print(stdout, &report);
	else if (code != PP_EXIT_OK)	/* why it failed, on stderr */
		pp_stats_report_print(stderr, &report);
	if (live.stats_json[0] != '\0') {
		FILE *f = fopen(live.stats_json, "w");

		if (f == NULL || pp_stats_report_json(f, &report) != 0) {
			fprintf(stderr, "pktpipe: cannot write %s: %s\n",
				live.stats_json, strerror(errno));
			code = PP_EXIT_FAULT;
		}
		if (f != NULL)
			fclose(f);
	}
	pp_pipeline_free(pl);
	rte_eal_cleanup();
	return code;
}
