/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/police: the three meters against their RFCs' colour definitions,
 * profile validation, the aggregate policer (accuracy over 1 kbit/s ..
 * 400 Gbit/s with synthetic time, rate change, time going backwards,
 * 1/2/4 threads on real TSC time) and the flow table (add/lookup, bounded
 * size, aging, reclaim when full).
 *
 * Unlike the other unit suites this one starts a minimal EAL: rte_meter
 * reads rte_get_tsc_hz() when it builds a profile, and rte_hash allocates
 * from the EAL heap. Meters are then driven with synthetic TSC values
 * computed from rte_get_tsc_hz(); aggregates take tsc_hz as a parameter.
 * Negative cases come first.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_acl.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_hash_crc.h>
#include <rte_lcore.h>
#include <rte_memory.h>

#include "pp_cfg.h"
#include "pp_pkt.h"
#include "pp_police.h"
#include "pp_test.h"

typedef unsigned __int128 u128;

static uint64_t hz;			/* rte_get_tsc_hz() */
static int pre_eal_rc = 1;		/* profile init before EAL */
static cpu_set_t all_cpus;		/* affinity before EAL pinned us */

#define T0	1000000000000ull	/* synthetic start time */
#define K	1000ull		/* cycles per byte at rate hz / K */
#define AHZ	1000000000ull	/* tsc_hz of synthetic aggregates */

/* ------------------------------------------------------------------ */
/* Meters                                                               */

static struct pp_meter_params
mp(enum pp_meter_alg alg, uint64_t cir, uint64_t cbs, uint64_t eir,
   uint64_t ebs)
{
	struct pp_meter_params p = {
		.alg = alg, .cir = cir, .cbs = cbs, .eir = eir, .ebs = ebs,
	};

	return p;
}

static void
test_meter_profile_errors(void)
{
	struct pp_meter_profile p;
	struct pp_meter_params prm;
	struct pp_meter m;
	uint64_t c = hz / K;

	/* before EAL: no TSC rate, so no profile (see main()) */
	CU_ASSERT_EQUAL(pre_eal_rc, -ENOTSUP);

	prm = mp(PP_METER_SRTCM, c, 1000, 0, 1000);
	CU_ASSERT_EQUAL(pp_meter_profile_init(NULL, &prm), -EINVAL);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, NULL), -EINVAL);
	prm.alg = (enum pp_meter_alg)7;
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);

	/* every algorithm: cir 0, cbs 0, out of range */
	for (int a = PP_METER_SRTCM; a <= PP_METER_TRTCM_4115; a++) {
		uint64_t e = a == PP_METER_SRTCM ? 0 : 2 * c;

		prm = mp((enum pp_meter_alg)a, 0, 1000, e, 1000);
		CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
		prm = mp((enum pp_meter_alg)a, c, 0, e, 1000);
		CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
		prm = mp((enum pp_meter_alg)a, PP_POLICE_RATE_MAX + 1, 1000,
			 e ? PP_POLICE_RATE_MAX + 1 : 0, 1000);
		CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
		prm = mp((enum pp_meter_alg)a, c, PP_POLICE_BURST_MAX + 1, e,
			 1000);
		CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
		prm = mp((enum pp_meter_alg)a, c, 1000, e,
			 PP_POLICE_BURST_MAX + 1);
		CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
		/* and the valid one */
		prm = mp((enum pp_meter_alg)a, c, 1000, e, 1000);
		CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), 0);
	}
	/* srTCM has one rate */
	prm = mp(PP_METER_SRTCM, c, 1000, c, 1000);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
	/* srTCM without EBS is fine (two colours) */
	prm = mp(PP_METER_SRTCM, c, 1000, 0, 0);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), 0);
	/* RFC 2698: PIR >= CIR, PBS > 0 */
	prm = mp(PP_METER_TRTCM, c, 1000, c - 1, 1000);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
	prm = mp(PP_METER_TRTCM, c, 1000, 0, 1000);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
	prm = mp(PP_METER_TRTCM, c, 1000, c, 0);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
	prm = mp(PP_METER_TRTCM, c, 1000, c, 1000);	/* PIR == CIR ok */
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), 0);
	/* RFC 4115: EBS > 0 iff EIR > 0 */
	prm = mp(PP_METER_TRTCM_4115, c, 1000, 0, 1000);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
	prm = mp(PP_METER_TRTCM_4115, c, 1000, c, 0);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), -EINVAL);
	prm = mp(PP_METER_TRTCM_4115, c, 1000, 0, 0);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), 0);
	/* EIR may be below CIR in 4115 */
	prm = mp(PP_METER_TRTCM_4115, c, 1000, c / 2, 1000);
	CU_ASSERT_EQUAL(pp_meter_profile_init(&p, &prm), 0);

	CU_ASSERT_EQUAL(pp_meter_init(NULL, &p, T0), -EINVAL);
	CU_ASSERT_EQUAL(pp_meter_init(&m, NULL, T0), -EINVAL);
	memset(&p, 0, sizeof(p));	/* never initialised */
	CU_ASSERT_EQUAL(pp_meter_init(&m, &p, T0), -EINVAL);
}

/* Colour a sequence of packets at one time; expect colours. */
struct pkt {
	uint32_t len;
	enum rte_color c;
};

static int
seq(struct pp_meter *m, const struct pp_meter_profile *p, uint64_t now,
    const struct pkt *pk, unsigned int n)
{
	unsigned int i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		enum rte_color c = pp_meter_color(m, p, now, pk[i].len);

		if (c != pk[i].c) {
			printf("\n    packet %u (%u B): colour %d, want %d", i,
			       pk[i].len, c, pk[i].c);
			bad++;
		}
	}
	return bad;
}

#define SEQ(m, p, now, ...) do { \
	const struct pkt pk_[] = { __VA_ARGS__ }; \
	CU_ASSERT_EQUAL(seq(m, p, now, pk_, RTE_DIM(pk_)), 0); \
} while (0)

#define G	RTE_COLOR_GREEN
#define Y	RTE_COLOR_YELLOW
#define R	RTE_COLOR_RED

/*
 * RFC 2697: Tc fills at CIR up to CBS, what overflows fills Te up to EBS;
 * green if Tc >= B (Tc -= B), else yellow if Te >= B (Te -= B), else red.
 * CIR = hz / K: exactly one byte every K cycles.
 */
static void
test_meter_srtcm(void)
{
	struct pp_meter_params prm = mp(PP_METER_SRTCM, hz / K, 1000, 0, 2000);
	struct pp_meter_profile p;
	struct pp_meter m;
	uint64_t t = T0;

	CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&p, &prm), 0);
	CU_ASSERT_EQUAL(p.srtcm.cir_period, K);
	CU_ASSERT_EQUAL(p.srtcm.cir_bytes_per_period, 1);
	CU_ASSERT_EQUAL_FATAL(pp_meter_init(&m, &p, t), 0);

	/* full buckets; a packet of exactly CBS is green */
	SEQ(&m, &p, t, { 1000, G }, { 1, Y }, { 1999, Y }, { 1, R });
	/* red charges nothing */
	SEQ(&m, &p, t, { 1, R });
	/* 500 bytes of time: all to Tc (not full), none to Te */
	t += 500 * K;
	SEQ(&m, &p, t, { 501, R }, { 500, G }, { 1, R });
	/* 1300 bytes of time: Tc full (1000), 300 overflow to Te */
	t += 1300 * K;
	SEQ(&m, &p, t, { 1000, G }, { 301, R }, { 300, Y }, { 1, R });
	/* partial periods carry over: 999 cycles give nothing yet ... */
	t += K - 1;
	SEQ(&m, &p, t, { 1, R });
	/* ... one more cycle gives a byte */
	t += 1;
	SEQ(&m, &p, t, { 1, G }, { 1, R });
	/* long idle: full, but no more than CBS and EBS */
	t += 1000000 * K;
	SEQ(&m, &p, t, { 1001, Y }, { 1000, G }, { 999, Y }, { 1, R });
	/* a packet larger than both buckets is red even when full */
	t += 1000000 * K;
	SEQ(&m, &p, t, { 2001, R }, { 1000, G }, { 2000, Y });
}

/*
 * RFC 2698: Tp fills at PIR up to PBS, Tc at CIR up to CBS; red if
 * Tp < B, else yellow if Tc < B (Tp -= B), else green (both -= B).
 */
static void
test_meter_trtcm(void)
{
	struct pp_meter_params prm = mp(PP_METER_TRTCM, hz / K, 1000,
					hz / (K / 2), 1500);
	struct pp_meter_profile p;
	struct pp_meter m;
	uint64_t t = T0;

	CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&p, &prm), 0);
	CU_ASSERT_EQUAL(p.trtcm.cir_period, K);
	CU_ASSERT_EQUAL(p.trtcm.pir_period, K / 2);
	CU_ASSERT_EQUAL_FATAL(pp_meter_init(&m, &p, t), 0);

	/* green takes from both: 1000 green leaves Tp 500 */
	SEQ(&m, &p, t, { 1000, G }, { 501, R }, { 500, Y }, { 1, R });
	/* 250 bytes of CIR time: Tc +250, Tp +500 */
	t += 250 * K;
	SEQ(&m, &p, t, { 250, G }, { 251, R }, { 250, Y }, { 1, R });
	/* full: above PBS is red, above CBS (within PBS) yellow */
	t += 1000000 * K;
	SEQ(&m, &p, t, { 1501, R }, { 1001, Y }, { 500, R }, { 499, G },
	    { 1, R });
	/* long idle: no more than CBS / PBS */
	t += 1000000 * K;
	SEQ(&m, &p, t, { 1000, G }, { 500, Y }, { 1, R });
}

/*
 * RFC 4115 (colour-blind): C and E buckets fill independently at CIR and
 * EIR; green if Tc >= B (Tc -= B), else yellow if Te >= B (Te -= B),
 * else red. Green does not take from Te (unlike RFC 2698's Tp).
 */
static void
test_meter_trtcm_4115(void)
{
	struct pp_meter_params prm = mp(PP_METER_TRTCM_4115, hz / K, 1000,
					hz / K, 500);
	struct pp_meter_profile p;
	struct pp_meter m;
	uint64_t t = T0;

	CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&p, &prm), 0);
	CU_ASSERT_EQUAL_FATAL(pp_meter_init(&m, &p, t), 0);

	SEQ(&m, &p, t, { 1000, G }, { 500, Y }, { 1, R });
	/* both fill at once (srTCM's Te would get nothing here) */
	t += 300 * K;
	SEQ(&m, &p, t, { 300, G }, { 300, Y }, { 1, R });
	/* Tc full does not spill into Te: after 2000 bytes of time Te is
	 * capped at EBS */
	t += 2000 * K;
	SEQ(&m, &p, t, { 1000, G }, { 501, R }, { 500, Y }, { 1, R });
	/* EIR 0 and EBS 0: two colours */
	prm = mp(PP_METER_TRTCM_4115, hz / K, 1000, 0, 0);
	CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&p, &prm), 0);
	CU_ASSERT_EQUAL_FATAL(pp_meter_init(&m, &p, t), 0);
	SEQ(&m, &p, t, { 1000, G }, { 1, R });
	t += 1000000 * K;
	SEQ(&m, &p, t, { 1000, G }, { 1, R });
}

/*
 * Time going backwards gives no credit (rte_meter alone would see a huge
 * unsigned gap and refill); a far jump forward gives full buckets only;
 * neither crashes. For every algorithm.
 */
