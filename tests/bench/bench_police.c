/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Micro-benchmark of lib/police, cycles per packet:
 *
 * (a) per-flow policing as the RX lcore does it (lib/pipeline/
 *     pp_police_rt.c): for each burst of 32 packets, build the flow's
 *     struct pp_police_key (44 bytes, zeroed then filled) and its hash the
 *     way the pipeline does (the 5-tuple hash RX has already computed,
 *     here a given function of the flow, folded with VLAN and DSCP by one
 *     rte_hash_crc_4byte()), then pp_flowtab_lookup_bulk() and
 *     pp_meter_color() per packet; against a baseline loop doing the same
 *     key handling without policing. Flows are drawn uniformly from 1 k,
 *     64 k and 1 M active flows (all in the table: steady state, hits).
 *     Also shown: lookup alone, and a hash-indexed meter array (no table,
 *     no key compare: colliding flows share a meter) for comparison.
 * (b) aggregate admit (pp_agg_admit(), 64-byte packets, one TSC read per
 *     burst of 32) on 1 lcore and on 2 lcores sharing one aggregate, with
 *     the rate above the offered load (everything admitted) and below
 *     it (a quarter of what one lcore offers when all pass); and, for
 *     reference, what a per-packet atomic add on one shared line costs.
 * (c) pp_meter_color() alone per algorithm, state hot in cache.
 *
 * Usage: bench_police [EAL options] [-- --json FILE]
 * Without EAL options (nothing, or "--" first): --no-huge -m 1024
 * --no-shconf -l 0-1 (say which mode a figure used: hugepages change the
 * large-table figures a lot). --json also writes the medians to FILE
 * (scripts/bench.sh reads it). Figures are reported, never asserted.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_hash_crc.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_pause.h>
#include <rte_prefetch.h>

#include "pp_police.h"

#define BURST	32
#define REPS	3

static uint64_t hz;
static volatile uint64_t sink;

/* Medians kept for --json. */
#define N_SIZES	3
#define N_AGG	2
static struct {
	unsigned int n_flows;
	struct {
		uint32_t flows;
		double base, lookup, police, array;
	} flow[N_SIZES];
	unsigned int n_agg;
	struct {
		unsigned int lcores;
		double base, over, under, atomic, frac_over, frac_under;
	} agg[N_AGG];
} res;

/* ------------------------------------------------------------------ */
/* Per-flow policing                                                    */

