/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests of the cfg module: INI text written to temporary files, then
 * pp_cfg_load() + pp_cfg_finalize(). Negative cases first; each one checks
 * the return code and that the message names the file, the [section], the
 * key and the reason.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pp_cfg.h"
#include "pp_test.h"

/* Big structs: keep them off the stack. */
static struct pp_cfg cfg;
static struct pp_cfg cfg2;
static struct pp_cfg_err err;
static char path[64];

/* Minimal parts that make a config valid. */
#define LCORE_RTC	"[lcore.1]\nroles = rtc\n"
#define GEN_OK		"[gen.g0]\nfwd = checker\n"

static void
write_ini(char *out, const char *text)
{
	size_t n = strlen(text);
	int fd;

	strcpy(out, "/tmp/test_cfg_XXXXXX.ini");
	fd = mkstemps(out, 4);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, text, n) == (ssize_t)n);
	close(fd);
}

/* Defaults, load text from a temp file (kept in `path`), finalize. */
static int
load_text(struct pp_cfg *c, const char *text)
{
	int rc;

	memset(&err, 0, sizeof(err));
	pp_cfg_defaults(c);
	write_ini(path, text);
	rc = pp_cfg_load(c, path, &err);
	if (rc == 0)
		rc = pp_cfg_finalize(c, &err);
	unlink(path);
	return rc;
}

/*
 * err.msg must be "ORIGIN: [SECTION] KEY: ..." (or "ORIGIN: [SECTION]: ..."
 * when key is NULL) and contain reason.
 */
static void
check_msg(const char *origin, const char *section, const char *key,
	  const char *reason)
{
	char prefix[256];
	bool ok;

	if (key != NULL)
		snprintf(prefix, sizeof(prefix), "%s: [%s] %s: ", origin,
			 section, key);
	else
		snprintf(prefix, sizeof(prefix), "%s: [%s]: ", origin,
			 section);
	ok = strncmp(err.msg, prefix, strlen(prefix)) == 0 &&
		strstr(err.msg + strlen(prefix), reason) != NULL;
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  got:  %s\n  want: %s...%s\n", err.msg,
			prefix, reason);
}

static void
expect_err(const char *text, int want_rc, const char *section,
	   const char *key, const char *reason)
{
	int rc = load_text(&cfg, text);

	CU_ASSERT_EQUAL(rc, want_rc);
	if (rc != want_rc)
		fprintf(stderr, "\n  rc %d, want %d (%s)\n", rc, want_rc,
			err.msg);
	check_msg(path, section, key, reason);
}

/* ------------------------------------------------------------------ */
/* Negative cases                                                      */

static void
test_unreadable_file(void)
{
	const char *p = "/tmp/test_cfg_does_not_exist.ini";
	int rc;

	pp_cfg_defaults(&cfg);
	rc = pp_cfg_load(&cfg, p, &err);
	CU_ASSERT_EQUAL(rc, -ENOENT);
	CU_ASSERT(strncmp(err.msg, p, strlen(p)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, strerror(ENOENT)));

	/* A directory opens, but cannot be read. */
	rc = pp_cfg_load(&cfg, "/tmp", &err);
	CU_ASSERT_EQUAL(rc, -ENOENT);
	CU_ASSERT(strncmp(err.msg, "/tmp: cannot read: ", 19) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, strerror(EISDIR)));
}

static void
test_syntax_errors(void)
{
	CU_ASSERT_EQUAL(load_text(&cfg, "[pipeline]\nburst 32\n"), -EINVAL);
	CU_ASSERT(strncmp(err.msg, path, strlen(path)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 2:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "neither [SECTION] nor"));

	CU_ASSERT_EQUAL(load_text(&cfg, "burst = 32\n[pipeline]\n"), -EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 1: burst = 32 comes "
				      "before any [section]"));

	CU_ASSERT_EQUAL(load_text(&cfg, "[pipeline]\nstats_json =\n"),
			-EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 2: stats_json has no "
				      "value"));

	CU_ASSERT_EQUAL(load_text(&cfg, "; c\n[pipeline\n"), -EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "line 2: '[' without ']'"));
}

static void
test_unknown_section(void)
{
	expect_err("[pipline]\nburst = 32\n", -EINVAL, "pipline", NULL,
		   "unknown section (expected pipeline, lcore.N, port.NAME, "
		   "gen.NAME, police, class.NAME, tenant.NAME, rule.N)");
	expect_err("[policy]\nmax_flows = 8\n", -EINVAL, "policy", NULL,
		   "unknown section");
	expect_err("[classes.gold]\nmeter = none\n", -EINVAL,
		   "classes.gold", NULL, "unknown section");
	expect_err(LCORE_RTC GEN_OK "[ports.p0]\ndev = net_null0\n", -EINVAL,
		   "ports.p0", NULL, "unknown section");
}

static void
test_unknown_key(void)
{
	expect_err("[pipeline]\nbrust = 3\n", -EINVAL, "pipeline", "brust",
		   "unknown key (valid: burst, buckets, worker_ring_size, "
		   "tx_ring_size, mbufs, mbuf_cache, tx_retries, duration, "
		   "stats_period, drain_timeout, schedule, steal, "
		   "steal_min_backlog, bucket_moves, stats_json, stats_jsonl, "
		   "deadline, on_fault, overflow, max_in_flight, "
		   "breaker_after, breaker_backoff, idle, idle_polls, "
		   "idle_sleep_max, watchdog, metrics)");
	expect_err("[port.p0]\ndev = net_null0\nspeed = 10\n", -EINVAL,
		   "port.p0", "speed",
		   "unknown key (valid: dev, rx_queues, rxd, txd, rss, "
		   "promisc, peer_mac, fwd)");
	expect_err("[lcore.2]\nrole = rx\n", -EINVAL, "lcore.2", "role",
		   "unknown key (valid: roles, rx)");
	expect_err("[gen.g]\nfwd = checker\nsize = 64\n", -EINVAL, "gen.g",
		   "size", "unknown key (valid: queues, flows, pkt_len, ip, ");
	expect_err("[police]\nflows = 8\n", -EINVAL, "police", "flows",
		   "unknown key (valid: max_flows, flow_idle, default_class, "
		   "default_tenant)");
	expect_err("[class.gold]\ncbr = 1M\n", -EINVAL, "class.gold", "cbr",
		   "unknown key (valid: meter, cir, cbs, ebs, pir, pbs, eir, "
		   "green, yellow, red, rate, burst, unit, deadline)");
	expect_err("[tenant.a]\nmeter = srtcm\n", -EINVAL, "tenant.a",
		   "meter", "unknown key (valid: rate, burst, unit)");
	expect_err("[rule.1]\nsport = 80\n", -EINVAL, "rule.1", "sport",
		   "unknown key (valid: vlan, src, dst, proto, dport, dscp, "
		   "class, tenant)");
}

static void
test_out_of_range(void)
{
	expect_err("[pipeline]\nburst = 0\n", -EINVAL, "pipeline", "burst",
		   "0 is out of range (1..256)");
	expect_err("[pipeline]\nburst = 257\n", -EINVAL, "pipeline", "burst",
		   "257 is out of range (1..256)");
	expect_err("[pipeline]\nburst = -1\n", -EINVAL, "pipeline", "burst",
		   "-1 is out of range (1..256)");
	expect_err("[pipeline]\nburst = 99999999999999999999999\n", -EINVAL,
		   "pipeline", "burst", "is out of range (1..256)");
	expect_err("[pipeline]\nmbufs = 100\n", -EINVAL, "pipeline", "mbufs",
		   "100 is out of range (0 or 1024..16777216)");
	expect_err("[pipeline]\nmbuf_cache = 513\n", -EINVAL, "pipeline",
		   "mbuf_cache", "513 is out of range (0..512)");
	expect_err("[pipeline]\nworker_ring_size = 32\n", -EINVAL, "pipeline",
		   "worker_ring_size", "32 is out of range (64..1048576)");
	expect_err("[pipeline]\nduration = -1\n", -EINVAL, "pipeline",
		   "duration", "-1 is out of range (0..1e6)");
	expect_err("[pipeline]\ndrain_timeout = 0.05\n", -EINVAL, "pipeline",
		   "drain_timeout", "0.05 is out of range (0.1..600)");
	expect_err("[pipeline]\nstats_period = 1e400\n", -EINVAL, "pipeline",
		   "stats_period", "1e400 is out of range (0..3600)");
	expect_err("[port.p0]\ndev = x\nrx_queues = 17\n", -EINVAL, "port.p0",
		   "rx_queues", "17 is out of range (1..16)");
	expect_err("[port.p0]\ndev = x\nrxd = 63\n", -EINVAL, "port.p0",
		   "rxd", "63 is out of range (64..32768)");
	expect_err("[gen.g0]\nvlan = 4095\n", -EINVAL, "gen.g0", "vlan",
		   "4095 is out of range (0..4094)");
	expect_err("[gen.g0]\npkt_len = 59\n", -EINVAL, "gen.g0", "pkt_len",
		   "59 is out of range (60..9000 or imix)");
	expect_err("[gen.g0]\nzipf_s = 0\n", -EINVAL, "gen.g0", "zipf_s",
		   "0 is out of range (0.01..10)");
	expect_err("[gen.g0]\nmalformed = 1.5\n", -EINVAL, "gen.g0",
		   "malformed", "1.5 is out of range (0..1)");
	expect_err("[gen.g0]\nrate = 20G\n", -EINVAL, "gen.g0", "rate",
		   "20G is out of range (0..1e10)");
	expect_err("[gen.g0]\nflows = 16777217\n", -EINVAL, "gen.g0", "flows",
		   "16777217 is out of range (1..16777216)");
	expect_err("[gen.g0]\ncount = 4611686018427387905\n", -EINVAL,
		   "gen.g0", "count", "is out of range (0..2^62)");
}

static void
test_not_a_number(void)
{
	expect_err("[pipeline]\nburst = lots\n", -EINVAL, "pipeline",
		   "burst", "'lots' is not an integer (expected 1..256)");
	expect_err("[pipeline]\nburst = 32x\n", -EINVAL, "pipeline",
		   "burst", "'32x' is not an integer");
	expect_err("[pipeline]\nduration = soon\n", -EINVAL, "pipeline",
		   "duration", "'soon' is not a number (expected 0..1e6)");
	expect_err("[pipeline]\nduration = nan\n", -EINVAL, "pipeline",
		   "duration", "'nan' is not a number");
	expect_err("[gen.g0]\nrate = fast\n", -EINVAL, "gen.g0", "rate",
		   "'fast' is not a rate (expected packets/s");
	expect_err("[gen.g0]\nrate = 10m\n", -EINVAL, "gen.g0", "rate",
		   "'10m' is not a rate");
	expect_err("[gen.g0]\nrate = 1.5\n", -EINVAL, "gen.g0", "rate",
		   "1.5 is not a whole number of packets/s");
}

static void
test_bad_bool_enum(void)
{
	expect_err("[port.p0]\ndev = x\nrss = maybe\n", -EINVAL, "port.p0",
		   "rss", "'maybe' is not a boolean (expected yes/no, "
		   "true/false, on/off, 1/0)");
	expect_err("[port.p0]\ndev = x\npromisc = 2\n", -EINVAL, "port.p0",
		   "promisc", "'2' is not a boolean");
	expect_err("[gen.g0]\nproto = sctp\n", -EINVAL, "gen.g0", "proto",
		   "'sctp' is not valid (expected udp or tcp)");
	expect_err("[gen.g0]\nip = 5\n", -EINVAL, "gen.g0", "ip",
		   "'5' is not valid (expected 4 or 6)");
	expect_err("[gen.g0]\npopularity = pareto\n", -EINVAL, "gen.g0",
		   "popularity", "'pareto' is not valid (expected uniform or "
		   "zipf)");
	expect_err("[port.p0]\ndev = x\npeer_mac = 00:11:22:33:44\n", -EINVAL,
		   "port.p0", "peer_mac", "'00:11:22:33:44' is not a MAC "
		   "address (expected aa:bb:cc:dd:ee:ff)");
	expect_err("[lcore.1]\nroles = rx+dispatch\n", -EINVAL, "lcore.1",
		   "roles", "'dispatch' is not a role (expected rx, worker, "
		   "tx, io");
	expect_err("[lcore.1]\nroles = ++,\n", -EINVAL, "lcore.1", "roles",
		   "empty (expected rx, worker, tx");
	expect_err("[lcore.1]\nroles = rtc\nrx = g0:x\n", -EINVAL, "lcore.1",
		   "rx", "'x' in g0:x is not a queue number (0..15)");
	expect_err("[lcore.1]\nroles = rtc\nrx = g0:16\n", -EINVAL, "lcore.1",
		   "rx", "'16' in g0:16 is not a queue number (0..15)");
	expect_err("[lcore.1]\nroles = rtc\nrx = ,\n", -EINVAL, "lcore.1",
		   "rx", "empty (expected SOURCE or SOURCE:QUEUE");
	expect_err("[gen.g0]\nfwd = no/where\n", -EINVAL, "gen.g0", "fwd",
		   "'no/where' is not a port name or checker");
}

static void
test_not_pow2(void)
{
	expect_err("[pipeline]\nbuckets = 100\n", -EINVAL, "pipeline",
		   "buckets", "100 is not a power of two (e.g. 64 or 128)");
	expect_err("[pipeline]\nworker_ring_size = 1000\n", -EINVAL,
		   "pipeline", "worker_ring_size",
		   "1000 is not a power of two (e.g. 512 or 1024)");
	expect_err("[pipeline]\ntx_ring_size = 65\n", -EINVAL, "pipeline",
		   "tx_ring_size", "65 is not a power of two");
}

static void
test_duplicates(void)
{
	expect_err("[pipeline]\nburst = 32\nburst = 64\n", -EINVAL,
		   "pipeline", "burst", "given twice in this section");
	expect_err(LCORE_RTC "[gen.g0]\nfwd = checker\nflows = 2\n"
		   "fwd = checker\n", -EINVAL, "gen.g0", "fwd",
		   "given twice in this section");
	expect_err(GEN_OK LCORE_RTC "[gen.g0]\nflows = 2\n", -EINVAL,
		   "gen.g0", NULL, "section given twice");
	expect_err("[pipeline]\n[lcore.1]\nroles = rx\n[pipeline]\n",
		   -EINVAL, "pipeline", NULL, "section given twice");
	expect_err("[lcore.1]\nroles = rx\n[lcore.01]\nroles = tx\n",
		   -EINVAL, "lcore.01", NULL, "section given twice");
	expect_err("[port.x]\ndev = a\n[gen.x]\nfwd = checker\n", -EINVAL,
		   "gen.x", NULL, "the name x is already used by [port.x]");
}

static void
test_bad_section_names(void)
{
	expect_err("[lcore.x]\nroles = rtc\n", -EINVAL, "lcore.x", NULL,
		   "'x' is not an lcore number (expected 0..");
	expect_err("[lcore.128]\nroles = rtc\n", -EINVAL, "lcore.128", NULL,
		   "'128' is not an lcore number");
	expect_err("[lcore.-1]\nroles = rtc\n", -EINVAL, "lcore.-1", NULL,
		   "is not an lcore number");
	expect_err("[lcore.]\nroles = rtc\n", -EINVAL, "lcore.", NULL,
		   "is not an lcore number");
	expect_err("[port.a b]\ndev = x\n", -EINVAL, "port.a b", NULL,
		   "'a b' is not a valid name (expected 1 to 31 characters of "
		   "A-Z a-z 0-9 _ -)");
	expect_err("[port.]\ndev = x\n", -EINVAL, "port.", NULL,
		   "'' is not a valid name");
	expect_err("[port.checker]\ndev = x\n", -EINVAL, "port.checker", NULL,
		   "reserved");
	expect_err("[gen.abcdefghijabcdefghijabcdefghijkl]\nfwd = checker\n",
		   -EINVAL, "gen.abcdefghijabcdefghijabcdefghijkl", NULL,
		   "is not a valid name");
}

static void
test_too_many_sections(void)
{
	char text[1024];
	size_t o = 0;
	int i;

	for (i = 0; i <= PP_CFG_MAX_GENS; i++)
		o += snprintf(text + o, sizeof(text) - o,
			      "[gen.g%d]\nfwd = checker\n", i);
	expect_err(text, -E2BIG, "gen.g8", NULL,
		   "too many gen sections (at most 8)");
}

static void
test_missing_required(void)
{
	expect_err(LCORE_RTC GEN_OK "[port.p0]\nfwd = checker\n", -EINVAL,
		   "port.p0", "dev", "missing (required");
	expect_err(LCORE_RTC "[gen.g0]\nflows = 4\n", -EINVAL, "gen.g0",
		   "fwd", "missing (required: a port name or checker)");
	expect_err("[lcore.1]\nroles = rtc\n[lcore.2]\n" GEN_OK, -EINVAL,
		   "lcore.2", "roles", "missing (required");
}

static void
test_unknown_fwd(void)
{
	expect_err(LCORE_RTC "[gen.g0]\nfwd = nowhere\n", -EINVAL, "gen.g0",
		   "fwd", "unknown output 'nowhere' (expected the name of a "
		   "[port.NAME] or checker)");
	expect_err(LCORE_RTC GEN_OK "[port.p0]\ndev = net_null0\n"
		   "fwd = p1\n", -EINVAL, "port.p0", "fwd",
		   "unknown output 'p1'");
	expect_err(LCORE_RTC GEN_OK "[port.p0]\ndev = net_null0\n"
		   "fwd = g0\n", -EINVAL, "port.p0", "fwd",
		   "a generator is not an output");
}

