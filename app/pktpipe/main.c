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
};

/* Options are applied in two passes: -f first (the file is the base),
 * then the overrides in the order given. */
static int
pp_parse_args(int argc, char **argv, struct pp_cfg *cfg,
	      struct pp_cfg_err *err)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "duration", required_argument, NULL, 'd' },
		{ "stats-period", required_argument, NULL, 'p' },
		{ "stats-json", required_argument, NULL, 'j' },
		{ "set", required_argument, NULL, 's' },
		{ "dump-config", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *shortopts = "f:d:p:j:s:h";
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
		case 'd': case 'p': case 'j': case 's':
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
			['j'] = "stats_json",
		};

		rc = 0;
		if (opt == 'd' || opt == 'p' || opt == 'j')
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

/* Policing part of the stats line: what each class and tenant
 * transmitted in the period, Mbit/s. */
static int
pp_police_line(char *buf, size_t size, const struct pp_cfg_police *pc,
	       const struct pp_lcore_stats *tot,
	       const struct pp_lcore_stats *prev, double dt)
{
	unsigned int i, row;
	int len = snprintf(buf, size, " | tx Mbit/s");

	for (i = 0; i < pc->n_classes + pc->n_tenants &&
	     len < (int)size; i++) {
		bool cls = i < pc->n_classes;

		row = cls ? i : PP_STATS_POL_CLASSES + i - pc->n_classes;
		len += snprintf(buf + len, size - len, " %s %s %.3f",
				cls ? "class" : "tenant",
				cls ? pc->classes[i].name :
				pc->tenants[i - pc->n_classes].name,
				(double)(tot->pol[row].tx_bytes -
					 prev->pol[row].tx_bytes) * 8 /
				dt / 1e6);
	}
	return len < (int)size ? len : (int)size - 1;
}

/* One line per period: rates, in-flight, drops by reason, policing,
 * busy shares. */
static void
pp_stats_line(struct pp_pipeline *pl, double t, double dt,
	      struct pp_lcore_stats *prev, struct pp_stats_lcore_report *lprev)
{
	static struct pp_cfg_police pc;	/* large */
	struct pp_stats_lcore_report now[PP_STATS_MAX_LCORES];
	struct pp_lcore_stats tot;
	char line[2048];
	unsigned int i, n;
	int len;