static inline uint32_t
xs32(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/* The flow's 5-tuple hash, which RX has computed before policing (the
 * pipeline's CRC of the 5-tuple, or a NIC's RSS hash): here any fixed
 * function of the flow, not timed as policing. */
static inline uint32_t
flow_hash5(uint32_t idx)
{
	uint32_t h = idx * 0x9E3779B1u;

	return h ^ (h >> 15);
}

/*
 * The key and hash of flow idx, as pp_police_burst() makes them: the key
 * zeroed and filled (pp_police_key_make()), here an IPv4 UDP flow with a
 * VLAN and a DSCP of its own; the hash is the 5-tuple hash folded with
 * VLAN and DSCP by one CRC step.
 */
static inline uint32_t
flow_key(struct pp_police_key *k, uint32_t idx)
{
	uint32_t src = rte_cpu_to_be_32(0x0a000000u | (idx & 0xffffffu));
	uint32_t dst = rte_cpu_to_be_32(0xc0a80101u);

	memset(k, 0, sizeof(*k));
	k->proto = 17;
	k->dscp = (uint8_t)((idx >> 2) & 7) << 3;
	k->ip_version = 4;
	k->vlan = (uint16_t)(100 + (idx & 3));
	k->sport = (uint16_t)(1024 + (idx >> 24) + (idx & 0x3fff));
	k->dport = 53;
	memcpy(k->src, &src, sizeof(src));
	memcpy(k->dst, &dst, sizeof(dst));
	return rte_hash_crc_4byte((uint32_t)k->vlan << 8 | k->dscp,
				  flow_hash5(idx));
}

static struct pp_meter_profile prof;

static void
flow_init(struct pp_flow_entry *e, const void *key, unsigned int idx,
	  uint64_t now, void *arg)
{
	RTE_SET_USED(key);
	RTE_SET_USED(idx);
	RTE_SET_USED(arg);
	pp_meter_init(&e->meter, &prof, now);
}

enum mode { M_BASE, M_LOOKUP, M_POLICE, M_ARRAY, M_COUNT };

static const char *const mode_name[M_COUNT] = {
	"baseline", "lookup", "lookup+meter", "hash-indexed meter",
};

/* One timed run of n packets over `flows` flows; cycles per packet. */
static double
flow_run(enum mode md, struct pp_flowtab *t, struct pp_meter *arr,
	 uint32_t arr_mask, uint32_t flows, uint32_t n, uint32_t seed)
{
	struct pp_police_key kb[BURST];
	const void *kp[BURST];
	uint32_t hs[BURST], len[BURST];
	struct pp_flow_entry *out[BURST];
	uint64_t t0, t1, acc = 0, now;
	uint32_t p, i;

	for (i = 0; i < BURST; i++)
		kp[i] = &kb[i];
	t0 = rte_rdtsc();
	for (p = 0; p < n; p += BURST) {
		now = rte_rdtsc();
		/* key handling: what every mode does */
		for (i = 0; i < BURST; i++) {
			uint32_t r = xs32(&seed);
			uint32_t idx = (uint32_t)(((uint64_t)r * flows) >> 32);

			hs[i] = flow_key(&kb[i], idx);
			len[i] = 64 + (r & 1023);
		}
		switch (md) {
		case M_BASE:
			for (i = 0; i < BURST; i++)
				acc += hs[i] ^ kb[i].sport ^ len[i];
			break;
		case M_LOOKUP:
			pp_flowtab_lookup_bulk(t, kp, hs, BURST, now, out,
					       flow_init, NULL);
			for (i = 0; i < BURST; i++)
				acc += (uintptr_t)out[i] ^ len[i];
			break;
		case M_POLICE:
			pp_flowtab_lookup_bulk(t, kp, hs, BURST, now, out,
					       flow_init, NULL);
			for (i = 0; i < BURST; i++)
				acc += pp_meter_color(&out[i]->meter, &prof,
						      now, len[i]);
			break;
		case M_ARRAY:
			for (i = 0; i < BURST; i++)
				rte_prefetch0(&arr[hs[i] & arr_mask]);
			for (i = 0; i < BURST; i++)
				acc += pp_meter_color(&arr[hs[i] & arr_mask],
						      &prof, now, len[i]);
			break;
		default:
			break;
		}
	}
	t1 = rte_rdtsc();
	sink += acc;
	return (double)(t1 - t0) / n;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct fig {
	double med, min, max;
};

static struct fig
fig_of(double *v, unsigned int n)
{
	struct fig f;

	qsort(v, n, sizeof(*v), cmp_d);
	f.med = v[n / 2];
	f.min = v[0];
	f.max = v[n - 1];
	return f;
}

static void
bench_flows(void)
{
	static const uint32_t sizes[] = { 1024, 65536, 1048576 };
	/* srTCM 1 Gbit/s per flow: the colour logic runs, mostly green */
	struct pp_meter_params prm = {
		.alg = PP_METER_SRTCM, .cir = 125000000, .cbs = 1 << 20,
		.ebs = 1 << 20,
	};
	unsigned int s, r, m;

	if (pp_meter_profile_init(&prof, &prm) != 0) {
		printf("profile: failed\n");
		return;
	}
	printf("\n(a) per-flow policing, bursts of %d, uniform over the "
	       "active flows (srTCM, every flow under its rate); "
	       "cycles/packet, median of %d runs (min-max)\n\n", BURST,
	       REPS);
	printf("| flows | baseline | lookup | lookup+meter | added by "
	       "policing | hash-indexed meter (added) |\n");
	printf("|---|---|---|---|---|---|\n");
	for (s = 0; s < RTE_DIM(sizes); s++) {
		uint32_t flows = sizes[s], n, i, mask;
		struct pp_flowtab *t;
		struct pp_meter *arr;
		struct fig f[M_COUNT];
		double v[M_COUNT][REPS];
		char name[32];

		snprintf(name, sizeof(name), "bench%u", flows);
		t = pp_flowtab_create(name, flows, sizeof(struct pp_police_key),
				      UINT64_MAX, (int)rte_socket_id());
		mask = rte_align32pow2(flows) - 1;
		arr = rte_zmalloc("bench_meters", (mask + 1) * sizeof(*arr),
				  RTE_CACHE_LINE_SIZE);
		if (t == NULL || arr == NULL) {
			printf("| %u | no memory (%s) |\n", flows,
			       rte_strerror(rte_errno));
			pp_flowtab_free(t);
			rte_free(arr);
			continue;
		}
		/* populate: every flow in the table */
		for (i = 0; i < flows; i += BURST) {
			struct pp_police_key kb[BURST];
			const void *kp[BURST];
			uint32_t hs[BURST], j;
			uint32_t k = RTE_MIN(flows - i, (uint32_t)BURST);
			struct pp_flow_entry *out[BURST];

			for (j = 0; j < k; j++) {
				hs[j] = flow_key(&kb[j], i + j);
				kp[j] = &kb[j];
			}
			pp_flowtab_lookup_bulk(t, kp, hs, k, rte_rdtsc(), out,
					       flow_init, NULL);
		}
		for (i = 0; i <= mask; i++)
			pp_meter_init(&arr[i], &prof, rte_rdtsc());
		/* 2 M packets (the 1 M-flow table is visited ~twice) */
		n = 2u << 20;
		/* warm caches/TLB once per mode, then interleave the modes
		 * so that machine noise hits them alike */
		for (m = 0; m < M_COUNT; m++)
			flow_run((enum mode)m, t, arr, mask, flows, n / 4, 7);
		for (r = 0; r < REPS; r++)
			for (m = 0; m < M_COUNT; m++)
				v[m][r] = flow_run((enum mode)m, t, arr, mask,
						   flows, n, 12345 + r);
		for (m = 0; m < M_COUNT; m++)
			f[m] = fig_of(v[m], REPS);
		printf("| %u | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | "
		       "%.1f (%.1f-%.1f) | **%.1f** | %.1f (%.1f) |\n", flows,
		       f[M_BASE].med, f[M_BASE].min, f[M_BASE].max,
		       f[M_LOOKUP].med, f[M_LOOKUP].min, f[M_LOOKUP].max,
		       f[M_POLICE].med, f[M_POLICE].min, f[M_POLICE].max,
		       f[M_POLICE].med - f[M_BASE].med, f[M_ARRAY].med,
		       f[M_ARRAY].med - f[M_BASE].med);
		RTE_BUILD_BUG_ON(RTE_DIM(sizes) > N_SIZES);
		res.flow[res.n_flows].flows = flows;
		res.flow[res.n_flows].base = f[M_BASE].med;
		res.flow[res.n_flows].lookup = f[M_LOOKUP].med;
		res.flow[res.n_flows].police = f[M_POLICE].med;
		res.flow[res.n_flows].array = f[M_ARRAY].med;
		res.n_flows++;
		{
			struct pp_flowtab_stats st;

			pp_flowtab_stats(t, &st);
			if (st.flows != flows || st.full != 0)
				printf("  (table: %" PRIu64 " flows, %" PRIu64
				       " full)\n", st.flows, st.full);
		}
		pp_flowtab_free(t);
		rte_free(arr);
	}
	printf("\n%s: %s\n", mode_name[M_ARRAY],
	       "meters in an array of 2^ceil(log2(flows)) slots indexed by "
	       "the flow hash, no key compare (colliding flows share one)");
}

/*
 * (c) The meter alone, per algorithm: 1024 meters (hot in L1/L2) picked at
 * random, against the same loop without the colour call. rte_meter does
 * one 64-bit divide per bucket (srTCM one, trTCM two).
 */
static double
meter_run(const struct pp_meter_profile *p, struct pp_meter *arr, bool on,
	  uint32_t n, uint32_t seed, uint64_t col[RTE_COLORS])
{
	uint64_t t0, now = 0;
	uint32_t i, k;

	t0 = rte_rdtsc();
	for (i = 0; i < n; i += BURST) {
		now = rte_rdtsc();
		for (k = 0; k < BURST; k++) {
			uint32_t r = xs32(&seed);

			if (on)
				col[pp_meter_color(&arr[r & 1023], p, now,
						   64 + (r >> 22))]++;
			else
				col[(r >> 22) & 1]++;
		}
	}
	return (double)(rte_rdtsc() - t0) / n;
}

/* One row: alg at a per-flow rate cir (bytes/s). */
static void
meter_row(struct pp_meter *arr, enum pp_meter_alg alg, uint64_t cir,
	  const char *regime)
{
	static const char *const names[] = { "srTCM", "trTCM 2698",
					     "trTCM 4115" };
	struct pp_meter_params prm = {
		.alg = alg, .cir = cir, .cbs = 1 << 20,
		.eir = alg == PP_METER_SRTCM ? 0 : 2 * cir, .ebs = 1 << 20,
	};
	uint64_t col[RTE_COLORS] = { 0 }, junk[RTE_COLORS], tot;
	struct pp_meter_profile p;
	double v0[REPS], v1[REPS];
	struct fig f0, f1;
	unsigned int r, i;

	if (pp_meter_profile_init(&p, &prm) != 0)
		return;
	for (i = 0; i < 1024; i++)
		pp_meter_init(&arr[i], &p, rte_rdtsc());
	meter_run(&p, arr, true, 1u << 20, 3, junk);
	for (r = 0; r < REPS; r++) {
		v0[r] = meter_run(&p, arr, false, 4u << 20, 5 + r, junk);
		v1[r] = meter_run(&p, arr, true, 4u << 20, 5 + r, col);
	}
	sink += junk[0];
	tot = col[0] + col[1] + col[2];
	f0 = fig_of(v0, REPS);
	f1 = fig_of(v1, REPS);
	printf("| %s | %s (G/Y/R %.0f/%.0f/%.0f %%) | %.1f (%.1f-%.1f) | "
	       "%.1f (%.1f-%.1f) | **%.1f** |\n", names[alg], regime,
	       100.0 * col[0] / tot, 100.0 * col[1] / tot,
	       100.0 * col[2] / tot, f0.med, f0.min, f0.max, f1.med, f1.min,
	       f1.max, f1.med - f0.med);
}

static void
bench_meters(void)
{
	struct pp_meter *arr = rte_zmalloc("bench_m", 1024 * sizeof(*arr),
					   RTE_CACHE_LINE_SIZE);
	int a;

	if (arr == NULL)
		return;
	printf("\n(c) meter alone (1024 hot meters, random), cycles/packet, "
	       "median of %d (min-max)\n\n| alg | flows | loop alone | with "
	       "pp_meter_color | added |\n|---|---|---|---|---|\n", REPS);
	/* Each meter sees ~1/1024 of ~200 Mpps of ~576 B (~110 MB/s): at
	 * 10 Gbit/s per flow it stays green (buckets full); at 500 Mbit/s
	 * it runs above its CIR, colours mixed. */
	for (a = PP_METER_SRTCM; a <= PP_METER_TRTCM_4115; a++) {
		meter_row(arr, (enum pp_meter_alg)a, 1250000000ull,
			  "under its rate");
		meter_row(arr, (enum pp_meter_alg)a, 62500000ull,
			  "above its CIR");
	}
	rte_free(arr);
}

/* ------------------------------------------------------------------ */
/* Aggregate                                                            */

enum amode { A_BASE, A_ADMIT, A_ATOMIC };

struct athr {
	struct pp_agg *a;
	uint64_t *shared;
	enum amode md;
	uint32_t n;
	double cyc;		/* out: cycles per packet */
	uint64_t adm;
	struct pp_agg_lease l;
} __rte_cache_aligned;

static int a_go;
static int a_ready;

static int
agg_thread(void *arg)
{
	struct athr *t = arg;
	uint64_t t0, now, adm = 0;
	uint32_t p, i;

	__atomic_fetch_add(&a_ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&a_go, __ATOMIC_ACQUIRE))
		rte_pause();
	t0 = rte_rdtsc();
	for (p = 0; p < t->n; p += BURST) {
		now = rte_rdtsc();
		switch (t->md) {
		case A_BASE:
			/* the same loop, every packet "admitted" */
			for (i = 0; i < BURST; i++) {
				adm += 1;
				rte_compiler_barrier();
			}
			break;
		case A_ADMIT:
			for (i = 0; i < BURST; i++) {
				adm += pp_agg_admit(t->a, &t->l, now, 64);
				rte_compiler_barrier();
			}
			break;
		case A_ATOMIC:
			for (i = 0; i < BURST; i++) {
				__atomic_fetch_add(t->shared, 64,
						   __ATOMIC_RELAXED);
				adm += 1;
			}
			break;
		}
	}
	t->cyc = (double)(rte_rdtsc() - t0) / t->n;
	t->adm = adm;
	return 0;
}

/* Run md on n_lcores lcores (main + the next one) sharing a; returns the
 * mean cycles/packet of the lcores and the fraction admitted. */
static double
agg_run(enum amode md, unsigned int n_lcores, uint64_t rate, double *frac)
{
	struct athr th[2];
	uint64_t shared[8] __rte_cache_aligned = { 0 };
	struct pp_agg *a;
	/* burst: 1 ms of rate, short against the ~40 ms runs */
	struct pp_agg_params prm = {
		.rate = rate, .burst = RTE_MAX(rate / 1000, 64u),
		.packets = false,
	};
	unsigned int i, other = rte_get_next_lcore(-1, 1, 0);
	double cyc = 0, adm = 0;

	a = pp_agg_create(&prm, hz, rte_rdtsc(), (int)rte_socket_id());
	if (a == NULL)
		return -1;
	__atomic_store_n(&a_go, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&a_ready, 0, __ATOMIC_RELAXED);
	for (i = 0; i < n_lcores; i++) {
		memset(&th[i], 0, sizeof(th[i]));
		th[i].a = a;
		th[i].shared = shared;
		th[i].md = md;
		th[i].n = 32u << 20;
		pp_agg_lease_init(&th[i].l);
	}
	if (n_lcores > 1) {
		rte_eal_remote_launch(agg_thread, &th[1], other);
		/* start together: the other lcore is spinning on a_go */
		while (__atomic_load_n(&a_ready, __ATOMIC_ACQUIRE) < 1)
			rte_pause();
	}
	__atomic_store_n(&a_go, 1, __ATOMIC_RELEASE);
	agg_thread(&th[0]);
	if (n_lcores > 1)
		rte_eal_wait_lcore(other);
	for (i = 0; i < n_lcores; i++) {
		cyc += th[i].cyc;
		adm += (double)th[i].adm / th[i].n;
	}
	pp_agg_free(a);
	*frac = adm / n_lcores;
	return cyc / n_lcores;
}

static void
bench_agg(void)
{
	unsigned int nl, r, m;
	bool two = rte_lcore_count() >= 2;

	printf("\n(b) aggregate, 64 B packets, one TSC read per burst of %d; "
	       "cycles/packet per lcore, median of %d (min-max)\n\n", BURST,
	       REPS);
	printf("| lcores | loop alone | admit, rate > offered | admitted | "
	       "admit, rate below offered | admitted | per-packet atomic "
	       "(reference) |\n|---|---|---|---|---|---|---|\n");
	for (nl = 1; nl <= (two ? 2u : 1u); nl++) {
		double v[4][REPS], fr[4] = { 0 }, off;
		struct fig f[4];
		double probe;

		/* offered load of one lcore, to place the two rates */
		agg_run(A_BASE, 1, 1000000, &probe);
		probe = agg_run(A_ADMIT, 1, PP_POLICE_RATE_MAX, &off);
		/* bytes/s one lcore offers at that speed */
		off = 64.0 * (double)hz / probe;
		for (r = 0; r < REPS; r++) {
			v[0][r] = agg_run(A_BASE, nl, 1000000, &fr[0]);
			v[1][r] = agg_run(A_ADMIT, nl, PP_POLICE_RATE_MAX,
					  &fr[1]);
			v[2][r] = agg_run(A_ADMIT, nl,
					  (uint64_t)(off * nl / 4), &fr[2]);
			v[3][r] = agg_run(A_ATOMIC, nl, 1000000, &fr[3]);
		}
		for (m = 0; m < 4; m++)
			f[m] = fig_of(v[m], REPS);
		printf("| %u | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | %.0f %% | "
		       "%.1f (%.1f-%.1f) | %.0f %% | %.1f (%.1f-%.1f) |\n", nl,
		       f[0].med, f[0].min, f[0].max, f[1].med, f[1].min,
		       f[1].max, 100 * fr[1], f[2].med, f[2].min, f[2].max,
		       100 * fr[2], f[3].med, f[3].min, f[3].max);
		res.agg[res.n_agg].lcores = nl;
		res.agg[res.n_agg].base = f[0].med;
		res.agg[res.n_agg].over = f[1].med;
		res.agg[res.n_agg].under = f[2].med;
		res.agg[res.n_agg].atomic = f[3].med;
		res.agg[res.n_agg].frac_over = fr[1];
		res.agg[res.n_agg].frac_under = fr[2];
		res.n_agg++;
	}
	if (!two)
		printf("(one lcore only: give -l 0-1 for the 2-lcore row)\n");
}

/* The medians as JSON, for scripts/bench_report.py. */
static int
write_json(const char *path)
{
	FILE *f = fopen(path, "w");
	unsigned int i;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	fprintf(f, "{\"tsc_hz\": %" PRIu64 ", \"hugepages\": %s, "
		"\"lcores\": %u, \"burst\": %d,\n \"flows\": [", hz,
		rte_eal_has_hugepages() ? "true" : "false", rte_lcore_count(),
		BURST);
	for (i = 0; i < res.n_flows; i++)
		fprintf(f, "%s\n  {\"flows\": %u, \"base\": %.2f, "
			"\"lookup\": %.2f, \"police\": %.2f, \"array\": %.2f}",
			i ? "," : "", res.flow[i].flows, res.flow[i].base,
			res.flow[i].lookup, res.flow[i].police,
			res.flow[i].array);
	fprintf(f, "],\n \"agg\": [");
	for (i = 0; i < res.n_agg; i++)
		fprintf(f, "%s\n  {\"lcores\": %u, \"base\": %.2f, "
			"\"over\": %.2f, \"under\": %.2f, \"atomic\": %.2f, "
			"\"frac_over\": %.4f, \"frac_under\": %.4f}",
			i ? "," : "", res.agg[i].lcores, res.agg[i].base,
			res.agg[i].over, res.agg[i].under, res.agg[i].atomic,
			res.agg[i].frac_over, res.agg[i].frac_under);
	fprintf(f, "]}\n");
	return fclose(f) == 0 ? 0 : -1;
}

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s [EAL options] [-- --json FILE]\n", prog);
}