static void
test_rx_errors(void)
{
	/* Unknown source. */
	expect_err("[lcore.1]\nroles = rtc\nrx = g9\n" GEN_OK, -EINVAL,
		   "lcore.1", "rx", "unknown source 'g9'");
	/* Queue out of range for that source. */
	expect_err("[lcore.1]\nroles = rtc\nrx = g0:1\n" GEN_OK, -EINVAL,
		   "lcore.1", "rx", "queue 1 of gen g0 is out of range (0..0)");
	/* Output-only port as a source. */
	expect_err("[lcore.1]\nroles = rtc\nrx = g0 p0\n" GEN_OK
		   "[port.p0]\ndev = net_null0\n", -EINVAL, "lcore.1", "rx",
		   "port p0 has no fwd, so it is output-only");
	/* rx on an lcore without the rx role. */
	expect_err(LCORE_RTC "[lcore.2]\nroles = worker\nrx = g0\n" GEN_OK,
		   -EINVAL, "lcore.2", "rx", "lcore 2 has no rx role");
	/* Polled twice: names both lcores. */
	expect_err("[lcore.1]\nroles = rtc\nrx = g0\n"
		   "[lcore.2]\nroles = rx\nrx = g0:1\n"
		   "[gen.g0]\nfwd = checker\nqueues = 2\n", -EINVAL,
		   "lcore.2", "rx", "gen g0 queue 1 is already polled by "
		   "lcore 1");
	/* Twice on the same lcore. */
	expect_err("[lcore.1]\nroles = rtc\nrx = g0, g0:0\n" GEN_OK, -EINVAL,
		   "lcore.1", "rx", "gen g0 queue 0 is listed twice");
	/* Every RX lcore explicit, one queue left over. */
	expect_err("[lcore.1]\nroles = rtc\nrx = g0:0\n"
		   "[gen.g0]\nfwd = checker\nqueues = 2\n", -EINVAL,
		   "gen.g0", NULL, "queue 1 is polled by no lcore");
	/* checker is not a source. */
	expect_err("[lcore.1]\nroles = rtc\nrx = checker\n", -EINVAL,
		   "lcore.1", "rx", "checker is an output, not an RX source");
}

static void
test_roles_errors(void)
{
	expect_err("[lcore.1]\nroles = io\n" GEN_OK, -EINVAL, "pipeline",
		   NULL, "no lcore has the worker role");
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "roles = rtc"));
	expect_err("[lcore.1]\nroles = worker+tx\n" GEN_OK, -EINVAL,
		   "pipeline", NULL, "no lcore has the rx role");
	expect_err("[lcore.1]\nroles = rx worker\n" GEN_OK, -EINVAL,
		   "pipeline", NULL, "no lcore has the tx role");
	expect_err(GEN_OK, -EINVAL, "pipeline", NULL,
		   "no lcore has the rx role");
	expect_err("[pipeline]\nbuckets = 2\n[lcore.1]\nroles = io\n"
		   "[lcore.2]\nroles = worker\n[lcore.3]\nroles = worker\n"
		   "[lcore.4]\nroles = worker\n" GEN_OK, -EINVAL, "pipeline",
		   "buckets", "2 is less than the number of worker lcores (3)");
	expect_err(LCORE_RTC "[port.p0]\ndev = net_null0\n", -EINVAL,
		   "pipeline", NULL, "nothing to receive from");
}

static void
test_pkt_len_too_small(void)
{
	/* 14 + 4 + 40 + 20 + 16 = 94 */
	expect_err(LCORE_RTC "[gen.g0]\nfwd = checker\nip = 6\nproto = tcp\n"
		   "vlan = 7\npkt_len = 93\n", -EINVAL, "gen.g0", "pkt_len",
		   "93 is too small for vlan/ipv6/tcp headers and the 16-byte "
		   "payload marker (minimum 94)");
	CU_ASSERT_EQUAL(load_text(&cfg, LCORE_RTC "[gen.g0]\nfwd = checker\n"
				  "ip = 6\nproto = tcp\nvlan = 7\n"
				  "pkt_len = 94\n"), 0);
	/* ipv4/tcp needs 70: imix's 60-byte packets do not fit. */
	expect_err(LCORE_RTC "[gen.g0]\nfwd = checker\nproto = tcp\n"
		   "pkt_len = imix\n", -EINVAL, "gen.g0", "pkt_len",
		   "(minimum 70)");
	/* ipv4/udp needs 58: 60 and imix fit. */
	CU_ASSERT_EQUAL(load_text(&cfg, LCORE_RTC "[gen.g0]\nfwd = checker\n"
				  "pkt_len = imix\n"), 0);
}

static bool
enabled_below_3(unsigned int lcore_id)
{
	return lcore_id < 3;
}

static void
test_check_lcores(void)
{
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, "[lcore.3]\nroles = rtc\n"
					GEN_OK), 0);
	CU_ASSERT_EQUAL(pp_cfg_check_lcores(&cfg, enabled_below_3, 0, &err),
			-EINVAL);
	check_msg(path, "lcore.3", "roles", "lcore 3 is not in the EAL lcore "
		  "set (-l/--lcores)");

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, "[lcore.0]\nroles = rtc\n"
					GEN_OK), 0);
	CU_ASSERT_EQUAL(pp_cfg_check_lcores(&cfg, enabled_below_3, 0, &err),
			-EINVAL);
	check_msg(path, "lcore.0", "roles", "lcore 0 is EAL's main lcore, "
		  "which runs the control thread; give roles to other lcores");

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, "[lcore.1]\nroles = rx+tx\n"
					"[lcore.2]\nroles = worker\n" GEN_OK),
			      0);
	CU_ASSERT_EQUAL(pp_cfg_check_lcores(&cfg, enabled_below_3, 0, &err),
			0);
}

static void
test_set_errors(void)
{
	pp_cfg_defaults(&cfg);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "pipeline",
				   "duration", "-1", &err), -EINVAL);
	check_msg("command line", "pipeline", "duration",
		  "-1 is out of range (0..1e6)");
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "pipeline",
				   "durration", "1", &err), -EINVAL);
	check_msg("command line", "pipeline", "durration", "unknown key");
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "pipe", "burst",
				   "1", &err), -EINVAL);
	check_msg("command line", "pipe", NULL, "unknown section");
	/* A failed set creates no section. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "gen.g0", "flowz",
				   "1", &err), -EINVAL);
	CU_ASSERT_EQUAL(cfg.n_gens, 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "gen.g0", "flows",
				   "0", &err), -EINVAL);
	check_msg("command line", "gen.g0", "flows",
		  "0 is out of range (1..16777216)");
	CU_ASSERT_EQUAL(cfg.n_gens, 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "lcore.0x1", "roles",
				   "rx", &err), -EINVAL);
	check_msg("command line", "lcore.0x1", NULL,
		  "'0x1' is not an lcore number");
	CU_ASSERT_EQUAL(cfg.n_lcores, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.duration, 0, 0);
}

/* ------------------------------------------------------------------ */
/* Policing: negative cases                                            */

/* A valid pipeline for policing tests to add sections to. */
#define BASE		LCORE_RTC GEN_OK

static void
test_police_bad_values(void)
{
	/* [police] */
	expect_err("[police]\nmax_flows = 7\n", -EINVAL, "police",
		   "max_flows", "7 is out of range (8..16777216)");
	expect_err("[police]\nmax_flows = 16777217\n", -EINVAL, "police",
		   "max_flows", "16777217 is out of range (8..16777216)");
	expect_err("[police]\nflow_idle = 0\n", -EINVAL, "police",
		   "flow_idle", "0 is out of range (0.001..86400)");
	expect_err("[police]\nflow_idle = 86401\n", -EINVAL, "police",
		   "flow_idle", "86401 is out of range (0.001..86400)");
	expect_err("[police]\ndefault_class = a/b\n", -EINVAL, "police",
		   "default_class", "'a/b' is not a valid name (expected 1 to "
		   "31 characters");

	/* Meter rates: bit/s, 1000..8e12, suffix up to T. */
	expect_err("[class.gold]\ncir = 0\n", -EINVAL, "class.gold", "cir",
		   "0 is out of range (1000..8e12)");
	expect_err("[class.gold]\ncir = 999\n", -EINVAL, "class.gold", "cir",
		   "999 is out of range (1000..8e12)");
	expect_err("[class.gold]\ncir = 8.5T\n", -EINVAL, "class.gold", "cir",
		   "8.5T is out of range (1000..8e12)");
	expect_err("[class.gold]\ncir = -1M\n", -EINVAL, "class.gold", "cir",
		   "-1M is out of range (1000..8e12)");
	expect_err("[class.gold]\ncir = 10m\n", -EINVAL, "class.gold", "cir",
		   "'10m' is not a rate (expected bit/s, 1000..8e12, with an "
		   "optional suffix k, M, G or T, e.g. 10M)");
	expect_err("[class.gold]\ncir = 10 Mbit\n", -EINVAL, "class.gold",
		   "cir", "'10 Mbit' is not a rate");
	expect_err("[class.gold]\ncir = 1.0005k\n", -EINVAL, "class.gold",
		   "cir", "1.0005k is not a whole number of bit/s");
	expect_err("[class.gold]\npir = 0\n", -EINVAL, "class.gold", "pir",
		   "0 is out of range (1000..8e12)");
	expect_err("[class.gold]\neir = 500\n", -EINVAL, "class.gold", "eir",
		   "500 is out of range (0 or 1000..8e12)");

	/* Meter bursts: bytes, at least one frame, suffix up to G. */
	expect_err("[class.gold]\ncbs = 1000\n", -EINVAL, "class.gold", "cbs",
		   "1000 is below one frame (1518 bytes); a burst must hold "
		   "the largest packet");
	expect_err("[class.gold]\ncbs = 1517\n", -EINVAL, "class.gold", "cbs",
		   "1517 is below one frame (1518 bytes)");
	expect_err("[class.gold]\npbs = 1.5k\n", -EINVAL, "class.gold", "pbs",
		   "1.5k is below one frame (1518 bytes)");
	expect_err("[class.gold]\nebs = 64\n", -EINVAL, "class.gold", "ebs",
		   "64 is below one frame (1518 bytes)");
	expect_err("[class.gold]\ncbs = 0\n", -EINVAL, "class.gold", "cbs",
		   "0 is out of range (1518..2^40)");
	expect_err("[class.gold]\ncbs = 1100G\n", -EINVAL, "class.gold", "cbs",
		   "1100G is out of range (1518..2^40)");
	expect_err("[class.gold]\ncbs = 1T\n", -EINVAL, "class.gold", "cbs",
		   "'1T' is not a size (expected bytes, 1518..2^40, with an "
		   "optional suffix k, M or G");
	expect_err("[class.gold]\ncbs = 1518.5\n", -EINVAL, "class.gold",
		   "cbs", "1518.5 is not a whole number of bytes");

	/* Meter and actions. */
	expect_err("[class.gold]\nmeter = tb\n", -EINVAL, "class.gold",
		   "meter", "'tb' is not valid (expected none, srtcm, trtcm "
		   "or trtcm4115)");
	expect_err("[class.gold]\ngreen = forward\n", -EINVAL, "class.gold",
		   "green", "'forward' is not an action (expected pass, drop "
		   "or remark DSCP)");
	expect_err("[class.gold]\nyellow = remark\n", -EINVAL, "class.gold",
		   "yellow", "remark needs a DSCP (e.g. remark af11 or remark "
		   "10)");
	expect_err("[class.gold]\nred = remark 64\n", -EINVAL, "class.gold",
		   "red", "'64' in 'remark 64' is not a DSCP (expected 0..63 "
		   "or ef, af11..af43, cs0..cs7, be)");
	expect_err("[class.gold]\nred = remark af44\n", -EINVAL, "class.gold",
		   "red", "'af44' in 'remark af44' is not a DSCP");
	expect_err("[class.gold]\nred = remarkable\n", -EINVAL, "class.gold",
		   "red", "'remarkable' is not an action");

	/* Aggregates: syntax at parse, range for the unit at finalize. */
	expect_err("[class.gold]\nrate = fast\n", -EINVAL, "class.gold",
		   "rate", "'fast' is not a rate (expected bit/s or, with "
		   "unit = packets, packets/s");
	expect_err("[class.gold]\nrate = 9T\n", -EINVAL, "class.gold", "rate",
		   "9T is out of range (0, 1000..8e12 bit/s or 1..1e12 "
		   "packets/s)");
	expect_err("[tenant.a]\nburst = 1.5\n", -EINVAL, "tenant.a", "burst",
		   "1.5 is not a whole number of bytes or, with unit = "
		   "packets, packets");
	expect_err("[tenant.a]\nburst = 2000G\n", -EINVAL, "tenant.a",
		   "burst", "2000G is out of range (0, 1518..2^40 bytes or "
		   "1..2^40 packets)");
	expect_err("[tenant.a]\nunit = bits\n", -EINVAL, "tenant.a", "unit",
		   "'bits' is not valid (expected bytes or packets)");
	expect_err(BASE "[tenant.a]\nrate = 500\n", -EINVAL, "tenant.a",
		   "rate", "500 is out of range (0 or 1000..8e12 bit/s; for "
		   "packets/s set unit = packets)");
	expect_err(BASE "[tenant.a]\nrate = 2T\nunit = packets\n", -EINVAL,
		   "tenant.a", "rate", "2000000000000 is out of range (0 or "
		   "1..1e12 packets/s with unit = packets)");
	expect_err(BASE "[class.c]\nrate = 1M\nburst = 1000\n", -EINVAL,
		   "class.c", "burst", "1000 is below one frame (1518 bytes); "
		   "a burst must hold the largest packet");
	/* The same burst in packets is fine, wherever unit is written. */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\nburst = 1000\n"
				  "rate = 1M\nunit = packets\n"), 0);
	CU_ASSERT_EQUAL(cfg.police.classes[0].agg.burst, 1000);

	/* [gen.NAME] dscp. */
	expect_err("[gen.g0]\ndscp = 64\n", -EINVAL, "gen.g0", "dscp",
		   "'64' is not a DSCP (expected 0..63 or ef, af11..af43, "
		   "cs0..cs7, be)");
	expect_err("[gen.g0]\ndscp = af14\n", -EINVAL, "gen.g0", "dscp",
		   "'af14' is not a DSCP");
	expect_err("[gen.g0]\ndscp = -1\n", -EINVAL, "gen.g0", "dscp",
		   "'-1' is not a DSCP");
}

static void
test_rule_bad_values(void)
{
	expect_err("[rule.0]\nclass = a\n", -EINVAL, "rule.0", NULL,
		   "'0' is not a rule number (expected 1..65535)");
	expect_err("[rule.65536]\nclass = a\n", -EINVAL, "rule.65536", NULL,
		   "'65536' is not a rule number");
	expect_err("[rule.x]\nclass = a\n", -EINVAL, "rule.x", NULL,
		   "'x' is not a rule number");
	expect_err("[rule.]\nclass = a\n", -EINVAL, "rule.", NULL,
		   "'' is not a rule number");
	expect_err("[class.a b]\nmeter = none\n", -EINVAL, "class.a b", NULL,
		   "'a b' is not a valid name");
	expect_err("[tenant.]\nrate = 1M\n", -EINVAL, "tenant.", NULL,
		   "'' is not a valid name");

	expect_err("[rule.1]\nvlan = 4096\n", -EINVAL, "rule.1", "vlan",
		   "4096 is out of range (0..4095 or any)");
	expect_err("[rule.1]\nvlan = ten\n", -EINVAL, "rule.1", "vlan",
		   "'ten' is not an integer");

	expect_err("[rule.1]\nsrc = 10.0.0.0/33\n", -EINVAL, "rule.1", "src",
		   "'/33' is not a prefix length for IPv4 (expected /0../32)");
	expect_err("[rule.1]\ndst = 2001:db8::/129\n", -EINVAL, "rule.1",
		   "dst", "'/129' is not a prefix length for IPv6 (expected "
		   "/0../128)");
	expect_err("[rule.1]\nsrc = 10.0.0.0/\n", -EINVAL, "rule.1", "src",
		   "'/' is not a prefix length");
	expect_err("[rule.1]\nsrc = 10.0.0.0/+8\n", -EINVAL, "rule.1", "src",
		   "'/+8' is not a prefix length");
	expect_err("[rule.1]\nsrc = 10.0.0.300/8\n", -EINVAL, "rule.1", "src",
		   "'10.0.0.300/8' is not an IP prefix (expected an IPv4 or "
		   "IPv6 prefix or any)");
	expect_err("[rule.1]\nsrc = example.com\n", -EINVAL, "rule.1", "src",
		   "'example.com' is not an IP prefix");
	expect_err("[rule.1]\nsrc = 10.0.0.1/8\n", -EINVAL, "rule.1", "src",
		   "10.0.0.1/8 has bits set past /8; did you mean 10.0.0.0/8?");
	expect_err("[rule.1]\nsrc = 192.168.1.129/25\n", -EINVAL, "rule.1",
		   "src", "192.168.1.129/25 has bits set past /25; did you "
		   "mean 192.168.1.128/25?");
	expect_err("[rule.1]\ndst = 2001:db8::1/32\n", -EINVAL, "rule.1",
		   "dst", "2001:db8::1/32 has bits set past /32; did you mean "
		   "2001:db8::/32?");
	expect_err("[rule.1]\nsrc = 10.0.0.0/8\ndst = 2001:db8::/32\n",
		   -EINVAL, "rule.1", "dst", "2001:db8::/32 is IPv6 but src is "
		   "IPv4; src and dst must be of one IP version");
	expect_err("[rule.1]\ndst = ::/0\nsrc = 0.0.0.0/0\n", -EINVAL,
		   "rule.1", "src", "0.0.0.0/0 is IPv4 but dst is IPv6");

	expect_err("[rule.1]\nproto = gre\n", -EINVAL, "rule.1", "proto",
		   "'gre' is not a protocol (expected tcp, udp, icmp, icmpv6, "
		   "sctp, 0..255 or any)");
	expect_err("[rule.1]\nproto = 256\n", -EINVAL, "rule.1", "proto",
		   "'256' is not a protocol");

	expect_err("[rule.1]\ndport = 2000-1000\n", -EINVAL, "rule.1",
		   "dport", "2000-1000 is not a range: 2000 > 1000 (write "
		   "LO-HI with LO <= HI)");
	expect_err("[rule.1]\ndport = 65536\n", -EINVAL, "rule.1", "dport",
		   "65536 is out of range (ports are 0..65535)");
	expect_err("[rule.1]\ndport = 80-\n", -EINVAL, "rule.1", "dport",
		   "'80-' is not a port or port range (expected PORT, LO-HI "
		   "or any)");
	expect_err("[rule.1]\ndport = http\n", -EINVAL, "rule.1", "dport",
		   "'http' is not a port or port range");

	expect_err("[rule.1]\ndscp = ef2\n", -EINVAL, "rule.1", "dscp",
		   "'ef2' is not a DSCP (expected 0..63 or ef, af11..af43, "
		   "cs0..cs7, be or any)");
	expect_err("[rule.1]\ndscp = 64\n", -EINVAL, "rule.1", "dscp",
		   "'64' is not a DSCP");
	expect_err("[rule.1]\nclass = a.b\n", -EINVAL, "rule.1", "class",
		   "'a.b' is not a valid name");
	expect_err("[rule.1]\ntenant = x y\n", -EINVAL, "rule.1", "tenant",
		   "'x y' is not a valid name");
}

