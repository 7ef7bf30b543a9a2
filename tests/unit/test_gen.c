/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests for lib/gen: the checker's sequence logic, the frame writer
 * (checked against pp_pkt_parse()), IMIX sizes, the PRNG, the uniform and
 * Zipf samplers, TSC pacing with synthetic time, and the queue shares.
 * No EAL: the checker is built in caller memory with __pp_chk_init() and
 * fed hand-made mbufs; the generator is driven through pp_gen_pvt.h.
 * Negative cases come first.
 */
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>

#include "pp_gen.h"
#include "pp_gen_pvt.h"
#include "pp_pkt.h"
#include "pp_test.h"

#define T_MAX_FRAME	2048
#define T_FLOWS		8

/* ------------------------------------------------------------------- */
/* Helpers                                                             */

static struct pp_cfg_gen
t_cfg(uint8_t ipv, uint8_t proto, uint16_t vlan, uint16_t pkt_len)
{
	struct pp_cfg_gen p;

	memset(&p, 0, sizeof(p));
	strcpy(p.name, "g0");
	p.queues = 1;
	p.flows = PP_CFG_MAX_FLOWS;
	p.pkt_len = pkt_len;
	p.ip_version = ipv;
	p.l4_proto = proto;
	p.vlan = vlan;
	p.popularity = PP_POP_UNIFORM;
	p.zipf_s = 1.0;
	p.seed = 1;
	return p;
}

/* A checker in malloc'd memory (no EAL heap in unit tests). */
struct t_chk {
	struct pp_chk c;
	struct pp_chk_flow flows[T_FLOWS];
};

static struct t_chk *
t_chk_new(uint32_t n)
{
	struct t_chk *t = aligned_alloc(RTE_CACHE_LINE_SIZE, sizeof(*t));

	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_FATAL(n <= T_FLOWS);
	__pp_chk_init(&t->c, t->flows, n);
	return t;
}

static struct pp_chk_stats
t_stats(const struct pp_chk *c)
{
	struct pp_chk_stats st;

	pp_chk_stats_get(c, &st);
	return st;
}

/*
 * Write a frame, then parse a copy held in a malloc of exactly its length
 * (ASan catches any read past it).
 */
static enum pp_pkt_status
t_frame_parse(const struct pp_cfg_gen *p, uint32_t flow, uint64_t seq,
	      uint16_t len, bool bad, uint16_t *out_len, uint8_t *frame,
	      struct pp_pkt_info *info)
{
	enum pp_pkt_status st;
	uint8_t *copy;
	uint16_t n;

	memset(frame, 0xa5, T_MAX_FRAME);
	n = __pp_gen_frame(p, flow, seq, len, bad, frame);
	CU_ASSERT_FATAL(n <= T_MAX_FRAME);
	copy = malloc(n);
	CU_ASSERT_FATAL(copy != NULL);
	memcpy(copy, frame, n);
	st = pp_pkt_parse(copy, n, info);
	free(copy);
	*out_len = n;
	return st;
}

/* A hand-made single-segment mbuf around buf (enough for mtod). */
static void
t_mbuf(struct rte_mbuf *m, uint8_t *buf, uint16_t len)
{
	memset(m, 0, sizeof(*m));
	m->buf_addr = buf;
	m->buf_len = T_MAX_FRAME;
	m->data_off = 0;
	m->data_len = len;
	m->pkt_len = len;
	m->nb_segs = 1;
}

/* ------------------------------------------------------------------- */
/* Checker                                                             */

static void
test_chk_create_zero(void)
{
	rte_errno = 0;
	CU_ASSERT_PTR_NULL(pp_chk_create(0, SOCKET_ID_ANY));
	CU_ASSERT_EQUAL(rte_errno, EINVAL);
	pp_chk_free(NULL);	/* no-op */
}

static void
test_chk_unknown_flow(void)
{
	struct t_chk *t = t_chk_new(4);
	struct pp_chk_stats st;

	pp_chk_observe(&t->c, 4, 0);
	pp_chk_observe(&t->c, UINT32_MAX, 7);
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.unknown, 2);
	CU_ASSERT_EQUAL(st.packets, 0);
	CU_ASSERT_EQUAL(st.flows_seen, 0);
	CU_ASSERT_EQUAL(st.gaps, 0);
	CU_ASSERT_PTR_NULL(pp_chk_flow_get(&t->c, 4));
	CU_ASSERT_PTR_NOT_NULL(pp_chk_flow_get(&t->c, 3));
	CU_ASSERT_EQUAL(pp_chk_n_flows(&t->c), 4);
	free(t);
}

static void
test_chk_in_order(void)
{
	struct t_chk *t = t_chk_new(4);
	const struct pp_chk_flow *f;
	struct pp_chk_stats st;
	uint64_t s;

	for (s = 0; s < 1000; s++) {
		pp_chk_observe(&t->c, 0, s);
		pp_chk_observe(&t->c, 3, s);
	}
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.packets, 2000);
	CU_ASSERT_EQUAL(st.reorders, 0);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	CU_ASSERT_EQUAL(st.gaps, 0);
	CU_ASSERT_EQUAL(st.unknown, 0);
	CU_ASSERT_EQUAL(st.flows_seen, 2);
	f = pp_chk_flow_get(&t->c, 3);
	CU_ASSERT_EQUAL(f->packets, 1000);
	CU_ASSERT_EQUAL(f->next, 1000);
	CU_ASSERT_EQUAL(f->window, UINT64_MAX);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 1)->packets, 0);
	free(t);
}

