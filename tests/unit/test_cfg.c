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
		   "gen.NAME)");
	expect_err(LCORE_RTC GEN_OK "[ports.p0]\ndev = net_null0\n", -EINVAL,
		   "ports.p0", NULL, "unknown section");
}

static void
test_unknown_key(void)
{
	expect_err("[pipeline]\nbrust = 3\n", -EINVAL, "pipeline", "brust",
		   "unknown key (valid: burst, buckets, worker_ring_size, "
		   "tx_ring_size, mbufs, mbuf_cache, tx_retries, duration, "
		   "stats_period, drain_timeout, schedule, steal, steal_min_backlog, bucket_moves, stats_json)");
	expect_err("[port.p0]\ndev = net_null0\nspeed = 10\n", -EINVAL,
		   "port.p0", "speed",
		   "unknown key (valid: dev, rx_queues, rxd, txd, rss, "
		   "promisc, peer_mac, fwd)");
	expect_err("[lcore.2]\nrole = rx\n", -EINVAL, "lcore.2", "role",
		   "unknown key (valid: roles, rx)");
	expect_err("[gen.g]\nfwd = checker\nsize = 64\n", -EINVAL, "gen.g",
		   "size", "unknown key (valid: queues, flows, pkt_len, ip, ");
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
	/* Type, range and default on the key's line. */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "integer    1..256; default: 32\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "0 or 1024..16777216; default: 0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "0.1..600; default: 5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "udp or tcp; default: udp\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "rx, worker, tx, io, rtc; "
				      "required\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "until SIGINT/SIGTERM"));
	free(buf);
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
}

static void
round_trip(const char *text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	CU_ASSERT_EQUAL_FATAL(load_text(&cfg, text), 0);
	f = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	pp_cfg_dump(f, &cfg);
	fclose(f);
	CU_ASSERT_EQUAL(load_text(&cfg2, buf), 0);
	if (err.msg[0] != '\0')
		fprintf(stderr, "\n%s\n%s\n", err.msg, buf);
	expect_same(&cfg, &cfg2);
	free(buf);
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
	/* positive cases */
	{ "full config", test_full_config },
	{ "defaults", test_defaults },
	{ "command-line overrides", test_set_overrides },
	{ "auto rx assignment", test_auto_assign },
	{ "role aliases", test_role_aliases },
	{ "rate suffixes and bools", test_rate_and_bools },
	{ "help", test_help },
	{ "dump round trip", test_dump_round_trip },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return pp_test_run("cfg", tests);
}