static void
test_meter_keys(void)
{
	/* meter = none takes no meter keys. */
	expect_err(BASE "[class.c]\ncir = 1M\n", -EINVAL, "class.c", "cir",
		   "given, but meter = none has no per-flow meter; set meter "
		   "= srtcm, trtcm or trtcm4115, or remove cir");
	expect_err(BASE "[class.c]\nebs = 2k\n", -EINVAL, "class.c", "ebs",
		   "given, but meter = none");
	/* srtcm: cir and cbs; ebs optional; no pir, pbs, eir. */
	expect_err(BASE "[class.c]\nmeter = srtcm\ncir = 1M\n", -EINVAL,
		   "class.c", "cbs", "missing (meter = srtcm takes cir, cbs "
		   "and optionally ebs)");
	expect_err(BASE "[class.c]\nmeter = srtcm\ncbs = 2k\n", -EINVAL,
		   "class.c", "cir", "missing (meter = srtcm takes");
	expect_err(BASE "[class.c]\nmeter = srtcm\ncir = 1M\ncbs = 2k\n"
		   "pir = 2M\n", -EINVAL, "class.c", "pir",
		   "not used by meter = srtcm (it takes cir, cbs and "
		   "optionally ebs); remove pir");
	expect_err(BASE "[class.c]\nmeter = srtcm\ncir = 1M\ncbs = 2k\n"
		   "pbs = 2k\n", -EINVAL, "class.c", "pbs",
		   "not used by meter = srtcm");
	expect_err(BASE "[class.c]\nmeter = srtcm\ncir = 1M\ncbs = 2k\n"
		   "eir = 2M\n", -EINVAL, "class.c", "eir",
		   "not used by meter = srtcm");
	/* trtcm: cir, cbs, pir, pbs; pir >= cir; no eir, ebs. */
	expect_err(BASE "[class.c]\nmeter = trtcm\ncir = 1M\ncbs = 2k\n"
		   "pir = 2M\n", -EINVAL, "class.c", "pbs",
		   "missing (meter = trtcm takes cir, cbs, pir and pbs)");
	expect_err(BASE "[class.c]\nmeter = trtcm\ncir = 1M\ncbs = 2k\n"
		   "pbs = 2k\n", -EINVAL, "class.c", "pir",
		   "missing (meter = trtcm takes");
	expect_err(BASE "[class.c]\nmeter = trtcm\ncir = 2M\ncbs = 2k\n"
		   "pir = 1M\npbs = 2k\n", -EINVAL, "class.c", "pir",
		   "1000000 is below cir (2000000); the peak rate must be at "
		   "least the committed rate");
	expect_err(BASE "[class.c]\nmeter = trtcm\ncir = 1M\ncbs = 2k\n"
		   "pir = 2M\npbs = 2k\nebs = 2k\n", -EINVAL, "class.c", "ebs",
		   "not used by meter = trtcm (it takes cir, cbs, pir and "
		   "pbs)");
	expect_err(BASE "[class.c]\nmeter = trtcm\ncir = 1M\ncbs = 2k\n"
		   "pir = 2M\npbs = 2k\neir = 1M\n", -EINVAL, "class.c", "eir",
		   "not used by meter = trtcm");
	/* trtcm4115: cir, cbs; eir and ebs both or neither; no pir, pbs. */
	expect_err(BASE "[class.c]\nmeter = trtcm4115\ncir = 1M\n", -EINVAL,
		   "class.c", "cbs", "missing (meter = trtcm4115 takes cir, "
		   "cbs, and optionally eir with ebs)");
	expect_err(BASE "[class.c]\nmeter = trtcm4115\ncir = 1M\ncbs = 2k\n"
		   "eir = 1M\n", -EINVAL, "class.c", "ebs",
		   "missing: with meter = trtcm4115, eir and ebs are both set "
		   "or both 0 (no excess rate)");
	expect_err(BASE "[class.c]\nmeter = trtcm4115\ncir = 1M\ncbs = 2k\n"
		   "ebs = 2k\n", -EINVAL, "class.c", "eir",
		   "missing: with meter = trtcm4115, eir and ebs");
	expect_err(BASE "[class.c]\nmeter = trtcm4115\ncir = 1M\ncbs = 2k\n"
		   "pbs = 2k\n", -EINVAL, "class.c", "pbs",
		   "not used by meter = trtcm4115");

	/* The legal shapes. */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\nmeter = srtcm\n"
				  "cir = 1M\ncbs = 2k\n"), 0);
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\nmeter = srtcm\n"
				  "cir = 1M\ncbs = 2k\nebs = 0\n"), 0);
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\nmeter = trtcm\n"
				  "cir = 1M\ncbs = 2k\npir = 1M\n"
				  "pbs = 2k\n"), 0);
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\n"
				  "meter = trtcm4115\ncir = 1M\ncbs = 2k\n"
				  "eir = 0\nebs = 0\n"), 0);
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\n"
				  "meter = trtcm4115\ncir = 1M\ncbs = 2k\n"
				  "eir = 3M\nebs = 4k\n"), 0);
	/* A remark for a colour the meter never gives is fine. */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.c]\nyellow = remark ef\n"
				  "red = remark cs1\n"), 0);
}

static void
test_police_names(void)
{
	char text[2048];
	size_t o;
	int i;

	expect_err(BASE "[class.gold]\n[rule.1]\nclass = silver\n", -EINVAL,
		   "rule.1", "class", "unknown class 'silver' (expected the "
		   "name of a [class.NAME] section)");
	expect_err(BASE "[tenant.a]\n[rule.1]\ntenant = b\n", -EINVAL,
		   "rule.1", "tenant", "unknown tenant 'b' (expected the name "
		   "of a [tenant.NAME] section)");
	/* Tenants and classes have their own namespaces. */
	expect_err(BASE "[class.a]\n[rule.1]\ntenant = a\n", -EINVAL,
		   "rule.1", "tenant", "unknown tenant 'a'");
	expect_err(BASE "[class.gold]\n[rule.1]\ndport = 80\n", -EINVAL,
		   "rule.1", NULL, "a rule must set class or tenant");
	expect_err(BASE "[class.gold]\n[police]\ndefault_class = nope\n",
		   -EINVAL, "police", "default_class",
		   "unknown class 'nope' (expected the name of a [class.NAME] "
		   "section)");
	expect_err(BASE "[tenant.a]\n[police]\ndefault_tenant = nope\n",
		   -EINVAL, "police", "default_tenant", "unknown tenant 'nope'");
	/* Naming a default without any policing section is a mistake too. */
	expect_err(BASE "[police]\ndefault_class = gold\n", -EINVAL, "police",
		   "default_class", "unknown class 'gold'");

	expect_err(BASE "[class.gold]\n[rule.1]\nclass = gold\n[rule.01]\n"
		   "class = gold\n", -EINVAL, "rule.01", NULL,
		   "section given twice");
	expect_err(BASE "[class.gold]\n[tenant.gold]\n[class.gold]\n", -EINVAL,
		   "class.gold", NULL, "section given twice");
	expect_err(BASE "[police]\n[police]\n", -EINVAL, "police", NULL,
		   "section given twice");

	/* 16 classes, none named default: no room for the default. */
	o = snprintf(text, sizeof(text), BASE);
	for (i = 0; i < PP_CFG_MAX_CLASSES; i++)
		o += snprintf(text + o, sizeof(text) - o, "[class.c%d]\n", i);
	expect_err(text, -EINVAL, "police", "default_class",
		   "no room for the default class: 16 [class.NAME] sections, "
		   "none named default");
	/* ... fine when one of them is the default. */
	snprintf(text + o, sizeof(text) - o, "[police]\ndefault_class = c3\n");
	CU_ASSERT_EQUAL(load_text(&cfg, text), 0);
	CU_ASSERT_EQUAL(cfg.police.n_classes, PP_CFG_MAX_CLASSES);
	CU_ASSERT_EQUAL(cfg.police.default_class, 3);
	/* 17 classes: too many at load. */
	snprintf(text + o, sizeof(text) - o, "[class.c16]\n");
	expect_err(text, -E2BIG, "class.c16", NULL,
		   "too many class sections (at most 16, the default class "
		   "included)");

	o = snprintf(text, sizeof(text), BASE);
	for (i = 0; i < PP_CFG_MAX_TENANTS; i++)
		o += snprintf(text + o, sizeof(text) - o, "[tenant.t%d]\n", i);
	expect_err(text, -EINVAL, "police", "default_tenant",
		   "no room for the default tenant");
}

static void
test_rule_shadowing(void)
{
	/* An exact duplicate. */
	expect_err(BASE "[class.a]\n[class.b]\n"
		   "[rule.1]\nsrc = 10.0.0.0/8\nproto = tcp\nclass = a\n"
		   "[rule.2]\nsrc = 10.0.0.0/8\nproto = tcp\nclass = b\n",
		   -EINVAL, "rule.2", NULL, "shadowed by [rule.1]: every "
		   "packet it matches, rule 1 matches first");
	/* A broader rule first: /8 before /16 + tcp + dport. */
	expect_err(BASE "[class.a]\n"
		   "[rule.1]\nsrc = 10.0.0.0/8\nclass = a\n"
		   "[rule.2]\nsrc = 10.1.0.0/16\nproto = tcp\ndport = 80\n"
		   "class = a\n", -EINVAL, "rule.2", NULL,
		   "shadowed by [rule.1]");
	/* A catch-all first. */
	expect_err(BASE "[tenant.t]\n"
		   "[rule.1]\ntenant = t\n"
		   "[rule.5]\nvlan = 7\ndst = 2001:db8::/32\ntenant = t\n",
		   -EINVAL, "rule.5", NULL, "shadowed by [rule.1]");
	/* Order is by N, not by position in the file. */
	expect_err(BASE "[class.a]\n"
		   "[rule.9]\nsrc = 10.1.0.0/16\nclass = a\n"
		   "[rule.3]\nsrc = 10.0.0.0/8\nclass = a\n",
		   -EINVAL, "rule.9", NULL, "shadowed by [rule.3]");
	/* Each field: dport range, vlan, dscp, proto, dst. */
	expect_err(BASE "[class.a]\n"
		   "[rule.1]\ndport = 1000-2000\nclass = a\n"
		   "[rule.2]\ndport = 1500\nproto = udp\nclass = a\n",
		   -EINVAL, "rule.2", NULL, "shadowed by [rule.1]");
	expect_err(BASE "[class.a]\n"
		   "[rule.1]\nvlan = 10\nclass = a\n"
		   "[rule.2]\nvlan = 10\ndscp = ef\nclass = a\n",
		   -EINVAL, "rule.2", NULL, "shadowed by [rule.1]");
	expect_err(BASE "[class.a]\n"
		   "[rule.1]\ndscp = af11\nclass = a\n"
		   "[rule.2]\ndscp = 10\nproto = 6\nclass = a\n",
		   -EINVAL, "rule.2", NULL, "shadowed by [rule.1]");
	/* /0 pins the version: it covers every IPv4 rule. */
	expect_err(BASE "[class.a]\n"
		   "[rule.1]\ndst = 0.0.0.0/0\nclass = a\n"
		   "[rule.2]\nsrc = 192.168.0.0/16\nclass = a\n",
		   -EINVAL, "rule.2", NULL, "shadowed by [rule.1]");
	/* The second of three is at fault, named against the first. */
	expect_err(BASE "[class.a]\n"
		   "[rule.1]\nproto = udp\nclass = a\n"
		   "[rule.2]\nproto = tcp\nclass = a\n"
		   "[rule.3]\nproto = tcp\ndport = 22\nclass = a\n",
		   -EINVAL, "rule.3", NULL, "shadowed by [rule.2]");

	/* Not covered: a different field value, a version, a narrower
	 * range, vlan 0 (untagged) against any.
	 */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.a]\n"
		"[rule.1]\nsrc = 0.0.0.0/0\nclass = a\n"
		"[rule.2]\nsrc = ::/0\nclass = a\n"
		"[rule.3]\ndport = 1000-2000\nclass = a\n"
		"[rule.4]\ndport = 1500-2500\nclass = a\n"
		"[rule.5]\nvlan = 0\nclass = a\n"
		"[rule.6]\nproto = udp\nclass = a\n"), 0);
	CU_ASSERT_EQUAL(cfg.police.n_rules, 6);
	/* All have the same outcome: no warning. */
	CU_ASSERT_EQUAL(cfg.n_warnings, 0);
}

static void
test_rule_overlap_warnings(void)
{
	char want[PP_CFG_ERR_LEN + 64], text[4096];
	size_t o;
	int i;

	/* Partial overlap, different class: legal, with a warning. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE
		"[class.gold]\n[class.silver]\n[tenant.a]\n"
		"[rule.1]\nsrc = 10.0.0.0/8\nclass = gold\ntenant = a\n"
		"[rule.3]\ndport = 80\nclass = silver\n"), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.n_warnings, 1);
	snprintf(want, sizeof(want), "%s: [rule.3]: overlaps [rule.1] "
		 "(neither contains the other); packets matching both go to "
		 "rule 1's class gold / tenant a", path);
	CU_ASSERT_STRING_EQUAL(cfg.warnings[0], want);

	/* Different tenant only is a different outcome too. */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[tenant.a]\n[tenant.b]\n"
		"[rule.1]\nproto = udp\ntenant = a\n"
		"[rule.2]\ndport = 53\ntenant = b\n"), 0);
	CU_ASSERT_EQUAL(cfg.n_warnings, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg.warnings[0], "[rule.2]: overlaps "
				      "[rule.1]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg.warnings[0], "class default / "
				      "tenant a"));

	/* Same outcome: no warning. */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.gold]\n"
		"[rule.1]\nsrc = 10.0.0.0/8\nclass = gold\n"
		"[rule.3]\ndport = 80\nclass = gold\n"), 0);
	CU_ASSERT_EQUAL(cfg.n_warnings, 0);

	/* Specific before broad (the broad one covers it): the usual
	 * exception pattern, no warning.
	 */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.gold]\n[class.silver]\n"
		"[rule.1]\nsrc = 10.1.0.0/16\ndport = 80\nclass = gold\n"
		"[rule.2]\nsrc = 10.0.0.0/8\nclass = silver\n"
		"[rule.3]\nclass = gold\n"), 0);
	CU_ASSERT_EQUAL(cfg.n_warnings, 0);

	/* Disjoint pairs, different outcomes: no warning. Each pair is
	 * on its own VLAN and differs in one field.
	 */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.gold]\n[class.silver]\n"
		"[rule.1]\nvlan = 1\nsrc = 10.0.0.0/8\nclass = gold\n"
		"[rule.2]\nvlan = 1\ndst = 2001:db8::/32\nclass = silver\n"
		"[rule.3]\nvlan = 2\ndport = 1-100\nclass = gold\n"
		"[rule.4]\nvlan = 2\ndport = 101-200\nclass = silver\n"
		"[rule.5]\nvlan = 3\nproto = udp\nclass = gold\n"
		"[rule.6]\nvlan = 3\nproto = tcp\nclass = silver\n"
		"[rule.7]\nvlan = 4\ndscp = ef\nclass = gold\n"
		"[rule.8]\nvlan = 4\ndscp = af11\nclass = silver\n"
		"[rule.9]\nvlan = 5\nsrc = 10.0.0.0/9\nclass = gold\n"
		"[rule.10]\nvlan = 5\nsrc = 10.128.0.0/9\nclass = silver\n"
		"[rule.11]\nvlan = 6\nclass = gold\n"
		"[rule.12]\nvlan = 7\nclass = silver\n"), 0);
	CU_ASSERT_EQUAL(cfg.n_warnings, 0);
	/* The same with one field made to overlap: one warning. */
	CU_ASSERT_EQUAL(load_text(&cfg, BASE "[class.gold]\n[class.silver]\n"
		"[rule.9]\nvlan = 5\nsrc = 10.0.0.0/9\nclass = gold\n"
		"[rule.11]\nsrc = 10.0.0.0/16\ndport = 1-100\n"
		"class = silver\n"), 0);
	CU_ASSERT_EQUAL(cfg.n_warnings, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg.warnings[0], "[rule.11]: overlaps "
				      "[rule.9]"));

	/* More than PP_CFG_MAX_WARN: the last slot counts the rest. */
	o = snprintf(text, sizeof(text), BASE "[class.a]\n[class.b]\n"
		     "[rule.1]\ndport = 80\nclass = a\n");
	for (i = 0; i < 20; i++)
		o += snprintf(text + o, sizeof(text) - o,
			      "[rule.%d]\nsrc = 10.0.0.%d\nclass = b\n",
			      i + 2, i);
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, text), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.n_warnings, PP_CFG_MAX_WARN);
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg.warnings[0], "[rule.2]: overlaps "
				      "[rule.1]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cfg.warnings[PP_CFG_MAX_WARN - 2],
				      "[rule.16]: overlaps [rule.1]"));
	snprintf(want, sizeof(want), "%s: 5 more warnings not listed", path);
	CU_ASSERT_STRING_EQUAL(cfg.warnings[PP_CFG_MAX_WARN - 1], want);
}