static void
test_chk_duplicate(void)
{
	struct t_chk *t = t_chk_new(1);
	struct pp_chk_stats st;

	pp_chk_observe(&t->c, 0, 0);
	pp_chk_observe(&t->c, 0, 1);
	pp_chk_observe(&t->c, 0, 2);
	pp_chk_observe(&t->c, 0, 2);	/* the latest again */
	pp_chk_observe(&t->c, 0, 0);	/* an older one again */
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.duplicates, 2);
	CU_ASSERT_EQUAL(st.reorders, 0);
	CU_ASSERT_EQUAL(st.gaps, 0);
	CU_ASSERT_EQUAL(st.packets, 5);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 0)->duplicates, 2);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 0)->next, 3);
	free(t);
}

static void
test_chk_swap(void)
{
	struct t_chk *t = t_chk_new(2);
	struct pp_chk_stats st;

	pp_chk_observe(&t->c, 1, 0);
	pp_chk_observe(&t->c, 1, 1);
	pp_chk_observe(&t->c, 1, 3);
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.gaps, 1);
	pp_chk_observe(&t->c, 1, 2);	/* late: fills the gap */
	pp_chk_observe(&t->c, 1, 4);
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.reorders, 1);
	CU_ASSERT_EQUAL(st.gaps, 0);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 1)->gaps, 0);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 1)->reorders, 1);
	/* The late one again is now a duplicate, not another reorder. */
	pp_chk_observe(&t->c, 1, 2);
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.duplicates, 1);
	CU_ASSERT_EQUAL(st.reorders, 1);
	free(t);
}

static void
test_chk_jump(void)
{
	struct t_chk *t = t_chk_new(2);
	const struct pp_chk_flow *f = pp_chk_flow_get(&t->c, 0);
	struct pp_chk_stats st;

	pp_chk_observe(&t->c, 0, 0);
	pp_chk_observe(&t->c, 0, 10);
	CU_ASSERT_EQUAL(t_stats(&t->c).gaps, 9);
	pp_chk_observe(&t->c, 0, 5);	/* one of the skipped ones */
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.gaps, 8);
	CU_ASSERT_EQUAL(st.reorders, 1);
	/* A jump past the whole window clears it. */
	pp_chk_observe(&t->c, 0, 200);
	CU_ASSERT_EQUAL(f->gaps, 8 + 189);
	CU_ASSERT_EQUAL(f->window, 1);
	CU_ASSERT_EQUAL(f->next, 201);
	pp_chk_observe(&t->c, 0, 150);	/* 50 back: in the window */
	CU_ASSERT_EQUAL(f->gaps, 8 + 188);
	CU_ASSERT_EQUAL(f->reorders, 2);
	CU_ASSERT_EQUAL(t_stats(&t->c).gaps, f->gaps);
	/* A jump moving the old highest (200) to bit 63 still keeps it. */
	pp_chk_observe(&t->c, 0, 200 + 63);
	CU_ASSERT_EQUAL(f->window >> 63, 1);
	pp_chk_observe(&t->c, 0, 200);
	CU_ASSERT_EQUAL(f->duplicates, 1);
	/* The first packet of a flow at seq k: k gaps (seqs start at 0). */
	pp_chk_observe(&t->c, 1, 5);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 1)->gaps, 5);
	CU_ASSERT_EQUAL(t_stats(&t->c).flows_seen, 2);
	free(t);
}

static void
test_chk_far_behind(void)
{
	struct t_chk *t = t_chk_new(1);
	struct pp_chk_stats st;
	uint64_t s;

	for (s = 0; s < 200; s++)
		pp_chk_observe(&t->c, 0, s);
	pp_chk_observe(&t->c, 0, 99);	/* 100 behind: outside the window */
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.reorders, 1);
	CU_ASSERT_EQUAL(st.duplicates, 0);
	CU_ASSERT_EQUAL(st.gaps, 0);
	CU_ASSERT_EQUAL(st.packets, 201);
	/* 63 behind is still inside: a duplicate. */
	pp_chk_observe(&t->c, 0, 199 - 63);
	CU_ASSERT_EQUAL(t_stats(&t->c).duplicates, 1);
	/*
	 * A jump of 63 past next (a shift by 64) empties the window: 262,
	 * never seen, is late, not a duplicate.
	 */
	pp_chk_observe(&t->c, 0, 200 + 63);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 0)->window, 1);
	CU_ASSERT_EQUAL(t_stats(&t->c).gaps, 63);
	pp_chk_observe(&t->c, 0, 262);
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.duplicates, 1);
	CU_ASSERT_EQUAL(st.reorders, 2);
	CU_ASSERT_EQUAL(st.gaps, 62);
	free(t);
}