static void
test_meter_time_jumps(void)
{
	static const uint64_t jumps[] = {
		1, K - 1, 1000 * K, 1ull << 40, 1ull << 62, (1ull << 63) - 1,
		1ull << 63, UINT64_MAX - T0,
	};
	struct pp_meter_params prms[] = {
		mp(PP_METER_SRTCM, hz / K, 1000, 0, 2000),
		mp(PP_METER_TRTCM, hz / K, 1000, hz / (K / 2), 1500),
		mp(PP_METER_TRTCM_4115, hz / K, 1000, hz / K, 500),
		/* fast: many bytes per period, products overflow first */
		mp(PP_METER_SRTCM, 50000000000ull, 1000000, 0, 2000000),
		mp(PP_METER_TRTCM, 50000000000ull, 1000000, 100000000000ull,
		   2000000),
		mp(PP_METER_TRTCM_4115, 50000000000ull, 1000000,
		   50000000000ull, 1000000),
	};
	unsigned int i, j;

	for (i = 0; i < RTE_DIM(prms); i++) {
		struct pp_meter_profile p;
		uint64_t full_c = prms[i].cbs;
		/* what a full meter gives besides green */
		uint64_t full_e = prms[i].alg == PP_METER_TRTCM ?
			prms[i].ebs - prms[i].cbs : prms[i].ebs;

		CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&p, &prms[i]), 0);
		for (j = 0; j < RTE_DIM(jumps); j++) {
			struct pp_meter m;
			uint64_t t = T0, back;

			CU_ASSERT_EQUAL_FATAL(pp_meter_init(&m, &p, t), 0);
			/* empty both buckets */
			while (pp_meter_color(&m, &p, t, 1000) != R)
				;
			while (pp_meter_color(&m, &p, t, 1) != R)
				;
			/* backwards by jumps[j] (a step of 2^63 or more is
			 * backwards too, modulo 2^64): nothing, then back
			 * at t: still nothing */
			back = t - jumps[j];
			if (jumps[j] <= (1ull << 63))
				CU_ASSERT_EQUAL(pp_meter_color(&m, &p, back, 1),
						R);
			CU_ASSERT_EQUAL(pp_meter_color(&m, &p, 0, 1), R);
			CU_ASSERT_EQUAL(pp_meter_color(&m, &p, t, 1), R);
			/* forward by jumps[j]: at most full buckets */
			t += jumps[j];
			if (jumps[j] >= (1ull << 40) &&
			    jumps[j] < (1ull << 63)) {
				/* at least a full bucket by then */
				CU_ASSERT_EQUAL(pp_meter_color(&m, &p, t,
						(uint32_t)full_c), G);
				CU_ASSERT_EQUAL(pp_meter_color(&m, &p, t, 1),
						full_e ? Y : R);
				if (full_e > 1)
					CU_ASSERT_EQUAL(pp_meter_color(&m, &p,
						t, (uint32_t)full_e - 1), Y);
				CU_ASSERT_EQUAL(pp_meter_color(&m, &p, t, 1),
						R);
			} else {
				/* no more than the time allows: nothing
				 * green beyond a full C bucket */
				CU_ASSERT_NOT_EQUAL(pp_meter_color(&m, &p, t,
						(uint32_t)full_c + 1), G);
			}
			/* and from the new time on, normal refill */
			CU_ASSERT_EQUAL(pp_meter_color(&m, &p, t + 1, 0), G);
		}
	}
}

/*
 * An all-zero meter is valid: a meter idle since TSC 0, i.e. full. A meter
 * switched to another profile, even of another algorithm, gives at most
 * full buckets of the new one, whatever its old state.
 */
static void
test_meter_zeroed_switched(void)
{
	struct pp_meter_params prms[] = {
		mp(PP_METER_SRTCM, hz / K, 1000, 0, 2000),
		mp(PP_METER_TRTCM, hz / K, 1000, hz / (K / 2), 1500),
		mp(PP_METER_TRTCM_4115, hz / K, 1000, hz / K, 500),
	};
	/* what each gives when full: green, then yellow */
	static const uint32_t full_g[] = { 1000, 1000, 1000 };
	static const uint32_t full_y[] = { 2000, 500, 500 };
	struct pp_meter_profile p[3];
	struct pp_meter m;
	unsigned int i, j, d;

	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&p[i], &prms[i]),
				      0);
	memset(&m, 0, sizeof(m));
	SEQ(&m, &p[0], T0, { 1000, G }, { 2000, Y }, { 1, R });
	RTE_BUILD_BUG_ON(sizeof(struct pp_meter) != 32);

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			/* old state: fresh, half used, empty */
			for (d = 0; d < 3; d++) {
				uint64_t t = T0 + 5 * K;
				uint32_t g = 0, y = 0, len;

				CU_ASSERT_EQUAL(pp_meter_init(&m, &p[i], T0),
						0);
				if (d >= 1)
					pp_meter_color(&m, &p[i], T0, 700);
				if (d == 2)
					while (pp_meter_color(&m, &p[i], T0,
							      1) != R)
						;
				/* switched to p[j]: count what passes */
				for (len = 0; len < 10000; len++) {
					enum rte_color c = pp_meter_color(&m,
							&p[j], t, 1);

					g += c == G;
					y += c == Y;
				}
				CU_ASSERT(g <= full_g[j] + 5);
				CU_ASSERT(y <= full_y[j] + 5);
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Aggregate: synthetic time                                            */

static struct pp_agg_params
ap(uint64_t rate, uint64_t burst, bool packets)
{
	struct pp_agg_params p = {
		.rate = rate, .burst = burst, .packets = packets,
	};

	return p;
}

/* The configuration grants use now (internal, for exact bounds). */
static const struct pp_agg_cfg *
agg_cfg(const struct pp_agg *a)
{
	return &a->cfg[a->cur & 1];
}

static struct pp_agg *
agg_new(void)
{
	struct pp_agg *a = aligned_alloc(RTE_CACHE_LINE_SIZE, sizeof(*a));

	CU_ASSERT_FATAL(a != NULL);
	return a;
}

static void
test_agg_errors(void)
{
	struct pp_agg *a = agg_new();
	struct pp_agg_params p;

	p = ap(1000, 1000, false);
	CU_ASSERT_EQUAL(pp_agg_init(NULL, &p, 1000000000, T0), -EINVAL);
	CU_ASSERT_EQUAL(pp_agg_init(a, NULL, 1000000000, T0), -EINVAL);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 0, T0), -EINVAL);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, (1ull << 40) + 1, T0), -EINVAL);
	p = ap(0, 1000, false);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1000000000, T0), -EINVAL);
	p = ap(PP_POLICE_RATE_MAX + 1, 1000, false);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1000000000, T0), -EINVAL);
	p = ap(1000, 0, false);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1000000000, T0), -EINVAL);
	p = ap(1000, PP_POLICE_BURST_MAX + 1, false);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1000000000, T0), -EINVAL);
	/* a burst lasting more than 2^62 cycles */
	p = ap(1, PP_POLICE_BURST_MAX, false);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1ull << 40, T0), -EINVAL);
	/* limits themselves are fine */
	p = ap(PP_POLICE_RATE_MAX, PP_POLICE_BURST_MAX, false);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1ull << 40, T0), 0);
	p = ap(1, 1, true);
	CU_ASSERT_EQUAL(pp_agg_init(a, &p, 1ull << 40, T0), 0);

	/* set_rate: same checks, and the mode cannot change */
	p = ap(1000, 1000, false);
	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, 1000000000, T0), 0);
	CU_ASSERT_EQUAL(pp_agg_set_rate(NULL, &p), -EINVAL);
	CU_ASSERT_EQUAL(pp_agg_set_rate(a, NULL), -EINVAL);
	p = ap(0, 1000, false);
	CU_ASSERT_EQUAL(pp_agg_set_rate(a, &p), -EINVAL);
	p = ap(1000, 1000, true);
	CU_ASSERT_EQUAL(pp_agg_set_rate(a, &p), -EINVAL);
	p = ap(2000, 500, false);
	CU_ASSERT_EQUAL(pp_agg_set_rate(a, &p), 0);

	/* create: NULL + rte_errno */
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_agg_create(NULL, hz, T0, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	p = ap(1000, 1000, false);
	{
		struct pp_agg *c = pp_agg_create(&p, hz, T0, SOCKET_ID_ANY);

		CU_ASSERT_PTR_NOT_NULL(c);
		CU_ASSERT_EQUAL(pp_agg_credit(c, T0), 1000);
		pp_agg_free(c);
	}
	pp_agg_free(NULL);
	free(a);
}

/*
 * Offer twice the rate for n packets, evenly spaced, from one lease.
 * Returns tokens admitted; *t_end is the last time used.
 */
static uint64_t
agg_offer(struct pp_agg *a, struct pp_agg_lease *l, uint64_t tsc_hz,
	  uint64_t rate, bool packets, uint64_t t_start, uint64_t n,
	  uint64_t *t_end)
{
	static const uint32_t sizes[] = { 64, 576, 1500, 128 };
	uint64_t i, adm = 0, bytes = 0, t = t_start;

	for (i = 0; i < n; i++) {
		uint32_t amt = packets ? 1 : sizes[i & 3];

		/* time of packet i: (offered so far) / (2 * rate) */
		t = t_start + (uint64_t)((u128)bytes * tsc_hz / (2 * rate));
		if (pp_agg_admit(a, l, t, amt))
			adm += amt;
		bytes += amt;
	}
	*t_end = t;
	return adm;
}

/* admitted <= (elapsed + tb) * rate / hz (exact bound), and >= 99.9 %
 * of rate * elapsed + burst. */
static void
agg_check(const char *what, uint64_t adm, uint64_t rate, uint64_t burst,
	  uint64_t tsc_hz, uint64_t elapsed, uint64_t tb, double lo)
{
	double want = (double)rate * (double)elapsed / (double)tsc_hz +
		(double)burst;
	bool over = (u128)adm * tsc_hz > (u128)(elapsed + tb) * rate;

	if (over || adm < lo * want)
		printf("\n    %s: admitted %" PRIu64 ", rate x time + burst "
		       "%.0f (%.4f)", what, adm, want, adm / want);
	CU_ASSERT(!over);
	CU_ASSERT(adm >= lo * want);
}

static void
test_agg_accuracy(void)
{
	static const struct {
		uint64_t rate;
		bool packets;
	} rows[] = {
		{ 125, false },			/* 1 kbit/s */
		{ 12500, false },		/* 100 kbit/s */
		{ 1250000, false },		/* 10 Mbit/s */
		{ 125000000, false },		/* 1 Gbit/s */
		{ 1250000000, false },		/* 10 Gbit/s */
		{ 12500000000ull, false },	/* 100 Gbit/s */
		{ 50000000000ull, false },	/* 400 Gbit/s */
		{ 1, true },
		{ 1000, true },
		{ 1000000, true },
		{ 148809524, true },		/* 100GbE line rate, 64 B */
		{ 600000000, true },		/* 400GbE line rate, 64 B */
	};
	static const uint64_t hzs[] = { 1000000000, 2600000000ull, 0 };
	unsigned int i, j;

	for (j = 0; j < RTE_DIM(hzs); j++) {
		uint64_t h = hzs[j] ? hzs[j] : hz;

		for (i = 0; i < RTE_DIM(rows); i++) {
			struct pp_agg *a = agg_new();
			struct pp_agg_lease l;
			uint64_t rate = rows[i].rate, burst, adm, t_end;
			struct pp_agg_params p;
			char what[64];

			/* burst: 1/1000 of what the run admits (~half of
			 * 400000 packets of 567 B on average), so that it
			 * does not hide an error; at least 4 packets */
			burst = rows[i].packets ? 200 : 113000;
			p = ap(rate, burst, rows[i].packets);
			CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, h, T0), 0);
			CU_ASSERT_EQUAL(pp_agg_credit(a, T0), burst);
			pp_agg_lease_init(&l);
			adm = agg_offer(a, &l, h, rate, rows[i].packets, T0,
					400000, &t_end);
			snprintf(what, sizeof(what), "rate %" PRIu64 " %s hz %"
				 PRIu64, rate, rows[i].packets ? "pps" : "B/s",
				 h);
			agg_check(what, adm, rate, burst, h, t_end - T0,
				  agg_cfg(a)->tb, 0.999);
			free(a);
		}
	}
}