/* The control-plane keys of [pipeline] and [class.NAME] deadline. */
static void
test_control_bad_values(void)
{
	expect_err("[pipeline]\ndeadline = -0.001\n", -EINVAL, "pipeline",
		   "deadline", "-0.001 is out of range (0..60)");
	expect_err("[pipeline]\ndeadline = 61\n", -EINVAL, "pipeline",
		   "deadline", "61 is out of range (0..60)");
	expect_err("[pipeline]\ndeadline = 5ms\n", -EINVAL, "pipeline",
		   "deadline", "'5ms' is not a number (expected 0..60)");
	expect_err("[pipeline]\non_fault = crash\n", -EINVAL, "pipeline",
		   "on_fault", "'crash' is not valid (expected fail-fast or "
		   "isolate)");
	expect_err("[pipeline]\non_fault = fail_fast\n", -EINVAL, "pipeline",
		   "on_fault", "'fail_fast' is not valid");
	expect_err("[pipeline]\noverflow = block\n", -EINVAL, "pipeline",
		   "overflow", "'block' is not valid (expected drop or "
		   "backpressure)");
	expect_err("[pipeline]\nmax_in_flight = 2147483649\n", -EINVAL,
		   "pipeline", "max_in_flight",
		   "2147483649 is out of range (0..2^31)");
	expect_err("[pipeline]\nmax_in_flight = -1\n", -EINVAL, "pipeline",
		   "max_in_flight", "-1 is out of range (0..2^31)");
	expect_err("[pipeline]\nmax_in_flight = 1e6\n", -EINVAL, "pipeline",
		   "max_in_flight", "'1e6' is not an integer (expected 0..2^31)");
	expect_err("[pipeline]\nbreaker_after = 60.5\n", -EINVAL, "pipeline",
		   "breaker_after", "60.5 is out of range (0..60)");
	expect_err("[pipeline]\nbreaker_after = -1\n", -EINVAL, "pipeline",
		   "breaker_after", "-1 is out of range (0..60)");
	expect_err("[pipeline]\nbreaker_backoff = 0\n", -EINVAL, "pipeline",
		   "breaker_backoff", "0 is out of range (0.001..60)");
	expect_err("[pipeline]\nbreaker_backoff = 0.0009\n", -EINVAL,
		   "pipeline", "breaker_backoff",
		   "0.0009 is out of range (0.001..60)");
	expect_err("[pipeline]\nbreaker_backoff = 61\n", -EINVAL, "pipeline",
		   "breaker_backoff", "61 is out of range (0.001..60)");
	expect_err("[pipeline]\nidle = spin\n", -EINVAL, "pipeline", "idle",
		   "'spin' is not valid (expected poll, backoff or sleep)");
	expect_err("[pipeline]\nidle_polls = 0\n", -EINVAL, "pipeline",
		   "idle_polls", "0 is out of range (1..1000000)");
	expect_err("[pipeline]\nidle_polls = 1000001\n", -EINVAL, "pipeline",
		   "idle_polls", "1000001 is out of range (1..1000000)");
	expect_err("[pipeline]\nidle_polls = many\n", -EINVAL, "pipeline",
		   "idle_polls", "'many' is not an integer");
	expect_err("[pipeline]\nidle_sleep_max = 0\n", -EINVAL, "pipeline",
		   "idle_sleep_max", "0 is out of range (0.00001..1)");
	expect_err("[pipeline]\nidle_sleep_max = 0.000009\n", -EINVAL,
		   "pipeline", "idle_sleep_max",
		   "0.000009 is out of range (0.00001..1)");
	expect_err("[pipeline]\nidle_sleep_max = 1.5\n", -EINVAL, "pipeline",
		   "idle_sleep_max", "1.5 is out of range (0.00001..1)");
	expect_err("[pipeline]\nwatchdog = 0.005\n", -EINVAL, "pipeline",
		   "watchdog", "0.005 is out of range (0.01..60)");
	expect_err("[pipeline]\nwatchdog = 61\n", -EINVAL, "pipeline",
		   "watchdog", "61 is out of range (0.01..60)");
	expect_err("[pipeline]\nwatchdog = inf\n", -EINVAL, "pipeline",
		   "watchdog", "'inf' is not a number");
	expect_err("[class.gold]\ndeadline = 61\n", -EINVAL, "class.gold",
		   "deadline", "61 is out of range (0..60)");
	expect_err("[class.gold]\ndeadline = -1\n", -EINVAL, "class.gold",
		   "deadline", "-1 is out of range (0..60)");
	expect_err("[class.gold]\ndeadline = never\n", -EINVAL, "class.gold",
		   "deadline", "'never' is not a number (expected 0..60)");
	expect_err("[tenant.t]\ndeadline = 1\n", -EINVAL, "tenant.t",
		   "deadline", "unknown key (valid: rate, burst, unit)");
}

/* ------------------------------------------------------------------ */
/* Positive cases                                                      */

static const char full_ini[] =
	"; every key, none at its default\n"
	"[pipeline]\n"
	"burst = 64\n"
	"buckets = 1024\n"
	"worker_ring_size = 4096\n"
	"tx_ring_size = 2048\n"
	"mbufs = 65536\n"
	"mbuf_cache = 128\n"
	"tx_retries = 3\n"
	"duration = 12.5\n"
	"stats_period = 0.5 ; half a second\n"
	"drain_timeout = 2\n"
	"stats_json = /tmp/out.json\n"
	"deadline = 0.005\n"
	"on_fault = fail-fast\n"
	"overflow = backpressure\n"
	"max_in_flight = 100000\n"
	"breaker_after = 0.5\n"
	"breaker_backoff = 2\n"
	"idle = sleep\n"
	"idle_polls = 1000\n"
	"idle_sleep_max = 0.0001\n"
	"watchdog = 0.25\n"
	"\n"
	"[lcore.3]\n"
	"roles = worker\n"
	"[lcore.1]\n"
	"roles = rx, tx\n"
	"rx = p0 g0:1\n"
	"[lcore.2]\n"
	"roles = io\n"
	"\n"
	"[port.p0]\n"
	"dev = net_pcap0,rx_pcap=in.pcap\\;x\n"
	"rx_queues = 2\n"
	"rxd = 512\n"
	"txd = 2048\n"
	"rss = off\n"
	"promisc = FALSE\n"
	"peer_mac = 02:00:00:aa:bb:cc\n"
	"fwd = p1\n"
	"[port.p1]\n"
	"dev = net_null1\n"
	"fwd = checker\n"
	"[port.out]\n"
	"dev = net_null2\n"
	"\n"
	"[gen.g0]\n"
	"queues = 2\n"
	"flows = 4096\n"
	"pkt_len = 128\n"
	"ip = 6\n"
	"proto = tcp\n"
	"vlan = 100\n"
	"dscp = cs2\n"
	"rate = 2.5M\n"
	"popularity = zipf\n"
	"zipf_s = 1.2\n"
	"malformed = 0.01\n"
	"count = 1000000\n"
	"seed = 0xdeadbeef\n"
	"fwd = out\n";

static bool
has_src(const struct pp_cfg_lcore *lc, uint8_t kind, uint8_t idx,
	uint16_t q)
{
	unsigned int i;

	for (i = 0; i < lc->n_rx; i++)
		if (lc->rx[i].kind == kind && lc->rx[i].idx == idx &&
		    lc->rx[i].queue == q)
			return true;
	return false;
}

static void
test_full_config(void)
{
	const struct pp_cfg_port *p0, *p1, *out;
	const struct pp_cfg_gen *g;
	const struct pp_cfg_lcore *l1, *l2, *l3;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, full_ini), 0);
	CU_ASSERT_STRING_EQUAL(cfg.path, path);
	CU_ASSERT_EQUAL(cfg.burst, 64);
	CU_ASSERT_EQUAL(cfg.buckets, 1024);
	CU_ASSERT_EQUAL(cfg.worker_ring_size, 4096);
	CU_ASSERT_EQUAL(cfg.tx_ring_size, 2048);
	CU_ASSERT_EQUAL(cfg.mbufs, 65536);
	CU_ASSERT_EQUAL(cfg.mbuf_cache, 128);
	CU_ASSERT_EQUAL(cfg.tx_retries, 3);
	CU_ASSERT_DOUBLE_EQUAL(cfg.duration, 12.5, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.stats_period, 0.5, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.drain_timeout, 2, 0);
	CU_ASSERT_STRING_EQUAL(cfg.stats_json, "/tmp/out.json");
	CU_ASSERT_DOUBLE_EQUAL(cfg.deadline, 0.005, 0);
	CU_ASSERT_EQUAL(cfg.on_fault, PP_CFG_FAULT_FAIL_FAST);
	CU_ASSERT_EQUAL(cfg.overflow, PP_CFG_OVERFLOW_BACKPRESSURE);
	CU_ASSERT_EQUAL(cfg.max_in_flight, 100000);
	CU_ASSERT_DOUBLE_EQUAL(cfg.breaker_after, 0.5, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.breaker_backoff, 2, 0);
	CU_ASSERT_EQUAL(cfg.idle, PP_CFG_IDLE_SLEEP);
	CU_ASSERT_EQUAL(cfg.idle_polls, 1000);
	CU_ASSERT_DOUBLE_EQUAL(cfg.idle_sleep_max, 0.0001, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.watchdog, 0.25, 0);

	/* Lcores sorted by id. */
	CU_ASSERT_EQUAL_FATAL(cfg.n_lcores, 3);
	l1 = &cfg.lcores[0];
	l2 = &cfg.lcores[1];
	l3 = &cfg.lcores[2];
	CU_ASSERT_EQUAL(l1->lcore_id, 1);
	CU_ASSERT_EQUAL(l2->lcore_id, 2);
	CU_ASSERT_EQUAL(l3->lcore_id, 3);
	CU_ASSERT_EQUAL(l1->roles, PP_ROLE_RX | PP_ROLE_TX);
	CU_ASSERT_EQUAL(l2->roles, PP_ROLE_RX | PP_ROLE_TX);
	CU_ASSERT_EQUAL(l3->roles, PP_ROLE_WORKER);
	/* lcore 1: explicit p0 (both queues) and g0:1. */
	CU_ASSERT(l1->rx_explicit);
	CU_ASSERT_STRING_EQUAL(l1->rx_spec, "p0 g0:1");
	CU_ASSERT_EQUAL(l1->n_rx, 3);
	CU_ASSERT(has_src(l1, PP_SRC_PORT, 0, 0));
	CU_ASSERT(has_src(l1, PP_SRC_PORT, 0, 1));
	CU_ASSERT(has_src(l1, PP_SRC_GEN, 0, 1));
	/* lcore 2: the rest (p1:0, g0:0); port out has no fwd. */
	CU_ASSERT(!l2->rx_explicit);
	CU_ASSERT_EQUAL(l2->n_rx, 2);
	CU_ASSERT(has_src(l2, PP_SRC_PORT, 1, 0));
	CU_ASSERT(has_src(l2, PP_SRC_GEN, 0, 0));
	CU_ASSERT_EQUAL(l3->n_rx, 0);

	CU_ASSERT_EQUAL_FATAL(cfg.n_ports, 3);
	p0 = &cfg.ports[0];
	p1 = &cfg.ports[1];
	out = &cfg.ports[2];
	CU_ASSERT_STRING_EQUAL(p0->name, "p0");
	CU_ASSERT_STRING_EQUAL(p0->dev, "net_pcap0,rx_pcap=in.pcap;x");
	CU_ASSERT_EQUAL(p0->rx_queues, 2);
	CU_ASSERT_EQUAL(p0->rxd, 512);
	CU_ASSERT_EQUAL(p0->txd, 2048);
	CU_ASSERT(!p0->rss);
	CU_ASSERT(!p0->promisc);
	CU_ASSERT(p0->has_peer_mac);
	CU_ASSERT_EQUAL(p0->peer_mac.addr_bytes[0], 0x02);
	CU_ASSERT_EQUAL(p0->peer_mac.addr_bytes[5], 0xcc);
	CU_ASSERT_STRING_EQUAL(p0->fwd_name, "p1");
	CU_ASSERT_EQUAL(p0->fwd.kind, PP_OUT_PORT);
	CU_ASSERT_EQUAL(p0->fwd.idx, 1);
	CU_ASSERT_EQUAL(p1->fwd.kind, PP_OUT_CHECKER);
	CU_ASSERT_STRING_EQUAL(out->name, "out");
	CU_ASSERT_STRING_EQUAL(out->fwd_name, "");

	CU_ASSERT_EQUAL_FATAL(cfg.n_gens, 1);
	g = &cfg.gens[0];
	CU_ASSERT_STRING_EQUAL(g->name, "g0");
	CU_ASSERT_EQUAL(g->queues, 2);
	CU_ASSERT_EQUAL(g->flows, 4096);
	CU_ASSERT_EQUAL(g->pkt_len, 128);
	CU_ASSERT(!g->imix);
	CU_ASSERT_EQUAL(g->ip_version, 6);
	CU_ASSERT_EQUAL(g->l4_proto, IPPROTO_TCP);
	CU_ASSERT_EQUAL(g->vlan, 100);
	CU_ASSERT_EQUAL(g->dscp, 16);
	CU_ASSERT_EQUAL(g->rate_pps, 2500000);
	CU_ASSERT_EQUAL(g->popularity, PP_POP_ZIPF);
	CU_ASSERT_DOUBLE_EQUAL(g->zipf_s, 1.2, 0);
	CU_ASSERT_DOUBLE_EQUAL(g->malformed, 0.01, 0);
	CU_ASSERT_EQUAL(g->count, 1000000);
	CU_ASSERT_EQUAL(g->seed, 0xdeadbeef);
	CU_ASSERT_EQUAL(g->fwd.kind, PP_OUT_PORT);
	CU_ASSERT_EQUAL(g->fwd.idx, 2);

	CU_ASSERT_EQUAL(pp_cfg_count_role(&cfg, PP_ROLE_RX), 2);
	CU_ASSERT_EQUAL(pp_cfg_count_role(&cfg, PP_ROLE_WORKER), 1);
	CU_ASSERT_EQUAL(pp_cfg_count_role(&cfg, PP_ROLE_RX | PP_ROLE_TX), 2);
	CU_ASSERT_EQUAL(pp_cfg_count_role(&cfg, PP_ROLE_RX |
					  PP_ROLE_WORKER), 0);
}

static void
test_defaults(void)
{
	const struct pp_cfg_port *p;
	const struct pp_cfg_gen *g;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, LCORE_RTC GEN_OK
					"[port.p]\ndev = net_null0\n"), 0);
	CU_ASSERT_EQUAL(cfg.burst, 32);
	CU_ASSERT_EQUAL(cfg.buckets, 256);
	CU_ASSERT_EQUAL(cfg.worker_ring_size, 1024);
	CU_ASSERT_EQUAL(cfg.tx_ring_size, 1024);
	CU_ASSERT_EQUAL(cfg.mbufs, 0);
	CU_ASSERT_EQUAL(cfg.mbuf_cache, 256);
	CU_ASSERT_EQUAL(cfg.tx_retries, 8);
	CU_ASSERT_DOUBLE_EQUAL(cfg.duration, 0, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.stats_period, 1, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.drain_timeout, 5, 0);
	CU_ASSERT_STRING_EQUAL(cfg.stats_json, "");
	CU_ASSERT_DOUBLE_EQUAL(cfg.deadline, 0, 0);
	CU_ASSERT_EQUAL(cfg.on_fault, PP_CFG_FAULT_ISOLATE);
	CU_ASSERT_EQUAL(cfg.overflow, PP_CFG_OVERFLOW_DROP);
	CU_ASSERT_EQUAL(cfg.max_in_flight, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.breaker_after, 0.01, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.breaker_backoff, 0.1, 0);
	CU_ASSERT_EQUAL(cfg.idle, PP_CFG_IDLE_POLL);
	CU_ASSERT_EQUAL(cfg.idle_polls, 100);
	CU_ASSERT_DOUBLE_EQUAL(cfg.idle_sleep_max, 0.001, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.watchdog, 1, 0);

	p = &cfg.ports[0];
	CU_ASSERT_EQUAL(p->rx_queues, 1);
	CU_ASSERT_EQUAL(p->rxd, 1024);
	CU_ASSERT_EQUAL(p->txd, 1024);
	CU_ASSERT(p->rss);
	CU_ASSERT(p->promisc);
	CU_ASSERT(!p->has_peer_mac);
	CU_ASSERT_STRING_EQUAL(p->fwd_name, "");

	g = &cfg.gens[0];
	CU_ASSERT_EQUAL(g->queues, 1);
	CU_ASSERT_EQUAL(g->flows, 1024);
	CU_ASSERT_EQUAL(g->pkt_len, 60);
	CU_ASSERT(!g->imix);
	CU_ASSERT_EQUAL(g->ip_version, 4);
	CU_ASSERT_EQUAL(g->l4_proto, IPPROTO_UDP);
	CU_ASSERT_EQUAL(g->vlan, 0);
	CU_ASSERT_EQUAL(g->rate_pps, 0);
	CU_ASSERT_EQUAL(g->popularity, PP_POP_UNIFORM);
	CU_ASSERT_DOUBLE_EQUAL(g->zipf_s, 1.0, 0);
	CU_ASSERT_DOUBLE_EQUAL(g->malformed, 0, 0);
	CU_ASSERT_EQUAL(g->count, 0);
	CU_ASSERT_EQUAL(g->seed, 1);
	CU_ASSERT_EQUAL(g->fwd.kind, PP_OUT_CHECKER);

	/* The one rtc lcore polls the only source. */
	CU_ASSERT_EQUAL(cfg.lcores[0].n_rx, 1);
	CU_ASSERT(has_src(&cfg.lcores[0], PP_SRC_GEN, 0, 0));
}

static void
test_set_overrides(void)
{
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, "[pipeline]\nduration = 10\n"
					LCORE_RTC GEN_OK), 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.duration, 10, 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "pipeline",
				   "duration", " 2.5 ", &err), 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.duration, 2.5, 0);
	/* Setting a key the file gave is not a duplicate. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "gen.g0", "flows",
				   "8", &err), 0);
	CU_ASSERT_EQUAL(cfg.gens[0].flows, 8);
	/* A new section is created with its defaults. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, NULL, "gen.g1", "fwd", "checker",
				   &err), 0);
	CU_ASSERT_EQUAL_FATAL(cfg.n_gens, 2);
	CU_ASSERT_EQUAL(cfg.gens[1].flows, 1024);
	/* origin NULL names the file. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, NULL, "gen.g1", "ip", "7", &err),
			-EINVAL);
	check_msg(path, "gen.g1", "ip", "'7' is not valid");
	/* Finalize again: the new generator gets an RX lcore. */
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(cfg.lcores[0].n_rx, 2);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(cfg.lcores[0].n_rx, 2);
}