static void
test_chk_burst(void)
{
	struct t_chk *t = t_chk_new(4);
	struct pp_cfg_gen p = t_cfg(4, IPPROTO_UDP, 0, 64);
	static uint8_t bufs[8][T_MAX_FRAME];
	struct rte_mbuf mbufs[8];
	struct rte_mbuf *pkts[8];
	struct pp_gen_payload pl;
	struct pp_chk_stats st;
	uint16_t len;
	int i;

	p.flows = 4;
	for (i = 0; i < 4; i++) {	/* flow 2, seqs 0..3, 1 and 2 swapped */
		static const uint64_t seqs[] = { 0, 2, 1, 3 };

		len = __pp_gen_frame(&p, 2, seqs[i], 64, false, bufs[i]);
		t_mbuf(&mbufs[i], bufs[i], len);
	}
	/* Malformed: not IP for the checker. */
	len = __pp_gen_frame(&p, 1, 0, 64, true, bufs[4]);
	t_mbuf(&mbufs[4], bufs[4], len);
	/* Well-formed but the marker's magic is wrong. */
	len = __pp_gen_frame(&p, 1, 0, 64, false, bufs[5]);
	memcpy(&pl, bufs[5] + 42, sizeof(pl));
	CU_ASSERT_EQUAL(pl.magic, PP_GEN_MAGIC);
	pl.magic ^= 1;
	memcpy(bufs[5] + 42, &pl, sizeof(pl));
	t_mbuf(&mbufs[5], bufs[5], len);
	/* Flow id beyond the checker's. */
	len = __pp_gen_frame(&p, 9, 0, 64, false, bufs[6]);
	t_mbuf(&mbufs[6], bufs[6], len);
	/* Too short to carry a marker: Ethernet only, ARP ethertype. */
	memset(bufs[7], 0, 60);
	bufs[7][12] = 0x08;
	bufs[7][13] = 0x06;
	t_mbuf(&mbufs[7], bufs[7], 60);
	for (i = 0; i < 8; i++)
		pkts[i] = &mbufs[i];

	pp_chk_burst(&t->c, pkts, 8);
	st = t_stats(&t->c);
	CU_ASSERT_EQUAL(st.packets, 4);
	CU_ASSERT_EQUAL(st.unknown, 4);
	CU_ASSERT_EQUAL(st.reorders, 1);
	CU_ASSERT_EQUAL(st.gaps, 0);
	CU_ASSERT_EQUAL(st.flows_seen, 1);
	CU_ASSERT_EQUAL(pp_chk_flow_get(&t->c, 2)->next, 4);
	/* Not modified: the frames still parse the same. */
	CU_ASSERT_EQUAL(mbufs[0].data_len, 64);
	free(t);
}

/* ------------------------------------------------------------------- */
/* Frames                                                              */

static void
test_gen_min_len(void)
{
	struct pp_cfg_gen p = t_cfg(4, IPPROTO_UDP, 0, 0);
	uint8_t frame[T_MAX_FRAME];

	CU_ASSERT_EQUAL(__pp_gen_min_len(&p), 14 + 20 + 8 + 16);
	p = t_cfg(6, IPPROTO_TCP, 4094, 0);
	CU_ASSERT_EQUAL(__pp_gen_min_len(&p), 14 + 4 + 40 + 20 + 16);
	/* Shorter lengths are raised to the minimum. */
	CU_ASSERT_EQUAL(__pp_gen_frame(&p, 0, 0, 0, false, frame), 94);
	CU_ASSERT_EQUAL(__pp_gen_frame(&p, 0, 0, 93, true, frame), 94);
	CU_ASSERT_EQUAL(__pp_gen_frame(&p, 0, 0, 95, false, frame), 95);
}

static void
test_gen_flow_key_values(void)
{
	struct pp_cfg_gen p = t_cfg(4, IPPROTO_UDP, 0, 64);
	static const uint8_t src6[16] = { 0x20, 0x01, 0x0d, 0xb8, [12] = 0xde,
					  0xad, 0xbe, 0xef };
	static const uint8_t dst6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1,
					  [15] = 1 };
	static const uint8_t zero[12];
	struct pp_flow_key k;

	memset(&k, 0xff, sizeof(k));
	pp_gen_flow_key(&p, 0x123456, &k);
	CU_ASSERT_EQUAL(k.src[0], 10);
	CU_ASSERT_EQUAL(k.src[1], 0x12);
	CU_ASSERT_EQUAL(k.src[2], 0x34);
	CU_ASSERT_EQUAL(k.src[3], 0x56);
	CU_ASSERT_EQUAL(k.dst[0], 198);
	CU_ASSERT_EQUAL(k.dst[1], 18);
	CU_ASSERT_EQUAL(k.dst[2], 0);
	CU_ASSERT_EQUAL(k.dst[3], 1);
	CU_ASSERT_EQUAL(memcmp(k.src + 4, zero, 12), 0);
	CU_ASSERT_EQUAL(memcmp(k.dst + 4, zero, 12), 0);
	CU_ASSERT_EQUAL(k.sport, 1024 + 0x123456 % 50000);
	CU_ASSERT_EQUAL(k.dport, 5001);
	CU_ASSERT_EQUAL(k.proto, IPPROTO_UDP);
	CU_ASSERT_EQUAL(k.ip_version, 4);
	CU_ASSERT_EQUAL(k.ethertype, 0x0800);

	pp_gen_flow_key(&p, 50000, &k);
	CU_ASSERT_EQUAL(k.sport, 1024);
	pp_gen_flow_key(&p, 49999, &k);
	CU_ASSERT_EQUAL(k.sport, 1024 + 49999);

	p = t_cfg(6, IPPROTO_TCP, 7, 64);
	pp_gen_flow_key(&p, 0xdeadbeef, &k);
	CU_ASSERT_EQUAL(memcmp(k.src, src6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(k.dst, dst6, 16), 0);
	CU_ASSERT_EQUAL(k.proto, IPPROTO_TCP);
	CU_ASSERT_EQUAL(k.ip_version, 6);
	CU_ASSERT_EQUAL(k.ethertype, 0x86dd);	/* after the VLAN tag */
}