/* Rate change at run time applies to the next grant. */
static void
test_agg_set_rate(void)
{
	struct pp_agg *a = agg_new();
	struct pp_agg_params p = ap(10000000, 100000, false);
	struct pp_agg_lease l;
	uint64_t t1, t2, adm1, adm2, chunk_tokens;
	double want;

	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, AHZ, T0), 0);
	pp_agg_lease_init(&l);
	adm1 = agg_offer(a, &l, AHZ, 10000000, false, T0, 400000, &t1);
	/* a tenth of the rate, smaller burst */
	p = ap(1000000, 10000, false);
	CU_ASSERT_EQUAL_FATAL(pp_agg_set_rate(a, &p), 0);
	chunk_tokens = (uint64_t)((u128)agg_cfg(a)->chunk * 1000000 / AHZ);
	adm2 = agg_offer(a, &l, AHZ, 1000000, false, t1, 400000, &t2);
	want = 10000000.0 * (double)(t1 - T0) / (double)AHZ + 100000 +
		1000000.0 * (double)(t2 - t1) / (double)AHZ;
	/* the lease may carry one old chunk (10 MB/s * 100 us) across; the
	 * new burst could only add if the load fell below the rate */
	CU_ASSERT((double)(adm1 + adm2) <= want + 1000 + chunk_tokens +
		  10000 + 1);
	CU_ASSERT((double)(adm1 + adm2) >= 0.999 * want);
	/* phase two alone runs at the new rate (within 1 %) */
	CU_ASSERT((double)adm2 <= 1000000.0 * (double)(t2 - t1) / AHZ * 1.01 +
		  10000 + 1000);
	CU_ASSERT((double)adm2 >= 1000000.0 * (double)(t2 - t1) / AHZ * 0.99);
	/* the burst is the new one: after a long idle, credit is 10000 */
	CU_ASSERT_EQUAL(pp_agg_credit(a, t2 + 100 * AHZ), 10000);
	free(a);
}

/* Time going backwards: no credit; far forward: at most one burst. */
static void
test_agg_time_jumps(void)
{
	struct pp_agg *a = agg_new();
	struct pp_agg_params p = ap(1000000, 10000, false);
	struct pp_agg_lease l;
	uint64_t t = T0, adm = 0, i;

	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, AHZ, t), 0);
	pp_agg_lease_init(&l);
	/* drain: the burst and nothing more */
	for (i = 0; i < 1000; i++)
		adm += pp_agg_admit(a, &l, t, 100) ? 100 : 0;
	CU_ASSERT_EQUAL(adm, 10000);
	/* backwards, small and huge: nothing */
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, t - 1, 100));
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, t - AHZ, 100));
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, 0, 100));
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, t - (1ull << 62), 100));
	CU_ASSERT_EQUAL(pp_agg_credit(a, t - AHZ), 0);
	/* back at t: still nothing (no credit from the trip) */
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, t, 100));
	/* one second later: rate x 1 s, capped at the burst */
	t += AHZ;
	adm = 0;
	for (i = 0; i < 1000; i++)
		adm += pp_agg_admit(a, &l, t, 100) ? 100 : 0;
	CU_ASSERT_EQUAL(adm, 10000);
	/* far ahead: one burst, not more */
	for (uint64_t jump = 1ull << 40; jump != 0 && jump < (1ull << 63);
	     jump <<= 11) {
		t += jump;
		adm = 0;
		for (i = 0; i < 1000; i++)
			adm += pp_agg_admit(a, &l, t, 100) ? 100 : 0;
		CU_ASSERT(adm <= 10000 + 100);
		CU_ASSERT(adm >= 10000 - 100);
	}
	/* UINT64_MAX and wrap-around: no crash, no more than a burst */
	adm = 0;
	for (i = 0; i < 1000; i++)
		adm += pp_agg_admit(a, &l, UINT64_MAX, 100) ? 100 : 0;
	for (i = 0; i < 1000; i++)
		adm += pp_agg_admit(a, &l, 5, 100) ? 100 : 0;
	CU_ASSERT(adm <= 10000 + 100);
	free(a);
}

/* Odd amounts: bigger than the burst never passes; zero always; a lease
 * flush gives its tokens back. */
static void
test_agg_amounts(void)
{
	struct pp_agg *a = agg_new();
	struct pp_agg_params p = ap(1000000, 10000, false);
	struct pp_agg_lease l;

	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, AHZ, T0), 0);
	pp_agg_lease_init(&l);
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, T0, 10001));
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, T0 + 100 * AHZ, UINT32_MAX));
	CU_ASSERT_TRUE(pp_agg_admit(a, &l, T0, 0));
	CU_ASSERT_TRUE(pp_agg_admit(a, &l, T0, 10000)); /* all of it */
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, T0, 1));

	/* a lease takes a chunk; flushing it returns the rest */
	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, AHZ, T0), 0);
	pp_agg_lease_init(&l);
	CU_ASSERT_TRUE(pp_agg_admit(a, &l, T0, 1));
	CU_ASSERT(l.tokens > 0);
	CU_ASSERT_EQUAL(l.grants, 1);
	CU_ASSERT(pp_agg_credit(a, T0) < 10000 - 1);
	pp_agg_lease_flush(a, &l);
	CU_ASSERT_EQUAL(l.tokens, 0);
	CU_ASSERT(pp_agg_credit(a, T0) >= 10000 - 2);
	CU_ASSERT(pp_agg_credit(a, T0) <= 10000);

	/* packet mode: amount 1 per packet */
	p = ap(1000, 10, true);
	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, AHZ, T0), 0);
	pp_agg_lease_init(&l);
	for (int i = 0; i < 10; i++)
		CU_ASSERT_TRUE(pp_agg_admit(a, &l, T0, 1));
	CU_ASSERT_FALSE(pp_agg_admit(a, &l, T0, 1));
	CU_ASSERT_TRUE(pp_agg_admit(a, &l, T0 + AHZ / 1000, 1));
	pp_agg_dump(stdout, a, T0);
	free(a);
}

/* ------------------------------------------------------------------ */
/* Aggregate: threads on real time                                      */

struct thr {
	pthread_t th;
	struct pp_agg *a;
	struct pp_agg_lease l;
	int *stop;
	pthread_barrier_t *bar;
	uint64_t adm, offered, last;
} __rte_cache_aligned;

static void *
thr_main(void *arg)
{
	struct thr *t = arg;
	uint64_t now = 0, adm = 0, off = 0;
	unsigned int k;

	pthread_barrier_wait(t->bar);
	while (!__atomic_load_n(t->stop, __ATOMIC_RELAXED)) {
		/* as an RX lcore would: one time stamp per burst of 32 */
		now = rte_rdtsc();
		for (k = 0; k < 32; k++)
			adm += pp_agg_admit(t->a, &t->l, now, 64) ? 64 : 0;
		off += 32 * 64;
	}
	t->adm = adm;
	t->offered = off;
	t->last = now;
	return NULL;
}

/*
 * n threads share one aggregate for ~run_ms of real time; if new_rate,
 * the main thread changes the rate half-way. Total admitted must be
 * within 1 % of rate x elapsed + burst, never above the exact bound.
 */
static void
agg_threads(unsigned int n, uint64_t rate, uint64_t new_rate,
	    unsigned int run_ms)
{
	struct pp_agg *a = agg_new();
	/* burst: 50 ms of rate, so that a few ms of preemption of every
	 * thread at once (2 shared CPUs) costs no credit */
	struct pp_agg_params p = ap(rate, rate / 20, false);
	struct thr *t = aligned_alloc(RTE_CACHE_LINE_SIZE, n * sizeof(*t));
	struct timespec half = { 0, (long)run_ms * 500000L };
	uint64_t t0, tc = 0, t_end = 0, adm = 0, off = 0, grants = 0, tb0;
	pthread_barrier_t bar;
	pthread_attr_t attr;
	double want, hi;
	int stop = 0;
	unsigned int i;

	CU_ASSERT_FATAL(t != NULL);
	pthread_barrier_init(&bar, NULL, n + 1);
	pthread_attr_init(&attr);
	/* EAL pinned the main thread to lcore 0's CPU: use all of them */
	pthread_attr_setaffinity_np(&attr, sizeof(all_cpus), &all_cpus);
	t0 = rte_rdtsc();
	CU_ASSERT_EQUAL_FATAL(pp_agg_init(a, &p, hz, t0), 0);
	tb0 = agg_cfg(a)->tb;
	for (i = 0; i < n; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].a = a;
		t[i].stop = &stop;
		t[i].bar = &bar;
		pp_agg_lease_init(&t[i].l);
		CU_ASSERT_FATAL(pthread_create(&t[i].th, &attr, thr_main,
					       &t[i]) == 0);
	}
	pthread_barrier_wait(&bar);
	nanosleep(&half, NULL);
	if (new_rate != 0) {
		p = ap(new_rate, rate / 20, false);
		tc = rte_rdtsc();
		CU_ASSERT_EQUAL(pp_agg_set_rate(a, &p), 0);
	}
	nanosleep(&half, NULL);
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++) {
		pthread_join(t[i].th, NULL);
		adm += t[i].adm;
		off += t[i].offered;
		grants += t[i].l.grants;
		t_end = RTE_MAX(t_end, t[i].last);
	}
	if (new_rate == 0) {
		want = (double)rate * (double)(t_end - t0) / (double)hz +
			(double)p.burst;
		hi = (double)rate * (double)(t_end - t0 + tb0) / (double)hz + 1;
	} else {
		/* leases may spend up to one old chunk each after the change */
		want = (double)rate * (double)(tc - t0) / (double)hz +
			(double)new_rate * (double)(t_end - tc) / (double)hz +
			(double)p.burst;
		hi = want + (double)n * (double)rate * PP_AGG_LEASE_US / 1e6 +
			64 * n + (double)rate / 20;
	}
	printf("\n    %u thread(s)%s: admitted %.1f MB of %.1f MB offered in "
	       "%.3f s, %" PRIu64 " grants; admitted / (rate x time + burst) "
	       "= %.5f ... ", n, new_rate ? " + rate change" : "", adm / 1e6,
	       off / 1e6, (double)(t_end - t0) / (double)hz, grants,
	       adm / want);
	CU_ASSERT((double)adm <= hi);
	CU_ASSERT((double)adm >= 0.99 * want);
	CU_ASSERT((double)adm <= 1.01 * want);
	/* meaningful only if the threads offered well above the rate */
	CU_ASSERT(off > 2 * adm);
	pthread_attr_destroy(&attr);
	pthread_barrier_destroy(&bar);
	free(t);
	free(a);
}