int
main(int argc, char **argv)
{
	char *def[] = {
		argv[0], "--no-huge", "-m", "1024", "--no-shconf",
		"--file-prefix=pp_bench_police", "--no-pci", "-l", "0-1",
		"--no-telemetry", "--log-level=lib.eal:error",
	};
	const char *json = NULL;
	bool eal_given;
	int rc, i, dd = argc;

	/* EAL options up to "--", ours after it */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			dd = i;
			break;
		}
	}
	for (i = dd + 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
			json = argv[++i];
		} else {
			usage(argv[0]);
			return 2;
		}
	}
	eal_given = dd > 1;
	if (eal_given)
		rc = rte_eal_init(dd, argv);
	else
		rc = rte_eal_init((int)RTE_DIM(def), def);
	if (rc < 0) {
		fprintf(stderr, "rte_eal_init: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	hz = rte_get_tsc_hz();
	printf("bench_police: TSC %.2f GHz, %u lcores, %s, %s\n", hz / 1e9,
	       rte_lcore_count(),
	       eal_given ? "EAL options as given" :
			   "--no-huge -m 1024 (default)",
	       rte_eal_has_hugepages() ? "hugepages" : "4 KiB pages");
	bench_flows();
	bench_agg();
	bench_meters();
	rc = json != NULL ? write_json(json) : 0;
	rte_eal_cleanup();
	return rc == 0 ? 0 : 1;
}