/* Every combination parses back to its key and marker. */
static void
test_gen_frame_matrix(void)
{
	static const uint8_t ipvs[] = { 4, 6 };
	static const uint8_t protos[] = { IPPROTO_UDP, IPPROTO_TCP };
	static const uint16_t vlans[] = { 0, 100, 4094 };
	static const uint32_t flows[] = { 0, 1, 49999, 50000, 123456,
					  PP_CFG_MAX_FLOWS - 1 };
	static const uint16_t lens[] = { 0, 94, 128, 590, 1514 };
	static uint8_t frame[T_MAX_FRAME];
	size_t a, b, c, d, e;
	int n_cases = 0;

	for (a = 0; a < RTE_DIM(ipvs); a++)
	for (b = 0; b < RTE_DIM(protos); b++)
	for (c = 0; c < RTE_DIM(vlans); c++)
	for (d = 0; d < RTE_DIM(flows); d++)
	for (e = 0; e < RTE_DIM(lens); e++) {
		struct pp_cfg_gen p = t_cfg(ipvs[a], protos[b], vlans[c],
					    lens[e]);
		uint64_t seq = 0x1122334455667788ull + d * 7 + e;
		struct pp_flow_key key;
		struct pp_pkt_info info;
		struct pp_gen_payload pl;
		uint16_t len, l3;
		size_t i;

		CU_ASSERT_EQUAL_FATAL(t_frame_parse(&p, flows[d], seq,
						    lens[e], false, &len,
						    frame, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(len, RTE_MAX(lens[e], __pp_gen_min_len(&p)));
		pp_gen_flow_key(&p, flows[d], &key);
		CU_ASSERT_EQUAL(memcmp(&info.key, &key, sizeof(key)), 0);
		CU_ASSERT_EQUAL(info.vlan_id, vlans[c]);
		CU_ASSERT_EQUAL(info.n_vlan, vlans[c] != 0);
		CU_ASSERT_EQUAL(info.l4_len,
				protos[b] == IPPROTO_TCP ? 20 : 8);
		CU_ASSERT_EQUAL(info.payload_off + info.payload_len, len);
		CU_ASSERT_FATAL(info.payload_len >= sizeof(pl));
		memcpy(&pl, frame + info.payload_off, sizeof(pl));
		CU_ASSERT_EQUAL(pl.magic, PP_GEN_MAGIC);
		CU_ASSERT_EQUAL(pl.flow, flows[d]);
		CU_ASSERT_EQUAL(pl.seq, seq);
		for (i = info.payload_off + sizeof(pl); i < len; i++)
			if (frame[i] != 0)
				break;
		CU_ASSERT_EQUAL(i, len);	/* zero padding */
		/* MACs */
		CU_ASSERT_EQUAL(frame[5], 0x02);
		CU_ASSERT_EQUAL(frame[11], 0x01);
		l3 = info.l2_len;
		if (ipvs[a] == 4) {
			/* A header with a valid checksum sums to 0. */
			struct rte_ipv4_hdr ip;

			memcpy(&ip, frame + l3, sizeof(ip));
			CU_ASSERT_EQUAL(rte_ipv4_cksum(&ip), 0);
			CU_ASSERT_EQUAL(ip.time_to_live, 64);
			CU_ASSERT_EQUAL(rte_be_to_cpu_16(ip.packet_id),
					(uint16_t)seq);
		} else {
			CU_ASSERT_EQUAL(frame[l3 + 7], 64);	/* hops */
		}
		if (protos[b] == IPPROTO_TCP) {
			struct rte_tcp_hdr th;

			memcpy(&th, frame + l3 + info.l3_len, sizeof(th));
			CU_ASSERT_EQUAL(rte_be_to_cpu_32(th.sent_seq),
					(uint32_t)seq);
			CU_ASSERT_EQUAL(th.tcp_flags, RTE_TCP_ACK_FLAG);
		}
		n_cases++;
	}
	CU_ASSERT_EQUAL(n_cases, 2 * 2 * 3 * 6 * 5);
}

static void
test_gen_frame_malformed(void)
{
	static const uint8_t ipvs[] = { 4, 6 };
	static const uint8_t protos[] = { IPPROTO_UDP, IPPROTO_TCP };
	static const uint16_t vlans[] = { 0, 100 };
	static const uint16_t lens[] = { 0, 128, 1514, UINT16_MAX };
	static uint8_t frame[UINT16_MAX + 1];
	size_t a, b, c, e;

	for (a = 0; a < RTE_DIM(ipvs); a++)
	for (b = 0; b < RTE_DIM(protos); b++)
	for (c = 0; c < RTE_DIM(vlans); c++)
	for (e = 0; e < RTE_DIM(lens); e++) {
		struct pp_cfg_gen p = t_cfg(ipvs[a], protos[b], vlans[c],
					    lens[e]);
		struct pp_pkt_info info;
		struct pp_gen_payload pl;
		uint16_t len, off;

		len = __pp_gen_frame(&p, 3, 0, lens[e], true, frame);
		CU_ASSERT_EQUAL(len, RTE_MAX(lens[e], __pp_gen_min_len(&p)));
		CU_ASSERT_EQUAL(pp_pkt_parse(frame, len, &info),
				PP_PKT_MALFORMED);
		off = (uint16_t)(__pp_gen_min_len(&p) - sizeof(pl));
		memcpy(&pl, frame + off, sizeof(pl));
		CU_ASSERT_EQUAL(pl.magic, 0);
		/* The same frame, well-formed, parses. */
		len = __pp_gen_frame(&p, 3, 0, lens[e], false, frame);
		CU_ASSERT_EQUAL(pp_pkt_parse(frame, len, &info), PP_PKT_IP);
	}
}

/* ------------------------------------------------------------------- */
/* Sizes, PRNG, samplers                                               */

static void
test_gen_imix(void)
{
	struct pp_cfg_gen p4 = t_cfg(4, IPPROTO_UDP, 0, 0);
	struct pp_cfg_gen p6 = t_cfg(6, IPPROTO_TCP, 5, 0);
	uint16_t min4 = __pp_gen_min_len(&p4);
	uint16_t min6 = __pp_gen_min_len(&p6);
	uint64_t rng = __pp_gen_rng_init(42, 0);
	uint32_t n_small = 0, n_med = 0, n_large = 0;
	const uint32_t n = 1200000;
	uint32_t i;

	/* The ends of the random range. */
	CU_ASSERT_EQUAL(__pp_gen_imix_len(0, min4), 60);
	CU_ASSERT_EQUAL(__pp_gen_imix_len(UINT32_MAX, min4), 1514);
	CU_ASSERT_EQUAL(__pp_gen_imix_len(0, min6), 94);

	for (i = 0; i < n; i++) {
		uint32_t r = (uint32_t)(__pp_gen_rand(&rng) >> 32);
		uint16_t l4 = __pp_gen_imix_len(r, min4);
		uint16_t l6 = __pp_gen_imix_len(r, min6);

		CU_ASSERT_FATAL(l4 == 60 || l4 == 590 || l4 == 1514);
		CU_ASSERT_FATAL(l6 == 94 || l6 == 590 || l6 == 1514);
		CU_ASSERT_FATAL(l6 >= min6 && l4 >= min4);
		n_small += l4 == 60;
		n_med += l4 == 590;
		n_large += l4 == 1514;
	}
	/* 7:4:1, within 1 % of all draws. */
	CU_ASSERT(fabs((double)n_small / n - 7.0 / 12) < 0.01);
	CU_ASSERT(fabs((double)n_med / n - 4.0 / 12) < 0.01);
	CU_ASSERT(fabs((double)n_large / n - 1.0 / 12) < 0.01);
}

static void
test_gen_rng(void)
{
	uint64_t a = __pp_gen_rng_init(7, 0);
	uint64_t b = __pp_gen_rng_init(7, 0);
	uint64_t c = __pp_gen_rng_init(7, 1);
	uint64_t z = __pp_gen_rng_init(0, 0);
	uint64_t ones = 0;
	int i, same_c = 0;

	for (i = 0; i < 1000; i++) {
		uint64_t x = __pp_gen_rand(&a);

		CU_ASSERT_EQUAL_FATAL(x, __pp_gen_rand(&b));
		same_c += x == __pp_gen_rand(&c);
		ones += (uint64_t)__builtin_popcountll(__pp_gen_rand(&z));
	}
	CU_ASSERT_EQUAL(same_c, 0);
	/* Seed 0 is a fine seed: about half the bits set. */
	CU_ASSERT(ones > 1000 * 30 && ones < 1000 * 34);
	CU_ASSERT_NOT_EQUAL(__pp_gen_rng_init(1, 0), __pp_gen_rng_init(2, 0));
}

static void
test_gen_malformed_fraction(void)
{
	uint64_t rng = __pp_gen_rng_init(3, 2);
	uint64_t th;
	uint32_t bad = 0;
	const uint32_t n = 1000000;
	uint32_t i;

	CU_ASSERT_EQUAL(__pp_gen_malformed_thresh(0.0), 0);
	CU_ASSERT_EQUAL(__pp_gen_malformed_thresh(-1.0), 0);
	CU_ASSERT_EQUAL(__pp_gen_malformed_thresh(NAN), 0);
	CU_ASSERT_EQUAL(__pp_gen_malformed_thresh(1.0), 1ull << 32);
	CU_ASSERT_EQUAL(__pp_gen_malformed_thresh(2.0), 1ull << 32);
	CU_ASSERT_EQUAL(__pp_gen_malformed_thresh(0.5), 1ull << 31);
	/* Always means always, never means never. */
	CU_ASSERT((UINT64_MAX >> 32) < __pp_gen_malformed_thresh(1.0));
	CU_ASSERT(!(0 < __pp_gen_malformed_thresh(0.0)));

	th = __pp_gen_malformed_thresh(0.1);
	for (i = 0; i < n; i++)
		bad += (__pp_gen_rand(&rng) >> 32) < th;
	CU_ASSERT(fabs((double)bad / n - 0.1) < 0.003);
}

static void
test_gen_zipf_bad(void)
{
	uint32_t cdf[4];

	CU_ASSERT_EQUAL(__pp_gen_zipf_init(cdf, 0, 1.0), -EINVAL);
	CU_ASSERT_EQUAL(__pp_gen_zipf_init(cdf, 4, 0.0), -EINVAL);
	CU_ASSERT_EQUAL(__pp_gen_zipf_init(cdf, 4, -1.0), -EINVAL);
	CU_ASSERT_EQUAL(__pp_gen_zipf_init(cdf, 4, NAN), -EINVAL);
	CU_ASSERT_EQUAL(__pp_gen_zipf_init(cdf, 4, INFINITY), -EINVAL);
	/* One flow: always rank 0. */
	CU_ASSERT_EQUAL(__pp_gen_zipf_init(cdf, 1, 1.0), 0);
	CU_ASSERT_EQUAL(cdf[0], UINT32_MAX);
	CU_ASSERT_EQUAL(__pp_gen_zipf_pick(cdf, 1, 0), 0);
	CU_ASSERT_EQUAL(__pp_gen_zipf_pick(cdf, 1, UINT32_MAX), 0);
}

static void
test_gen_zipf(void)
{
	enum { N = 100, DRAWS = 1000000 };
	static uint32_t cdf[N];
	static uint32_t hits[N];
	uint64_t rng = __pp_gen_rng_init(11, 0);
	double h = 0.0, p0, share0;
	uint32_t i, dec[N / 10] = { 0 };

	CU_ASSERT_EQUAL_FATAL(__pp_gen_zipf_init(cdf, N, 1.0), 0);
	for (i = 1; i <= N; i++)
		h += 1.0 / i;
	p0 = 1.0 / h;		/* 1 / H(100), about 0.1928 */

	/* The exact probabilities decrease strictly with rank. */
	CU_ASSERT(fabs(((double)cdf[0] + 1) / 4294967296.0 - p0) < 1e-6);
	for (i = 2; i < N; i++)
		CU_ASSERT(cdf[i] - cdf[i - 1] < cdf[i - 1] - cdf[i - 2]);
	CU_ASSERT_EQUAL(cdf[N - 1], UINT32_MAX);
	CU_ASSERT_EQUAL(__pp_gen_zipf_pick(cdf, N, 0), 0);
	CU_ASSERT_EQUAL(__pp_gen_zipf_pick(cdf, N, cdf[0]), 0);
	CU_ASSERT_EQUAL(__pp_gen_zipf_pick(cdf, N, cdf[0] + 1), 1);
	CU_ASSERT_EQUAL(__pp_gen_zipf_pick(cdf, N, UINT32_MAX), N - 1);

	memset(hits, 0, sizeof(hits));
	for (i = 0; i < DRAWS; i++) {
		uint32_t k = __pp_gen_zipf_pick(cdf, N,
						(uint32_t)__pp_gen_rand(&rng));

		CU_ASSERT_FATAL(k < N);
		hits[k]++;
	}
	share0 = (double)hits[0] / DRAWS;
	CU_ASSERT(fabs(share0 - p0) / p0 < 0.02);
	/*
	 * Sampled, rank by rank where the gaps are wide (the first ten), and
	 * by groups of ten ranks beyond (single far ranks differ by less
	 * than the sampling noise).
	 */
	for (i = 1; i < 10; i++)
		CU_ASSERT(hits[i] < hits[i - 1]);
	for (i = 0; i < N; i++)
		dec[i / 10] += hits[i];
	for (i = 1; i < N / 10; i++)
		CU_ASSERT(dec[i] < dec[i - 1]);
}

static void
test_gen_uniform(void)
{
	enum { N = 100, DRAWS = 1000000 };
	static uint32_t hits[N];
	uint64_t rng = __pp_gen_rng_init(5, 3);
	double expect = (double)DRAWS / N, chi2 = 0.0;
	uint32_t i;

	CU_ASSERT_EQUAL(__pp_gen_uniform_pick(1, UINT32_MAX), 0);
	CU_ASSERT_EQUAL(__pp_gen_uniform_pick(N, 0), 0);
	CU_ASSERT_EQUAL(__pp_gen_uniform_pick(N, UINT32_MAX), N - 1);
	CU_ASSERT_EQUAL(__pp_gen_uniform_pick(PP_CFG_MAX_FLOWS, UINT32_MAX),
			PP_CFG_MAX_FLOWS - 1);

	memset(hits, 0, sizeof(hits));
	for (i = 0; i < DRAWS; i++) {
		uint32_t k = __pp_gen_uniform_pick(N,
				(uint32_t)__pp_gen_rand(&rng));

		CU_ASSERT_FATAL(k < N);
		hits[k]++;
	}
	for (i = 0; i < N; i++)
		chi2 += (hits[i] - expect) * (hits[i] - expect) / expect;
	/* 99 degrees of freedom: mean 99, sd 14; allow 5 sd. */
	CU_ASSERT(chi2 < 99.0 + 5 * 14.1);
}

/* ------------------------------------------------------------------- */
/* Pacing and shares                                                   */

static void
test_pace_bad(void)
{
	struct pp_gen_pace pc;

	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000, 0, 64), -EINVAL);
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000,
					   PP_GEN_PACE_MAX_HZ + 1, 64),
			-EINVAL);
	/* Rate 0: never any credit, whatever the time. */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 0, 1000000000, 64), 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 0), 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 1ull << 62), 0);
	/* Silly caps and rates are clamped. */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, UINT64_MAX, 1000, 0), 0);
	CU_ASSERT_EQUAL(pc.cap, 1);
	CU_ASSERT_EQUAL(pc.rate, PP_GEN_PACE_MAX_RATE);
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1, 1000, UINT64_MAX), 0);
	CU_ASSERT_EQUAL(pc.cap, PP_GEN_PACE_MAX_CAP);
}