static void
test_agg_threads(void)
{
	/* 200 MB/s: 3.1 Mpps of 64 B, well below what one thread offers */
	agg_threads(1, 200000000, 0, 400);
	agg_threads(2, 200000000, 0, 400);
	agg_threads(4, 200000000, 0, 400);
	/* 2 threads; rate halved at run time */
	agg_threads(2, 200000000, 100000000, 400);
}

/* ------------------------------------------------------------------ */
/* Flow table                                                           */

struct fkey {
	uint32_t w[4];
};

static struct fkey
fk(uint32_t i)
{
	struct fkey k = { { i, ~i, i * 7u, 0x5a5a5a5au } };

	return k;
}

static uint32_t
fh(const struct fkey *k)
{
	return rte_hash_crc(k, sizeof(*k), 0);
}

struct init_log {
	unsigned int calls;
	struct pp_meter_profile *prof;
};

static void
flow_init(struct pp_flow_entry *e, const void *key, unsigned int idx,
	  uint64_t now, void *arg)
{
	struct init_log *lg = arg;
	const struct fkey *k = key;

	RTE_SET_USED(idx);
	CU_ASSERT_EQUAL(e->class_id, 0);
	CU_ASSERT_EQUAL(e->cnt[0], 0);
	e->class_id = (uint16_t)(k->w[0] & 0xff);
	if (lg->prof != NULL)
		pp_meter_init(&e->meter, lg->prof, now);
	lg->calls++;
}

/* Look up keys k[0..n) with hashes from fh(), or `hash` if not 0. */
static unsigned int
lookup(struct pp_flowtab *t, const struct fkey *k, unsigned int n,
       uint64_t now, struct pp_flow_entry **out, struct init_log *lg,
       uint32_t hash)
{
	const void *keys[256];
	uint32_t h[256];
	unsigned int i;

	CU_ASSERT_FATAL(n <= 256);
	for (i = 0; i < n; i++) {
		keys[i] = &k[i];
		h[i] = hash ? hash : fh(&k[i]);
	}
	return pp_flowtab_lookup_bulk(t, keys, h, n, now, out, flow_init, lg);
}

static struct pp_flowtab_stats
fstats(const struct pp_flowtab *t)
{
	struct pp_flowtab_stats st;

	pp_flowtab_stats(t, &st);
	return st;
}