static void
test_auto_assign(void)
{
	unsigned int polled[2][PP_CFG_MAX_QUEUES] = { { 0 } };
	const struct pp_cfg_lcore *a, *b;
	unsigned int i, j;

	/* Sections out of order on purpose: lcores sort by id. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg,
		"[lcore.5]\nroles = rx\n"
		"[gen.g0]\nfwd = checker\nqueues = 2\n"
		"[lcore.4]\nroles = rx\n"
		"[lcore.6]\nroles = worker+tx\n"
		"[port.p0]\ndev = net_null0\nfwd = checker\n"), 0);
	a = &cfg.lcores[0];
	b = &cfg.lcores[1];
	CU_ASSERT_EQUAL(a->lcore_id, 4);
	CU_ASSERT_EQUAL(b->lcore_id, 5);
	/* Ports first, then generators; dealt round-robin by queue. */
	CU_ASSERT_EQUAL_FATAL(a->n_rx, 2);
	CU_ASSERT_EQUAL_FATAL(b->n_rx, 1);
	CU_ASSERT(a->rx[0].kind == PP_SRC_PORT && a->rx[0].idx == 0 &&
		  a->rx[0].queue == 0);
	CU_ASSERT(b->rx[0].kind == PP_SRC_GEN && b->rx[0].idx == 0 &&
		  b->rx[0].queue == 0);
	CU_ASSERT(a->rx[1].kind == PP_SRC_GEN && a->rx[1].idx == 0 &&
		  a->rx[1].queue == 1);
	CU_ASSERT_EQUAL(cfg.lcores[2].n_rx, 0);

	/* Complete: every (source, queue) polled exactly once. */
	for (i = 0; i < 2; i++)
		for (j = 0; j < cfg.lcores[i].n_rx; j++)
			polled[cfg.lcores[i].rx[j].kind]
			      [cfg.lcores[i].rx[j].queue]++;
	CU_ASSERT_EQUAL(polled[PP_SRC_PORT][0], 1);
	CU_ASSERT_EQUAL(polled[PP_SRC_GEN][0], 1);
	CU_ASSERT_EQUAL(polled[PP_SRC_GEN][1], 1);
}

static void
test_role_aliases(void)
{
	static const struct {
		const char *text;
		uint8_t roles;
	} cases[] = {
		{ "io", PP_ROLE_RX | PP_ROLE_TX },
		{ "rtc", PP_ROLE_RX | PP_ROLE_WORKER | PP_ROLE_TX },
		{ "rx", PP_ROLE_RX },
		{ "worker", PP_ROLE_WORKER },
		{ "tx", PP_ROLE_TX },
		{ "rx+worker", PP_ROLE_RX | PP_ROLE_WORKER },
		{ "worker, tx", PP_ROLE_WORKER | PP_ROLE_TX },
		{ "rx worker  tx", PP_ROLE_RX | PP_ROLE_WORKER | PP_ROLE_TX },
		{ "io+worker", PP_ROLE_RX | PP_ROLE_WORKER | PP_ROLE_TX },
		{ "RX+Tx", PP_ROLE_RX | PP_ROLE_TX },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++) {
		pp_cfg_defaults(&cfg);
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "lcore.2", "roles",
					   cases[i].text, &err), 0);
		CU_ASSERT_EQUAL(cfg.lcores[0].roles, cases[i].roles);
	}
}

static void
test_rate_and_bools(void)
{
	static const struct {
		const char *text;
		uint64_t pps;
	} rates[] = {
		{ "0", 0 },
		{ "1000", 1000 },
		{ "10k", 10000 },
		{ "10K", 10000 },
		{ "1.1k", 1100 },
		{ "2.5M", 2500000 },
		{ "1G", 1000000000 },
		{ "10G", 10000000000ULL },
		{ "1e10", 10000000000ULL },
	};
	static const struct {
		const char *text;
		bool val;
	} bools[] = {
		{ "yes", true }, { "no", false }, { "true", true },
		{ "false", false }, { "on", true }, { "off", false },
		{ "1", true }, { "0", false }, { "YES", true },
		{ "Off", false },
	};
	unsigned int i;

	pp_cfg_defaults(&cfg);
	for (i = 0; i < RTE_DIM(rates); i++) {
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "gen.g", "rate",
					   rates[i].text, &err), 0);
		CU_ASSERT_EQUAL(cfg.gens[0].rate_pps, rates[i].pps);
	}
	for (i = 0; i < RTE_DIM(bools); i++) {
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "port.p", "rss",
					   bools[i].text, &err), 0);
		CU_ASSERT_EQUAL(cfg.ports[0].rss, bools[i].val);
	}
	/* pkt_len: imix, then a number turns imix off. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "gen.g", "pkt_len", "imix",
				   &err), 0);
	CU_ASSERT(cfg.gens[0].imix);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "gen.g", "pkt_len", "1514",
				   &err), 0);
	CU_ASSERT(!cfg.gens[0].imix);
	CU_ASSERT_EQUAL(cfg.gens[0].pkt_len, 1514);
	/* count up to 2^62, seed any u64. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "gen.g", "count",
				   "4611686018427387904", &err), 0);
	CU_ASSERT_EQUAL(cfg.gens[0].count, 1ULL << 62);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "gen.g", "seed",
				   "18446744073709551615", &err), 0);
	CU_ASSERT_EQUAL(cfg.gens[0].seed, UINT64_MAX);
}

/* ------------------------------------------------------------------ */
/* Policing: positive cases                                            */

static const char police_ini[] =
	LCORE_RTC
	"[gen.g0]\nfwd = checker\ndscp = af41\n"
	"[police]\n"
	"max_flows = 1024\n"
	"flow_idle = 2.5\n"
	"default_class = best\n"
	"default_tenant = shared\n"
	"[class.gold]\n"
	"meter = trtcm\n"
	"cir = 1.5M\n"
	"cbs = 15k\n"
	"pir = 2G\n"
	"pbs = 1.5M\n"
	"green = remark EF\n"
	"yellow = remark af11\n"
	"red = drop\n"
	"rate = 10M\n"
	"deadline = 0.002\n"
	"[class.silver]\n"
	"meter = srtcm\n"
	"cir = 10k\n"
	"cbs = 1518\n"
	"ebs = 3000\n"
	"green = pass\n"
	"yellow = remark cs1\n"
	"red = remark 0x3f\n"
	"rate = 1000\n"
	"unit = packets\n"
	"burst = 50\n"
	"[class.bronze]\n"
	"meter = trtcm4115\n"
	"cir = 8T\n"
	"cbs = 1G\n"
	"eir = 1234567\n"
	"ebs = 1099511627776\n"
	"rate = 1M\n"
	"burst = 64k\n"
	"[class.best]\n"
	"[tenant.shared]\n"
	"[tenant.a]\n"
	"rate = 100k\n"
	"unit = PACKETS\n"
	"[tenant.b]\n"
	"rate = 8T\n"
	"; rules out of order on purpose: sorted by N\n"
	"[rule.65535]\n"
	"class = best\n"
	"[rule.20]\n"
	"vlan = 0\n"
	"src = 10.0.0.0/8\n"
	"dst = 192.168.1.128/25\n"
	"proto = tcp\n"
	"dport = 1000-2000\n"
	"dscp = af11\n"
	"class = gold\n"
	"tenant = a\n"
	"[rule.7]\n"
	"vlan = 4095\n"
	"src = 2001:db8::/32\n"
	"dst = 2001:db8:0:1::1\n"
	"proto = 200\n"
	"dport = 443\n"
	"dscp = 63\n"
	"tenant = b\n"
	"[rule.300]\n"
	"proto = icmpv6\n"
	"src = ::/0\n"
	"class = silver\n";

static void
test_police_parse(void)
{
	static const uint8_t v6_dst[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1,
	};
	const struct pp_cfg_police *p = &cfg.police;
	const struct pp_cfg_class *gold, *silver, *bronze;
	const struct pp_cfg_rule *r;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, police_ini), 0);
	CU_ASSERT_EQUAL(cfg.gens[0].dscp, 34);
	CU_ASSERT(p->enabled);
	CU_ASSERT_EQUAL(p->max_flows, 1024);
	CU_ASSERT_DOUBLE_EQUAL(p->flow_idle, 2.5, 0);
	CU_ASSERT_STRING_EQUAL(p->default_class_name, "best");
	CU_ASSERT_STRING_EQUAL(p->default_tenant_name, "shared");

	/* Named defaults exist: nothing is appended. */
	CU_ASSERT_EQUAL_FATAL(p->n_classes, 4);
	CU_ASSERT_EQUAL_FATAL(p->n_tenants, 3);
	CU_ASSERT_EQUAL(p->default_class, 3);
	CU_ASSERT_EQUAL(p->default_tenant, 0);

	gold = &p->classes[0];
	CU_ASSERT_STRING_EQUAL(gold->name, "gold");
	CU_ASSERT_EQUAL(gold->meter, PP_CFG_METER_TRTCM);
	CU_ASSERT_EQUAL(gold->cir, 1500000);
	CU_ASSERT_EQUAL(gold->cbs, 15000);
	CU_ASSERT_EQUAL(gold->pir, 2000000000);
	CU_ASSERT_EQUAL(gold->pbs, 1500000);
	CU_ASSERT_EQUAL(gold->ebs, 0);
	CU_ASSERT_EQUAL(gold->eir, 0);
	CU_ASSERT_EQUAL(gold->act[0].action, PP_CFG_ACT_REMARK);
	CU_ASSERT_EQUAL(gold->act[0].dscp, 46);
	CU_ASSERT_EQUAL(gold->act[1].action, PP_CFG_ACT_REMARK);
	CU_ASSERT_EQUAL(gold->act[1].dscp, 10);
	CU_ASSERT_EQUAL(gold->act[2].action, PP_CFG_ACT_DROP);
	CU_ASSERT_EQUAL(gold->agg.rate, 10000000);
	CU_ASSERT(!gold->agg.packets);
	/* 10 ms of 10 Mbit/s = 12500 bytes. */
	CU_ASSERT_EQUAL(gold->agg.burst, 12500);
	CU_ASSERT(gold->agg.burst_auto);
	CU_ASSERT_DOUBLE_EQUAL(gold->deadline, 0.002, 0);

	silver = &p->classes[1];
	CU_ASSERT_EQUAL(silver->meter, PP_CFG_METER_SRTCM);
	CU_ASSERT_EQUAL(silver->cir, 10000);
	CU_ASSERT_EQUAL(silver->cbs, PP_CFG_MTU_FRAME);
	CU_ASSERT_EQUAL(silver->ebs, 3000);
	CU_ASSERT_EQUAL(silver->act[0].action, PP_CFG_ACT_PASS);
	CU_ASSERT_EQUAL(silver->act[1].action, PP_CFG_ACT_REMARK);
	CU_ASSERT_EQUAL(silver->act[1].dscp, 8);
	CU_ASSERT_EQUAL(silver->act[2].action, PP_CFG_ACT_REMARK);
	CU_ASSERT_EQUAL(silver->act[2].dscp, 63);
	CU_ASSERT_EQUAL(silver->agg.rate, 1000);
	CU_ASSERT(silver->agg.packets);
	CU_ASSERT_EQUAL(silver->agg.burst, 50);
	CU_ASSERT(!silver->agg.burst_auto);

	bronze = &p->classes[2];
	CU_ASSERT_EQUAL(bronze->meter, PP_CFG_METER_TRTCM_4115);
	CU_ASSERT_EQUAL(bronze->cir, 8000000000000ULL);
	CU_ASSERT_EQUAL(bronze->cbs, 1000000000);
	CU_ASSERT_EQUAL(bronze->eir, 1234567);
	CU_ASSERT_EQUAL(bronze->ebs, 1ULL << 40);
	CU_ASSERT_EQUAL(bronze->agg.burst, 64000);

	/* The untouched class: meter none, pass / pass / drop, no agg,
	 * the pipeline's deadline.
	 */
	CU_ASSERT_EQUAL(p->classes[3].meter, PP_CFG_METER_NONE);
	CU_ASSERT_DOUBLE_EQUAL(p->classes[3].deadline, 0, 0);
	CU_ASSERT_EQUAL(p->classes[3].act[0].action, PP_CFG_ACT_PASS);
	CU_ASSERT_EQUAL(p->classes[3].act[1].action, PP_CFG_ACT_PASS);
	CU_ASSERT_EQUAL(p->classes[3].act[2].action, PP_CFG_ACT_DROP);
	CU_ASSERT_EQUAL(p->classes[3].agg.rate, 0);
	CU_ASSERT_EQUAL(p->classes[3].agg.burst, 0);

	/* Tenants: packets burst 10 ms of 100k pps = 1000. */
	CU_ASSERT_STRING_EQUAL(p->tenants[1].name, "a");
	CU_ASSERT(p->tenants[1].agg.packets);
	CU_ASSERT_EQUAL(p->tenants[1].agg.rate, 100000);
	CU_ASSERT_EQUAL(p->tenants[1].agg.burst, 1000);
	CU_ASSERT_EQUAL(p->tenants[2].agg.rate, 8000000000000ULL);
	CU_ASSERT_EQUAL(p->tenants[2].agg.burst, 10000000000ULL);

	/* Rules sorted by N. */
	CU_ASSERT_EQUAL_FATAL(p->n_rules, 4);
	CU_ASSERT_EQUAL(p->rules[0].id, 7);
	CU_ASSERT_EQUAL(p->rules[1].id, 20);
	CU_ASSERT_EQUAL(p->rules[2].id, 300);
	CU_ASSERT_EQUAL(p->rules[3].id, 65535);

	r = &p->rules[0];
	CU_ASSERT(r->has_vlan);
	CU_ASSERT_EQUAL(r->vlan, 4095);
	CU_ASSERT_EQUAL(r->ip_version, 6);
	CU_ASSERT_EQUAL(r->src_len, 32);
	CU_ASSERT(r->src[0] == 0x20 && r->src[1] == 0x01 &&
		  r->src[2] == 0x0d && r->src[3] == 0xb8 && r->src[4] == 0);
	CU_ASSERT_EQUAL(r->dst_len, 128);
	CU_ASSERT(memcmp(r->dst, v6_dst, 16) == 0);
	CU_ASSERT(r->has_proto);
	CU_ASSERT_EQUAL(r->proto, 200);
	CU_ASSERT_EQUAL(r->dport_lo, 443);
	CU_ASSERT_EQUAL(r->dport_hi, 443);
	CU_ASSERT(r->has_dscp);
	CU_ASSERT_EQUAL(r->dscp, 63);
	/* class unset: the default class; tenant b. */
	CU_ASSERT_EQUAL(r->cls, p->default_class);
	CU_ASSERT_EQUAL(r->tenant, 2);

	r = &p->rules[1];
	CU_ASSERT(r->has_vlan);
	CU_ASSERT_EQUAL(r->vlan, 0);
	CU_ASSERT_EQUAL(r->ip_version, 4);
	CU_ASSERT_EQUAL(r->src_len, 8);
	CU_ASSERT(r->src[0] == 10 && r->src[1] == 0 && r->src[3] == 0);
	CU_ASSERT_EQUAL(r->dst_len, 25);
	CU_ASSERT(r->dst[0] == 192 && r->dst[1] == 168 && r->dst[2] == 1 &&
		  r->dst[3] == 128 && r->dst[4] == 0);
	CU_ASSERT_EQUAL(r->proto, IPPROTO_TCP);
	CU_ASSERT_EQUAL(r->dport_lo, 1000);
	CU_ASSERT_EQUAL(r->dport_hi, 2000);
	CU_ASSERT_EQUAL(r->dscp, 10);
	CU_ASSERT_EQUAL(r->cls, 0);
	CU_ASSERT_EQUAL(r->tenant, 1);

	/* ::/0 pins IPv6. */
	r = &p->rules[2];
	CU_ASSERT(r->has_src);
	CU_ASSERT_EQUAL(r->src_len, 0);
	CU_ASSERT_EQUAL(r->ip_version, 6);
	CU_ASSERT_EQUAL(r->proto, IPPROTO_ICMPV6);
	CU_ASSERT_EQUAL(r->cls, 1);

	/* A rule with only class: every match key is any; last, so it
	 * covers the others without shadowing any.
	 */
	r = &p->rules[3];
	CU_ASSERT(!r->has_vlan && !r->has_proto && !r->has_dscp);
	CU_ASSERT(!r->has_src && !r->has_dst);
	CU_ASSERT_EQUAL(r->ip_version, 0);
	CU_ASSERT_EQUAL(r->dport_lo, 0);
	CU_ASSERT_EQUAL(r->dport_hi, 65535);
	CU_ASSERT_EQUAL(r->cls, 3);
	CU_ASSERT_EQUAL(r->tenant, p->default_tenant);
	CU_ASSERT_EQUAL(cfg.n_warnings, 0);
}