/*
 * Drive a pacer for `span` cycles from t0 in steps (fixed, or
 * pseudo-random up to 2 * step), taking up to `burst` per call.
 * Returns the packets taken.
 */
static uint64_t
t_pace_run(struct pp_gen_pace *pc, uint64_t t0, uint64_t span, uint64_t step,
	   bool jitter, uint64_t burst)
{
	uint64_t rng = __pp_gen_rng_init(9, 9);
	uint64_t now = t0, total = 0;

	/* The first refill starts the clock. */
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(pc, now), 0);
	while (now < t0 + span) {
		uint64_t d = jitter ? 1 + __pp_gen_rand(&rng) % (2 * step) :
				      step;
		uint64_t take;

		now = RTE_MIN(now + d, t0 + span);
		take = RTE_MIN(__pp_gen_pace_refill(pc, now), burst);
		__pp_gen_pace_consume(pc, take);
		total += take;
	}
	return total;
}

static void
test_pace_rate(void)
{
	struct pp_gen_pace pc;
	uint64_t total;

	/* 1e6 pps at 1 GHz over 1 s, a call every ~10 us, bursts of 32. */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000000, 1000000000, 512), 0);
	total = t_pace_run(&pc, 12345, 1000000000, 10007, false, 32);
	CU_ASSERT(total + 32 >= 1000000 && total <= 1000000 + 32);
	/* Without a burst limit it is exact: the fractions carry over. */
	CU_ASSERT_EQUAL(total + pc.credit, 1000000);

	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000000, 1000000000, 512), 0);
	total = t_pace_run(&pc, 0, 1000000000, 3000, true, UINT64_MAX);
	CU_ASSERT_EQUAL(total, 1000000);

	/* The top of the range: 1e10 pps at 10 GHz, no overflow. */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 10000000000ull,
					   10000000000ull, 1u << 20), 0);
	total = t_pace_run(&pc, 1ull << 50, 10000000000ull, 77777, true,
			   UINT64_MAX);
	CU_ASSERT_EQUAL(total, 10000000000ull);

	/* A slow rate: 1 pps at 1 GHz. */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1, 1000000000, 512), 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 0), 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 999999999), 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 1000000000), 1);
	/* Time going backwards earns nothing. */
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 5), 1);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 1000000001), 1);
}

