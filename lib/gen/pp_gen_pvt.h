/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_GEN_PVT_H
#define PP_GEN_PVT_H

/**
 * @file
 * Generator internals, not part of the public API: pure functions (no EAL,
 * no mempool, no clock) so that tests/unit/test_gen.c drives them directly.
 *
 * - Frame writer: __pp_gen_frame() lays out one packet in a buffer.
 * - PRNG: splitmix64 (one 64-bit state, any seed, including 0, is fine).
 * - Flow popularity: uniform by multiply-shift, Zipf by a precomputed CDF
 *   scaled to 32 bits and a binary search. No division, no float on the hot
 *   path; the CDF is built with doubles once, at creation.
 * - Pacing: a credit of packets refilled from TSC cycles, all integer.
 * - Checker: the layout of struct pp_chk and __pp_chk_init(), so tests
 *   build one in their own memory (the EAL heap needs rte_eal_init()).
 *
 * Thread-safety: the pure functions are; a struct pp_gen_pace or a PRNG
 * state belongs to one thread.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_prefetch.h>

#include "pp_cfg.h"
#include "pp_gen.h"

/* --------------------------------------------------------------------- */
/* Frame layout                                                          */

/** Destination and source MAC of every generated frame. */
#define PP_GEN_DST_MAC	{ 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 }
#define PP_GEN_SRC_MAC	{ 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 }

#define PP_GEN_IP4_SRC_BASE	0x0a000000u	/**< 10.0.0.0, + flow id */
#define PP_GEN_IP4_DST		0xc6120001u	/**< 198.18.0.1 */
#define PP_GEN_SPORT_BASE	1024	/**< sport = base + flow % mod */
#define PP_GEN_SPORT_MOD	50000
#define PP_GEN_DPORT		5001
#define PP_GEN_TTL		64	/**< IPv4 TTL, IPv6 hop limit */

/** IMIX sizes (L2, without FCS) and their 7:4:1 weights. */
#define PP_GEN_IMIX_SMALL	60
#define PP_GEN_IMIX_MEDIUM	590
#define PP_GEN_IMIX_LARGE	1514
#define PP_GEN_IMIX_W_SMALL	7
#define PP_GEN_IMIX_W_MEDIUM	4
#define PP_GEN_IMIX_W_LARGE	1
#define PP_GEN_IMIX_W_TOTAL \
	(PP_GEN_IMIX_W_SMALL + PP_GEN_IMIX_W_MEDIUM + PP_GEN_IMIX_W_LARGE)

/**
 * Shortest frame of p: Ethernet [+ VLAN] + IP + L4 header + the payload
 * marker (struct pp_gen_payload). Every frame length, pkt_len or IMIX, is
 * raised to at least this. Between 58 (IPv4, UDP, untagged) and 94 (IPv6,
 * TCP, tagged).
 */
uint16_t __pp_gen_min_len(const struct pp_cfg_gen *p);

/**
 * Write one frame of flow `flow` into buf.
 *
 * Ethernet (PP_GEN_DST_MAC, PP_GEN_SRC_MAC), an 802.1Q tag if p->vlan,
 * IPv4 (TTL 64, id = low 16 bits of seq, DF clear, header checksum set) or
 * IPv6 (hop limit 64, no extension headers), UDP or TCP (data offset 5,
 * ACK, sequence number = low 32 bits of seq, window 65535), then a struct
 * pp_gen_payload {PP_GEN_MAGIC, flow, seq} in host byte order, then zeros
 * up to len. The IP and UDP lengths cover everything after their headers,
 * so the frame has no Ethernet padding.
 *
 * The UDP and TCP checksums are left 0: computing them would cost more
 * than the rest of the frame, receivers in the pipeline do not check them
 * (UDP over IPv4 defines 0 as "no checksum"; over IPv6 and for TCP a
 * checksumming receiver would drop the packet). Use real NIC offloads or
 * pktgen-dpdk when checksums matter.
 *
 * Malformed (malformed = true): the same frame, but the IPv4 total_length (IPv6
 * payload_length) claims more bytes than the frame holds, so
 * pp_pkt_parse() returns PP_PKT_MALFORMED; the marker's magic is 0 and
 * seq is written as given (callers pass 0).
 *
 * @param len  frame length; raised to __pp_gen_min_len(p) if shorter.
 * @param buf  at least max(len, __pp_gen_min_len(p)) bytes; any alignment.
 * @return the frame length written.
 */