static void
test_police_values(void)
{
	static const struct {
		const char *text;
		uint64_t bits;
	} rates[] = {
		{ "1000", 1000 }, { "1k", 1000 }, { "1K", 1000 },
		{ "10M", 10000000 }, { "1.5M", 1500000 },
		{ "2.5G", 2500000000ULL }, { "8T", 8000000000000ULL },
		{ "1e6", 1000000 }, { "0.001M", 1000 },
	};
	static const struct {
		const char *text;
		uint8_t dscp;
	} dscps[] = {
		{ "0", 0 }, { "63", 63 }, { "ef", 46 }, { "EF", 46 },
		{ "af11", 10 }, { "AF12", 12 }, { "af13", 14 }, { "af21", 18 },
		{ "af22", 20 }, { "af23", 22 }, { "af31", 26 }, { "af32", 28 },
		{ "af33", 30 }, { "af41", 34 }, { "af42", 36 }, { "af43", 38 },
		{ "cs0", 0 }, { "cs1", 8 }, { "cs5", 40 }, { "CS7", 56 },
		{ "be", 0 }, { "default", 0 },
	};
	static const struct {
		const char *text;
		uint8_t proto;
	} protos[] = {
		{ "tcp", IPPROTO_TCP }, { "UDP", IPPROTO_UDP },
		{ "icmp", IPPROTO_ICMP }, { "icmpv6", IPPROTO_ICMPV6 },
		{ "sctp", IPPROTO_SCTP }, { "0", 0 }, { "255", 255 },
		{ "47", 47 },
	};
	struct pp_cfg_rule *r;
	unsigned int i;
	char v[32];

	pp_cfg_defaults(&cfg);
	for (i = 0; i < RTE_DIM(rates); i++) {
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "cir",
					   rates[i].text, &err), 0);
		CU_ASSERT_EQUAL(cfg.police.classes[0].cir, rates[i].bits);
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "tenant.t", "rate",
					   rates[i].text, &err), 0);
		CU_ASSERT_EQUAL(cfg.police.tenants[0].agg.rate, rates[i].bits);
	}
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "cbs", "1.518k",
				   &err), 0);
	CU_ASSERT_EQUAL(cfg.police.classes[0].cbs, 1518);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "pbs", "2M",
				   &err), 0);
	CU_ASSERT_EQUAL(cfg.police.classes[0].pbs, 2000000);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "ebs", "0",
				   &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "eir", "0",
				   &err), 0);

	for (i = 0; i < RTE_DIM(dscps); i++) {
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "gen.g", "dscp",
					   dscps[i].text, &err), 0);
		CU_ASSERT_EQUAL(cfg.gens[0].dscp, dscps[i].dscp);
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dscp",
					   dscps[i].text, &err), 0);
		CU_ASSERT(cfg.police.rules[0].has_dscp);
		CU_ASSERT_EQUAL(cfg.police.rules[0].dscp, dscps[i].dscp);
		snprintf(v, sizeof(v), "remark  %s", dscps[i].text);
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "yellow",
					   v, &err), 0);
		CU_ASSERT_EQUAL(cfg.police.classes[0].act[1].action,
				PP_CFG_ACT_REMARK);
		CU_ASSERT_EQUAL(cfg.police.classes[0].act[1].dscp,
				dscps[i].dscp);
	}
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "yellow", "DROP",
				   &err), 0);
	CU_ASSERT_EQUAL(cfg.police.classes[0].act[1].action, PP_CFG_ACT_DROP);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "class.c", "red", "Pass",
				   &err), 0);
	CU_ASSERT_EQUAL(cfg.police.classes[0].act[2].action, PP_CFG_ACT_PASS);

	r = &cfg.police.rules[0];
	for (i = 0; i < RTE_DIM(protos); i++) {
		CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "proto",
					   protos[i].text, &err), 0);
		CU_ASSERT(r->has_proto);
		CU_ASSERT_EQUAL(r->proto, protos[i].proto);
	}
	/* dport: one port, a range, lo = hi, spaces, any. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dport", "0",
				   &err), 0);
	CU_ASSERT(r->dport_lo == 0 && r->dport_hi == 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dport",
				   "1024 - 65535", &err), 0);
	CU_ASSERT(r->dport_lo == 1024 && r->dport_hi == 65535);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dport", "7-7",
				   &err), 0);
	CU_ASSERT(r->dport_lo == 7 && r->dport_hi == 7);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dport", "any",
				   &err), 0);
	CU_ASSERT(r->dport_lo == 0 && r->dport_hi == 65535);

	/* Prefixes: bare addresses, /0, and any clears the version only
	 * when the other prefix is unset.
	 */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "src", "1.2.3.4",
				   &err), 0);
	CU_ASSERT(r->has_src && r->src_len == 32 && r->ip_version == 4);
	CU_ASSERT(r->src[0] == 1 && r->src[1] == 2 && r->src[2] == 3 &&
		  r->src[3] == 4);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dst", "0.0.0.0/0",
				   &err), 0);
	CU_ASSERT(r->has_dst && r->dst_len == 0 && r->ip_version == 4);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "src", "any",
				   &err), 0);
	CU_ASSERT(!r->has_src && r->src_len == 0 && r->ip_version == 4);
	/* dst still IPv4: an IPv6 src is refused and changes nothing. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "src", "::1",
				   &err), -EINVAL);
	check_msg("test", "rule.1", "src", "::1 is IPv6 but dst is IPv4");
	CU_ASSERT(!r->has_src && r->ip_version == 4);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dst", "::/0",
				   &err), 0);
	CU_ASSERT(r->ip_version == 6 && r->dst_len == 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "src",
				   "fe80::/10", &err), 0);
	CU_ASSERT(r->src[0] == 0xfe && r->src[1] == 0x80 && r->src_len == 10);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dst", "any",
				   &err), 0);
	CU_ASSERT(r->ip_version == 6);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "src", "any",
				   &err), 0);
	CU_ASSERT_EQUAL(r->ip_version, 0);
	/* vlan 0 (untagged) and any. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "vlan", "0",
				   &err), 0);
	CU_ASSERT(r->has_vlan && r->vlan == 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "vlan", "ANY",
				   &err), 0);
	CU_ASSERT(!r->has_vlan);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "rule.1", "dscp", "any",
				   &err), 0);
	CU_ASSERT(!r->has_dscp);
}

static void
test_police_defaults(void)
{
	const struct pp_cfg_police *p = &cfg.police;
	const struct pp_cfg_class *d;

	/* No policing section: off, nothing created, defaults kept. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE "[police]\n"
					"max_flows = 8\n"), 0);
	CU_ASSERT(!p->enabled);
	CU_ASSERT_EQUAL(p->max_flows, 8);
	CU_ASSERT_EQUAL(p->n_classes, 0);
	CU_ASSERT_EQUAL(p->n_tenants, 0);
	CU_ASSERT_EQUAL(p->n_rules, 0);
	CU_ASSERT_EQUAL(p->default_class, 0);
	CU_ASSERT_EQUAL(p->default_tenant, 0);
	CU_ASSERT_EQUAL(load_text(&cfg, BASE), 0);
	CU_ASSERT(!p->enabled);
	CU_ASSERT_EQUAL(p->max_flows, 65536);
	CU_ASSERT_DOUBLE_EQUAL(p->flow_idle, 10, 0);
	CU_ASSERT_STRING_EQUAL(p->default_class_name, "");
	CU_ASSERT_STRING_EQUAL(p->default_tenant_name, "");
	CU_ASSERT_EQUAL(cfg.gens[0].dscp, 0);
	CU_ASSERT_EQUAL(cfg.n_warnings, 0);

	/* A class only: the default class and tenant are appended. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE "[class.gold]\n"
					"meter = srtcm\ncir = 1M\ncbs = 2k\n"
					"[rule.1]\nclass = gold\n"), 0);
	CU_ASSERT(p->enabled);
	CU_ASSERT_EQUAL_FATAL(p->n_classes, 2);
	CU_ASSERT_EQUAL(p->default_class, 1);
	d = &p->classes[1];
	CU_ASSERT_STRING_EQUAL(d->name, "default");
	CU_ASSERT_EQUAL(d->meter, PP_CFG_METER_NONE);
	CU_ASSERT(d->cir == 0 && d->cbs == 0 && d->ebs == 0 && d->pir == 0 &&
		  d->pbs == 0 && d->eir == 0);
	CU_ASSERT_EQUAL(d->act[0].action, PP_CFG_ACT_PASS);
	CU_ASSERT_EQUAL(d->act[1].action, PP_CFG_ACT_PASS);
	CU_ASSERT_EQUAL(d->act[2].action, PP_CFG_ACT_DROP);
	CU_ASSERT_EQUAL(d->agg.rate, 0);
	CU_ASSERT_EQUAL(d->agg.burst, 0);
	CU_ASSERT_EQUAL_FATAL(p->n_tenants, 1);
	CU_ASSERT_STRING_EQUAL(p->tenants[0].name, "default");
	CU_ASSERT_EQUAL(p->tenants[0].agg.rate, 0);
	CU_ASSERT_EQUAL(p->default_tenant, 0);
	CU_ASSERT_EQUAL(p->rules[0].cls, 0);
	CU_ASSERT_EQUAL(p->rules[0].tenant, 0);
	CU_ASSERT_STRING_EQUAL(p->default_class_name, "");

	/* A tenant only, no rule: enabled all the same. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE "[tenant.a]\n"
					"rate = 1G\n"), 0);
	CU_ASSERT(p->enabled);
	CU_ASSERT_EQUAL(p->n_classes, 1);
	CU_ASSERT_EQUAL(p->n_tenants, 2);
	CU_ASSERT_EQUAL(p->default_tenant, 1);
	/* 10 ms of 1 Gbit/s. */
	CU_ASSERT_EQUAL(p->tenants[0].agg.burst, 1250000);

	/* An explicit [class.default] is used where it is. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE "[class.x]\n"
					"[class.default]\nred = pass\n"
					"[tenant.default]\n[tenant.y]\n"), 0);
	CU_ASSERT_EQUAL(p->n_classes, 2);
	CU_ASSERT_EQUAL(p->default_class, 1);
	CU_ASSERT_EQUAL(p->classes[1].act[2].action, PP_CFG_ACT_PASS);
	CU_ASSERT_EQUAL(p->n_tenants, 2);
	CU_ASSERT_EQUAL(p->default_tenant, 0);

	/* Computed bursts: 10 ms of rate, at least a frame / 32 packets. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE
		"[class.a]\nrate = 1M\n"		/* 1250 -> 1518 */
		"[class.b]\nrate = 100M\n"		/* 125000 */
		"[class.c]\nrate = 1000\nunit = packets\n"	/* 10 -> 32 */
		"[class.d]\nrate = 5k\nunit = packets\n"	/* 50 */
		"[class.e]\nrate = 100M\nburst = 2000\n"	/* given */
		"[class.f]\nrate = 100M\nburst = 0\n"	/* 0 = computed */
		"[tenant.t]\nrate = 1.2M\n"), 0);	/* 1500 -> 1518 */
	CU_ASSERT_EQUAL(p->classes[0].agg.burst, PP_CFG_MTU_FRAME);
	CU_ASSERT_EQUAL(p->classes[1].agg.burst, 125000);
	CU_ASSERT_EQUAL(p->classes[2].agg.burst, 32);
	CU_ASSERT_EQUAL(p->classes[3].agg.burst, 50);
	CU_ASSERT_EQUAL(p->classes[4].agg.burst, 2000);
	CU_ASSERT(!p->classes[4].agg.burst_auto);
	CU_ASSERT_EQUAL(p->classes[5].agg.burst, 125000);
	CU_ASSERT(p->classes[5].agg.burst_auto);
	CU_ASSERT_EQUAL(p->tenants[0].agg.burst, PP_CFG_MTU_FRAME);
}

static void
test_police_finalize_twice(void)
{
	static const char text[] = BASE
		"[class.gold]\nmeter = srtcm\ncir = 10M\ncbs = 20k\n"
		"rate = 100M\n"
		"[class.silver]\nrate = 1k\nunit = packets\n"
		"[tenant.a]\nrate = 1G\n"
		"[rule.2]\ndport = 80\nclass = silver\n"
		"[rule.1]\nsrc = 10.0.0.0/8\nclass = gold\ntenant = a\n";

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, text), 0);
	CU_ASSERT_EQUAL(cfg.police.n_classes, 3);
	CU_ASSERT_EQUAL(cfg.police.n_tenants, 2);
	CU_ASSERT_EQUAL(cfg.n_warnings, 1);
	memcpy(&cfg2, &cfg, sizeof(cfg));
	/* Same result, byte for byte: no second default, same bursts,
	 * same warnings (not added twice).
	 */
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT(memcmp(&cfg, &cfg2, sizeof(cfg)) == 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT(memcmp(&cfg, &cfg2, sizeof(cfg)) == 0);
	CU_ASSERT_EQUAL(cfg.police.n_classes, 3);
	CU_ASSERT_STRING_EQUAL(cfg.police.classes[2].name, "default");
	CU_ASSERT_EQUAL(cfg.n_warnings, 1);
}

static void
test_police_set(void)
{
	const struct pp_cfg_police *p = &cfg.police;
	const struct pp_cfg_class *gold;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE "[class.gold]\n"
					"meter = srtcm\ncir = 10M\ncbs = 20k\n"
					"[rule.1]\nclass = gold\n"), 0);
	gold = &p->classes[0];
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.gold", "cir",
				   "20M", &err), 0);
	CU_ASSERT_EQUAL(gold->cir, 20000000);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->n_classes, 2);

	/* A bad value: refused, nothing changed. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.gold", "cir",
				   "0", &err), -EINVAL);
	check_msg("command line", "class.gold", "cir",
		  "0 is out of range (1000..8e12)");
	CU_ASSERT_EQUAL(gold->cir, 20000000);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.gold", "cbs",
				   "1k", &err), -EINVAL);
	check_msg("command line", "class.gold", "cbs",
		  "1k is below one frame (1518 bytes)");
	CU_ASSERT_EQUAL(gold->cbs, 20000);

	/* Parses, but finalize validates across keys. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.gold", "pir",
				   "30M", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), -EINVAL);
	check_msg(path, "class.gold", "pir", "not used by meter = srtcm");
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.gold", "meter",
				   "trtcm", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), -EINVAL);
	check_msg(path, "class.gold", "pbs", "missing (meter = trtcm");
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.gold", "pbs",
				   "40k", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(gold->meter, PP_CFG_METER_TRTCM);
	CU_ASSERT_EQUAL(p->n_classes, 2);

	/* A failed set creates no section. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.silver",
				   "cir", "1x", &err), -EINVAL);
	CU_ASSERT_EQUAL(p->n_classes, 2);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "rule.9", "src",
				   "10.0.0.1/8", &err), -EINVAL);
	CU_ASSERT_EQUAL(p->n_rules, 1);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "unit",
				   "bits", &err), -EINVAL);
	CU_ASSERT_EQUAL(p->n_tenants, 1);

	/* A new rule naming an unknown class, then the class. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "rule.9", "class",
				   "silver", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), -EINVAL);
	check_msg(path, "rule.9", "class", "unknown class 'silver'");
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "class.silver",
				   "meter", "none", &err), 0);
	/* rule.1 is a catch-all: rule.9 is shadowed. */
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), -EINVAL);
	check_msg(path, "rule.9", NULL, "shadowed by [rule.1]");
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "rule.1", "proto",
				   "udp", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->n_rules, 2);
	CU_ASSERT_EQUAL(p->rules[1].cls, 2);	/* gold, default, silver */

	/* [police] default_class by set. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "police",
				   "default_class", "silver", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->default_class, 2);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "police",
				   "default_class", "", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->default_class, 1);
	CU_ASSERT_EQUAL(p->n_classes, 3);

	/* A computed burst follows rate and unit; a given one stays. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "rate",
				   "1M", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL_FATAL(p->n_tenants, 2);
	CU_ASSERT_EQUAL(p->tenants[1].agg.burst, PP_CFG_MTU_FRAME);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "rate",
				   "100M", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->tenants[1].agg.burst, 125000);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "unit",
				   "packets", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->tenants[1].agg.burst, 1000000);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "burst",
				   "2000", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "rate",
				   "1G", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->tenants[1].agg.burst, 2000);
	/* Back to bytes: a 2000-byte burst is fine, 1000 is not. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "unit",
				   "bytes", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "burst",
				   "1000", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), -EINVAL);
	check_msg(path, "tenant.t", "burst", "1000 is below one frame");
	/* burst = 0: computed again. */
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "command line", "tenant.t", "burst",
				   "0", &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg, &err), 0);
	CU_ASSERT_EQUAL(p->tenants[1].agg.burst, 1250000);
}

static void
test_help(void)
{
	static const char *const keys[] = {
		"burst", "buckets", "worker_ring_size", "tx_ring_size",
		"mbufs", "mbuf_cache", "tx_retries", "duration",
		"stats_period", "drain_timeout", "stats_json", "roles", "rx",
		"dev", "rx_queues", "rxd", "txd", "rss", "promisc", "peer_mac",
		"fwd", "queues", "flows", "pkt_len", "ip", "proto", "vlan",
		"rate", "popularity", "zipf_s", "malformed", "count", "seed",
		"dscp", "max_flows", "flow_idle", "default_class",
		"default_tenant", "meter", "cir", "cbs", "ebs", "pir", "pbs",
		"eir", "green", "yellow", "red", "burst", "unit", "src", "dst",
		"dport", "class", "tenant", "deadline", "on_fault", "overflow",
		"max_in_flight", "breaker_after", "breaker_backoff", "idle",
		"idle_polls", "idle_sleep_max", "watchdog",
	};
	char *buf = NULL, word[40];
	size_t len = 0, i;
	FILE *f;

	f = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	pp_cfg_help(f);
	fclose(f);
	for (i = 0; i < RTE_DIM(keys); i++) {
		snprintf(word, sizeof(word), "\n  %s ", keys[i]);
		CU_ASSERT_PTR_NOT_NULL(strstr(buf, word));
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "[pipeline]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "[lcore.N]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "[port.NAME]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "[gen.NAME]"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[police]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[class.NAME]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[tenant.NAME]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[rule.N]\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "8..16777216; default: 65536\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "  cir               bit/s      "
				      "1000..8e12; default: unset; "
				      "reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "  cbs               bytes      "
				      "1518..2^40; default: unset; "
				      "reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "pass, drop or remark DSCP; "
				      "default: drop; reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "none, srtcm, trtcm or trtcm4115; "
				      "default: none; reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "PORT, LO-HI or any; default: "
				      "any; reloadable\n"));
	/* Type, range and default on the key's line. */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "integer    1..256; default: 32\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "0 or 1024..16777216; default: 0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "0.1..600; default: 5; "
				      "reloadable\n"));
	/* The control-plane keys, and which keys a reload may change. */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "fail-fast or isolate; default: "
				      "isolate; reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "poll, backoff or sleep; default: "
				      "poll; reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "0.00001..1; default: 0.001; "
				      "reloadable\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "integer    1..256; default: 32\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "8..16777216; default: 65536\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "bytes or packets; default: "
				      "bytes\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "keys marked reloadable"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "udp or tcp; default: udp\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "rx, worker, tx, io, rtc; "
				      "required\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "until SIGINT/SIGTERM"));
	free(buf);
}