static void
test_pace_cap(void)
{
	struct pp_gen_pace pc;
	uint64_t c;

	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000000, 1000000000, 512), 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 1000), 0);
	/* 1 s of silence would be 1e6 packets: capped. */
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 1000 + 1000000000), 512);
	/* Years of silence, same. */
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, UINT64_MAX), 512);
	__pp_gen_pace_consume(&pc, 500);
	CU_ASSERT_EQUAL(pc.credit, 12);
	__pp_gen_pace_consume(&pc, 100);	/* over-consume: floor at 0 */
	CU_ASSERT_EQUAL(pc.credit, 0);

	/* Just under the cap, small steps still stop at the cap. */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000000, 1000000000, 512), 0);
	__pp_gen_pace_refill(&pc, 0);
	for (c = 1; c <= 1000; c++)
		CU_ASSERT_FATAL(__pp_gen_pace_refill(&pc, c * 1000) <= 512);
	CU_ASSERT_EQUAL(pc.credit, 512);
	/* 1000 us at 1 Mpps earned 1000: 512 kept, 488 missed */
	CU_ASSERT_EQUAL(pc.missed, 1000 - 512);
}

/* What the cap refuses is counted, in both refill paths, and nothing the
 * caller takes in time is. */
static void
test_pace_missed(void)
{
	struct pp_gen_pace pc;
	uint64_t t, took = 0;

	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000000, 1000000000, 512), 0);
	__pp_gen_pace_refill(&pc, 0);
	/* a caller that keeps up: 32 every 10 us (1 us per packet) */
	for (t = 10000; t <= 10000000; t += 10000) {
		uint64_t c = __pp_gen_pace_refill(&pc, t);

		__pp_gen_pace_consume(&pc, RTE_MIN(c, 32ull));
		took += RTE_MIN(c, 32ull);
	}
	CU_ASSERT_EQUAL(pc.missed, 0);
	CU_ASSERT_EQUAL(took, 10000);
	/* a caller that takes 5 every 10 us: earned 10, 5 queue until the
	 * cap, then 5 per call are missed */
	took = 0;
	for (t = 10010000; t <= 20000000; t += 10000) {
		uint64_t c = __pp_gen_pace_refill(&pc, t);

		__pp_gen_pace_consume(&pc, RTE_MIN(c, 5ull));
		took += RTE_MIN(c, 5ull);
	}
	CU_ASSERT_EQUAL(took, 5000);
	/* earned 10000 = taken + still queued + missed */
	CU_ASSERT_EQUAL(took + pc.credit + pc.missed, 10000);
	CU_ASSERT_EQUAL(pc.credit, 512 - 5);
	/* a long stall (> cap_cycles): the slow path counts it too */
	{
		uint64_t before = pc.missed, credit = pc.credit;

		__pp_gen_pace_refill(&pc, 20000000 + 1000000000);
		CU_ASSERT_EQUAL(pc.credit, 512);
		CU_ASSERT_EQUAL(pc.missed - before,
				1000000 - (512 - credit));
	}
}