uint16_t __pp_gen_frame(const struct pp_cfg_gen *p, uint32_t flow,
			uint64_t seq, uint16_t len, bool malformed,
			uint8_t *buf);

/**
 * IMIX frame length for a 32-bit random r: 60, 590 or 1514 with weights
 * 7:4:1 (by multiply-shift, so every r maps and the weights are exact to
 * within 2^-32), raised to min_len.
 */
static inline uint16_t
__pp_gen_imix_len(uint32_t r, uint16_t min_len)
{
	uint32_t slot = (uint32_t)(((uint64_t)r * PP_GEN_IMIX_W_TOTAL) >> 32);
	uint16_t len;

	if (slot < PP_GEN_IMIX_W_SMALL)
		len = PP_GEN_IMIX_SMALL;
	else if (slot < PP_GEN_IMIX_W_SMALL + PP_GEN_IMIX_W_MEDIUM)
		len = PP_GEN_IMIX_MEDIUM;
	else
		len = PP_GEN_IMIX_LARGE;
	return RTE_MAX(len, min_len);
}

/* --------------------------------------------------------------------- */
/* Shares of a total over the queues                                     */

/**
 * Queue q's share of total over `queues` queues: total / queues, plus one
 * for the first (total % queues) queues. The shares sum to total.
 */
static inline uint64_t
__pp_gen_share(uint64_t total, uint16_t queues, uint16_t q)
{
	return total / queues + (q < total % queues ? 1 : 0);
}

/* --------------------------------------------------------------------- */
/* PRNG: splitmix64                                                      */

/**
 * Initial PRNG state of generator queue `queue` for a configured seed:
 * distinct queues get unrelated streams, the same (seed, queue) the same.
 */
static inline uint64_t
__pp_gen_rng_init(uint64_t seed, uint16_t queue)
{
	uint64_t z = seed ^ ((uint64_t)queue * 0xd1b54a32d192ed03ull);

	/* One finalizer round, so seeds 0, 1, 2 ... start far apart. */
	z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdull;
	z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53ull;
	return z ^ (z >> 33);
}

/** Next 64 random bits (splitmix64, Steele et al. 2014). */
static inline uint64_t
__pp_gen_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/**
 * Threshold for "malformed with probability frac": a packet is malformed
 * when the top 32 bits of a random draw are below it. 0 never, 2^32 always.
 * frac outside [0, 1] (or NaN) is clamped (NaN gives 0).
 */
uint64_t __pp_gen_malformed_thresh(double frac);

/* --------------------------------------------------------------------- */
/* Flow popularity                                                       */

/** Uniform local flow index in 0 .. n-1 from a 32-bit random. */
static inline uint32_t
__pp_gen_uniform_pick(uint32_t n, uint32_t r)
{
	return (uint32_t)(((uint64_t)r * n) >> 32);
}

/**
 * Fill cdf[0 .. n-1] for Zipf(s) over ranks 0 .. n-1 (rank i has weight
 * 1 / (i + 1)^s): cdf[i] = P(rank <= i) * 2^32, rounded down, and
 * cdf[n-1] = UINT32_MAX, so __pp_gen_zipf_pick() maps every r to a rank.
 * Rank i gets probability (cdf[i] - cdf[i-1]) / 2^32 (cdf[-1] = -1), that
 * is its Zipf probability within 2^-32. Costs 2n pow() calls: creation only.
 *
 * @return 0, or -EINVAL (n == 0, s not finite or <= 0).
 */
