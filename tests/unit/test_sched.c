/* SPDX-License-Identifier: BSD-3-Clause */
/* hash -> bucket -> worker map. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pp_sched.h"
#include "pp_test.h"

static struct pp_sched_map *
mk(uint32_t buckets, uint16_t workers, int *rc)
{
	struct pp_sched_map *m = calloc(1, pp_sched_map_memsize(buckets));

	*rc = pp_sched_map_init(m, buckets, workers);
	return m;
}

static void
test_init_errors(void)
{
	struct pp_sched_map *m;
	int rc;

	m = mk(64, 0, &rc);		/* no worker */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
	m = mk(100, 2, &rc);		/* not a power of two */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
	m = mk(2, 4, &rc);		/* fewer buckets than workers */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
	m = mk(131072, 4, &rc);		/* more than a uint16 bucket id */
	CU_ASSERT_EQUAL(rc, -EINVAL);
	free(m);
}

static void
test_one_bucket(void)
{
	int rc;
	struct pp_sched_map *m = mk(1, 1, &rc);

	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL(pp_sched_bucket(m, 0), 0);
	CU_ASSERT_EQUAL(pp_sched_bucket(m, 0xffffffffu), 0);
	CU_ASSERT_EQUAL(pp_sched_owner(m, 0), 0);
	free(m);
}

/* Buckets are owned round-robin, so each worker owns the same number. */
static void
test_owner_round_robin(void)
{
	static const uint16_t workers[] = { 1, 2, 3, 4, 16 };
	unsigned int i, b;

	for (i = 0; i < sizeof(workers) / sizeof(workers[0]); i++) {
		int rc, cnt[16] = { 0 };
		struct pp_sched_map *m = mk(256, workers[i], &rc);

		CU_ASSERT_EQUAL_FATAL(rc, 0);
		for (b = 0; b < 256; b++) {
			CU_ASSERT(pp_sched_owner(m, b) < workers[i]);
			cnt[pp_sched_owner(m, b)]++;
		}
		for (b = 0; b < workers[i]; b++)
			CU_ASSERT(abs(cnt[b] - 256 / workers[i]) <= 1);
		free(m);
	}
}

/* Hashes that differ only in their high bits, and hashes that share their
 * low bits (what one RSS queue sees), still spread over all buckets. */
static void
test_bucket_spread(void)
{
	int rc;
	struct pp_sched_map *m = mk(64, 4, &rc);
	unsigned int seen_low[64] = { 0 }, seen_rss[64] = { 0 };
	uint32_t h, used_low = 0, used_rss = 0;

	CU_ASSERT_EQUAL_FATAL(rc, 0);
	for (h = 0; h < 64 * 64; h++) {
		uint32_t b1 = pp_sched_bucket(m, h);
		/* low 7 bits fixed, as RETA index 5 on a 128-entry table */
		uint32_t b2 = pp_sched_bucket(m, (h << 7) | 5);

		CU_ASSERT(b1 < 64 && b2 < 64);
		seen_low[b1]++;
		seen_rss[b2]++;
	}
	for (h = 0; h < 64; h++) {
		used_low += seen_low[h] != 0;
		used_rss += seen_rss[h] != 0;
		/* no bucket gets more than 3x its fair share (64) */
		CU_ASSERT(seen_low[h] < 3 * 64);
		CU_ASSERT(seen_rss[h] < 3 * 64);
	}
	CU_ASSERT_EQUAL(used_low, 64);
	CU_ASSERT_EQUAL(used_rss, 64);
	/* deterministic: same hash, same bucket */
	CU_ASSERT_EQUAL(pp_sched_bucket(m, 12345), pp_sched_bucket(m, 12345));
	free(m);
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "init errors", test_init_errors },
		{ "one bucket", test_one_bucket },
		{ "owners round-robin", test_owner_round_robin },
		{ "bucket spread", test_bucket_spread },
		CU_TEST_INFO_NULL,
	};

	return pp_test_run("sched", tests);
}