/* The credit is a queue: its packets were due evenly spaced, the newest
 * at the last refill. */
static void
test_pace_due(void)
{
	struct pp_gen_pace pc;

	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 1000000, 1000000000, 512), 0);
	__pp_gen_pace_refill(&pc, 1000000);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 1100000), 100);
	/* 1 Mpps at 1 GHz: 1000 cycles apart */
	CU_ASSERT_EQUAL(__pp_gen_pace_due(&pc, 99), 1100000);
	CU_ASSERT_EQUAL(__pp_gen_pace_due(&pc, 98), 1099000);
	CU_ASSERT_EQUAL(__pp_gen_pace_due(&pc, 0), 1100000 - 99 * 1000);
	/* taking the oldest 40 leaves the next oldest first */
	__pp_gen_pace_consume(&pc, 40);
	CU_ASSERT_EQUAL(__pp_gen_pace_due(&pc, 0), 1100000 - 59 * 1000);
	/* 3 pps at 1 GHz: gap 333333333.33, kept in fixed point */
	CU_ASSERT_EQUAL(__pp_gen_pace_init(&pc, 3, 1000000000, 512), 0);
	__pp_gen_pace_refill(&pc, 0);
	CU_ASSERT_EQUAL(__pp_gen_pace_refill(&pc, 3000000000ull), 9);
	CU_ASSERT(3000000000ull - __pp_gen_pace_due(&pc, 0) -
		  8 * 333333333ull < 8);
}