static void
expect_same_police(const struct pp_cfg_police *a,
		   const struct pp_cfg_police *b)
{
	unsigned int i, c;

	CU_ASSERT_EQUAL(a->enabled, b->enabled);
	CU_ASSERT_EQUAL(a->max_flows, b->max_flows);
	CU_ASSERT(a->flow_idle == b->flow_idle);
	CU_ASSERT_STRING_EQUAL(a->default_class_name, b->default_class_name);
	CU_ASSERT_STRING_EQUAL(a->default_tenant_name,
			       b->default_tenant_name);
	CU_ASSERT_EQUAL(a->default_class, b->default_class);
	CU_ASSERT_EQUAL(a->default_tenant, b->default_tenant);
	CU_ASSERT_EQUAL_FATAL(a->n_classes, b->n_classes);
	for (i = 0; i < a->n_classes; i++) {
		const struct pp_cfg_class *x = &a->classes[i];
		const struct pp_cfg_class *y = &b->classes[i];

		CU_ASSERT_STRING_EQUAL(x->name, y->name);
		CU_ASSERT_EQUAL(x->meter, y->meter);
		CU_ASSERT_EQUAL(x->cir, y->cir);
		CU_ASSERT_EQUAL(x->cbs, y->cbs);
		CU_ASSERT_EQUAL(x->ebs, y->ebs);
		CU_ASSERT_EQUAL(x->pir, y->pir);
		CU_ASSERT_EQUAL(x->pbs, y->pbs);
		CU_ASSERT_EQUAL(x->eir, y->eir);
		for (c = 0; c < 3; c++) {
			CU_ASSERT_EQUAL(x->act[c].action, y->act[c].action);
			CU_ASSERT_EQUAL(x->act[c].dscp, y->act[c].dscp);
		}
		CU_ASSERT_EQUAL(x->agg.rate, y->agg.rate);
		CU_ASSERT_EQUAL(x->agg.burst, y->agg.burst);
		CU_ASSERT_EQUAL(x->agg.packets, y->agg.packets);
		CU_ASSERT_EQUAL(x->agg.burst_auto, y->agg.burst_auto);
		CU_ASSERT(x->deadline == y->deadline);
	}
	CU_ASSERT_EQUAL_FATAL(a->n_tenants, b->n_tenants);
	for (i = 0; i < a->n_tenants; i++) {
		const struct pp_cfg_tenant *x = &a->tenants[i];
		const struct pp_cfg_tenant *y = &b->tenants[i];

		CU_ASSERT_STRING_EQUAL(x->name, y->name);
		CU_ASSERT_EQUAL(x->agg.rate, y->agg.rate);
		CU_ASSERT_EQUAL(x->agg.burst, y->agg.burst);
		CU_ASSERT_EQUAL(x->agg.packets, y->agg.packets);
		CU_ASSERT_EQUAL(x->agg.burst_auto, y->agg.burst_auto);
	}
	CU_ASSERT_EQUAL_FATAL(a->n_rules, b->n_rules);
	for (i = 0; i < a->n_rules; i++) {
		const struct pp_cfg_rule *x = &a->rules[i];
		const struct pp_cfg_rule *y = &b->rules[i];

		CU_ASSERT_EQUAL(x->id, y->id);
		CU_ASSERT_EQUAL(x->has_vlan, y->has_vlan);
		CU_ASSERT_EQUAL(x->vlan, y->vlan);
		CU_ASSERT_EQUAL(x->ip_version, y->ip_version);
		CU_ASSERT_EQUAL(x->has_src, y->has_src);
		CU_ASSERT_EQUAL(x->has_dst, y->has_dst);
		CU_ASSERT_EQUAL(x->src_len, y->src_len);
		CU_ASSERT_EQUAL(x->dst_len, y->dst_len);
		CU_ASSERT(memcmp(x->src, y->src, sizeof(x->src)) == 0);
		CU_ASSERT(memcmp(x->dst, y->dst, sizeof(x->dst)) == 0);
		CU_ASSERT_EQUAL(x->has_proto, y->has_proto);
		CU_ASSERT_EQUAL(x->proto, y->proto);
		CU_ASSERT_EQUAL(x->dport_lo, y->dport_lo);
		CU_ASSERT_EQUAL(x->dport_hi, y->dport_hi);
		CU_ASSERT_EQUAL(x->has_dscp, y->has_dscp);
		CU_ASSERT_EQUAL(x->dscp, y->dscp);
		CU_ASSERT_STRING_EQUAL(x->class_name, y->class_name);
		CU_ASSERT_STRING_EQUAL(x->tenant_name, y->tenant_name);
		CU_ASSERT_EQUAL(x->cls, y->cls);
		CU_ASSERT_EQUAL(x->tenant, y->tenant);
	}
}

static void
expect_same(const struct pp_cfg *a, const struct pp_cfg *b)
{
	unsigned int i, j;

	CU_ASSERT_EQUAL(a->burst, b->burst);
	CU_ASSERT_EQUAL(a->buckets, b->buckets);
	CU_ASSERT_EQUAL(a->worker_ring_size, b->worker_ring_size);
	CU_ASSERT_EQUAL(a->tx_ring_size, b->tx_ring_size);
	CU_ASSERT_EQUAL(a->mbufs, b->mbufs);
	CU_ASSERT_EQUAL(a->mbuf_cache, b->mbuf_cache);
	CU_ASSERT_EQUAL(a->tx_retries, b->tx_retries);
	CU_ASSERT(a->duration == b->duration);
	CU_ASSERT(a->stats_period == b->stats_period);
	CU_ASSERT(a->drain_timeout == b->drain_timeout);
	CU_ASSERT_STRING_EQUAL(a->stats_json, b->stats_json);
	CU_ASSERT_EQUAL(a->schedule, b->schedule);
	CU_ASSERT_EQUAL(a->steal, b->steal);
	CU_ASSERT_EQUAL(a->steal_min_backlog, b->steal_min_backlog);
	CU_ASSERT_EQUAL(a->bucket_moves, b->bucket_moves);
	CU_ASSERT(a->deadline == b->deadline);
	CU_ASSERT_EQUAL(a->on_fault, b->on_fault);
	CU_ASSERT_EQUAL(a->overflow, b->overflow);
	CU_ASSERT_EQUAL(a->max_in_flight, b->max_in_flight);
	CU_ASSERT(a->breaker_after == b->breaker_after);
	CU_ASSERT(a->breaker_backoff == b->breaker_backoff);
	CU_ASSERT_EQUAL(a->idle, b->idle);
	CU_ASSERT_EQUAL(a->idle_polls, b->idle_polls);
	CU_ASSERT(a->idle_sleep_max == b->idle_sleep_max);
	CU_ASSERT(a->watchdog == b->watchdog);

	CU_ASSERT_EQUAL_FATAL(a->n_lcores, b->n_lcores);
	for (i = 0; i < a->n_lcores; i++) {
		const struct pp_cfg_lcore *x = &a->lcores[i];
		const struct pp_cfg_lcore *y = &b->lcores[i];

		CU_ASSERT_EQUAL(x->lcore_id, y->lcore_id);
		CU_ASSERT_EQUAL(x->roles, y->roles);
		CU_ASSERT_EQUAL(x->rx_explicit, y->rx_explicit);
		CU_ASSERT_STRING_EQUAL(x->rx_spec, y->rx_spec);
		CU_ASSERT_EQUAL_FATAL(x->n_rx, y->n_rx);
		for (j = 0; j < x->n_rx; j++) {
			CU_ASSERT_EQUAL(x->rx[j].kind, y->rx[j].kind);
			CU_ASSERT_EQUAL(x->rx[j].idx, y->rx[j].idx);
			CU_ASSERT_EQUAL(x->rx[j].queue, y->rx[j].queue);
		}
	}
	CU_ASSERT_EQUAL_FATAL(a->n_ports, b->n_ports);
	for (i = 0; i < a->n_ports; i++) {
		const struct pp_cfg_port *x = &a->ports[i];
		const struct pp_cfg_port *y = &b->ports[i];

		CU_ASSERT_STRING_EQUAL(x->name, y->name);
		CU_ASSERT_STRING_EQUAL(x->dev, y->dev);
		CU_ASSERT_EQUAL(x->rx_queues, y->rx_queues);
		CU_ASSERT_EQUAL(x->rxd, y->rxd);
		CU_ASSERT_EQUAL(x->txd, y->txd);
		CU_ASSERT_EQUAL(x->rss, y->rss);
		CU_ASSERT_EQUAL(x->promisc, y->promisc);
		CU_ASSERT_EQUAL(x->has_peer_mac, y->has_peer_mac);
		CU_ASSERT(memcmp(&x->peer_mac, &y->peer_mac,
				 sizeof(x->peer_mac)) == 0);
		CU_ASSERT_STRING_EQUAL(x->fwd_name, y->fwd_name);
		CU_ASSERT_EQUAL(x->fwd.kind, y->fwd.kind);
		CU_ASSERT_EQUAL(x->fwd.idx, y->fwd.idx);
	}
	CU_ASSERT_EQUAL_FATAL(a->n_gens, b->n_gens);
	for (i = 0; i < a->n_gens; i++) {
		const struct pp_cfg_gen *x = &a->gens[i];
		const struct pp_cfg_gen *y = &b->gens[i];

		CU_ASSERT_STRING_EQUAL(x->name, y->name);
		CU_ASSERT_EQUAL(x->queues, y->queues);
		CU_ASSERT_EQUAL(x->flows, y->flows);
		CU_ASSERT_EQUAL(x->pkt_len, y->pkt_len);
		CU_ASSERT_EQUAL(x->imix, y->imix);
		CU_ASSERT_EQUAL(x->ip_version, y->ip_version);
		CU_ASSERT_EQUAL(x->l4_proto, y->l4_proto);
		CU_ASSERT_EQUAL(x->vlan, y->vlan);
		CU_ASSERT_EQUAL(x->dscp, y->dscp);
		CU_ASSERT_EQUAL(x->rate_pps, y->rate_pps);
		CU_ASSERT_EQUAL(x->popularity, y->popularity);
		CU_ASSERT(x->zipf_s == y->zipf_s);
		CU_ASSERT(x->malformed == y->malformed);
		CU_ASSERT_EQUAL(x->count, y->count);
		CU_ASSERT_EQUAL(x->seed, y->seed);
		CU_ASSERT_STRING_EQUAL(x->fwd_name, y->fwd_name);
		CU_ASSERT_EQUAL(x->fwd.kind, y->fwd.kind);
		CU_ASSERT_EQUAL(x->fwd.idx, y->fwd.idx);
	}
	expect_same_police(&a->police, &b->police);
	CU_ASSERT_EQUAL_FATAL(a->n_warnings, b->n_warnings);
	for (i = 0; i < a->n_warnings; i++)
		/* the same but for the file name */
		CU_ASSERT_STRING_EQUAL(strchr(a->warnings[i], ' '),
				       strchr(b->warnings[i], ' '));
}

static char *
dump_text(const struct pp_cfg *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	pp_cfg_dump(f, c);
	fclose(f);
	return buf;
}

static void
round_trip(const char *text)
{
	char *buf, *buf2;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, text), 0);
	buf = dump_text(&cfg);
	CU_ASSERT_EQUAL(load_text(&cfg2, buf), 0);
	if (err.msg[0] != '\0')
		fprintf(stderr, "\n%s\n%s\n", err.msg, buf);
	expect_same(&cfg, &cfg2);
	/* Dumping the reloaded config gives the same text, but for the
	 * first line (which names the file).
	 */
	buf2 = dump_text(&cfg2);
	CU_ASSERT_STRING_EQUAL(strchr(buf, '\n'), strchr(buf2, '\n'));
	free(buf);
	free(buf2);
}

static void
test_dump_round_trip(void)
{
	round_trip(full_ini);
	round_trip(LCORE_RTC GEN_OK);
	/* Awkward doubles and an imix generator. */
	round_trip("[pipeline]\nduration = 0.1\nstats_period = 3599.999\n"
		   "drain_timeout = 0.30000000000000004\n"
		   LCORE_RTC "[gen.g0]\nfwd = checker\npkt_len = imix\n"
		   "zipf_s = 0.01\nmalformed = 0.333333333333\n");
}

static void
test_police_round_trip(void)
{
	char *buf;

	/* Every police key, an implicit default class and tenant, computed
	 * and given bursts, IPv4 and IPv6 prefixes, a warning.
	 */
	round_trip(police_ini);
	round_trip(BASE "[class.gold]\nmeter = srtcm\ncir = 1234567\n"
		   "cbs = 1519\nrate = 3M\ngreen = remark af43\n"
		   "[tenant.t]\nrate = 7\nunit = packets\n"
		   "[rule.2]\ndport = 53\nproto = 17\ntenant = t\n"
		   "[rule.1]\nsrc = 10.0.0.0/8\ndst = 0.0.0.0/0\n"
		   "class = gold\n");
	CU_ASSERT_EQUAL(cfg2.police.n_classes, 2);	/* gold, default */
	CU_ASSERT_EQUAL(cfg2.n_warnings, 1);

	/* What the dump says, for the reader. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, police_ini), 0);
	buf = dump_text(&cfg);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[police]\nmax_flows = 1024\n"
				      "flow_idle = 2.5\n"
				      "default_class = best\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[class.gold]\nmeter = trtcm\n"
				      "cir = 1500k\ncbs = 15k\npir = 2G\n"
				      "pbs = 1500k\ngreen = remark 46\n"
				      "yellow = remark 10\nred = drop\n"
				      "rate = 10M\nunit = bytes\n"
				      "deadline = 0.002\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[rule.20]\nvlan = 0\n"
				      "src = 10.0.0.0/8\n"
				      "dst = 192.168.1.128/25\nproto = tcp\n"
				      "dport = 1000-2000\ndscp = 10\n"
				      "class = gold\ntenant = a\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\n[rule.65535]\nclass = best\n"));
	free(buf);

	/* Without policing sections: no class or tenant is dumped. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE), 0);
	buf = dump_text(&cfg);
	CU_ASSERT_PTR_NULL(strstr(buf, "[class."));
	CU_ASSERT_PTR_NULL(strstr(buf, "[tenant."));
	free(buf);
}

/* Every control-plane value at its bounds, by name and in any case. */
static void
test_control_values(void)
{
	static const struct {
		const char *section, *key, *value;
	} ok[] = {
		{ "pipeline", "deadline", "0" },
		{ "pipeline", "deadline", "60" },
		{ "pipeline", "deadline", "0.000001" },
		{ "pipeline", "on_fault", "fail-fast" },
		{ "pipeline", "on_fault", "ISOLATE" },
		{ "pipeline", "overflow", "backpressure" },
		{ "pipeline", "overflow", "Drop" },
		{ "pipeline", "max_in_flight", "0" },
		{ "pipeline", "max_in_flight", "2147483648" },
		{ "pipeline", "max_in_flight", "0x10000" },
		{ "pipeline", "breaker_after", "0" },
		{ "pipeline", "breaker_after", "60" },
		{ "pipeline", "breaker_backoff", "0.001" },
		{ "pipeline", "breaker_backoff", "60" },
		{ "pipeline", "idle", "poll" },
		{ "pipeline", "idle", "backoff" },
		{ "pipeline", "idle", "SLEEP" },
		{ "pipeline", "idle_polls", "1" },
		{ "pipeline", "idle_polls", "1000000" },
		{ "pipeline", "idle_sleep_max", "0.00001" },
		{ "pipeline", "idle_sleep_max", "1e-5" },
		{ "pipeline", "idle_sleep_max", "1" },
		{ "pipeline", "watchdog", "0.01" },
		{ "pipeline", "watchdog", "60" },
		{ "class.c", "deadline", "0" },
		{ "class.c", "deadline", "60" },
		{ "class.c", "deadline", "0.0005" },
	};
	unsigned int i;
	int rc;

	pp_cfg_defaults(&cfg);
	for (i = 0; i < RTE_DIM(ok); i++) {
		rc = pp_cfg_set(&cfg, "test", ok[i].section, ok[i].key,
				ok[i].value, &err);
		CU_ASSERT_EQUAL(rc, 0);
		if (rc != 0)
			fprintf(stderr, "\n  %s\n", err.msg);
	}
	/* The last value of each stuck. */
	CU_ASSERT_DOUBLE_EQUAL(cfg.deadline, 0.000001, 0);
	CU_ASSERT_EQUAL(cfg.on_fault, PP_CFG_FAULT_ISOLATE);
	CU_ASSERT_EQUAL(cfg.overflow, PP_CFG_OVERFLOW_DROP);
	CU_ASSERT_EQUAL(cfg.max_in_flight, 65536);
	CU_ASSERT_DOUBLE_EQUAL(cfg.breaker_after, 60, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.breaker_backoff, 60, 0);
	CU_ASSERT_EQUAL(cfg.idle, PP_CFG_IDLE_SLEEP);
	CU_ASSERT_EQUAL(cfg.idle_polls, 1000000);
	CU_ASSERT_DOUBLE_EQUAL(cfg.idle_sleep_max, 1, 0);
	CU_ASSERT_DOUBLE_EQUAL(cfg.watchdog, 60, 0);
	CU_ASSERT_EQUAL_FATAL(cfg.police.n_classes, 1);
	CU_ASSERT_DOUBLE_EQUAL(cfg.police.classes[0].deadline, 0.0005, 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "pipeline", "max_in_flight",
				   "2147483648", &err), 0);
	CU_ASSERT_EQUAL(cfg.max_in_flight, 1u << 31);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "pipeline", "on_fault",
				   "Fail-Fast", &err), 0);
	CU_ASSERT_EQUAL(cfg.on_fault, PP_CFG_FAULT_FAIL_FAST);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg, "test", "pipeline", "idle",
				   "backoff", &err), 0);
	CU_ASSERT_EQUAL(cfg.idle, PP_CFG_IDLE_BACKOFF);
}

/* ------------------------------------------------------------------ */
/* Reload check                                                        */

#define RELOAD_HEAD	": reload refused: these need a restart: "
#define RELOAD_TAIL	"; the running config stays"

/* Policing with an appended default class and tenant. */
#define POL_CLASSES \
	"[class.gold]\nmeter = srtcm\ncir = 1M\ncbs = 2k\nrate = 10M\n" \
	"[class.silver]\n"
#define POL_TENANTS \
	"[tenant.t]\nrate = 1M\n" \
	"[tenant.u]\n"
#define POL_RULES \
	"[rule.1]\ndport = 80\nclass = gold\n" \
	"[rule.2]\ndport = 443\ntenant = t\n"
#define POL_A		BASE POL_CLASSES POL_TENANTS POL_RULES
#define TWO_LCORES \
	"[lcore.1]\nroles = rx+worker\n[lcore.2]\nroles = tx\n" GEN_OK
#define PORT_A		LCORE_RTC "[port.p0]\ndev = net_null0\nfwd = checker\n"

/* Load running into cfg and next into cfg2 (whose path `path` keeps),
 * then check.
 */
static int
reload_texts(const char *running, const char *next)
{
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, running), 0);
	if (load_text(&cfg2, next) != 0)
		fprintf(stderr, "\n  next: %s\n", err.msg);
	CU_ASSERT_EQUAL_FATAL(err.msg[0], '\0');
	return pp_cfg_reload_check(&cfg, &cfg2, &err);
}

