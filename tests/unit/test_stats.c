/* SPDX-License-Identifier: BSD-3-Clause */
/* Counters, the identity, and the report's text and JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pp_stats.h"
#include "pp_test.h"

static void
test_drop_names(void)
{
	unsigned int i, j;

	for (i = 0; i < PP_DROP_MAX; i++) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(pp_drop_names[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(pp_drop_descs[i]);
		CU_ASSERT(strlen(pp_drop_names[i]) > 0);
		for (j = 0; j < i; j++)
			CU_ASSERT(strcmp(pp_drop_names[i], pp_drop_names[j]));
	}
	CU_ASSERT_STRING_EQUAL(pp_drop_names[PP_DROP_RING_FULL], "ring_full");
	CU_ASSERT_STRING_EQUAL(pp_drop_names[PP_DROP_MALFORMED], "malformed");
	CU_ASSERT_STRING_EQUAL(pp_drop_names[PP_DROP_TX_FULL], "tx_full");
}

static void
test_counters_and_identity(void)
{
	struct pp_lcore_stats a, b, snap, tot;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	pp_stats_add(&a.rx, 100);
	pp_stats_add(&a.tx, 90);
	pp_stats_add(&a.drops[PP_DROP_MALFORMED], 4);
	pp_stats_add(&b.rx, 50);
	pp_stats_add(&b.tx, 40);
	pp_stats_add(&b.drops[PP_DROP_RING_FULL], 10);
	pp_stats_add(&b.loop_cycles, 7);

	pp_stats_snapshot(&snap, &a);
	CU_ASSERT_EQUAL(snap.rx, 100);
	CU_ASSERT_EQUAL(snap.drops[PP_DROP_MALFORMED], 4);

	memset(&tot, 0, sizeof(tot));
	pp_stats_accumulate(&tot, &a);
	pp_stats_accumulate(&tot, &b);
	CU_ASSERT_EQUAL(tot.rx, 150);
	CU_ASSERT_EQUAL(tot.tx, 130);
	CU_ASSERT_EQUAL(tot.loop_cycles, 7);	/* the last counter too */
	CU_ASSERT_EQUAL(pp_stats_drops_total(&tot), 14);
	/* 150 = 130 + 14 + 6 in flight */
	CU_ASSERT_TRUE(pp_stats_identity_holds(&tot, 6));
	CU_ASSERT_FALSE(pp_stats_identity_holds(&tot, 0));
	CU_ASSERT_FALSE(pp_stats_identity_holds(&tot, 7));
}

static char *
render(const struct pp_stats_report *r, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (json) {
		CU_ASSERT_EQUAL(pp_stats_report_json(f, r), 0);
	} else {
		pp_stats_report_print(f, r);
	}
	fclose(f);
	return buf;
}

static void
mk_report(struct pp_stats_report *r)
{
	memset(r, 0, sizeof(*r));
	r->seconds = 2;
	r->clean_stop = true;
	r->total.rx = 1000;
	r->total.tx = 990;
	r->total.drops[PP_DROP_MALFORMED] = 10;
	r->mbufs_total = r->mbufs_avail = 4096;
	r->n_lcores = 2;
	r->lcores[0].lcore_id = 1;
	strcpy(r->lcores[0].roles, "rx+tx");
	r->lcores[0].st.rx = 1000;
	r->lcores[0].st.tx = 990;
	r->lcores[1].lcore_id = 2;
	strcpy(r->lcores[1].roles, "worker");
	r->lcores[1].st.worked = 1000;
	r->lcores[1].st.drops[PP_DROP_MALFORMED] = 10;
}

static void
test_report_ok_and_broken(void)
{
	struct pp_stats_report r;
	char *s;

	mk_report(&r);
	CU_ASSERT_TRUE(pp_stats_report_ok(&r));
	s = render(&r, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "1000 = 990 + 10 + 0: holds"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "result: OK"));
	free(s);

	r.leaked_mbufs = 3;		/* a leak fails the run */
	r.mbufs_avail = 4093;
	CU_ASSERT_FALSE(pp_stats_report_ok(&r));
	s = render(&r, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "LEAK"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "result: FAILED"));
	free(s);

	mk_report(&r);
	r.total.tx = 991;		/* one packet counted twice */
	CU_ASSERT_FALSE(pp_stats_report_ok(&r));
	s = render(&r, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "BROKEN"));
	free(s);
}

static void
test_report_json(void)
{
	struct pp_stats_report r;
	char *s, *p;
	int depth = 0;

	mk_report(&r);
	s = render(&r, true);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"rx\": 1000"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"in_flight\": 0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"leaked_mbufs\": 0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"malformed\": 10"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"roles\": \"worker\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"checker\": null"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"identity_holds\": true"));
	/* every reason is a key of "drops", even when zero */
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"ring_full\": 0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "\"aborted\": 0"));
	/* brackets balance (a cheap well-formedness check; the integration
	 * tests parse the real file with a JSON parser) */
	for (p = s; *p != '\0'; p++) {
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		CU_ASSERT(depth >= 0);
	}
	CU_ASSERT_EQUAL(depth, 0);
	free(s);
}