	n = pp_pipeline_read_stats(pl, now, PP_STATS_MAX_LCORES, &tot);
	len = snprintf(line, sizeof(line), "[%7.1fs] rx %.3f Mpps tx %.3f "
		       "Mpps in_flight %" PRIu64 " drops", t,
		       (double)(tot.rx - prev->rx) / dt / 1e6,
		       (double)(tot.tx - prev->tx) / dt / 1e6,
		       tot.rx - tot.tx - pp_stats_drops_total(&tot));
	if (pp_stats_drops_total(&tot) == 0)
		len += snprintf(line + len, sizeof(line) - len, " 0");
	for (i = 0; i < PP_DROP_MAX && len < (int)sizeof(line); i++)
		if (tot.drops[i] != 0)
			len += snprintf(line + len, sizeof(line) - len,
					" %s=%" PRIu64, pp_drop_names[i],
					tot.drops[i]);
	if (tot.steals != 0 || tot.buckets_in != 0)
		len += snprintf(line + len, sizeof(line) - len,
				" | steals %" PRIu64 " moves %" PRIu64,
				tot.steals - prev->steals,
				tot.buckets_in - prev->buckets_in);
	if (pp_pipeline_police_cfg(pl, &pc) == 0)
		len += pp_police_line(line + len, sizeof(line) - len, &pc,
				      &tot, prev, dt);
	for (i = 0; i < n && len < (int)sizeof(line); i++) {
		uint64_t loop = now[i].st.loop_cycles - lprev[i].st.loop_cycles;
		uint64_t busy = now[i].st.busy_cycles - lprev[i].st.busy_cycles;

		len += snprintf(line + len, sizeof(line) - len,
				"%s l%u %.0f%%", i == 0 ? " | busy" : "",
				now[i].lcore_id,
				loop ? 100.0 * (double)busy / (double)loop : 0.0);
	}
	printf("%s\n", line);
	fflush(stdout);
	*prev = tot;
	memcpy(lprev, now, sizeof(now[0]) * n);
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
pp_reload(struct pp_pipeline *pl, const char *path, struct pp_loop *lp)
{
	static struct pp_cfg live;	/* large */
	struct pp_cfg_err err = { .msg = "" };

	if (pp_pipeline_reload(pl, path, &err) != 0) {
		fprintf(stderr, "pktpipe: SIGHUP: %s\n", err.msg);
		return;
	}
	/* The live keys of the main loop itself: from the config in force. */
	pp_pipeline_live_cfg(pl, &live);
	pp_loop_of(lp, &live);
	printf("pktpipe: SIGHUP: reloaded %s\n", path);
	fflush(stdout);
}

/* Until a signal, the duration, a drain asked for, or a fault under
 * fail-fast. Returns 1 after a fault (the exit code's cause), else 0. */
static int
pp_run(struct pp_pipeline *pl, const struct pp_cfg *cfg)
{
	struct pp_stats_lcore_report lprev[PP_STATS_MAX_LCORES];
	struct pp_lcore_stats prev;
	struct pp_loop lp;
	uint64_t hz = rte_get_timer_hz();
	uint64_t start = rte_get_timer_cycles(), last = start, now;
	int hups = 0;
	char why[128];

	pp_loop_of(&lp, cfg);
	pp_pipeline_read_stats(pl, lprev, PP_STATS_MAX_LCORES, &prev);
	while (__atomic_load_n(&pp_signals, __ATOMIC_RELAXED) == 0) {
		usleep(10 * 1000);
		now = rte_get_timer_cycles();
		if (__atomic_load_n(&pp_hups, __ATOMIC_RELAXED) != hups) {
			hups = __atomic_load_n(&pp_hups, __ATOMIC_RELAXED);
			pp_reload(pl, cfg->path, &lp);
		}
		pp_pipeline_watchdog(pl, lp.watchdog);
		if (pp_pipeline_fault(pl, why, sizeof(why))) {
			printf("pktpipe: fault on %s; on_fault = fail-fast: "
			       "draining\n", why);
			fflush(stdout);
			return 1;
		}
		if (lp.period != 0 && now - last >= lp.period) {
			pp_stats_line(pl, (double)(now - start) / (double)hz,
				      (double)(now - last) / (double)hz, &prev,
				      lprev);
			last = now;
		}
		if (lp.end != 0 && now - start >= lp.end)
			break;
		if (pp_pipeline_stop_requested(pl)) {
			printf("pktpipe: drain requested\n");
			break;
		}
		if (pp_pipeline_sources_done(pl)) {
			printf("pktpipe: every generator sent its count\n");
			break;
		}
	}
	return 0;
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
	bool clean;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			pp_usage(stdout, argv[0]);
			return PP_EXIT_OK;
		}

	rc = rte_eal_init(argc, argv);
	if (rc < 0) {
		fprintf(stderr, "pktpipe: EAL initialisation failed: %s\n",
			rte_strerror(rte_errno));
		return PP_EXIT_USAGE;
	}
	argc -= rc;
	argv += rc;
	argv[0] = (char *)"pktpipe";
	pp_restrict_control();

	pp_cfg_defaults(&cfg);
	rc = pp_parse_args(argc, argv, &cfg, &err);
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
	pl = pp_pipeline_create(&cfg, &err);
	if (pl == NULL) {
		fprintf(stderr, "pktpipe: %s\n", err.msg);
		rte_eal_cleanup();
		return PP_EXIT_USAGE;
	}

	signal(SIGINT, pp_on_signal);
	signal(SIGTERM, pp_on_signal);
	signal(SIGHUP, pp_on_signal);
	printf("pktpipe: running on %u lcores (%s); Ctrl-C drains, a second "
	       "Ctrl-C stops at once\n", pp_cfg_count_role(&cfg, 0), cfg.path);
	fflush(stdout);

	live = cfg;
	if (pp_pipeline_start(pl) != 0) {
		code = PP_EXIT_FAULT;
		pp_pipeline_stop(pl, 0, NULL);
	} else {
		if (pp_run(pl, &cfg) != 0)
			code = PP_EXIT_FAULT;
		printf("pktpipe: draining\n");
		fflush(stdout);
		/* reloads may have changed these */
		pp_pipeline_live_cfg(pl, &live);
		clean = pp_pipeline_stop(pl, live.drain_timeout,
					 pp_second_signal);
		PP_LOG(INFO, "stop %s", clean ? "drained" : "aborted");
	}

	pp_pipeline_report(pl, &report);
	pp_stats_report_print(stdout, &report);
	if (!pp_stats_report_ok(&report))
		code = PP_EXIT_FAULT;
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