int __pp_gen_zipf_init(uint32_t *cdf, uint32_t n, double s);

/**
 * Rank for a 32-bit random r: the first i with r <= cdf[i]. A branch-free
 * binary search (the step is masked in, not branched to: gcc turns the
 * plain ternary into an unpredictable branch): the step count depends only
 * on n (ceil(log2 n), 24 for 2^24 flows), so nothing is mispredicted.
 */
static inline uint32_t
__pp_gen_zipf_pick(const uint32_t *cdf, uint32_t n, uint32_t r)
{
	const uint32_t *b = cdf;

	/* The answer is in [b, b + n); cdf[n - 1] = UINT32_MAX >= r. */
	while (n > 1) {
		uint32_t half = n >> 1;

		/* Both possible next probes: the misses overlap. */
		rte_prefetch0(b + (half >> 1));
		rte_prefetch0(b + half + (half >> 1));
		b += half & -(uint32_t)(b[half - 1] < r);
		n -= half;
	}
	return (uint32_t)(b - cdf);
}

/* --------------------------------------------------------------------- */
/* TSC pacing                                                            */

/** Largest rate the pacer takes (2^40, about 1.1e12 pps); more is clamped. */
#define PP_GEN_PACE_MAX_RATE	(1ull << 40)
/** Largest TSC frequency the pacer takes (2^36 Hz, about 68 GHz). */
#define PP_GEN_PACE_MAX_HZ	(1ull << 36)
/** Largest credit cap (packets). */
#define PP_GEN_PACE_MAX_CAP	(1ull << 20)

/**
 * Packet credit refilled from elapsed TSC cycles.
 *
 * Exact in the long run: the fraction of a packet left over by each refill
 * is kept (in units of 1/hz packet) and carried into the next, so the
 * credit over any span is floor(cycles * rate / hz) whatever the call
 * pattern, until the cap is hit. When the credit reaches `cap` (a long
 * pause, or a caller that cannot keep up), it stays there and the fraction
 * is dropped: a stall never turns into a burst larger than cap.
 *
 * Overflow: a refill multiplies elapsed by rate only when elapsed <
 * cap_cycles (about cap * hz / rate), so the product stays below
 * cap * hz + rate <= 2^56 + 2^40, well inside 64 bits; longer gaps refill
 * to the cap with 128-bit arithmetic (rare). One 64-bit division per
 * refill.
 *
 * What the cap refuses is counted in `missed`: packets the rate asked for
 * that the caller was too slow to take, as a NIC counts `imissed` when its
 * RX ring is full. And the credit is a queue: the packets it stands for
 * were due at evenly spaced times up to the last refill
 * (__pp_gen_pace_due()), as a NIC would timestamp their arrival.
 */
struct pp_gen_pace {
	uint64_t rate;		/**< packets per second; 0: no credit ever */
	uint64_t hz;		/**< TSC cycles per second */
	uint64_t cap;		/**< credit ceiling, packets (>= 1) */
	uint64_t cap_cycles;	/**< a gap this long fills the credit to cap */
	uint64_t last_tsc;	/**< TSC of the previous refill */
	uint64_t frac;		/**< carried fraction, 1/hz packets (< hz) */
	uint64_t credit;	/**< packets that may be sent now (<= cap) */
	uint64_t missed;	/**< credit refused by the cap, in all */
	uint64_t gap_fp;	/**< TSC cycles between packets, 48.16 fixed
				 *  point (hz << 16) / rate; 0 unpaced */
	bool started;		/**< last_tsc is valid */
};