static void
test_flowtab_errors(void)
{
	struct pp_flowtab *t;
	const char *n21 = "abcdefghijklmnopqrstu";	/* 21 characters */

	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create(NULL, 64, 16, 1000, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create("ft", 7, 16, 1000, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create("ft", 64, 0, 1000, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create("ft", 64, PP_FLOWTAB_KEY_MAX + 1,
					     1000, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create("ft", 64, 16, 0, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create("", 64, 16, 1000, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create("abcdefghijklmnopqrstuv", 64, 16,
					     1000, 0));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	/* the longest name works; twice is EEXIST (or another error) */
	t = pp_flowtab_create(n21, 64, 16, 1000, SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_flowtab_create(n21, 64, 16, 1000,
					     SOCKET_ID_ANY));
	CU_ASSERT_NOT_EQUAL(rte_errno, 0);
	pp_flowtab_free(t);
	/* and the name is free again */
	t = pp_flowtab_create(n21, 64, 16, 1000, SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL(t);
	pp_flowtab_free(t);
	pp_flowtab_free(NULL);
	CU_ASSERT_EQUAL(pp_flowtab_del(NULL, n21, 0), -EINVAL);
}

static void
test_flowtab_add_lookup(void)
{
	struct pp_flowtab *t = pp_flowtab_create("ft_add", 256, sizeof(struct
					fkey), 1000000, SOCKET_ID_ANY);
	struct pp_flow_entry *out[200], *out2[200];
	struct init_log lg = { 0, NULL };
	struct fkey k[200];
	struct pp_flowtab_stats st;
	unsigned int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (i = 0; i < 200; i++)
		k[i] = fk(i);
	/* 200 new flows in one call (groups of 64 inside) */
	CU_ASSERT_EQUAL(lookup(t, k, 200, T0, out, &lg, 0), 200);
	CU_ASSERT_EQUAL(lg.calls, 200);
	st = fstats(t);
	CU_ASSERT_EQUAL(st.flows, 200);
	CU_ASSERT_EQUAL(st.added, 200);
	for (i = 0; i < 200; i++) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(out[i]);
		CU_ASSERT_EQUAL(out[i]->class_id, i & 0xff);
		CU_ASSERT_EQUAL(out[i]->last_tsc, T0);
		CU_ASSERT_EQUAL(memcmp(pp_flowtab_key(t, out[i]), &k[i],
				       sizeof(k[i])), 0);
		if (i > 0)
			CU_ASSERT_PTR_NOT_EQUAL(out[i], out[i - 1]);
		out[i]->cnt[0] = i;
	}
	/* again: the same entries, no init, last_tsc updated */
	CU_ASSERT_EQUAL(lookup(t, k, 200, T0 + 5, out2, &lg, 0), 200);
	CU_ASSERT_EQUAL(lg.calls, 200);
	for (i = 0; i < 200; i++) {
		CU_ASSERT_PTR_EQUAL(out2[i], out[i]);
		CU_ASSERT_EQUAL(out2[i]->cnt[0], i);
		CU_ASSERT_EQUAL(out2[i]->last_tsc, T0 + 5);
	}
	CU_ASSERT_EQUAL(fstats(t).added, 200);

	/* duplicates of a new key in one burst: one entry, one init */
	{
		struct fkey d[5] = { fk(1000), fk(1000), fk(1001), fk(1000),
				     fk(1001) };

		CU_ASSERT_EQUAL(lookup(t, d, 5, T0 + 6, out, &lg, 0), 5);
		CU_ASSERT_EQUAL(lg.calls, 202);
		CU_ASSERT_PTR_EQUAL(out[0], out[1]);
		CU_ASSERT_PTR_EQUAL(out[0], out[3]);
		CU_ASSERT_PTR_EQUAL(out[2], out[4]);
		CU_ASSERT_PTR_NOT_EQUAL(out[0], out[2]);
		CU_ASSERT_EQUAL(fstats(t).flows, 202);
	}
	/* delete */
	CU_ASSERT_EQUAL(pp_flowtab_del(t, &k[7], fh(&k[7])), 0);
	CU_ASSERT_EQUAL(pp_flowtab_del(t, &k[7], fh(&k[7])), -ENOENT);
	CU_ASSERT_EQUAL(fstats(t).flows, 201);
	CU_ASSERT_EQUAL(lookup(t, &k[7], 1, T0 + 7, out, &lg, 0), 1);
	CU_ASSERT_EQUAL(lg.calls, 203);
	pp_flowtab_dump(stdout, t);
	pp_flowtab_free(t);
}

/* Hashes with constant low bits (RSS within one queue), or even one hash
 * for every key: still every key fits and is found. */
static void
test_flowtab_bad_hashes(void)
{
	struct pp_flowtab *t = pp_flowtab_create("ft_rss", 1024,
						 sizeof(struct fkey), 1000000,
						 SOCKET_ID_ANY);
	struct pp_flow_entry *out[256], *out2[256];
	struct init_log lg = { 0, NULL };
	struct fkey k[256];
	const void *keys[256];
	uint32_t h[256];
	unsigned int i, r, found = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	/* 1024 flows, RSS-like: low 7 bits fixed */
	for (r = 0; r < 4; r++) {
		for (i = 0; i < 256; i++) {
			k[i] = fk(r * 256 + i);
			keys[i] = &k[i];
			h[i] = (fh(&k[i]) << 7) | 5;
		}
		found += pp_flowtab_lookup_bulk(t, keys, h, 256, T0, out,
						flow_init, &lg);
	}
	CU_ASSERT_EQUAL(found, 1024);
	CU_ASSERT_EQUAL(fstats(t).flows, 1024);
	CU_ASSERT_EQUAL(fstats(t).full, 0);
	pp_flowtab_free(t);

	/* 100 keys, all with hash 42 */
	t = pp_flowtab_create("ft_same", 128, sizeof(struct fkey), 1000000,
			      SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (i = 0; i < 100; i++)
		k[i] = fk(i);
	CU_ASSERT_EQUAL(lookup(t, k, 100, T0, out, &lg, 42), 100);
	CU_ASSERT_EQUAL(lookup(t, k, 100, T0, out2, &lg, 42), 100);
	for (i = 0; i < 100; i++)
		CU_ASSERT_PTR_EQUAL(out[i], out2[i]);
	CU_ASSERT_EQUAL(fstats(t).flows, 100);
	pp_flowtab_free(t);
}

static void
test_flowtab_full(void)
{
	const uint64_t idle = 1000;
	struct pp_flowtab *t = pp_flowtab_create("ft_full", 64,
						 sizeof(struct fkey), idle,
						 SOCKET_ID_ANY);
	struct pp_flow_entry *out[70];
	struct init_log lg = { 0, NULL };
	struct pp_flowtab_stats st;
	struct fkey k[70];
	unsigned int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (i = 0; i < 70; i++)
		k[i] = fk(i);
	/* 70 flows into 64: six NULLs, counted */
	CU_ASSERT_EQUAL(lookup(t, k, 70, T0, out, &lg, 0), 64);
	st = fstats(t);
	CU_ASSERT_EQUAL(st.flows, 64);
	CU_ASSERT_EQUAL(st.full, 6);
	for (i = 0; i < 64; i++)
		CU_ASSERT_PTR_NOT_NULL(out[i]);
	for (i = 64; i < 70; i++)
		CU_ASSERT_PTR_NULL(out[i]);
	/* still full while everyone is active (not idle yet) */
	CU_ASSERT_EQUAL(lookup(t, &k[64], 1, T0 + idle, out, &lg, 0), 0);
	CU_ASSERT_EQUAL(fstats(t).full, 7);
	/* time going backwards makes nothing idle */
	CU_ASSERT_EQUAL(lookup(t, &k[64], 1, T0 - 10 * idle, out, &lg, 0), 0);
	/* keep flows 32..63 active; 0..31 go idle */
	CU_ASSERT_EQUAL(lookup(t, &k[32], 32, T0 + idle, out, &lg, 0), 32);
	/* new flows (twice each in the burst) reclaim idle ones */
	{
		struct fkey d[4] = { k[64], k[64], k[65], k[65] };

		CU_ASSERT_EQUAL(lookup(t, d, 4, T0 + idle + 1, out, &lg, 0), 4);
		CU_ASSERT_PTR_EQUAL(out[0], out[1]);
		CU_ASSERT_PTR_EQUAL(out[2], out[3]);
		CU_ASSERT_PTR_NOT_EQUAL(out[0], out[2]);
	}
	st = fstats(t);
	CU_ASSERT_EQUAL(st.flows, 64);
	CU_ASSERT_EQUAL(st.aged, 2);
	CU_ASSERT_EQUAL(st.added, 66);
	/* the active ones are all still there */
	CU_ASSERT_EQUAL(lookup(t, &k[32], 32, T0 + idle + 2, out, &lg, 0), 32);
	CU_ASSERT_EQUAL(fstats(t).added, 66);
	pp_flowtab_free(t);
}

static void
test_flowtab_aging(void)
{
	const uint64_t idle = 1000000;
	struct pp_flowtab *t = pp_flowtab_create("ft_age", 64,
						 sizeof(struct fkey), idle,
						 SOCKET_ID_ANY);
	struct pp_meter_params prm = mp(PP_METER_SRTCM, hz / K, 1000, 0, 0);
	struct pp_meter_profile prof;
	struct init_log lg = { 0, &prof };
	struct pp_flow_entry *out[50];
	struct fkey k[50];
	unsigned int i, aged = 0, calls = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(pp_meter_profile_init(&prof, &prm), 0);
	for (i = 0; i < 50; i++)
		k[i] = fk(i);
	CU_ASSERT_EQUAL(lookup(t, k, 50, T0, out, &lg, 0), 50);
	/* drain flow 0's meter */
	CU_ASSERT_EQUAL(pp_meter_color(&out[0]->meter, &prof, T0, 1000), G);
	CU_ASSERT_EQUAL(pp_meter_color(&out[0]->meter, &prof, T0, 1), R);
	/* 20 flows seen again half-way */
	CU_ASSERT_EQUAL(lookup(t, &k[30], 20, T0 + idle / 2, out, &lg, 0), 20);
	/* not idle yet at exactly idle */
	CU_ASSERT_EQUAL(pp_flowtab_age(t, T0 + idle, 64), 0);
	/* backwards: nothing */
	CU_ASSERT_EQUAL(pp_flowtab_age(t, T0 - 5 * idle, 64), 0);
	/* incremental: 8 entries per call, 8 calls cover the table */
	for (i = 0; i < 8; i++) {
		aged += pp_flowtab_age(t, T0 + idle + 1, 8);
		calls++;
	}
	CU_ASSERT_EQUAL(aged, 30);
	CU_ASSERT_EQUAL(fstats(t).flows, 20);
	CU_ASSERT_EQUAL(fstats(t).aged, 30);
	/* the 20 remain and are found without init */
	lg.calls = 0;
	CU_ASSERT_EQUAL(lookup(t, &k[30], 20, T0 + idle + 2, out, &lg, 0), 20);
	CU_ASSERT_EQUAL(lg.calls, 0);
	/* flow 0 comes back: a fresh entry and a full meter */
	CU_ASSERT_EQUAL(lookup(t, &k[0], 1, T0 + idle + 3, out, &lg, 0), 1);
	CU_ASSERT_EQUAL(lg.calls, 1);
	CU_ASSERT_EQUAL(pp_meter_color(&out[0]->meter, &prof, T0 + idle + 3,
				       1000), G);
	/* max_scan above the size is fine */
	CU_ASSERT_EQUAL(pp_flowtab_age(t, T0 + 10 * idle, 1000), 21);
	CU_ASSERT_EQUAL(fstats(t).flows, 0);
	/* idle >= 2^63: never */
	pp_flowtab_free(t);
	t = pp_flowtab_create("ft_never", 8, sizeof(struct fkey), UINT64_MAX,
			      SOCKET_ID_ANY);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(lookup(t, k, 8, T0, out, &lg, 0), 8);
	CU_ASSERT_EQUAL(pp_flowtab_age(t, T0 + (1ull << 62), 8), 0);
	CU_ASSERT_EQUAL(pp_flowtab_age(t, UINT64_MAX, 8), 0);
	pp_flowtab_free(t);
}

/*
 * Random lookups, aging and deletes on a small table against a model of
 * when each key was last seen: an entry always belongs to its key (cnt[0]
 * holds the key id, set by init), a flow is re-initialised only if it was
 * deleted or had become idle (never a live flow evicted), and the table
 * never holds more than max_flows.
 */
#define RM_KEYS		200
#define RM_FLOWS	64
#define RM_IDLE		1000

struct rm_model {
	uint64_t last[RM_KEYS];	/* 0: not in the table */
	uint64_t now;
	unsigned int bad;
};

static void
rm_init(struct pp_flow_entry *e, const void *key, unsigned int idx,
	uint64_t now, void *arg)
{
	struct rm_model *md = arg;
	const struct fkey *k = key;
	uint32_t id = k->w[0];

	RTE_SET_USED(idx);
	/* new only if never seen, deleted, or idle (eligible for reclaim) */
	if (md->last[id] != 0 && now - md->last[id] <= RM_IDLE)
		md->bad++;
	e->cnt[0] = id;
}

static void
test_flowtab_random(void)
{
	struct pp_flowtab *t = pp_flowtab_create("ft_rand", RM_FLOWS,
						 sizeof(struct fkey), RM_IDLE,
						 SOCKET_ID_ANY);
	struct rm_model *md = calloc(1, sizeof(*md));
	struct fkey k[40];
	const void *keys[40];
	uint32_t h[40], rng = 12345;
	struct pp_flow_entry *out[40];
	unsigned int op, i, n, nulls = 0, mismatch = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(md);
	md->now = T0;
	for (op = 0; op < 20000; op++) {
		uint32_t r = rng = rng * 1103515245u + 12345u;

		md->now += (r >> 8) % 300;
		switch ((r >> 4) % 8) {
		case 0:	/* age a few */
			pp_flowtab_age(t, md->now, (r >> 16) % 20);
			break;
		case 1: {	/* delete one */
			struct fkey d = fk((r >> 12) % RM_KEYS);

			if (pp_flowtab_del(t, &d, fh(&d)) == 0)
				md->last[d.w[0]] = 0;
			break;
		}
		default:	/* a burst, with repeats */
			n = 1 + (r >> 16) % 40;
			for (i = 0; i < n; i++) {
				uint32_t x = rng = rng * 1103515245u + 12345u;

				k[i] = fk((x >> 10) % RM_KEYS);
				keys[i] = &k[i];
				h[i] = fh(&k[i]);
			}
			pp_flowtab_lookup_bulk(t, keys, h, n, md->now, out,
					       rm_init, md);
			for (i = 0; i < n; i++) {
				if (out[i] == NULL) {
					nulls++;
					continue;
				}
				mismatch += out[i]->cnt[0] != k[i].w[0] ||
					memcmp(pp_flowtab_key(t, out[i]),
					       &k[i], sizeof(k[i])) != 0;
				md->last[k[i].w[0]] = md->now;
			}
			break;
		}
		CU_ASSERT(fstats(t).flows <= RM_FLOWS);
	}
	CU_ASSERT_EQUAL(md->bad, 0);
	CU_ASSERT_EQUAL(mismatch, 0);
	/* the table was full at times, and reclaimed */
	printf("\n    ");
	pp_flowtab_dump(stdout, t);
	CU_ASSERT(fstats(t).aged > 0);
	CU_ASSERT_EQUAL(fstats(t).full, nulls);
	free(md);
	pp_flowtab_free(t);
}

/* ------------------------------------------------------------------ */
/* Flow key and classifier                                              */

#define C_TCP	6
#define C_UDP	17
#define C_ICMP	1
#define C_ICMP6	58
#define C_GRE	47

static uint32_t c_rng = 2463534242u;

static uint32_t
crand(void)
{
	c_rng ^= c_rng << 13;
	c_rng ^= c_rng >> 17;
	c_rng ^= c_rng << 5;
	return c_rng;
}

/* A rule that gives nothing: matches every key. */
static struct pp_cfg_rule
rule_any(void)
{
	struct pp_cfg_rule r;

	memset(&r, 0, sizeof(r));
	r.dport_lo = 0;
	r.dport_hi = UINT16_MAX;
	return r;
}

static struct pp_police_key
key_v4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
       uint16_t dport, uint16_t vlan, uint8_t dscp)
{
	struct pp_police_key k;

	memset(&k, 0, sizeof(k));
	k.ip_version = 4;
	memcpy(k.src, src, 4);
	memcpy(k.dst, dst, 4);
	k.proto = proto;
	k.sport = 40000;
	k.dport = dport;
	k.vlan = vlan;
	k.dscp = dscp;
	return k;
}

static struct pp_police_key
key_v6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto,
       uint16_t dport, uint16_t vlan, uint8_t dscp)
{
	struct pp_police_key k;

	memset(&k, 0, sizeof(k));
	k.ip_version = 6;
	memcpy(k.src, src, 16);
	memcpy(k.dst, dst, 16);
	k.proto = proto;
	k.sport = 40000;
	k.dport = dport;
	k.vlan = vlan;
	k.dscp = dscp;
	return k;
}

static struct pp_police_key
key_l2(uint16_t vlan)
{
	static const uint8_t smac[6] = { 0x02, 0, 0, 0, 0, 0x02 };
	static const uint8_t dmac[6] = { 0x0a, 0, 0x0d, 0xb8, 0, 0x01 };
	struct pp_police_key k;

	memset(&k, 0, sizeof(k));
	memcpy(k.src, smac, 6);
	memcpy(k.dst, dmac, 6);
	k.vlan = vlan;
	return k;
}

/* The reference: pp_police.h's matching rules, written out plainly. */
static bool
ref_prefix(const uint8_t *p, const uint8_t *a, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len / 8; i++)
		if (p[i] != a[i])
			return false;
	if (len % 8 != 0) {
		uint8_t m = (uint8_t)(0xff << (8 - len % 8));

		if ((p[i] & m) != (a[i] & m))
			return false;
	}
	return true;
}

static bool
ref_match(const struct pp_cfg_rule *r, const struct pp_police_key *k)
{
	bool ip = k->ip_version == 4 || k->ip_version == 6;
	bool ports = k->proto == C_TCP || k->proto == C_UDP;

	if (r->has_vlan && k->vlan != r->vlan)
		return false;
	if (r->ip_version != 0 && k->ip_version != r->ip_version)
		return false;
	if ((r->has_proto || r->has_dscp) && !ip)
		return false;
	if (!ref_prefix(r->src, k->src, r->src_len) ||
	    !ref_prefix(r->dst, k->dst, r->dst_len))
		return false;
	if (r->has_proto && k->proto != r->proto)
		return false;
	if ((r->dport_lo != 0 || r->dport_hi != UINT16_MAX) &&
	    (!ports || k->dport < r->dport_lo || k->dport > r->dport_hi))
		return false;
	if (r->has_dscp && k->dscp != r->dscp)
		return false;
	return true;
}

static uint32_t
ref_classify(const struct pp_cfg_rule *rules, unsigned int n,
	     const struct pp_police_key *k)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ref_match(&rules[i], k))
			return i;
	return PP_CLS_NONE;
}

/* Classify one key. */
static uint32_t
cls1(const struct pp_cls *c, const struct pp_police_key *k)
{
	const struct pp_police_key *kp = k;
	uint32_t out = 12345;

	pp_cls_classify(c, &kp, &out, 1);
	return out;
}

static struct pp_cls *
cls_new(const char *name, const struct pp_cfg_rule *r, unsigned int n)
{
	struct pp_cls *c = pp_cls_create(name, r, n, SOCKET_ID_ANY);

	if (c == NULL)
		printf("\n    pp_cls_create(%s, %u rules): %s", name, n,
		       rte_strerror(rte_errno));
	return c;
}

static const uint8_t a4_10[4] = { 10, 0, 0, 0 };
static const uint8_t a4_10_1_2_3[4] = { 10, 1, 2, 3 };
static const uint8_t a4_192[4] = { 192, 168, 1, 2 };
static const uint8_t a4_2001[4] = { 0x20, 0x01, 0x0d, 0xb8 };
static const uint8_t a6_db8[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t a6_0a[16] = { 10, 1, 2, 3, [15] = 1 };

/* Rules with one field out of range. */
#define BAD_RULES	9

static struct pp_cfg_rule
bad_rule(unsigned int i)
{
	struct pp_cfg_rule r = rule_any();

	switch (i) {
	case 0:
		r.has_vlan = true;
		r.vlan = 4096;
		break;
	case 1:
		r.ip_version = 5;
		break;
	case 2:
		r.ip_version = 4;
		r.src_len = 33;
		break;
	case 3:
		r.ip_version = 4;
		r.dst_len = 33;
		break;
	case 4:
		r.ip_version = 6;
		r.src_len = 129;
		break;
	case 5:
		r.src_len = 8;		/* a prefix without a version */
		break;
	case 6:
		r.dport_lo = 10;
		r.dport_hi = 9;
		break;
	case 7:
		r.has_dscp = true;
		r.dscp = 64;
		break;
	default:
		r.ip_version = 6;
		r.dst_len = 200;
		break;
	}
	return r;
}

static void
test_cls_errors(void)
{
	struct pp_cfg_rule r[2] = { rule_any(), rule_any() };
	const char *n31 = "abcdefghijklmnopqrstuvwxyz01234";
	struct pp_cls *c, *c2;
	struct pp_cfg_rule *many;
	unsigned int i;

	CU_ASSERT_EQUAL(strlen(n31), PP_CLS_NAMESIZE - 1);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create(NULL, r, 1, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create("", r, 1, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create("abcdefghijklmnopqrstuvwxyz012345",
					 r, 1, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create("c_err", NULL, 1, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	many = calloc(PP_CFG_MAX_RULES + 1, sizeof(*many));
	CU_ASSERT_PTR_NOT_NULL_FATAL(many);
	for (i = 0; i <= PP_CFG_MAX_RULES; i++)
		many[i] = rule_any();
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create("c_err", many, PP_CFG_MAX_RULES + 1,
					 SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	free(many);

	/* each out-of-range field, in the second rule */
	for (i = 0; i < BAD_RULES; i++) {
		r[1] = bad_rule(i);
		rte_errno = 0;
		CU_ASSERT_PTR_NULL(pp_cls_create("c_err", r, 2,
						 SOCKET_ID_ANY));
		CU_ASSERT_EQUAL(rte_errno, EINVAL);
	}
	/* failures left nothing behind: the name is free */
	CU_ASSERT_PTR_NULL(rte_acl_find_existing("c_err"));

	/* the longest name; a name in use is EEXIST, with or without rules */
	r[1] = rule_any();
	c = cls_new(n31, r, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create(n31, r, 1, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EEXIST);
	c2 = cls_new("c_empty", NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c2);
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_cls_create("c_empty", r, 2, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EEXIST);
	pp_cls_free(c);
	pp_cls_free(c2);
	/* free again: the names can be used again */
	c = cls_new(n31, NULL, 0);
	CU_ASSERT_PTR_NOT_NULL(c);
	pp_cls_free(c);
	c = cls_new("c_empty", r, 2);
	CU_ASSERT_PTR_NOT_NULL(c);
	pp_cls_free(c);
	pp_cls_free(NULL);
}

static void
test_cls_empty_catch_all(void)
{
	struct pp_police_key k[150];
	const struct pp_police_key *kp[150];
	uint32_t out[150];
	struct pp_cfg_rule r[2];
	struct pp_cls *c;
	unsigned int i;

	for (i = 0; i < RTE_DIM(k); i++) {
		switch (i % 3) {
		case 0:
			k[i] = key_v4(a4_10_1_2_3, a4_192, C_UDP,
				      (uint16_t)i, 0, 0);
			break;
		case 1:
			k[i] = key_v6(a6_db8, a6_0a, C_TCP, 80,
				      (uint16_t)i, 46);
			break;
		default:
			k[i] = key_l2((uint16_t)(i % 2 * 7));
			break;
		}
		kp[i] = &k[i];
	}

	/* no rules: nothing matches, in any burst size */
	c = cls_new("c_none", NULL, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	memset(out, 0, sizeof(out));
	pp_cls_classify(c, kp, out, RTE_DIM(k));
	for (i = 0; i < RTE_DIM(k); i++)
		CU_ASSERT_EQUAL(out[i], PP_CLS_NONE);
	pp_cls_classify(c, kp, out, 0);
	pp_cls_free(c);

	/* a catch-all alone: everything, IP or not, is rule 0 */
	r[0] = rule_any();
	c = cls_new("c_all", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	memset(out, 0xff, sizeof(out));
	pp_cls_classify(c, kp, out, RTE_DIM(k));	/* 3 chunks */
	for (i = 0; i < RTE_DIM(k); i++)
		CU_ASSERT_EQUAL(out[i], 0);
	pp_cls_free(c);

	/* a catch-all after a specific rule takes the rest */
	r[0] = rule_any();
	r[0].ip_version = 6;
	r[1] = rule_any();
	c = cls_new("c_rest", r, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	pp_cls_classify(c, kp, out, RTE_DIM(k));
	for (i = 0; i < RTE_DIM(k); i++)
		CU_ASSERT_EQUAL(out[i], i % 3 == 1 ? 0u : 1u);
	pp_cls_free(c);
}

static void
test_cls_first_match(void)
{
	struct pp_police_key k = key_v4(a4_10_1_2_3, a4_192, C_UDP, 53, 7, 0);
	struct pp_cfg_rule r[3];
	struct pp_cls *c;

	/* prefix rule, then proto rule: both match, the first wins */
	r[0] = rule_any();
	r[0].ip_version = 4;
	memcpy(r[0].src, a4_10, 4);
	r[0].src_len = 8;
	r[1] = rule_any();
	r[1].has_proto = true;
	r[1].proto = C_UDP;
	r[2] = rule_any();
	r[2].has_vlan = true;
	r[2].vlan = 7;
	c = cls_new("c_first", r, 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	k.src[0] = 11;		/* out of 10/8: the UDP rule */
	CU_ASSERT_EQUAL(cls1(c, &k), 1);
	k.proto = C_TCP;	/* neither: the VLAN rule */
	CU_ASSERT_EQUAL(cls1(c, &k), 2);
	k.vlan = 8;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	pp_cls_free(c);

	/* the same rules the other way round: still the lowest index, even
	 * when it is the least specific (rte_acl sorts by wildness) */
	k = key_v4(a4_10_1_2_3, a4_192, C_UDP, 53, 7, 0);
	r[2] = r[0];
	r[0] = rule_any();
	r[0].has_vlan = true;
	r[0].vlan = 7;
	r[1].dport_lo = 53;
	r[1].dport_hi = 53;
	r[2].dst_len = 32;
	r[2].ip_version = 4;
	memcpy(r[2].dst, a4_192, 4);
	c = cls_new("c_first2", r, 3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	k.vlan = 0;
	CU_ASSERT_EQUAL(cls1(c, &k), 1);
	k.dport = 54;
	CU_ASSERT_EQUAL(cls1(c, &k), 2);
	pp_cls_free(c);
}

static void
test_cls_versions(void)
{
	struct pp_police_key k4 = key_v4(a4_2001, a4_10_1_2_3, C_UDP, 1, 0, 0);
	struct pp_police_key k6 = key_v6(a6_0a, a6_db8, C_UDP, 1, 0, 0);
	struct pp_police_key l2 = key_l2(0);
	struct pp_cfg_rule r[1];
	struct pp_cls *c;

	/* 10.0.0.0/8 (src): the IPv6 key starting with byte 10 is not in */
	r[0] = rule_any();
	r[0].ip_version = 4;
	memcpy(r[0].src, a4_10, 4);
	r[0].src_len = 8;
	c = cls_new("c_v4", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &k6), PP_CLS_NONE);
	k4.src[0] = 10;
	CU_ASSERT_EQUAL(cls1(c, &k4), 0);
	k4.src[0] = 0x20;
	pp_cls_free(c);

	/* 2001:db8::/32 (dst): not the IPv4 key 32.1.13.184 */
	r[0] = rule_any();
	r[0].ip_version = 6;
	memcpy(r[0].dst, a6_db8, 16);
	r[0].dst_len = 32;
	c = cls_new("c_v6", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	memcpy(k4.dst, a4_2001, 4);
	CU_ASSERT_EQUAL(cls1(c, &k4), PP_CLS_NONE);
	CU_ASSERT_EQUAL(cls1(c, &k6), 0);
	pp_cls_free(c);

	/* /0 pins the version: any IPv4 (or IPv6) address, not the other
	 * version, not L2 (whose src/dst hold MACs) */
	for (int v = 4; v <= 6; v += 2) {
		r[0] = rule_any();
		r[0].ip_version = (uint8_t)v;
		c = cls_new("c_v0", r, 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		CU_ASSERT_EQUAL(cls1(c, &k4), v == 4 ? 0 : PP_CLS_NONE);
		CU_ASSERT_EQUAL(cls1(c, &k6), v == 6 ? 0 : PP_CLS_NONE);
		CU_ASSERT_EQUAL(cls1(c, &l2), PP_CLS_NONE);
		pp_cls_free(c);
	}

	/* IPv6 prefixes across word boundaries: /1, /31, /33, /64, /100,
	 * /127, /128, each with the last bit in and out */
	{
		static const unsigned int lens[] = {
			1, 31, 32, 33, 64, 65, 100, 127, 128,
		};
		struct pp_police_key k = k6;

		for (size_t i = 0; i < RTE_DIM(lens); i++) {
			unsigned int len = lens[i], b = len - 1;

			r[0] = rule_any();
			r[0].ip_version = 6;
			memcpy(r[0].src, a6_0a, 16);
			r[0].src_len = (uint8_t)len;
			c = cls_new("c_v6len", r, 1);
			CU_ASSERT_PTR_NOT_NULL_FATAL(c);
			k = k6;
			CU_ASSERT_EQUAL(cls1(c, &k), 0);
			/* the last bit of the prefix differs: out */
			k.src[b / 8] ^= (uint8_t)(0x80 >> (b % 8));
			CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
			k.src[b / 8] ^= (uint8_t)(0x80 >> (b % 8));
			/* the first bit after it differs: still in */
			if (len < 128) {
				k.src[len / 8] ^= (uint8_t)(0x80 >> (len % 8));
				CU_ASSERT_EQUAL(cls1(c, &k), 0);
			}
			pp_cls_free(c);
		}
	}
}

static void
test_cls_dport(void)
{
	struct pp_police_key k = key_v4(a4_10_1_2_3, a4_192, C_UDP, 0, 0, 0);
	static const uint16_t ranges[][2] = {
		{ 1000, 2000 }, { 53, 53 }, { 0, 0 }, { 65535, 65535 },
		{ 0, 1023 }, { 1024, 65535 }, { 255, 256 },
	};
	struct pp_cfg_rule r[1];
	struct pp_cls *c;
	size_t i;

	for (i = 0; i < RTE_DIM(ranges); i++) {
		uint16_t lo = ranges[i][0], hi = ranges[i][1];

		r[0] = rule_any();
		r[0].dport_lo = lo;
		r[0].dport_hi = hi;
		c = cls_new("c_dport", r, 1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		for (int p = 0; p < 2; p++) {
			k.proto = p ? C_TCP : C_UDP;
			if (lo > 0) {
				k.dport = (uint16_t)(lo - 1);
				CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
			}
			k.dport = lo;
			CU_ASSERT_EQUAL(cls1(c, &k), 0);
			k.dport = (uint16_t)(lo + (hi - lo) / 2);
			CU_ASSERT_EQUAL(cls1(c, &k), 0);
			k.dport = hi;
			CU_ASSERT_EQUAL(cls1(c, &k), 0);
			if (hi < UINT16_MAX) {
				k.dport = (uint16_t)(hi + 1);
				CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
			}
		}
		/* no port: ICMP (its echo id in dport), GRE, L2 */
		k.dport = lo;
		k.proto = C_ICMP;
		CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
		k.proto = C_GRE;
		CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
		CU_ASSERT_EQUAL(cls1(c, &(struct pp_police_key){ 0 }),
				PP_CLS_NONE);
		pp_cls_free(c);
	}

	/* the full range is no condition: ICMP and L2 match it */
	r[0] = rule_any();
	c = cls_new("c_dport", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	k.proto = C_ICMP;
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	pp_cls_free(c);
}

static void
test_cls_vlan_proto_dscp(void)
{
	struct pp_police_key k = key_v4(a4_10_1_2_3, a4_192, C_UDP, 53, 0, 0);
	struct pp_police_key k6 = key_v6(a6_db8, a6_0a, C_UDP, 53, 0, 0);
	struct pp_police_key l2 = key_l2(0);
	struct pp_cfg_rule r[1];
	struct pp_cls *c;

	/* vlan 0: untagged only */
	r[0] = rule_any();
	r[0].has_vlan = true;
	r[0].vlan = 0;
	c = cls_new("c_vlan", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	CU_ASSERT_EQUAL(cls1(c, &l2), 0);
	k.vlan = 1;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	k.vlan = 256;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	k.vlan = 4095;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	pp_cls_free(c);

	/* vlan 256: only 256 (not 1, whose bytes are swapped) */
	r[0].vlan = 256;
	c = cls_new("c_vlan", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	k.vlan = 256;
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	k.vlan = 1;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	k.vlan = 0;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	pp_cls_free(c);

	/* proto 0 and DSCP 0 rules match IP packets only, not L2 frames
	 * (whose keys have proto 0 and DSCP 0) */
	r[0] = rule_any();
	r[0].has_proto = true;
	r[0].proto = 0;
	c = cls_new("c_proto0", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &l2), PP_CLS_NONE);
	k.proto = 0;
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	k6.proto = 0;
	CU_ASSERT_EQUAL(cls1(c, &k6), 0);
	k.proto = C_UDP;
	k6.proto = C_UDP;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	pp_cls_free(c);

	r[0] = rule_any();
	r[0].has_dscp = true;
	r[0].dscp = 0;
	c = cls_new("c_dscp0", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &l2), PP_CLS_NONE);
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	CU_ASSERT_EQUAL(cls1(c, &k6), 0);
	k.dscp = 46;
	CU_ASSERT_EQUAL(cls1(c, &k), PP_CLS_NONE);
	pp_cls_free(c);

	r[0].dscp = 46;
	c = cls_new("c_dscp46", r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(cls1(c, &k), 0);
	k6.dscp = 46;
	CU_ASSERT_EQUAL(cls1(c, &k6), 0);
	k6.dscp = 47;
	CU_ASSERT_EQUAL(cls1(c, &k6), PP_CLS_NONE);
	k6.dscp = 63;
	CU_ASSERT_EQUAL(cls1(c, &k6), PP_CLS_NONE);
	pp_cls_free(c);
}

/* Random rule sets against the reference. */

static void
rand_addr(uint8_t *a, int v)
{
	/* a few networks, so that prefixes hit */
	static const uint8_t nets4[][2] = {
		{ 10, 0 }, { 10, 1 }, { 192, 168 }, { 172, 16 },
	};
	unsigned int i, n = v == 4 ? 4 : 16;

	memset(a, 0, 16);
	for (i = 0; i < n; i++)
		a[i] = (uint8_t)crand();
	if (v == 4) {
		memcpy(a, nets4[crand() % RTE_DIM(nets4)], 2);
		if (crand() % 2)
			a[2] = (uint8_t)(crand() % 4);
	} else {
		a[0] = 0x20;
		a[1] = 0x01;
		a[2] = 0x0d;
		a[3] = (uint8_t)(0xb8 + crand() % 2);
		if (crand() % 2)
			memset(a + 4, 0, 8);
		if (crand() % 2)
			a[4] = (uint8_t)(crand() % 4);
	}
}

static uint8_t
rand_len(int v)
{
	static const uint8_t l4[] = { 0, 8, 16, 20, 24, 31, 32 };
	static const uint8_t l6[] = { 0, 16, 32, 33, 48, 64, 65, 96, 100,
				      127, 128 };

	if (crand() % 4 == 0)
		return (uint8_t)(crand() % (v == 4 ? 33 : 129));
	return v == 4 ? l4[crand() % RTE_DIM(l4)] : l6[crand() % RTE_DIM(l6)];
}

static const uint8_t r_protos[] = { C_TCP, C_UDP, C_ICMP, C_ICMP6, C_GRE,
				    0 };
static const uint16_t r_vlans[] = { 0, 10, 20, 256, 4095 };
static const uint8_t r_dscps[] = { 0, 10, 46, 63 };
static const uint16_t r_ports[] = { 0, 53, 80, 443, 1000, 8080, 65535 };

static struct pp_cfg_rule
rand_rule(void)
{
	struct pp_cfg_rule r = rule_any();
	uint32_t x = crand();

	if (x % 10 < 3) {
		r.has_vlan = true;
		r.vlan = r_vlans[crand() % RTE_DIM(r_vlans)];
	}
	x = crand() % 20;
	r.ip_version = x < 8 ? 0 : x < 15 ? 4 : 6;
	if (r.ip_version != 0) {
		if (crand() % 3 != 0) {
			rand_addr(r.src, r.ip_version);
			r.src_len = rand_len(r.ip_version);
		}
		if (crand() % 3 != 0) {
			rand_addr(r.dst, r.ip_version);
			r.dst_len = rand_len(r.ip_version);
		}
	}
	if (crand() % 5 < 2) {
		r.has_proto = true;
		r.proto = r_protos[crand() % RTE_DIM(r_protos)];
	}
	if (crand() % 2) {
		uint32_t lo = crand() % 2 ?
			r_ports[crand() % RTE_DIM(r_ports)] : crand() % 65536;
		uint32_t hi = lo + (crand() % 3 == 0 ? 0 : crand() % 2000);

		r.dport_lo = (uint16_t)lo;
		r.dport_hi = (uint16_t)RTE_MIN(hi, 65535u);
	}
	if (crand() % 4 == 0) {
		r.has_dscp = true;
		r.dscp = r_dscps[crand() % RTE_DIM(r_dscps)];
	}
	return r;
}

/* A key: mostly made to match a random rule, then maybe disturbed. */
static struct pp_police_key
rand_key(const struct pp_cfg_rule *rules, unsigned int n)
{
	struct pp_police_key k;
	const struct pp_cfg_rule *r;
	unsigned int i;
	int v;

	memset(&k, 0, sizeof(k));
	if (n == 0 || crand() % 10 < 2) {
		/* anything */
		v = (int)(crand() % 3) * 2 + 2;		/* 2 (L2), 4, 6 */
		if (v == 2)
			return key_l2(r_vlans[crand() % RTE_DIM(r_vlans)]);
		k.ip_version = (uint8_t)v;
		rand_addr(k.src, v);
		rand_addr(k.dst, v);
		k.proto = r_protos[crand() % RTE_DIM(r_protos)];
		k.dport = (uint16_t)crand();
		k.sport = (uint16_t)crand();
		k.vlan = r_vlans[crand() % RTE_DIM(r_vlans)];
		k.dscp = (uint8_t)(crand() % 64);
		return k;
	}
	r = &rules[crand() % n];
	v = r->ip_version != 0 ? r->ip_version : crand() % 2 ? 4 : 6;
	if (r->ip_version == 0 && !r->has_proto && !r->has_dscp &&
	    crand() % 8 == 0)
		k = key_l2(0);
	else
		k.ip_version = (uint8_t)v;
	if (k.ip_version != 0) {
		rand_addr(k.src, v);
		rand_addr(k.dst, v);
		/* take the rule's prefixes, keep random host bits */
		for (i = 0; i < r->src_len; i++) {
			uint8_t m = (uint8_t)(0x80 >> (i % 8));

			k.src[i / 8] = (uint8_t)((k.src[i / 8] & ~m) |
						 (r->src[i / 8] & m));
		}
		for (i = 0; i < r->dst_len; i++) {
			uint8_t m = (uint8_t)(0x80 >> (i % 8));

			k.dst[i / 8] = (uint8_t)((k.dst[i / 8] & ~m) |
						 (r->dst[i / 8] & m));
		}
		k.proto = r->has_proto ? r->proto :
			r_protos[crand() % RTE_DIM(r_protos)];
		if (r->dport_lo != 0 || r->dport_hi != UINT16_MAX)
			k.proto = crand() % 2 ? C_TCP : C_UDP;
		k.dport = (uint16_t)(r->dport_lo + crand() %
				     (r->dport_hi - r->dport_lo + 1u));
		k.sport = (uint16_t)crand();
		k.dscp = r->has_dscp ? r->dscp : (uint8_t)(crand() % 64);
	}
	k.vlan = r->has_vlan ? r->vlan : r_vlans[crand() % RTE_DIM(r_vlans)];

	/* disturb one field, often at an edge */
	switch (crand() % 12) {
	case 0:
		k.dport = r->dport_lo == 0 ? r->dport_hi + 1u :
			r->dport_lo - 1u;
		break;
	case 1:
		k.dport = (uint16_t)(r->dport_hi + 1u);
		break;
	case 2:
		k.vlan = (uint16_t)(k.vlan ^ (1u << (crand() % 12)));
		break;
	case 3:
		if (r->src_len > 0)
			k.src[(r->src_len - 1) / 8] ^=
				(uint8_t)(0x80 >> ((r->src_len - 1) % 8));
		break;
	case 4:
		if (r->dst_len > 0)
			k.dst[(r->dst_len - 1) / 8] ^=
				(uint8_t)(0x80 >> ((r->dst_len - 1) % 8));
		break;
	case 5:
		k.dscp = (uint8_t)((k.dscp + 1) % 64);
		break;
	case 6:
		k.proto = r_protos[crand() % RTE_DIM(r_protos)];
		break;
	default:
		break;
	}
	return k;
}

#define R_KEYS	4000

static void
test_cls_random(void)
{
	static const unsigned int sizes[] = {
		1, 2, 3, 5, 8, 16, 16, 32, 64, 100, 200, PP_CFG_MAX_RULES,
	};
	static const unsigned int bursts[] = { 1, 3, 32, 64, 65, 200 };
	struct pp_cfg_rule *rules = calloc(PP_CFG_MAX_RULES, sizeof(*rules));
	struct pp_police_key *k = calloc(R_KEYS, sizeof(*k));
	const struct pp_police_key **kp = calloc(R_KEYS, sizeof(*kp));
	uint32_t *out = calloc(R_KEYS, sizeof(*out));
	unsigned int s, i, j, n, bad = 0, hits = 0, nones = 0, firsts = 0;

	CU_ASSERT_FATAL(rules != NULL && k != NULL && kp != NULL &&
			out != NULL);
	for (s = 0; s < RTE_DIM(sizes); s++) {
		char name[32];
		struct pp_cls *c;

		n = sizes[s];
		for (i = 0; i < n; i++)
			rules[i] = rand_rule();
		snprintf(name, sizeof(name), "c_rand%u", s);
		c = cls_new(name, rules, n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(c);
		for (i = 0; i < R_KEYS; i++) {
			k[i] = rand_key(rules, n);
			kp[i] = &k[i];
			out[i] = 0xdeadbeef;
		}
		/* in bursts of several sizes */
		for (i = 0; i < R_KEYS; i += j) {
			j = RTE_MIN(bursts[(i / 7) % RTE_DIM(bursts)],
				    R_KEYS - i);
			pp_cls_classify(c, kp + i, out + i, j);
		}
		for (i = 0; i < R_KEYS; i++) {
			uint32_t want = ref_classify(rules, n, &k[i]);

			if (out[i] != want) {
				if (bad < 5)
					printf("\n    set %u key %u: got %u, "
					       "want %u", s, i, out[i], want);
				bad++;
			}
			hits += want != PP_CLS_NONE;
			nones += want == PP_CLS_NONE;
			/* keys that match more than one rule */
			if (want != PP_CLS_NONE)
				for (j = want + 1; j < n; j++)
					if (ref_match(&rules[j], &k[i])) {
						firsts++;
						break;
					}
		}
		pp_cls_free(c);
	}
	printf("\n    %u keys: %u matched (%u of them more than one rule), "
	       "%u none ", (unsigned int)RTE_DIM(sizes) * R_KEYS, hits,
	       firsts, nones);
	CU_ASSERT_EQUAL(bad, 0);
	/* the keys exercised both outcomes and overlaps */
	CU_ASSERT(hits > RTE_DIM(sizes) * R_KEYS / 4);
	CU_ASSERT(nones > RTE_DIM(sizes) * R_KEYS / 10);
	CU_ASSERT(firsts > RTE_DIM(sizes) * R_KEYS / 20);
	free(rules);
	free(k);
	free(kp);
	free(out);
}

/* Flow keys from parsed frames. */

struct t_frame {
	uint8_t b[128];
	uint32_t len;
	uint32_t l3;
};

/* Ethernet [+ VLAN] + IPv4/IPv6 + UDP, 16 bytes of payload. */
static void
mk_frame(struct t_frame *f, int v, uint16_t vlan, uint8_t dscp,
	 uint16_t sport, uint16_t dport, uint8_t ttl)
{
	uint8_t *b = f->b;
	uint32_t off = 12, l4;

	memset(f, 0, sizeof(*f));
	memcpy(b, (const uint8_t[]){ 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 },
	       12);
	if (vlan != 0) {
		b[off] = 0x81;
		b[off + 1] = 0x00;
		b[off + 2] = (uint8_t)(0x20 | vlan >> 8);
		b[off + 3] = (uint8_t)vlan;
		off += 4;
	}
	b[off] = v == 4 ? 0x08 : 0x86;
	b[off + 1] = v == 4 ? 0x00 : 0xdd;
	off += 2;
	f->l3 = off;
	if (v == 4) {
		b[off] = 0x45;
		b[off + 1] = (uint8_t)(dscp << 2 | 1);	/* ECT(1) */
		b[off + 3] = 20 + 8 + 16;
		b[off + 8] = ttl;
		b[off + 9] = C_UDP;
		memcpy(b + off + 12, a4_10_1_2_3, 4);
		memcpy(b + off + 16, a4_192, 4);
		l4 = off + 20;
	} else {
		b[off] = (uint8_t)(0x60 | dscp >> 2);
		b[off + 1] = (uint8_t)((dscp & 3) << 6 | 0x1a);	/* + flow */
		b[off + 5] = 8 + 16;
		b[off + 6] = C_UDP;
		b[off + 7] = ttl;
		memcpy(b + off + 8, a6_db8, 16);
		memcpy(b + off + 24, a6_0a, 16);
		l4 = off + 40;
	}
	b[l4] = (uint8_t)(sport >> 8);
	b[l4 + 1] = (uint8_t)sport;
	b[l4 + 2] = (uint8_t)(dport >> 8);
	b[l4 + 3] = (uint8_t)dport;
	b[l4 + 5] = 8 + 16;
	memset(b + l4 + 8, ttl, 16);
	f->len = l4 + 8 + 16;
}

static void
frame_key(const struct t_frame *f, struct pp_police_key *k, int dirty)
{
	struct pp_pkt_info info;

	memset(&info, 0x5a, sizeof(info));
	CU_ASSERT_NOT_EQUAL(pp_pkt_parse(f->b, f->len, &info),
			    PP_PKT_MALFORMED);
	memset(k, dirty ? 0xa5 : 0, sizeof(*k));
	pp_police_key_make(k, &info);
}

static void
test_key_make_hash(void)
{
	struct pp_police_key a, b, l2;
	struct t_frame f;
	uint8_t buf[sizeof(a) + 1];
	uint32_t h[8];
	unsigned int i, j;

	CU_ASSERT_EQUAL(sizeof(struct pp_police_key), 44);
	for (int v = 4; v <= 6; v += 2) {
		mk_frame(&f, v, 100, 46, 1234, 53, 64);
		frame_key(&f, &a, 0);
		CU_ASSERT_EQUAL(a.proto, C_UDP);
		CU_ASSERT_EQUAL(a.dscp, 46);
		CU_ASSERT_EQUAL(a.ip_version, v);
		CU_ASSERT_EQUAL(a.vlan, 100);
		CU_ASSERT_EQUAL(a.sport, 1234);		/* host order */
		CU_ASSERT_EQUAL(a.dport, 53);
		CU_ASSERT_EQUAL(a.pad0, 0);
		CU_ASSERT_EQUAL(a.pad1, 0);
		if (v == 4) {
			CU_ASSERT_EQUAL(memcmp(a.src, a4_10_1_2_3, 4), 0);
			CU_ASSERT_EQUAL(memcmp(a.dst, a4_192, 4), 0);
			for (i = 4; i < 16; i++)
				CU_ASSERT(a.src[i] == 0 && a.dst[i] == 0);
		} else {
			CU_ASSERT_EQUAL(memcmp(a.src, a6_db8, 16), 0);
			CU_ASSERT_EQUAL(memcmp(a.dst, a6_0a, 16), 0);
		}

		/* same packet, into dirty memory: same bytes, same hash;
		 * other TTL and payload: same flow */
		frame_key(&f, &b, 1);
		CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof(a)), 0);
		CU_ASSERT_EQUAL(pp_police_key_hash(&a),
				pp_police_key_hash(&b));
		mk_frame(&f, v, 100, 46, 1234, 53, 3);
		frame_key(&f, &b, 1);
		CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof(a)), 0);
		CU_ASSERT_EQUAL(pp_police_key_hash(&a),
				pp_police_key_hash(&b));

		/* DSCP, VLAN (or none), ports: other keys, other hashes */
		h[0] = pp_police_key_hash(&a);
		for (i = 1; i < 8; i++) {
			static const uint16_t vl[] = { 100, 101, 0, 100, 100,
						       100, 100, 4095 };
			static const uint8_t ds[] = { 46, 46, 46, 0, 47, 46, 46,
						      46 };

			mk_frame(&f, v, vl[i], ds[i], i == 5 ? 1235 : 1234,
				 i == 6 ? 54 : 53, 64);
			frame_key(&f, &b, 1);
			CU_ASSERT_NOT_EQUAL(memcmp(&a, &b, sizeof(a)), 0);
			h[i] = pp_police_key_hash(&b);
		}
		for (i = 0; i < 8; i++)
			for (j = i + 1; j < 8; j++)
				CU_ASSERT_NOT_EQUAL(h[i], h[j]);
	}

	/* L2: MACs, version 0, proto 0 */
	mk_frame(&f, 4, 7, 0, 1, 2, 64);
	f.b[16] = 0x08;
	f.b[17] = 0x06;		/* ARP after the tag */
	frame_key(&f, &l2, 1);
	CU_ASSERT_EQUAL(l2.ip_version, 0);
	CU_ASSERT_EQUAL(l2.proto, 0);
	CU_ASSERT_EQUAL(l2.dscp, 0);
	CU_ASSERT_EQUAL(l2.vlan, 7);
	CU_ASSERT_EQUAL(l2.dport, 0);
	CU_ASSERT_EQUAL(memcmp(l2.dst, f.b, 6), 0);
	CU_ASSERT_EQUAL(memcmp(l2.src, f.b + 6, 6), 0);
	frame_key(&f, &b, 0);
	CU_ASSERT_EQUAL(memcmp(&l2, &b, sizeof(b)), 0);
	CU_ASSERT_EQUAL(pp_police_key_hash(&l2), pp_police_key_hash(&b));

	/* the hash covers every byte, and any alignment gives the same */
	memset(&a, 0, sizeof(a));
	h[0] = pp_police_key_hash(&a);
	for (i = 0; i < sizeof(a); i++) {
		((uint8_t *)&a)[i] = 1;
		CU_ASSERT_NOT_EQUAL(pp_police_key_hash(&a), h[0]);
		((uint8_t *)&a)[i] = 0;
	}
	memcpy(buf + 1, &l2, sizeof(l2));
	CU_ASSERT_EQUAL(pp_police_key_hash((const void *)(buf + 1)),
			pp_police_key_hash(&l2));
}

/* ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	char *eal[] = {
		/* --in-memory is refused with --no-huge (legacy memory);
		 * --no-shconf: no shared config, no IPC socket */
		argv[0], "--no-huge", "-m", "64", "--no-shconf",
		"--file-prefix=pp_unit_police", "--no-pci", "-l", "0",
		"--no-telemetry", "--log-level=lib.eal:error",
	};
	struct pp_meter_params prm = mp(PP_METER_SRTCM, 1000, 1000, 0, 0);
	struct pp_meter_profile p;
	CU_TestInfo tests[] = {
		{ "meter: profile errors", test_meter_profile_errors },
		{ "meter: srTCM (RFC 2697)", test_meter_srtcm },
		{ "meter: trTCM (RFC 2698)", test_meter_trtcm },
		{ "meter: trTCM (RFC 4115)", test_meter_trtcm_4115 },
		{ "meter: time backwards / far ahead", test_meter_time_jumps },
		{ "meter: zeroed, switched profile", test_meter_zeroed_switched },
		{ "agg: errors", test_agg_errors },
		{ "agg: accuracy 1 kbit/s .. 400 Gbit/s", test_agg_accuracy },
		{ "agg: rate change", test_agg_set_rate },
		{ "agg: time backwards / far ahead", test_agg_time_jumps },
		{ "agg: amounts, flush, packets", test_agg_amounts },
		{ "agg: 1, 2, 4 threads", test_agg_threads },
		{ "flowtab: errors", test_flowtab_errors },
		{ "flowtab: add, lookup, del", test_flowtab_add_lookup },
		{ "flowtab: RSS-like, equal hashes", test_flowtab_bad_hashes },
		{ "flowtab: full and reclaim", test_flowtab_full },
		{ "flowtab: aging", test_flowtab_aging },
		{ "flowtab: random ops vs model", test_flowtab_random },
		{ "key: make, hash", test_key_make_hash },
		{ "cls: errors, names", test_cls_errors },
		{ "cls: empty, catch-all", test_cls_empty_catch_all },
		{ "cls: first match wins", test_cls_first_match },
		{ "cls: IPv4 / IPv6 prefixes, /0", test_cls_versions },
		{ "cls: dport range edges", test_cls_dport },
		{ "cls: vlan, proto, dscp", test_cls_vlan_proto_dscp },
		{ "cls: random rules vs reference", test_cls_random },
		CU_TEST_INFO_NULL,
	};
	int rc;

	RTE_SET_USED(argc);
	/* no EAL yet: rte_get_tsc_hz() is 0 */
	pre_eal_rc = pp_meter_profile_init(&p, &prm);
	sched_getaffinity(0, sizeof(all_cpus), &all_cpus);
	if (rte_eal_init((int)RTE_DIM(eal), eal) < 0) {
		fprintf(stderr, "rte_eal_init: %s\n", rte_strerror(rte_errno));
		return 2;
	}
	hz = rte_get_tsc_hz();
	rc = pp_test_run("police", tests);
	rte_eal_cleanup();
	return rc;
}