static void
test_shares(void)
{
	static const uint64_t totals[] = { 0, 1, 7, 1000, 1000003,
					   10000000000ull, UINT64_MAX };
	static const uint16_t queues[] = { 1, 3, 16, PP_CFG_MAX_QUEUES };
	size_t a, b;

	for (a = 0; a < RTE_DIM(totals); a++)
	for (b = 0; b < RTE_DIM(queues); b++) {
		uint64_t sum = 0, first, prev = UINT64_MAX;
		uint16_t q;

		first = __pp_gen_share(totals[a], queues[b], 0);
		for (q = 0; q < queues[b]; q++) {
			uint64_t s = __pp_gen_share(totals[a], queues[b], q);

			sum += s;
			CU_ASSERT(s <= prev);		/* low queues first */
			CU_ASSERT(first - s <= 1);
			prev = s;
		}
		CU_ASSERT_EQUAL(sum, totals[a]);
	}
	/* 7 over 3: 3, 2, 2. */
	CU_ASSERT_EQUAL(__pp_gen_share(7, 3, 0), 3);
	CU_ASSERT_EQUAL(__pp_gen_share(7, 3, 1), 2);
	CU_ASSERT_EQUAL(__pp_gen_share(7, 3, 2), 2);
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "chk: create 0 flows", test_chk_create_zero },
		{ "chk: unknown flow", test_chk_unknown_flow },
		{ "chk: in order", test_chk_in_order },
		{ "chk: duplicate", test_chk_duplicate },
		{ "chk: swap", test_chk_swap },
		{ "chk: jump forward", test_chk_jump },
		{ "chk: far behind", test_chk_far_behind },
		{ "chk: burst of mbufs", test_chk_burst },
		{ "gen: min length", test_gen_min_len },
		{ "gen: flow key values", test_gen_flow_key_values },
		{ "gen: frame matrix parses", test_gen_frame_matrix },
		{ "gen: malformed frames", test_gen_frame_malformed },
		{ "gen: imix", test_gen_imix },
		{ "gen: rng", test_gen_rng },
		{ "gen: malformed fraction", test_gen_malformed_fraction },
		{ "gen: zipf bad input", test_gen_zipf_bad },
		{ "gen: zipf s=1", test_gen_zipf },
		{ "gen: uniform", test_gen_uniform },
		{ "pace: bad input", test_pace_bad },
		{ "pace: rate", test_pace_rate },
		{ "pace: cap", test_pace_cap },
		{ "pace: missed", test_pace_missed },
		{ "pace: due times", test_pace_due },
		{ "shares", test_shares },
		CU_TEST_INFO_NULL,
	};

	return pp_test_run("gen", tests);
}