/**
 * Set up a pacer. The first refill only starts the clock (credit 0).
 *
 * @param rate  packets per second, clamped to PP_GEN_PACE_MAX_RATE; 0
 *   means the pacer never grants credit (a queue whose share of a small
 *   rate is 0).
 * @param hz  TSC frequency, 1 .. PP_GEN_PACE_MAX_HZ.
 * @param cap  credit ceiling in packets, clamped to 1 .. PP_GEN_PACE_MAX_CAP.
 * @return 0, or -EINVAL (hz out of range).
 */
int __pp_gen_pace_init(struct pp_gen_pace *pc, uint64_t rate, uint64_t hz,
		       uint64_t cap);

/**
 * Add the credit earned since the previous refill and return the credit.
 * now_tsc going backwards counts as no time passed.
 */
static inline uint64_t
__pp_gen_pace_refill(struct pp_gen_pace *pc, uint64_t now_tsc)
{
	uint64_t elapsed, acc, add;

	if (unlikely(!pc->started)) {
		pc->started = true;
		pc->last_tsc = now_tsc;
		return pc->credit;
	}
	elapsed = now_tsc > pc->last_tsc ? now_tsc - pc->last_tsc : 0;
	pc->last_tsc = RTE_MAX(now_tsc, pc->last_tsc);
	if (pc->rate == 0 || elapsed == 0)
		return pc->credit;
	if (unlikely(elapsed >= pc->cap_cycles)) {
		unsigned __int128 earned = ((unsigned __int128)elapsed *
					    pc->rate + pc->frac) / pc->hz;

		/* >= cap - credit since elapsed >= cap_cycles; clamped so
		 * that years of silence cannot wrap the counter */
		add = earned > (1ull << 62) ? (1ull << 62) : (uint64_t)earned;
		pc->missed += add - (pc->cap - pc->credit);
		pc->credit = pc->cap;
		pc->frac = 0;
		return pc->credit;
	}
	acc = pc->frac + elapsed * pc->rate;
	add = acc / pc->hz;
	pc->frac = acc - add * pc->hz;
	if (pc->cap - pc->credit <= add) {
		pc->missed += add - (pc->cap - pc->credit);
		pc->credit = pc->cap;
		pc->frac = 0;
	} else {
		pc->credit += add;
	}
	return pc->credit;
}

/**
 * When packet i (0 = the oldest) of the current credit was due: the credit
 * stands for packets spaced gap apart, the newest due at the last refill.
 * Unpaced: the last refill time. i < credit.
 */
static inline uint64_t
__pp_gen_pace_due(const struct pp_gen_pace *pc, uint64_t i)
{
	uint64_t behind = pc->credit - 1 - i;

	/* behind < 2^20, gap_fp < 2^53: 128 bits for the product */
	return pc->last_tsc -
		(uint64_t)(((unsigned __int128)behind * pc->gap_fp) >> 16);
}

/** Spend n packets of credit (n <= the credit refill returned). */
static inline void
__pp_gen_pace_consume(struct pp_gen_pace *pc, uint64_t n)
{
	pc->credit -= RTE_MIN(n, pc->credit);
}

/* --------------------------------------------------------------------- */
/* Checker                                                               */

/** Sequences tracked below the highest one (bits of pp_chk_flow.window). */
#define PP_CHK_WINDOW	64

/** Defined here so that tests can build one without the EAL heap. */
struct pp_chk {
	struct pp_chk_flow *flows;	/**< n_flows entries */
	uint32_t n_flows;
	/**
	 * Totals over the flows. Written by the one lcore feeding the
	 * checker, read by any: relaxed atomic stores and loads, no
	 * ordering with anything else.
	 */
	struct pp_chk_stats tot __rte_cache_aligned;
};

/**
 * Set up a checker in caller-provided memory (zeroes both): what
 * pp_chk_create() does after its two allocations. Not to be passed to
 * pp_chk_free().
 */
void __pp_chk_init(struct pp_chk *c, struct pp_chk_flow *flows,
		   uint32_t n_flows);

#endif /* PP_GEN_PVT_H */