/* cfg2 = cfg with one key set and finalized again; then check. */
static int
reload_set(const char *section, const char *key, const char *value)
{
	int rc;

	cfg2 = cfg;
	rc = pp_cfg_set(&cfg2, NULL, section, key, value, &err);
	if (rc == 0)
		rc = pp_cfg_finalize(&cfg2, &err);
	if (rc != 0)
		fprintf(stderr, "\n  [%s] %s = %s: %s\n", section, key, value,
			err.msg);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	memset(&err, 0, sizeof(err));
	return pp_cfg_reload_check(&cfg, &cfg2, &err);
}

/* rc is -EPERM and err is a refusal that lists every one of items[]. */
static void
expect_refused(int rc, const char *const *items, unsigned int n)
{
	char head[128];
	size_t len = strlen(err.msg);
	unsigned int i;
	bool ok;

	CU_ASSERT_EQUAL(rc, -EPERM);
	snprintf(head, sizeof(head), "%s" RELOAD_HEAD, path);
	ok = strncmp(err.msg, head, strlen(head)) == 0 &&
		len > strlen(RELOAD_TAIL) &&
		strcmp(err.msg + len - strlen(RELOAD_TAIL), RELOAD_TAIL) == 0;
	for (i = 0; ok && i < n; i++)
		ok = strstr(err.msg, items[i]) != NULL;
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  got:  %s\n  want: %s... %s ...%s\n",
			err.msg, head, n > 0 ? items[0] : "", RELOAD_TAIL);
}

static void
expect_refused1(int rc, const char *item)
{
	expect_refused(rc, &item, 1);
}

static void
test_reload_same(void)
{
	char *buf;

	/* The same file twice, whatever it holds: nothing to refuse, and
	 * err is left alone.
	 */
	CU_ASSERT_EQUAL(reload_texts(BASE, BASE), 0);
	CU_ASSERT_STRING_EQUAL(err.msg, "");
	CU_ASSERT_EQUAL(reload_texts(full_ini, full_ini), 0);
	CU_ASSERT_EQUAL(reload_texts(police_ini, police_ini), 0);
	/* The appended default class and tenant compare equal. */
	CU_ASSERT_EQUAL(reload_texts(POL_A, POL_A), 0);
	CU_ASSERT_STRING_EQUAL(cfg2.police.classes[2].name, "default");
	CU_ASSERT_STRING_EQUAL(cfg2.police.tenants[2].name, "default");
	/* And so does a config read back from its dump, where they are
	 * written as sections.
	 */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, POL_A), 0);
	buf = dump_text(&cfg);
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg2, buf), 0);
	free(buf);
	CU_ASSERT_EQUAL(pp_cfg_reload_check(&cfg, &cfg2, &err), 0);
	/* Finalizing again changes nothing either. */
	CU_ASSERT_EQUAL(pp_cfg_finalize(&cfg2, &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_reload_check(&cfg, &cfg2, &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_reload_check(&cfg, &cfg2, NULL), 0);
}

static void
test_reload_live(void)
{
	static const struct {
		const char *section, *key, *value;
	} live[] = {
		{ "pipeline", "duration", "5" },
		{ "pipeline", "stats_period", "0" },
		{ "pipeline", "drain_timeout", "1" },
		{ "pipeline", "stats_json", "/tmp/other.json" },
		{ "pipeline", "deadline", "0.01" },
		{ "pipeline", "on_fault", "fail-fast" },
		{ "pipeline", "overflow", "backpressure" },
		{ "pipeline", "max_in_flight", "4096" },
		{ "pipeline", "breaker_after", "0" },
		{ "pipeline", "breaker_backoff", "1" },
		{ "pipeline", "idle", "sleep" },
		{ "pipeline", "idle_polls", "7" },
		{ "pipeline", "idle_sleep_max", "0.01" },
		{ "pipeline", "watchdog", "2" },
		{ "pipeline", "tx_retries", "0" },
		{ "pipeline", "bucket_moves", "9" },
		{ "police", "flow_idle", "0.5" },
		{ "police", "default_class", "silver" },
		{ "police", "default_tenant", "a" },
		{ "class.gold", "cir", "2M" },
		{ "class.gold", "cbs", "20k" },
		{ "class.gold", "pir", "3G" },
		{ "class.gold", "pbs", "2M" },
		{ "class.gold", "green", "pass" },
		{ "class.gold", "yellow", "drop" },
		{ "class.gold", "red", "remark af11" },
		{ "class.gold", "rate", "20M" },
		{ "class.gold", "burst", "100k" },
		{ "class.gold", "deadline", "0.01" },
		{ "class.silver", "ebs", "0" },
		{ "class.silver", "rate", "2000" },
		{ "class.bronze", "eir", "2M" },
		{ "class.best", "deadline", "1" },
		{ "tenant.a", "rate", "200k" },
		{ "tenant.a", "burst", "10k" },
		{ "tenant.b", "rate", "1T" },
		{ "rule.20", "dport", "80" },
		{ "rule.20", "class", "silver" },
		{ "rule.7", "vlan", "5" },
		{ "rule.300", "tenant", "a" },
	};
	unsigned int i;
	int rc;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, police_ini), 0);
	for (i = 0; i < RTE_DIM(live); i++) {
		rc = reload_set(live[i].section, live[i].key, live[i].value);
		CU_ASSERT_EQUAL(rc, 0);
		if (rc != 0)
			fprintf(stderr, "\n  [%s] %s = %s: %s\n",
				live[i].section, live[i].key, live[i].value,
				err.msg);
	}
	/* A new rule. */
	cfg2 = cfg;
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg2, NULL, "rule.400", "dscp", "ef",
				   &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_set(&cfg2, NULL, "rule.400", "class", "gold",
				   &err), 0);
	CU_ASSERT_EQUAL_FATAL(pp_cfg_finalize(&cfg2, &err), 0);
	CU_ASSERT_EQUAL(pp_cfg_reload_check(&cfg, &cfg2, &err), 0);

	/* Rules added, removed and changed; a meter added to a class. */
	CU_ASSERT_EQUAL(reload_texts(POL_A,
		BASE "[class.gold]\nmeter = srtcm\ncir = 1M\ncbs = 2k\n"
		"rate = 10M\n"
		"[class.silver]\nmeter = trtcm\ncir = 1M\ncbs = 2k\n"
		"pir = 2M\npbs = 4k\n"
		POL_TENANTS
		"[rule.2]\ndport = 8443\nclass = silver\n"
		"[rule.5]\nproto = udp\ntenant = u\n"), 0);
	/* Every rule removed: policing stays on (classes and tenants). */
	CU_ASSERT_EQUAL(reload_texts(POL_A, BASE POL_CLASSES POL_TENANTS), 0);
	/* A meter removed, several live keys at once. */
	CU_ASSERT_EQUAL(reload_texts(POL_A,
		"[pipeline]\nduration = 3\nidle = backoff\n"
		BASE "[class.gold]\nrate = 5M\n"
		"[class.silver]\ndeadline = 0.2\n" POL_TENANTS POL_RULES), 0);
}

static void
test_reload_restart(void)
{
	static const char *const several[] = {
		"[pipeline] burst (32 -> 64)",
		"[pipeline] schedule (atomic -> parallel)",
		"[lcore.1] roles (rx+worker+tx -> rx+tx)",
		"[lcore.2] added",
		"[port.p0] dev (net_null0 -> net_null9)",
		"[gen.g0] rate (0 -> 1000000)",
		"[police] max_flows (65536 -> 1024)",
		"[class.silver] removed",
		"[class.bronze] added",
		"[tenant.t] unit (bytes -> packets)",
		"[tenant.u] rate (0 -> 10M: add or remove an aggregate)",
	};
	char want[PP_CFG_ERR_LEN];

	/* One of each kind; the first with the whole message. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, BASE), 0);
	CU_ASSERT_EQUAL(reload_set("pipeline", "burst", "64"), -EPERM);
	snprintf(want, sizeof(want), "%s" RELOAD_HEAD
		 "[pipeline] burst (32 -> 64)" RELOAD_TAIL, path);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	expect_refused1(reload_set("pipeline", "buckets", "512"),
			"[pipeline] buckets (256 -> 512)");
	expect_refused1(reload_set("pipeline", "mbufs", "4096"),
			"[pipeline] mbufs (0 -> 4096)");
	expect_refused1(reload_set("pipeline", "schedule", "ordered"),
			"[pipeline] schedule (atomic -> ordered)");
	/* rings are made single- or multi-consumer for it, and RX's
	 * backlog cap derives from steal_min_backlog, at start */
	expect_refused1(reload_set("pipeline", "steal", "no"),
			"[pipeline] steal (yes -> no)");
	expect_refused1(reload_set("pipeline", "steal_min_backlog", "16"),
			"[pipeline] steal_min_backlog (256 -> 16)");
	expect_refused1(reload_set("gen.g0", "rate", "1M"),
			"[gen.g0] rate (0 -> 1000000)");
	expect_refused1(reload_set("police", "max_flows", "1024"),
			"[police] max_flows (65536 -> 1024)");
	/* A new [lcore.N] section. */
	expect_refused1(reload_set("lcore.2", "roles", "worker"),
			"[lcore.2] added");
	/* Without err: the same answer, no message. */
	CU_ASSERT_EQUAL(pp_cfg_reload_check(&cfg, &cfg2, NULL), -EPERM);

	/* An lcore's roles; a removed lcore. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, TWO_LCORES), 0);
	expect_refused1(reload_set("lcore.2", "roles", "worker+tx"),
			"[lcore.2] roles (tx -> worker+tx)");
	expect_refused1(reload_set("lcore.1", "rx", "g0"),
			"[lcore.1] rx (unset -> g0)");
	expect_refused1(reload_texts(TWO_LCORES, BASE), "[lcore.2] removed");

	/* A port's dev, short and long; a new port; a removed gen. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, PORT_A), 0);
	expect_refused1(reload_set("port.p0", "dev", "net_null1"),
			"[port.p0] dev (net_null0 -> net_null1)");
	CU_ASSERT_EQUAL(reload_set("port.p0", "dev",
				   "net_pcap0,rx_pcap=/tmp/a-rather-long-name.pcap"),
			-EPERM);
	snprintf(want, sizeof(want), "%s" RELOAD_HEAD "[port.p0] dev"
		 RELOAD_TAIL, path);
	CU_ASSERT_STRING_EQUAL(err.msg, want);
	expect_refused1(reload_set("port.p0", "peer_mac",
				   "02:00:00:00:00:01"),
			"[port.p0] peer_mac (unset -> 02:00:00:00:00:01)");
	expect_refused1(reload_set("port.p1", "dev", "net_null1"),
			"[port.p1] added");
	expect_refused1(reload_texts(PORT_A GEN_OK, PORT_A),
			"[gen.g0] removed");
	/* The same ports in another order. */
	expect_refused1(reload_texts(
		LCORE_RTC GEN_OK "[port.a]\ndev = net_null0\n"
		"[port.b]\ndev = net_null1\n",
		LCORE_RTC GEN_OK "[port.b]\ndev = net_null1\n"
		"[port.a]\ndev = net_null0\n"),
		"the order of [port.*] sections");

	/* Classes and tenants: the set, unit, aggregates. */
	expect_refused1(reload_texts(POL_A, BASE
		"[class.gold]\nmeter = srtcm\ncir = 1M\ncbs = 2k\nrate = 10M\n"
		POL_TENANTS POL_RULES), "[class.silver] removed");
	expect_refused1(reload_texts(POL_A, POL_A "[class.bronze]\n"),
			"[class.bronze] added");
	expect_refused1(reload_texts(POL_A, POL_A "[tenant.v]\n"),
			"[tenant.v] added");
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, POL_A), 0);
	expect_refused1(reload_set("tenant.t", "unit", "packets"),
			"[tenant.t] unit (bytes -> packets)");
	expect_refused1(reload_set("class.silver", "unit", "packets"),
			"[class.silver] unit (bytes -> packets)");
	expect_refused1(reload_set("tenant.u", "rate", "10M"),
			"[tenant.u] rate (0 -> 10M: add or remove an "
			"aggregate)");
	expect_refused1(reload_set("tenant.t", "rate", "0"),
			"[tenant.t] rate (1M -> 0: add or remove an "
			"aggregate)");
	expect_refused1(reload_set("class.gold", "rate", "0"),
			"[class.gold] rate (10M -> 0: add or remove an "
			"aggregate)");
	expect_refused1(reload_set("class.silver", "rate", "1G"),
			"[class.silver] rate (0 -> 1G: add or remove an "
			"aggregate)");
	/* Between nonzero rates it is live. */
	CU_ASSERT_EQUAL(reload_set("tenant.t", "rate", "2M"), 0);
	/* A file naming a default class has no appended one. (An override
	 * keeps it: it is a section once appended.)
	 */
	expect_refused1(reload_texts(POL_A, POL_A "[police]\n"
				     "default_class = silver\n"),
			"[class.default] removed");
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, POL_A), 0);
	CU_ASSERT_EQUAL(reload_set("police", "default_class", "silver"), 0);
	/* The same classes in another order. */
	expect_refused1(reload_texts(POL_A, BASE "[class.silver]\n"
		"[class.gold]\nmeter = srtcm\ncir = 1M\ncbs = 2k\nrate = 10M\n"
		POL_TENANTS POL_RULES), "the order of [class.*] sections");
	/* Policing turned on or off. */
	expect_refused1(reload_texts(BASE, BASE "[rule.1]\ntenant = default\n"),
			"[class.default] added, [tenant.default] added");
	expect_refused1(reload_texts(BASE "[rule.1]\ntenant = default\n",
				     BASE), "[class.default] removed");

	/* Several at once: all named, in section order. */
	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, POL_A
		"[port.p0]\ndev = net_null0\nfwd = checker\n"), 0);
	expect_refused(reload_texts(POL_A
		"[port.p0]\ndev = net_null0\nfwd = checker\n",
		"[pipeline]\nburst = 64\nschedule = parallel\n"
		"duration = 9\n"
		"[lcore.1]\nroles = rx+tx\n[lcore.2]\nroles = worker\n"
		"[gen.g0]\nfwd = checker\nrate = 1M\n"
		"[port.p0]\ndev = net_null9\nfwd = checker\n"
		"[police]\nmax_flows = 1024\n"
		"[class.gold]\nmeter = srtcm\ncir = 1M\ncbs = 2k\nrate = 10M\n"
		"[class.bronze]\n"
		"[tenant.t]\nrate = 1M\nunit = packets\n"
		"[tenant.u]\nrate = 10M\n" POL_RULES),
		several, RTE_DIM(several));
	CU_ASSERT_PTR_NULL(strstr(err.msg, "duration"));
	CU_ASSERT_PTR_NULL(strstr(err.msg, "more"));
}

/* More refusals than fit: the first ones in order, then "and N more". */
static void
test_reload_many(void)
{
	char next[4096], *p, *more;
	unsigned int i, listed = 0, n_more = 0;
	size_t o;

	o = snprintf(next, sizeof(next),
		     "[pipeline]\nburst = 64\nbuckets = 512\n"
		     "worker_ring_size = 2048\ntx_ring_size = 2048\n"
		     "mbufs = 4096\nmbuf_cache = 8\nschedule = parallel\n"
		     BASE);
	for (i = 2; i < 22; i++)
		o += snprintf(next + o, sizeof(next) - o,
			      "[lcore.%u]\nroles = worker\n", i);
	CU_ASSERT_FATAL(o < sizeof(next));
	expect_refused1(reload_texts(BASE, next),
			"[pipeline] burst (32 -> 64), [pipeline] buckets "
			"(256 -> 512)");
	CU_ASSERT(strlen(err.msg) < sizeof(err.msg) - 1);
	more = strstr(err.msg, " and ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(more);
	CU_ASSERT_EQUAL(sscanf(more, " and %u more;", &n_more), 1);
	for (p = err.msg; p < more; p++)
		listed += *p == '[';
	/* 7 [pipeline] keys and 20 new lcores. */
	CU_ASSERT(listed >= 7 && n_more >= 1);
	CU_ASSERT_EQUAL(listed + n_more, 27);
	/* The last one listed is whole. */
	CU_ASSERT(more[-1] != ',' && more[-1] != ' ');
}

static CU_TestInfo tests[] = {
	/* negative cases first */
	{ "unreadable file", test_unreadable_file },
	{ "syntax errors", test_syntax_errors },
	{ "unknown section", test_unknown_section },
	{ "unknown key", test_unknown_key },
	{ "out of range", test_out_of_range },
	{ "not a number", test_not_a_number },
	{ "bad bool, enum, mac, roles, rx", test_bad_bool_enum },
	{ "not a power of two", test_not_pow2 },
	{ "duplicate key and section", test_duplicates },
	{ "bad section names", test_bad_section_names },
	{ "too many sections", test_too_many_sections },
	{ "missing required keys", test_missing_required },
	{ "unknown fwd target", test_unknown_fwd },
	{ "rx errors", test_rx_errors },
	{ "roles and buckets errors", test_roles_errors },
	{ "pkt_len too small", test_pkt_len_too_small },
	{ "check lcores", test_check_lcores },
	{ "set errors", test_set_errors },
	{ "police: bad values", test_police_bad_values },
	{ "police: bad rule values", test_rule_bad_values },
	{ "police: meter keys", test_meter_keys },
	{ "police: names and section counts", test_police_names },
	{ "police: shadowed rules", test_rule_shadowing },
	{ "police: overlap warnings", test_rule_overlap_warnings },
	{ "control keys: bad values", test_control_bad_values },
	/* positive cases */
	{ "full config", test_full_config },
	{ "defaults", test_defaults },
	{ "command-line overrides", test_set_overrides },
	{ "auto rx assignment", test_auto_assign },
	{ "role aliases", test_role_aliases },
	{ "rate suffixes and bools", test_rate_and_bools },
	{ "help", test_help },
	{ "dump round trip", test_dump_round_trip },
	{ "police: every key parsed", test_police_parse },
	{ "police: values, suffixes, names", test_police_values },
	{ "police: defaults", test_police_defaults },
	{ "police: finalize twice", test_police_finalize_twice },
	{ "police: set and re-finalize", test_police_set },
	{ "police: dump round trip", test_police_round_trip },
	{ "control keys: values", test_control_values },
	{ "reload: same config", test_reload_same },
	{ "reload: live changes", test_reload_live },
	{ "reload: changes that need a restart", test_reload_restart },
	{ "reload: more refusals than fit", test_reload_many },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return pp_test_run("cfg", tests);
}