/* Every value lands in a bucket whose bounds hold it, buckets are in
 * value order, and the relative width stays under 1/8. */
static void
test_lat_index(void)
{
	static const uint64_t v[] = {
		0, 1, 7, 8, 9, 15, 16, 17, 100, 1000, 4095, 4096, 123456789,
		UINT64_C(1) << 40, (UINT64_C(1) << 62) + 5, UINT64_MAX,
	};
	unsigned int i, prev = 0;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unsigned int idx = pp_lat_index(v[i]);
		uint64_t hi = pp_lat_bucket_max(idx);
		uint64_t lo = idx == 0 ? 0 : pp_lat_bucket_max(idx - 1) + 1;

		CU_ASSERT(idx < PP_LAT_BUCKETS);
		CU_ASSERT(idx >= prev);
		CU_ASSERT(v[i] >= lo && v[i] <= hi);
		if (v[i] >= 8)
			CU_ASSERT((double)(hi - lo) / (double)lo < 0.125 + 1e-9);
		prev = idx;
	}
	/* exact below 8 */
	for (i = 0; i < 8; i++)
		CU_ASSERT_EQUAL(pp_lat_bucket_max(pp_lat_index(i)), i);
}

static void
test_lat_quantiles(void)
{
	static struct pp_lat_hist h, merged;
	uint64_t i, p50, p90, p99;

	memset(&h, 0, sizeof(h));
	CU_ASSERT_EQUAL(pp_lat_quantile(&h, 0.5), 0);	/* empty */
	for (i = 1; i <= 10000; i++)
		pp_lat_record(&h, i * 100);	/* 100 .. 1,000,000 */
	CU_ASSERT_EQUAL(h.max, 1000000);
	p50 = pp_lat_quantile(&h, 0.50);
	p90 = pp_lat_quantile(&h, 0.90);
	p99 = pp_lat_quantile(&h, 0.99);
	/* within a bucket's width (12.5 %) above the true quantile */
	CU_ASSERT(p50 >= 500000 && p50 <= 500000 * 1.125);
	CU_ASSERT(p90 >= 900000 && p90 <= 900000 * 1.125);
	CU_ASSERT(p99 >= 990000 && p99 <= 1000000);	/* capped at max */
	CU_ASSERT(p50 <= p90 && p90 <= p99);
	CU_ASSERT_EQUAL(pp_lat_quantile(&h, 1.0), 1000000);

	memset(&merged, 0, sizeof(merged));
	pp_lat_merge(&merged, &h);
	pp_lat_merge(&merged, &h);
	CU_ASSERT_EQUAL(merged.max, 1000000);
	CU_ASSERT_EQUAL(pp_lat_quantile(&merged, 0.5), p50);
}

/* A period's histogram is the difference of two merges: counts exact,
 * max exact when it grew in the period, else its top bucket's bound. */
static void
test_lat_delta(void)
{
	static struct pp_lat_hist live, m0, m1, m2, d;
	uint64_t i;

	memset(&live, 0, sizeof(live));
	for (i = 1; i <= 1000; i++)
		pp_lat_record(&live, 1000 + i);		/* period 1: ~1-2k */
	memset(&m0, 0, sizeof(m0));
	pp_lat_merge(&m0, &live);
	for (i = 1; i <= 1000; i++)
		pp_lat_record(&live, 100);		/* period 2: 100 */
	memset(&m1, 0, sizeof(m1));
	pp_lat_merge(&m1, &live);
	pp_lat_delta(&d, &m1, &m0);
	CU_ASSERT_EQUAL(d.count[pp_lat_index(100)], 1000);
	/* 100's bucket bound (103), not period 1's 2000 */
	CU_ASSERT_EQUAL(pp_lat_quantile(&d, 0.99),
			pp_lat_bucket_max(pp_lat_index(100)));
	CU_ASSERT_EQUAL(d.max, pp_lat_bucket_max(pp_lat_index(100)));
	for (i = 0; i < 10; i++)
		pp_lat_record(&live, 50000);		/* period 3: new max */
	memset(&m2, 0, sizeof(m2));
	pp_lat_merge(&m2, &live);
	pp_lat_delta(&d, &m2, &m1);
	CU_ASSERT_EQUAL(d.max, 50000);
	CU_ASSERT_EQUAL(pp_lat_quantile(&d, 0.5), 50000);
	pp_lat_delta(&d, &m2, &m2);			/* nothing */
	CU_ASSERT_EQUAL(d.max, 0);
	CU_ASSERT_EQUAL(pp_lat_quantile(&d, 0.5), 0);
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "drop reason names", test_drop_names },
		{ "counters and identity", test_counters_and_identity },
		{ "report ok / broken", test_report_ok_and_broken },
		{ "report json", test_report_json },
		{ "latency index", test_lat_index },
		{ "latency quantiles", test_lat_quantiles },
		{ "latency period delta", test_lat_delta },
		CU_TEST_INFO_NULL,
	};

	return pp_test_run("stats", tests);
}
