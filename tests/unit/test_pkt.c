/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unit tests for lib/pkt: the parser, flow keys, hashes and
 * pp_pkt_parse_mbuf(). No EAL. Frames are built by hand in byte arrays;
 * every parse goes through a malloc of exactly the frame length so ASan
 * catches any read past `len`. Negative cases come first.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_mbuf_ptype.h>

#include "pp_pkt.h"
#include "pp_test.h"

#define T_ETH_LEN	14
#define T_VLAN_LEN	4
#define T_IPV4_LEN	20
#define T_IPV6_LEN	40
#define T_UDP_LEN	8
#define T_TCP_LEN	20
#define T_MAX_FRAME	2048

#define T_PROTO_ICMP	1
#define T_PROTO_TCP	6
#define T_PROTO_UDP	17
#define T_PROTO_GRE	47
#define T_PROTO_ICMPV6	58
#define T_PROTO_NONE	59

static const uint8_t t_dmac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t t_smac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
static const uint8_t t_src4[4] = { 10, 0, 0, 1 };
static const uint8_t t_dst4[4] = { 192, 168, 1, 2 };
static const uint8_t t_src6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t t_dst6[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 1,
				    [15] = 2 };

/** What a test frame looks like; zero fields take the defaults below. */
struct t_spec {
	int n_vlan;		/**< 0, 1 or 2 */
	int ipv;		/**< 4 or 6 */
	uint8_t proto;		/**< T_PROTO_* */
	uint16_t sport;
	uint16_t dport;
	uint16_t payload;	/**< L4 payload bytes */
	uint8_t payload_fill;
	uint8_t ttl;
	uint8_t ihl;		/**< IPv4 IHL; 0 means 5 */
	uint8_t tcp_doff;	/**< 0 means 5 */
	uint8_t icmp_type;
	uint8_t icmp_code;
	uint16_t icmp_id;
	uint16_t pad;		/**< bytes of Ethernet padding after IP */
};

/** Where build_frame() put things (offsets from the frame start). */
struct t_layout {
	size_t l3;
	size_t l4;
	size_t payload;
	size_t len;
};

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Ethernet + tags; returns the L3 offset. */
static size_t
put_eth(uint8_t *b, int n_vlan, uint16_t et)
{
	size_t off = 12;

	memcpy(b, t_dmac, 6);
	memcpy(b + 6, t_smac, 6);
	if (n_vlan >= 1) {
		put16(b + off, n_vlan == 2 ? 0x88a8 : 0x8100);
		put16(b + off + 2, 0x2000 | 100);	/* PCP 1, VID 100 */
		off += 4;
	}
	if (n_vlan >= 2) {
		put16(b + off, 0x8100);
		put16(b + off + 2, 200);
		off += 4;
	}
	put16(b + off, et);
	return off + 2;
}

static size_t
l4_hdr_len(const struct t_spec *s)
{
	switch (s->proto) {
	case T_PROTO_UDP:
		return T_UDP_LEN;
	case T_PROTO_TCP:
		return (size_t)(s->tcp_doff ? s->tcp_doff : 5) * 4;
	case T_PROTO_ICMP:
	case T_PROTO_ICMPV6:
		return 8;
	default:
		return 0;
	}
}

/* Build a consistent frame in b (T_MAX_FRAME bytes); returns its length. */
static size_t
build_frame(uint8_t *b, const struct t_spec *s, struct t_layout *lo)
{
	size_t l3, l4, l4h, ihl, ip_len;
	size_t i;

	memset(b, 0, T_MAX_FRAME);
	l3 = put_eth(b, s->n_vlan, s->ipv == 6 ? 0x86dd : 0x0800);
	ihl = s->ipv == 6 ? T_IPV6_LEN : (size_t)(s->ihl ? s->ihl : 5) * 4;
	l4 = l3 + ihl;
	l4h = l4_hdr_len(s);
	ip_len = ihl + l4h + s->payload;

	if (s->ipv == 6) {
		b[l3] = 0x60;
		put16(b + l3 + 4, (uint16_t)(ip_len - T_IPV6_LEN));
		b[l3 + 6] = s->proto;
		b[l3 + 7] = s->ttl ? s->ttl : 64;
		memcpy(b + l3 + 8, t_src6, 16);
		memcpy(b + l3 + 24, t_dst6, 16);
	} else {
		b[l3] = (uint8_t)(0x40 | ihl / 4);
		put16(b + l3 + 2, (uint16_t)ip_len);
		put16(b + l3 + 4, 0x1234);
		b[l3 + 8] = s->ttl ? s->ttl : 64;
		b[l3 + 9] = s->proto;
		memcpy(b + l3 + 12, t_src4, 4);
		memcpy(b + l3 + 16, t_dst4, 4);
		for (i = T_IPV4_LEN; i < ihl; i++)
			b[l3 + i] = 1;		/* NOP options */
	}

	switch (s->proto) {
	case T_PROTO_UDP:
		put16(b + l4, s->sport);
		put16(b + l4 + 2, s->dport);
		put16(b + l4 + 4, (uint16_t)(l4h + s->payload));
		break;
	case T_PROTO_TCP:
		put16(b + l4, s->sport);
		put16(b + l4 + 2, s->dport);
		b[l4 + 12] = (uint8_t)((l4h / 4) << 4);
		b[l4 + 13] = 0x10;	/* ACK */
		break;
	case T_PROTO_ICMP:
	case T_PROTO_ICMPV6:
		b[l4] = s->icmp_type;
		b[l4 + 1] = s->icmp_code;
		put16(b + l4 + 4, s->icmp_id);
		put16(b + l4 + 6, 1);
		break;
	default:
		break;
	}
	for (i = 0; i < s->payload; i++)
		b[l4 + l4h + i] = s->payload_fill;
	if (lo != NULL) {
		lo->l3 = l3;
		lo->l4 = l4;
		lo->payload = l4 + l4h;
		lo->len = l3 + ip_len + s->pad;
	}
	return l3 + ip_len + s->pad;	/* padding bytes stay zero */
}

/*
 * Parse a copy of b[0..len) held in a malloc of exactly len bytes, so ASan
 * flags any read past the end.
 */
static enum pp_pkt_status
parse_exact(const uint8_t *b, size_t len, struct pp_pkt_info *info)
{
	enum pp_pkt_status st;
	uint8_t *copy = malloc(len);

	CU_ASSERT_FATAL(copy != NULL || len == 0);
	if (len != 0)
		memcpy(copy, b, len);
	st = pp_pkt_parse(copy, (uint32_t)len, info);
	CU_ASSERT_EQUAL(info->status, st);
	free(copy);
	return st;
}

static int
all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

static const struct t_spec t_udp4 = {
	.ipv = 4, .proto = T_PROTO_UDP, .sport = 1234, .dport = 53,
	.payload = 32, .payload_fill = 0xaa,
};
static const struct t_spec t_tcp4 = {
	.ipv = 4, .proto = T_PROTO_TCP, .sport = 40000, .dport = 443,
	.payload = 32, .payload_fill = 0xbb,
};
static const struct t_spec t_udp6 = {
	.ipv = 6, .proto = T_PROTO_UDP, .sport = 5353, .dport = 5353,
	.payload = 32, .payload_fill = 0xcc,
};
static const struct t_spec t_tcp6 = {
	.ipv = 6, .proto = T_PROTO_TCP, .sport = 50000, .dport = 22,
	.payload = 32, .payload_fill = 0xdd,
};

/* ---------------------------------------------------------------------- */
/* Negative cases.                                                          */

static void
test_short_ethernet(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	size_t len;

	build_frame(b, &t_udp4, NULL);
	for (len = 0; len < T_ETH_LEN; len++)
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	/* A NULL pointer with len 0 is never dereferenced. */
	CU_ASSERT_EQUAL(pp_pkt_parse(NULL, 0, &info), PP_PKT_MALFORMED);
}

/*
 * Every truncation of a consistent frame cuts either a header or the IP
 * payload its length fields promise: always MALFORMED, never a read past
 * the cut.
 */
static void
test_truncation_matrix(void)
{
	static const struct t_spec *specs[] = {
		&t_udp4, &t_tcp4, &t_udp6, &t_tcp6,
	};
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	size_t i, full, len;
	int nv, bad;

	for (i = 0; i < RTE_DIM(specs); i++) {
		for (nv = 0; nv <= 2; nv++) {
			struct t_spec s = *specs[i];

			s.n_vlan = nv;
			full = build_frame(b, &s, NULL);
			CU_ASSERT_EQUAL(parse_exact(b, full, &info),
					PP_PKT_IP);
			bad = 0;
			for (len = 0; len < full; len++)
				if (parse_exact(b, len, &info) !=
				    PP_PKT_MALFORMED)
					bad++;
			CU_ASSERT_EQUAL(bad, 0);
		}
	}
}

/*
 * Same, but with the IP and UDP length fields rewritten to match each cut,
 * so only the cut headers themselves make the frame malformed.
 */
static void
test_truncation_consistent_lengths(void)
{
	static const struct t_spec *specs[] = {
		&t_udp4, &t_tcp4, &t_udp6, &t_tcp6,
	};
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t i, full, len, need;
	int nv;

	for (i = 0; i < RTE_DIM(specs); i++) {
		for (nv = 0; nv <= 2; nv++) {
			struct t_spec s = *specs[i];
			enum pp_pkt_status st;

			s.n_vlan = nv;
			full = build_frame(b, &s, &lo);
			need = lo.payload;	/* all headers present */
			for (len = 0; len < full; len++) {
				uint8_t c[T_MAX_FRAME];

				memcpy(c, b, full);
				if (s.ipv == 6 && len >= lo.l3 + T_IPV6_LEN)
					put16(c + lo.l3 + 4, (uint16_t)(len -
						lo.l3 - T_IPV6_LEN));
				if (len >= lo.l3 + 4 && s.ipv == 4)
					put16(c + lo.l3 + 2,
					      (uint16_t)(len - lo.l3));
				if (s.proto == T_PROTO_UDP &&
				    len >= lo.l4 + T_UDP_LEN)
					put16(c + lo.l4 + 4,
					      (uint16_t)(len - lo.l4));
				st = parse_exact(c, len, &info);
				if (len < need)
					CU_ASSERT_EQUAL(st, PP_PKT_MALFORMED);
				if (len >= need) {
					CU_ASSERT_EQUAL(st, PP_PKT_IP);
					CU_ASSERT_EQUAL(info.payload_off,
							lo.payload);
					CU_ASSERT_EQUAL(info.payload_len,
							len - lo.payload);
				}
			}
		}
	}
}

static void
test_ipv4_bad_ihl(void)
{
	struct t_spec s = { .ipv = 4, .proto = T_PROTO_GRE, .payload = 40 };
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;
	int ihl;

	len = build_frame(b, &t_udp4, &lo);
	for (ihl = 0; ihl < 5; ihl++) {
		b[lo.l3] = (uint8_t)(0x40 | ihl);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	}
	/* Same with a protocol the parser does not look into. */
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	for (ihl = 0; ihl < 5; ihl++) {
		b[lo.l3] = (uint8_t)(0x40 | ihl);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	}
	/* IHL 15 (60 bytes) with only 20 + 8 bytes of IP in the frame. */
	s = t_udp4;
	s.payload = 0;
	len = build_frame(b, &s, &lo);
	b[lo.l3] = 0x4f;
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	/* IHL 7 fits the data but exceeds total_length (28). */
	b[lo.l3] = 0x48;
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
}

static void
test_ipv4_total_length(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;
	uint16_t tot;

	len = build_frame(b, &t_udp4, &lo);
	tot = get16(b + lo.l3 + 2);
	put16(b + lo.l3 + 2, tot + 1);		/* one past the frame */
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	put16(b + lo.l3 + 2, 0xffff);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	put16(b + lo.l3 + 2, T_IPV4_LEN - 1);	/* below IHL * 4 */
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	put16(b + lo.l3 + 2, 0);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	/* Room for the IP header but not for UDP: L4 bounds are the IP's. */
	put16(b + lo.l3 + 2, T_IPV4_LEN + 4);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	/* The exact value parses. */
	put16(b + lo.l3 + 2, tot);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
}

static void
test_bad_ip_version(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;
	int v;

	len = build_frame(b, &t_udp4, &lo);
	for (v = 0; v < 16; v++) {
		if (v == 4)
			continue;
		b[lo.l3] = (uint8_t)(v << 4 | 5);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	}
	len = build_frame(b, &t_udp6, &lo);
	for (v = 0; v < 16; v++) {
		if (v == 6)
			continue;
		b[lo.l3] = (uint8_t)(v << 4);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	}
	/* A good IPv6 packet behind the IPv4 ethertype, and vice versa. */
	len = build_frame(b, &t_udp6, &lo);
	put16(b + lo.l3 - 2, 0x0800);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	len = build_frame(b, &t_tcp4, &lo);
	put16(b + lo.l3 - 2, 0x86dd);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
}

static void
test_ipv6_payload_length(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;
	uint16_t pl;

	len = build_frame(b, &t_tcp6, &lo);
	pl = get16(b + lo.l3 + 4);
	put16(b + lo.l3 + 4, pl + 1);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	put16(b + lo.l3 + 4, 0xffff);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	/* Shorter than the TCP header: the L4 bound is the IPv6 payload. */
	put16(b + lo.l3 + 4, T_TCP_LEN - 1);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	put16(b + lo.l3 + 4, pl);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
}

/*
 * IPv6 + extension headers then UDP (8 + 4 payload). `ext` lists the
 * headers' protocol numbers; `ext_len` their hdr_ext_len (fragment headers
 * ignore it). frag_data is the fragment header's offset/M field.
 */
static size_t
build_ipv6_ext(uint8_t *b, const uint8_t *ext, const uint8_t *ext_len,
	       int n_ext, uint16_t frag_data, uint8_t l4, struct t_layout *lo)
{
	size_t l3, off;
	int i;

	memset(b, 0, T_MAX_FRAME);
	l3 = put_eth(b, 0, 0x86dd);
	b[l3] = 0x60;
	b[l3 + 7] = 64;
	memcpy(b + l3 + 8, t_src6, 16);
	memcpy(b + l3 + 24, t_dst6, 16);
	b[l3 + 6] = n_ext > 0 ? ext[0] : l4;
	off = l3 + T_IPV6_LEN;
	for (i = 0; i < n_ext; i++) {
		uint8_t next = i + 1 < n_ext ? ext[i + 1] : l4;

		b[off] = next;
		if (ext[i] == 44) {
			put16(b + off + 2, frag_data);
			put16(b + off + 6, 0x4242);
			off += 8;
		} else {
			b[off + 1] = ext_len[i];
			off += ((size_t)ext_len[i] + 1) * 8;
		}
	}
	lo->l3 = l3;
	lo->l4 = off;
	/* UDP: ports 7/9, length 12 */
	put16(b + off, 7);
	put16(b + off + 2, 9);
	put16(b + off + 4, 12);
	off += 12;
	lo->payload = lo->l4 + 8;
	lo->len = off;
	put16(b + l3 + 4, (uint16_t)(off - l3 - T_IPV6_LEN));
	return off;
}

static void
test_ipv6_ext_truncated(void)
{
	static const uint8_t hbh[] = { 0 };
	static const uint8_t len1[] = { 1 };
	static const uint8_t frag[] = { 44 };
	static const uint8_t zero[] = { 0 };
	uint8_t nine[9], nine_len[9];
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len, cut;
	int i;

	/* hop-by-hop of 16 bytes, cut anywhere inside it (lengths fixed). */
	len = build_ipv6_ext(b, hbh, len1, 1, 0, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	for (cut = 0; cut < 16; cut++) {
		put16(b + lo.l3 + 4, (uint16_t)cut);
		CU_ASSERT_EQUAL(parse_exact(b, lo.l3 + T_IPV6_LEN + cut,
					    &info), PP_PKT_MALFORMED);
		/* Frame long enough, IPv6 payload length too short. */
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	}
	/* hdr_ext_len pointing past the payload. */
	len = build_ipv6_ext(b, hbh, len1, 1, 0, T_PROTO_UDP, &lo);
	b[lo.l3 + T_IPV6_LEN + 1] = 200;
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);

	/* Fragment header cut short. */
	len = build_ipv6_ext(b, frag, zero, 1, 0x0001, T_PROTO_UDP, &lo);
	for (cut = 0; cut < 8; cut++) {
		put16(b + lo.l3 + 4, (uint16_t)cut);
		CU_ASSERT_EQUAL(parse_exact(b, lo.l3 + T_IPV6_LEN + cut,
					    &info), PP_PKT_MALFORMED);
	}

	/* Nine extension headers: one more than the parser walks. */
	for (i = 0; i < 9; i++) {
		nine[i] = 60;
		nine_len[i] = 0;
	}
	len = build_ipv6_ext(b, nine, nine_len, 9, 0, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
	len = build_ipv6_ext(b, nine, nine_len, 8, 0, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, T_IPV6_LEN + 8 * 8);
	CU_ASSERT_EQUAL(info.key.dport, 9);
}

static void
test_tcp_doff(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s;
	size_t len;
	int doff, v;

	for (v = 4; v <= 6; v += 2) {
		s = v == 4 ? t_tcp4 : t_tcp6;
		s.payload = 8;
		len = build_frame(b, &s, &lo);
		for (doff = 0; doff < 5; doff++) {
			b[lo.l4 + 12] = (uint8_t)(doff << 4);
			CU_ASSERT_EQUAL(parse_exact(b, len, &info),
					PP_PKT_MALFORMED);
		}
		/* 20 + 8 bytes of TCP: doff 8 (32) is too large, 7 fits. */
		b[lo.l4 + 12] = 8 << 4;
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
		b[lo.l4 + 12] = 15 << 4;
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
		b[lo.l4 + 12] = 7 << 4;
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(info.l4_len, 28);
		CU_ASSERT_EQUAL(info.payload_len, 0);
	}
}

static void
test_udp_length(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;
	uint16_t ul, l;
	int v;

	for (v = 4; v <= 6; v += 2) {
		len = build_frame(b, v == 4 ? &t_udp4 : &t_udp6, &lo);
		ul = get16(b + lo.l4 + 4);
		for (l = 0; l < T_UDP_LEN; l++) {
			put16(b + lo.l4 + 4, l);
			CU_ASSERT_EQUAL(parse_exact(b, len, &info),
					PP_PKT_MALFORMED);
		}
		put16(b + lo.l4 + 4, ul + 1);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
		put16(b + lo.l4 + 4, 0xffff);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);
		/* Shorter than the IP payload is fine: payload follows UDP. */
		put16(b + lo.l4 + 4, T_UDP_LEN + 10);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(info.payload_len, 10);
		put16(b + lo.l4 + 4, T_UDP_LEN);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(info.payload_len, 0);
		put16(b + lo.l4 + 4, ul);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(info.payload_len, 32);
	}
}

static void
test_icmp_short(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = {
		.ipv = 4, .proto = T_PROTO_ICMP, .icmp_type = 8,
		.icmp_id = 0x4321,
	};
	size_t len;
	uint16_t l;

	len = build_frame(b, &s, &lo);
	for (l = 0; l < 4; l++) {
		put16(b + lo.l3 + 2, (uint16_t)(T_IPV4_LEN + l));
		CU_ASSERT_EQUAL(parse_exact(b, lo.l4 + l, &info),
				PP_PKT_MALFORMED);
	}
	/* 4..7 bytes: type/code only, no identifier. */
	for (l = 4; l < 8; l++) {
		put16(b + lo.l3 + 2, (uint16_t)(T_IPV4_LEN + l));
		CU_ASSERT_EQUAL(parse_exact(b, lo.l4 + l, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(info.l4_len, 4);
		CU_ASSERT_EQUAL(info.key.sport, 0x0800);
		CU_ASSERT_EQUAL(info.key.dport, 0);
	}
	put16(b + lo.l3 + 2, (uint16_t)(T_IPV4_LEN + 8));
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 8);
	CU_ASSERT_EQUAL(info.key.dport, 0x4321);
}

/* ---------------------------------------------------------------------- */
/* Non-IP.                                                                  */

static void
check_l2_key(const struct pp_pkt_info *info, uint16_t et)
{
	CU_ASSERT_EQUAL(info->status, PP_PKT_L2);
	CU_ASSERT_EQUAL(info->ethertype, et);
	CU_ASSERT_EQUAL(info->key.ethertype, et);
	CU_ASSERT_EQUAL(info->ip_version, 0);
	CU_ASSERT_EQUAL(info->key.ip_version, 0);
	CU_ASSERT_EQUAL(info->key.proto, 0);
	CU_ASSERT_EQUAL(info->key.sport, 0);
	CU_ASSERT_EQUAL(info->key.dport, 0);
	CU_ASSERT_EQUAL(memcmp(info->key.src, t_smac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(info->key.dst, t_dmac, 6), 0);
	CU_ASSERT(all_zero(info->key.src + 6, 10));
	CU_ASSERT(all_zero(info->key.dst + 6, 10));
	CU_ASSERT_EQUAL(info->l3_len, 0);
	CU_ASSERT_EQUAL(info->l4_len, 0);
}

static void
test_l2_ethertypes(void)
{
	static const uint16_t ets[] = { 0x0806, 0x0000, 0x88cc, 0x8847,
					0xffff };
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	size_t i, off;
	int nv;

	for (i = 0; i < RTE_DIM(ets); i++) {
		for (nv = 0; nv <= 2; nv++) {
			memset(b, 0x5a, sizeof(b));
			off = put_eth(b, nv, ets[i]);
			/* Header only, and with 46 bytes of payload. */
			CU_ASSERT_EQUAL(parse_exact(b, off, &info),
					PP_PKT_L2);
			check_l2_key(&info, ets[i]);
			CU_ASSERT_EQUAL(info.l2_len, off);
			CU_ASSERT_EQUAL(info.n_vlan, nv);
			CU_ASSERT_EQUAL(info.payload_len, 0);
			CU_ASSERT_EQUAL(parse_exact(b, off + 46, &info),
					PP_PKT_L2);
			check_l2_key(&info, ets[i]);
			CU_ASSERT_EQUAL(info.payload_off, off);
			CU_ASSERT_EQUAL(info.payload_len, 46);
		}
	}
}

static void
test_vlan(void)
{
	uint8_t b[T_MAX_FRAME], c[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_spec s = t_udp4;
	size_t len, off;

	/* Truncated tags. */
	off = put_eth(b, 1, 0x0800);
	CU_ASSERT_EQUAL(parse_exact(b, 15, &info), PP_PKT_MALFORMED);
	CU_ASSERT_EQUAL(parse_exact(b, 17, &info), PP_PKT_MALFORMED);
	CU_ASSERT_EQUAL(off, 18);
	off = put_eth(b, 2, 0x0806);
	CU_ASSERT_EQUAL(parse_exact(b, 21, &info), PP_PKT_MALFORMED);
	CU_ASSERT_EQUAL(parse_exact(b, 22, &info), PP_PKT_L2);

	s.n_vlan = 1;
	len = build_frame(b, &s, NULL);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.n_vlan, 1);
	CU_ASSERT_EQUAL(info.vlan_id, 100);
	CU_ASSERT_EQUAL(info.l2_len, 18);
	CU_ASSERT_EQUAL(info.ethertype, 0x0800);

	s.n_vlan = 2;
	len = build_frame(b, &s, NULL);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.n_vlan, 2);
	CU_ASSERT_EQUAL(info.vlan_id, 100);	/* the outer tag */
	CU_ASSERT_EQUAL(info.l2_len, 22);
	CU_ASSERT_EQUAL(info.key.sport, 1234);

	/* Two 0x8100 tags are QinQ too. */
	put16(b + 12, 0x8100);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.n_vlan, 2);

	/* A third tag: L2, whatever follows (here a good IPv4/UDP). */
	s.n_vlan = 2;
	len = build_frame(c, &s, NULL);
	memcpy(b, c, 20);
	put16(b + 20, 0x8100);
	put16(b + 22, 5);
	memcpy(b + 24, c + 20, len - 20);
	CU_ASSERT_EQUAL(parse_exact(b, len + 4, &info), PP_PKT_L2);
	check_l2_key(&info, 0x8100);
	CU_ASSERT_EQUAL(info.n_vlan, 2);
	CU_ASSERT_EQUAL(info.l2_len, 22);
	CU_ASSERT_EQUAL(info.vlan_id, 100);
}

/* ---------------------------------------------------------------------- */
/* Positive cases.                                                          */

static void
check_ip(const struct pp_pkt_info *info, const struct t_spec *s,
	 const struct t_layout *lo)
{
	CU_ASSERT_EQUAL(info->status, PP_PKT_IP);
	CU_ASSERT_EQUAL(info->l2_len, lo->l3);
	CU_ASSERT_EQUAL(info->l3_len, lo->l4 - lo->l3);
	CU_ASSERT_EQUAL(info->l4_len, lo->payload - lo->l4);
	CU_ASSERT_EQUAL(info->n_vlan, s->n_vlan);
	CU_ASSERT_EQUAL(info->ip_version, s->ipv);
	CU_ASSERT_EQUAL(info->key.ip_version, s->ipv);
	CU_ASSERT_EQUAL(info->l4_proto, s->proto);
	CU_ASSERT_EQUAL(info->key.proto, s->proto);
	CU_ASSERT_EQUAL(info->ethertype, s->ipv == 4 ? 0x0800 : 0x86dd);
	CU_ASSERT_EQUAL(info->key.ethertype, info->ethertype);
	CU_ASSERT_EQUAL(info->payload_off, lo->payload);
	CU_ASSERT_EQUAL(info->payload_len, s->payload);
	if (s->ipv == 4) {
		CU_ASSERT_EQUAL(memcmp(info->key.src, t_src4, 4), 0);
		CU_ASSERT_EQUAL(memcmp(info->key.dst, t_dst4, 4), 0);
		CU_ASSERT(all_zero(info->key.src + 4, 12));
		CU_ASSERT(all_zero(info->key.dst + 4, 12));
	} else {
		CU_ASSERT_EQUAL(memcmp(info->key.src, t_src6, 16), 0);
		CU_ASSERT_EQUAL(memcmp(info->key.dst, t_dst6, 16), 0);
	}
	if (s->proto == T_PROTO_TCP || s->proto == T_PROTO_UDP) {
		CU_ASSERT_EQUAL(info->key.sport, s->sport);
		CU_ASSERT_EQUAL(info->key.dport, s->dport);
	}
}

static void
test_basic_matrix(void)
{
	static const struct t_spec *specs[] = {
		&t_udp4, &t_tcp4, &t_udp6, &t_tcp6,
	};
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t i, len;
	int nv;

	for (i = 0; i < RTE_DIM(specs); i++) {
		for (nv = 0; nv <= 2; nv++) {
			struct t_spec s = *specs[i];

			s.n_vlan = nv;
			len = build_frame(b, &s, &lo);
			CU_ASSERT_EQUAL(parse_exact(b, len, &info),
					PP_PKT_IP);
			check_ip(&info, &s, &lo);
			CU_ASSERT_EQUAL(info.vlan_id, nv ? 100 : 0);
		}
	}
}

/* Headers at odd addresses: no misaligned loads (UBSan would flag them). */
static void
test_misaligned(void)
{
	static const struct t_spec *specs[] = {
		&t_udp4, &t_tcp4, &t_udp6, &t_tcp6,
	};
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	uint8_t *copy;
	size_t i, len, shift;

	for (i = 0; i < RTE_DIM(specs); i++) {
		struct t_spec s = *specs[i];

		s.n_vlan = 1;
		len = build_frame(b, &s, &lo);
		for (shift = 0; shift < 8; shift++) {
			copy = malloc(len + shift);
			CU_ASSERT_FATAL(copy != NULL);
			memcpy(copy + shift, b, len);
			CU_ASSERT_EQUAL(pp_pkt_parse(copy + shift,
						     (uint32_t)len, &info),
					PP_PKT_IP);
			check_ip(&info, &s, &lo);
			free(copy);
		}
	}
}

static void
test_ethernet_padding(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = t_udp4;
	size_t len;

	s.payload = 4;		/* 14 + 20 + 8 + 4 = 46 */
	s.pad = 14;		/* padded to the 60-byte minimum */
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(len, 60);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	check_ip(&info, &s, &lo);

	s = t_tcp6;
	s.payload = 0;
	s.n_vlan = 2;
	s.pad = 100;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	check_ip(&info, &s, &lo);
}

static void
test_ipv4_options(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s;
	size_t len;
	int ihl;

	for (ihl = 6; ihl <= 15; ihl++) {
		s = t_tcp4;
		s.ihl = (uint8_t)ihl;
		len = build_frame(b, &s, &lo);
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
		CU_ASSERT_EQUAL(info.l3_len, ihl * 4);
		check_ip(&info, &s, &lo);
	}
	s = t_udp4;
	s.ihl = 6;
	s.n_vlan = 1;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, 24);
	check_ip(&info, &s, &lo);
}

static void
test_tcp_options(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = t_tcp4;
	size_t len;

	s.tcp_doff = 15;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 60);
	check_ip(&info, &s, &lo);
}

static void
test_ipv4_fragments(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;

	/* Non-first fragment: no L4, proto kept. */
	len = build_frame(b, &t_udp4, &lo);
	put16(b + lo.l3 + 6, 0x2000 | 185);	/* MF, offset 1480 */
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 0);
	CU_ASSERT_EQUAL(info.key.sport, 0);
	CU_ASSERT_EQUAL(info.key.dport, 0);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_UDP);
	CU_ASSERT_EQUAL(info.key.proto, T_PROTO_UDP);
	CU_ASSERT_EQUAL(info.payload_off, lo.l4);
	CU_ASSERT_EQUAL(info.payload_len, 8 + 32);
	/* Last fragment (no MF) too; garbage where a header would be. */
	put16(b + lo.l3 + 6, 185);
	put16(b + lo.l4 + 4, 1);	/* would be a bad UDP length */
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.sport, 0);

	/* First fragment with MF: L4 parsed; UDP length covers it all. */
	len = build_frame(b, &t_udp4, &lo);
	put16(b + lo.l3 + 6, 0x2000);
	put16(b + lo.l4 + 4, 3000);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 8);
	CU_ASSERT_EQUAL(info.key.sport, 1234);
	CU_ASSERT_EQUAL(info.key.dport, 53);
	CU_ASSERT_EQUAL(info.payload_len, 32);
	/* ... but a UDP length below 8 is still malformed. */
	put16(b + lo.l4 + 4, 7);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_MALFORMED);

	/* First fragment too short for the TCP header: IP, no ports. */
	len = build_frame(b, &t_tcp4, &lo);
	put16(b + lo.l3 + 6, 0x2000);
	put16(b + lo.l3 + 2, T_IPV4_LEN + 16);
	CU_ASSERT_EQUAL(parse_exact(b, lo.l4 + 16, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 0);
	CU_ASSERT_EQUAL(info.key.sport, 0);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_TCP);

	/* DF alone is not a fragment. */
	len = build_frame(b, &t_tcp4, &lo);
	put16(b + lo.l3 + 6, 0x4000);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	check_ip(&info, &t_tcp4, &lo);
}

static void
test_ipv6_hbh_frag(void)
{
	static const uint8_t ext[] = { 0, 44 };
	static const uint8_t ext_len[] = { 0, 0 };
	static const uint8_t rd[] = { 43, 60 };
	static const uint8_t rd_len[] = { 1, 1 };
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t len;

	/* First fragment (offset 0, M = 1): UDP parsed. */
	len = build_ipv6_ext(b, ext, ext_len, 2, 0x0001, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, T_IPV6_LEN + 8 + 8);
	CU_ASSERT_EQUAL(info.l4_len, 8);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_UDP);
	CU_ASSERT_EQUAL(info.key.sport, 7);
	CU_ASSERT_EQUAL(info.key.dport, 9);
	CU_ASSERT_EQUAL(info.payload_off, lo.payload);
	CU_ASSERT_EQUAL(info.payload_len, 4);

	/* Non-first fragment (offset 1480 / 8): no ports. */
	len = build_ipv6_ext(b, ext, ext_len, 2, 185 << 3 | 1, T_PROTO_UDP,
			     &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, T_IPV6_LEN + 16);
	CU_ASSERT_EQUAL(info.l4_len, 0);
	CU_ASSERT_EQUAL(info.key.sport, 0);
	CU_ASSERT_EQUAL(info.key.dport, 0);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_UDP);
	CU_ASSERT_EQUAL(info.key.proto, T_PROTO_UDP);
	CU_ASSERT_EQUAL(info.payload_off, lo.l4);
	CU_ASSERT_EQUAL(info.payload_len, 12);

	/* Atomic fragment (offset 0, M = 0): a whole datagram. */
	len = build_ipv6_ext(b, ext, ext_len, 2, 0, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.dport, 9);

	/* Routing + destination options, 16 bytes each. */
	len = build_ipv6_ext(b, rd, rd_len, 2, 0, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, T_IPV6_LEN + 32);
	CU_ASSERT_EQUAL(info.key.sport, 7);
	CU_ASSERT_EQUAL(info.payload_len, 4);
}

static void
test_ipv6_no_next_header(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = { .ipv = 6, .proto = T_PROTO_NONE, .payload = 6 };
	size_t len;

	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, T_IPV6_LEN);
	CU_ASSERT_EQUAL(info.l4_len, 0);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_NONE);
	CU_ASSERT_EQUAL(info.key.sport, 0);
	CU_ASSERT_EQUAL(info.payload_len, 6);
	s.payload = 0;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
}

static void
test_other_ip_proto(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = { .ipv = 4, .proto = T_PROTO_GRE, .payload = 3 };
	size_t len;

	len = build_frame(b, &s, &lo);
	memset(b + lo.l4, 0xff, 3);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_GRE);
	CU_ASSERT_EQUAL(info.key.proto, T_PROTO_GRE);
	CU_ASSERT_EQUAL(info.l4_len, 0);
	CU_ASSERT_EQUAL(info.key.sport, 0);
	CU_ASSERT_EQUAL(info.key.dport, 0);
	CU_ASSERT_EQUAL(info.payload_off, lo.l4);
	CU_ASSERT_EQUAL(info.payload_len, 3);
	/* ICMPv6's number inside IPv4 is just another protocol. */
	b[lo.l3 + 9] = T_PROTO_ICMPV6;
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 0);
}

static void
test_icmp(void)
{
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = {
		.ipv = 4, .proto = T_PROTO_ICMP, .icmp_type = 8,
		.icmp_id = 0xbeef, .payload = 56,
	};
	size_t len;

	/* Echo request / reply: identifier in dport. */
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_len, 8);
	CU_ASSERT_EQUAL(info.key.sport, 8 << 8);
	CU_ASSERT_EQUAL(info.key.dport, 0xbeef);
	CU_ASSERT_EQUAL(info.payload_len, 56);
	s.icmp_type = 0;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.sport, 0);
	CU_ASSERT_EQUAL(info.key.dport, 0xbeef);
	/* Destination unreachable: type/code, no identifier. */
	s.icmp_type = 3;
	s.icmp_code = 1;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.sport, 0x0301);
	CU_ASSERT_EQUAL(info.key.dport, 0);
	/* 128 in ICMPv4 is not an echo. */
	s.icmp_type = 128;
	s.icmp_code = 0;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.dport, 0);

	/* ICMPv6 echo request / reply, with a VLAN. */
	s.ipv = 6;
	s.proto = T_PROTO_ICMPV6;
	s.n_vlan = 1;
	s.icmp_type = 128;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l4_proto, T_PROTO_ICMPV6);
	CU_ASSERT_EQUAL(info.l4_len, 8);
	CU_ASSERT_EQUAL(info.key.sport, 128 << 8);
	CU_ASSERT_EQUAL(info.key.dport, 0xbeef);
	s.icmp_type = 129;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.dport, 0xbeef);
	/* ICMPv6 type 8 is not an echo; truncated ICMPv6 is malformed. */
	s.icmp_type = 8;
	len = build_frame(b, &s, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.key.dport, 0);
	put16(b + lo.l3 + 4, 3);
	CU_ASSERT_EQUAL(parse_exact(b, lo.l4 + 3, &info), PP_PKT_MALFORMED);
}

/* ---------------------------------------------------------------------- */
/* DSCP: parse and rewrite.                                                 */

/* Write the IPv4 TOS / IPv6 traffic class byte of the frame at b. */
static void
put_tclass(uint8_t *b, const struct t_layout *lo, int ipv, uint8_t tc)
{
	uint8_t *ip = b + lo->l3;

	if (ipv == 4) {
		ip[1] = tc;
	} else {
		ip[0] = (uint8_t)(0x60 | tc >> 4);
		ip[1] = (uint8_t)((tc & 0x0f) << 4 | (ip[1] & 0x0f));
	}
}

static uint8_t
get_tclass(const uint8_t *b, const struct t_layout *lo, int ipv)
{
	const uint8_t *ip = b + lo->l3;

	if (ipv == 4)
		return ip[1];
	return (uint8_t)((ip[0] & 0x0f) << 4 | ip[1] >> 4);
}

/* Full IPv4 header checksum, as a sender computes it (field zeroed). */
static uint16_t
ipv4_full_cksum(const uint8_t *ip)
{
	uint8_t h[60];
	size_t ihl = (size_t)(ip[0] & 0x0f) * 4;
	uint16_t c;

	memcpy(h, ip, ihl);
	h[10] = 0;
	h[11] = 0;
	c = rte_ipv4_cksum((const struct rte_ipv4_hdr *)h);
	return rte_be_to_cpu_16(c);
}

static void
set_full_cksum(uint8_t *ip)
{
	put16(ip + 10, ipv4_full_cksum(ip));
}

static void
test_dscp_parse(void)
{
	static const struct t_spec *specs[] = {
		&t_udp4, &t_tcp4, &t_udp6, &t_tcp6,
	};
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	size_t i, len;
	unsigned int tc;
	int nv;

	for (i = 0; i < RTE_DIM(specs); i++) {
		for (nv = 0; nv <= 2; nv++) {
			struct t_spec s = *specs[i];

			s.n_vlan = nv;
			len = build_frame(b, &s, &lo);
			if (s.ipv == 6) {
				/* a flow label next to the traffic class */
				b[lo.l3 + 1] = 0x0a;
				put16(b + lo.l3 + 2, 0xbcde);
			}
			CU_ASSERT_EQUAL(parse_exact(b, len, &info),
					PP_PKT_IP);
			CU_ASSERT_EQUAL(info.dscp, 0);
			/* every traffic class: DSCP is its top 6 bits */
			for (tc = 0; tc < 256; tc++) {
				put_tclass(b, &lo, s.ipv, (uint8_t)tc);
				CU_ASSERT_EQUAL(parse_exact(b, len, &info),
						PP_PKT_IP);
				CU_ASSERT_EQUAL(info.dscp, tc >> 2);
				check_ip(&info, &s, &lo);
			}
		}
	}

	/* Not IP: 0, whatever the bytes where a TOS would be. */
	for (nv = 0; nv <= 2; nv++) {
		memset(b, 0xff, sizeof(b));
		len = put_eth(b, nv, 0x0806) + 46;
		CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_L2);
		CU_ASSERT_EQUAL(info.dscp, 0);
	}
}

/*
 * IPv4: the rewrite keeps ECN, changes only TOS and checksum, and the
 * checksum equals a full recomputation. Every TOS x every DSCP, at an odd
 * address after one VLAN tag (the header 1-byte aligned), then every
 * checksum value (through the IP id) for a few TOS changes, which takes
 * in the checksums 0x0000 before and after.
 */
static int
set_dscp_v4_check(uint8_t *b, size_t len, const struct t_layout *lo,
		  uint8_t dscp)
{
	uint8_t before[T_MAX_FRAME];
	struct pp_pkt_info info;
	uint8_t *ip = b + lo->l3;
	uint8_t tos = ip[1];
	uint8_t want = (uint8_t)((dscp & 0x3f) << 2 | (tos & 3));
	int bad = 0;

	memcpy(before, b, len);
	if (pp_pkt_parse(b, (uint32_t)len, &info) != PP_PKT_IP)
		return 1;
	pp_pkt_set_dscp(b, &info, dscp);
	bad |= ip[1] != want;
	bad |= get16(ip + 10) != ipv4_full_cksum(ip);
	/* a receiver's check: the sum over the header is 0xffff */
	bad |= rte_ipv4_cksum((const struct rte_ipv4_hdr *)ip) != 0;
	/* nothing else moved */
	before[lo->l3 + 1] = ip[1];
	before[lo->l3 + 10] = ip[10];
	before[lo->l3 + 11] = ip[11];
	bad |= memcmp(before, b, len) != 0;
	bad |= pp_pkt_parse(b, (uint32_t)len, &info) != PP_PKT_IP ||
		info.dscp != (dscp & 0x3f);
	return bad;
}

static void
test_set_dscp_ipv4(void)
{
	uint8_t frame[T_MAX_FRAME], *buf, *b;
	struct t_spec s = t_udp4;
	struct t_layout lo;
	unsigned int tos, dscp, id, bad = 0, zero_before = 0, zero_after = 0;
	size_t len;
	static const uint8_t pairs[][2] = {
		{ 0x00, 46 }, { 0xb8, 0 }, { 0x03, 63 }, { 0xfd, 1 },
		{ 0x02, 10 },
	};

	s.n_vlan = 1;
	len = build_frame(frame, &s, &lo);
	buf = malloc(T_MAX_FRAME + 1);	/* for every frame below */
	CU_ASSERT_FATAL(buf != NULL);
	b = buf + 1;		/* IP header at an odd address */
	for (tos = 0; tos < 256; tos++) {
		for (dscp = 0; dscp < 256; dscp++) {	/* high bits ignored */
			memcpy(b, frame, len);
			b[lo.l3 + 1] = (uint8_t)tos;
			set_full_cksum(b + lo.l3);
			bad += set_dscp_v4_check(b, len, &lo, (uint8_t)dscp);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);

	for (size_t p = 0; p < RTE_DIM(pairs); p++) {
		for (id = 0; id < 65536; id++) {
			memcpy(b, frame, len);
			b[lo.l3 + 1] = pairs[p][0];
			put16(b + lo.l3 + 4, (uint16_t)id);
			set_full_cksum(b + lo.l3);
			zero_before += get16(b + lo.l3 + 10) == 0;
			bad += set_dscp_v4_check(b, len, &lo, pairs[p][1]);
			zero_after += get16(b + lo.l3 + 10) == 0;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(zero_before > 0);
	CU_ASSERT(zero_after > 0);

	/* With options, no tag, two tags: the same. */
	s = t_tcp4;
	s.ihl = 7;
	for (int nv = 0; nv <= 2; nv++) {
		s.n_vlan = nv;
		len = build_frame(frame, &s, &lo);
		for (tos = 0; tos < 256; tos += 7) {
			memcpy(b, frame, len);
			b[lo.l3 + 1] = (uint8_t)tos;
			b[lo.l3 + 8] = (uint8_t)(tos * 13);	/* TTL */
			set_full_cksum(b + lo.l3);
			bad += set_dscp_v4_check(b, len, &lo,
						 (uint8_t)(tos * 5));
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	free(buf);
}

/* IPv6: only the 6 DSCP bits move; version, ECN, flow label stay. */
static void
test_set_dscp_ipv6(void)
{
	uint8_t frame[T_MAX_FRAME], before[T_MAX_FRAME], *buf, *b;
	struct t_spec s = t_udp6;
	struct pp_pkt_info info;
	struct t_layout lo;
	unsigned int tc, dscp, bad = 0;
	size_t len;

	for (int nv = 0; nv <= 2; nv++) {
		s.n_vlan = nv;
		len = build_frame(frame, &s, &lo);
		buf = malloc(len + 1);
		CU_ASSERT_FATAL(buf != NULL);
		b = buf + 1;
		for (tc = 0; tc < 256; tc++) {
			for (dscp = 0; dscp < 64; dscp++) {
				uint8_t *ip = b + lo.l3;

				memcpy(b, frame, len);
				put_tclass(b, &lo, 6, (uint8_t)tc);
				ip[1] = (uint8_t)((ip[1] & 0xf0) | 0x0a);
				put16(ip + 2, (uint16_t)(0xbcde + tc));
				memcpy(before, b, len);
				if (pp_pkt_parse(b, (uint32_t)len, &info) !=
				    PP_PKT_IP) {
					bad++;
					continue;
				}
				pp_pkt_set_dscp(b, &info, (uint8_t)dscp);
				bad += get_tclass(b, &lo, 6) !=
					(dscp << 2 | (tc & 3));
				bad += ip[0] >> 4 != 6;
				bad += (ip[1] & 0x0f) != 0x0a ||
					get16(ip + 2) !=
					(uint16_t)(0xbcde + tc);
				/* only the traffic class bits moved */
				before[lo.l3] = ip[0];
				before[lo.l3 + 1] = ip[1];
				bad += memcmp(before, b, len) != 0;
				bad += pp_pkt_parse(b, (uint32_t)len, &info) !=
					PP_PKT_IP || info.dscp != dscp;
			}
		}
		free(buf);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Not IP, or malformed: nothing is written. */
static void
test_set_dscp_untouched(void)
{
	uint8_t b[T_MAX_FRAME], before[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s = t_udp4;
	size_t len;

	/* ARP, with bytes after the header that look like IPv4 */
	len = build_frame(b, &s, &lo);
	put16(b + 12, 0x0806);
	memcpy(before, b, len);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_L2);
	pp_pkt_set_dscp(b, &info, 46);
	CU_ASSERT_EQUAL(memcmp(before, b, len), 0);

	/* truncated IPv4 and IPv6 */
	for (int v = 4; v <= 6; v += 2) {
		s = v == 4 ? t_udp4 : t_udp6;
		len = build_frame(b, &s, &lo);
		memcpy(before, b, len);
		CU_ASSERT_EQUAL(pp_pkt_parse(b, (uint32_t)len - 1, &info),
				PP_PKT_MALFORMED);
		pp_pkt_set_dscp(b, &info, 46);
		CU_ASSERT_EQUAL(memcmp(before, b, len), 0);
	}

	/* a bad IPv4 checksum stays as wrong as it was (incremental) */
	s = t_udp4;
	len = build_frame(b, &s, &lo);
	set_full_cksum(b + lo.l3);
	put16(b + lo.l3 + 10, (uint16_t)(get16(b + lo.l3 + 10) + 1));
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	pp_pkt_set_dscp(b, &info, 46);
	CU_ASSERT_EQUAL(b[lo.l3 + 1], 46 << 2);
	CU_ASSERT_EQUAL(get16(b + lo.l3 + 10),
			(uint16_t)(ipv4_full_cksum(b + lo.l3) + 1));

	/* the same DSCP: nothing changes, checksum included */
	set_full_cksum(b + lo.l3);
	memcpy(before, b, len);
	pp_pkt_set_dscp(b, &info, 46);
	CU_ASSERT_EQUAL(memcmp(before, b, len), 0);
}

/* ---------------------------------------------------------------------- */
/* Keys and hashes.                                                         */

static void
test_key_hash(void)
{
	static const struct t_spec *specs[] = {
		&t_udp4, &t_tcp4, &t_udp6, &t_tcp6,
	};
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info a, c;
	struct pp_flow_key k;
	struct t_spec s;
	uint32_t h[8];
	size_t i, len;
	int j, l;

	CU_ASSERT_EQUAL(sizeof(struct pp_flow_key), 40);
	for (i = 0; i < RTE_DIM(specs); i++) {
		s = *specs[i];
		len = build_frame(b, &s, NULL);
		CU_ASSERT_EQUAL_FATAL(parse_exact(b, len, &a), PP_PKT_IP);
		/* Same flow: other payload, payload length, TTL, VLAN. */
		s.payload = 100;
		s.payload_fill = 0x11;
		s.ttl = 3;
		s.n_vlan = 1;
		len = build_frame(b, &s, NULL);
		CU_ASSERT_EQUAL_FATAL(parse_exact(b, len, &c), PP_PKT_IP);
		CU_ASSERT_EQUAL(memcmp(&a.key, &c.key, sizeof(a.key)), 0);
		CU_ASSERT_EQUAL(pp_pkt_key_hash(&a.key),
				pp_pkt_key_hash(&c.key));
		/* Deterministic. */
		CU_ASSERT_EQUAL(pp_pkt_key_hash(&a.key),
				pp_pkt_key_hash(&a.key));

		/* Different ports: different hashes (all distinct here). */
		for (j = 0; j < 8; j++) {
			s = *specs[i];
			s.sport = (uint16_t)(s.sport + j / 2);
			s.dport = (uint16_t)(s.dport + j % 2 * 7);
			len = build_frame(b, &s, NULL);
			CU_ASSERT_EQUAL(parse_exact(b, len, &c), PP_PKT_IP);
			h[j] = pp_pkt_key_hash(&c.key);
		}
		for (j = 0; j < 8; j++)
			for (l = j + 1; l < 8; l++)
				CU_ASSERT_NOT_EQUAL(h[j], h[l]);
	}

	/* The hash covers every byte: a change anywhere changes it. */
	memset(&k, 0, sizeof(k));
	h[0] = pp_pkt_key_hash(&k);
	for (i = 0; i < sizeof(k); i++) {
		((uint8_t *)&k)[i] = 1;
		CU_ASSERT_NOT_EQUAL(pp_pkt_key_hash(&k), h[0]);
		((uint8_t *)&k)[i] = 0;
	}

	/* A reparse into a dirty info gives the same key (fully zeroed). */
	len = build_frame(b, &t_udp4, NULL);
	memset(&a, 0xff, sizeof(a));
	memset(&c, 0x00, sizeof(c));
	parse_exact(b, len, &a);
	parse_exact(b, len, &c);
	CU_ASSERT_EQUAL(memcmp(&a.key, &c.key, sizeof(a.key)), 0);
	CU_ASSERT_EQUAL(memcmp(&a, &c, sizeof(a)), 0);
}

/* ---------------------------------------------------------------------- */
/* pp_pkt_parse_mbuf (stack mbuf, no EAL).                                  */

struct t_mbuf {
	struct rte_mbuf m;
	uint8_t data[T_MAX_FRAME];
};

static void
mbuf_init(struct t_mbuf *tm, const uint8_t *frame, size_t len)
{
	memset(&tm->m, 0, sizeof(tm->m));
	memcpy(tm->data, frame, len);
	tm->m.buf_addr = tm->data;
	tm->m.buf_len = sizeof(tm->data);
	tm->m.data_off = 0;
	tm->m.data_len = (uint16_t)len;
	tm->m.pkt_len = (uint32_t)len;
	tm->m.nb_segs = 1;
	/*
	 * No EAL, so no registration: put the field where
	 * rte_mbuf_dynfield_register() would, at the first 8-byte aligned
	 * offset of dynfield1 (the field holds a uint64_t).
	 */
	pp_pkt_meta_offset = (int)RTE_ALIGN_CEIL(
		offsetof(struct rte_mbuf, dynfield1), __alignof__(uint64_t));
	RTE_BUILD_BUG_ON(RTE_ALIGN_CEIL(offsetof(struct rte_mbuf, dynfield1),
					__alignof__(uint64_t)) +
			 sizeof(struct pp_mbuf_meta) >
			 offsetof(struct rte_mbuf, dynfield1) +
			 sizeof(((struct rte_mbuf *)0)->dynfield1));
}

static void
test_parse_mbuf(void)
{
	static const uint8_t ext[] = { 0, 44 };
	static const uint8_t ext_len[] = { 0, 0 };
	static const uint8_t big[] = { 60, 60, 60, 60 };
	static const uint8_t big_len[] = { 20, 20, 20, 20 };	/* 168 B each */
	struct t_mbuf tm;
	uint8_t b[T_MAX_FRAME];
	struct pp_pkt_info info;
	struct t_layout lo;
	struct t_spec s;
	size_t len;

	/* Malformed first: flag set, lengths and type cleared. */
	len = build_frame(b, &t_udp4, &lo);
	mbuf_init(&tm, b, len);
	tm.m.data_len = (uint16_t)(lo.l4 + 4);	/* UDP cut in segment 1 */
	tm.m.packet_type = RTE_PTYPE_L2_ETHER | RTE_PTYPE_L3_IPV4;
	tm.m.l2_len = 14;
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_MALFORMED);
	CU_ASSERT_EQUAL(pp_pkt_meta(&tm.m)->flags,
			PP_META_PARSED | PP_META_MALFORMED);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_UNKNOWN);
	CU_ASSERT_EQUAL(tm.m.l2_len, 0);

	/* Same mbuf, whole frame: MALFORMED cleared, other flags kept. */
	tm.m.data_len = (uint16_t)len;
	pp_pkt_meta(&tm.m)->flags |= 0x80;
	pp_pkt_meta(&tm.m)->seq = 77;
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(pp_pkt_meta(&tm.m)->flags, PP_META_PARSED | 0x80);
	CU_ASSERT_EQUAL(pp_pkt_meta(&tm.m)->seq, 77);
	CU_ASSERT_EQUAL(tm.m.l2_len, 14);
	CU_ASSERT_EQUAL(tm.m.l3_len, 20);
	CU_ASSERT_EQUAL(tm.m.l4_len, 8);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER |
			RTE_PTYPE_L3_IPV4 | RTE_PTYPE_L4_UDP);
	CU_ASSERT_EQUAL(info.key.sport, 1234);

	/* data_off honoured. */
	memset(&tm, 0, sizeof(tm));
	mbuf_init(&tm, b, 0);
	memcpy(tm.data + 128, b, len);
	tm.m.data_off = 128;
	tm.m.data_len = (uint16_t)len;
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_IP);
	CU_ASSERT_EQUAL(tm.m.l4_len, 8);

	/* VLAN + TCP. */
	s = t_tcp4;
	s.n_vlan = 1;
	len = build_frame(b, &s, &lo);
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_IP);
	CU_ASSERT_EQUAL(tm.m.l2_len, 18);
	CU_ASSERT_EQUAL(tm.m.l3_len, 20);
	CU_ASSERT_EQUAL(tm.m.l4_len, 20);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER_VLAN |
			RTE_PTYPE_L3_IPV4 | RTE_PTYPE_L4_TCP);
	CU_ASSERT_EQUAL(pp_pkt_meta(&tm.m)->flags, PP_META_PARSED);

	/* QinQ + IPv4 options + ICMP. */
	s = (struct t_spec){ .ipv = 4, .proto = T_PROTO_ICMP, .n_vlan = 2,
			     .ihl = 6, .icmp_type = 8 };
	len = build_frame(b, &s, &lo);
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_IP);
	CU_ASSERT_EQUAL(tm.m.l2_len, 22);
	CU_ASSERT_EQUAL(tm.m.l3_len, 24);
	CU_ASSERT_EQUAL(tm.m.l4_len, 8);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER_QINQ |
			RTE_PTYPE_L3_IPV4_EXT | RTE_PTYPE_L4_ICMP);

	/* IPv6 + UDP, and IPv6 + ext headers + first fragment. */
	len = build_frame(b, &t_udp6, &lo);
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_IP);
	CU_ASSERT_EQUAL(tm.m.l3_len, 40);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER |
			RTE_PTYPE_L3_IPV6 | RTE_PTYPE_L4_UDP);

	len = build_ipv6_ext(b, ext, ext_len, 2, 0x0001, T_PROTO_UDP, &lo);
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_IP);
	CU_ASSERT_EQUAL(tm.m.l3_len, 56);
	CU_ASSERT_EQUAL(tm.m.l4_len, 8);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER |
			RTE_PTYPE_L3_IPV6_EXT | RTE_PTYPE_L4_FRAG);
	/* Non-first IPv4 fragment. */
	len = build_frame(b, &t_udp4, &lo);
	put16(b + lo.l3 + 6, 100);
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_IP);
	CU_ASSERT_EQUAL(tm.m.l4_len, 0);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER |
			RTE_PTYPE_L3_IPV4 | RTE_PTYPE_L4_FRAG);

	/* L2 (ARP behind a tag). */
	memset(b, 0, sizeof(b));
	len = put_eth(b, 1, 0x0806) + 28;
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, &info), PP_PKT_L2);
	CU_ASSERT_EQUAL(tm.m.l2_len, 18);
	CU_ASSERT_EQUAL(tm.m.l3_len, 0);
	CU_ASSERT_EQUAL(tm.m.l4_len, 0);
	CU_ASSERT_EQUAL(tm.m.packet_type, RTE_PTYPE_L2_ETHER_VLAN);
	CU_ASSERT_EQUAL(pp_pkt_meta(&tm.m)->flags, PP_META_PARSED);
	CU_ASSERT_EQUAL(info.vlan_id, 100);

	/* IPv6 header chain longer than m->l3_len can hold (511). */
	len = build_ipv6_ext(b, big, big_len, 4, 0, T_PROTO_UDP, &lo);
	CU_ASSERT_EQUAL(parse_exact(b, len, &info), PP_PKT_IP);
	CU_ASSERT_EQUAL(info.l3_len, 40 + 4 * 168);
	mbuf_init(&tm, b, len);
	CU_ASSERT_EQUAL(pp_pkt_parse_mbuf(&tm.m, NULL), PP_PKT_MALFORMED);
	CU_ASSERT_EQUAL(pp_pkt_meta(&tm.m)->flags,
			PP_META_PARSED | PP_META_MALFORMED);
	pp_pkt_meta_offset = -1;
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "short ethernet", test_short_ethernet },
		{ "truncation matrix", test_truncation_matrix },
		{ "truncation, lengths fixed",
		  test_truncation_consistent_lengths },
		{ "ipv4 bad ihl", test_ipv4_bad_ihl },
		{ "ipv4 total length", test_ipv4_total_length },
		{ "bad ip version", test_bad_ip_version },
		{ "ipv6 payload length", test_ipv6_payload_length },
		{ "ipv6 ext truncated", test_ipv6_ext_truncated },
		{ "tcp data offset", test_tcp_doff },
		{ "udp length", test_udp_length },
		{ "icmp short", test_icmp_short },
		{ "l2 ethertypes", test_l2_ethertypes },
		{ "vlan", test_vlan },
		{ "basic matrix", test_basic_matrix },
		{ "misaligned", test_misaligned },
		{ "ethernet padding", test_ethernet_padding },
		{ "ipv4 options", test_ipv4_options },
		{ "tcp options", test_tcp_options },
		{ "ipv4 fragments", test_ipv4_fragments },
		{ "ipv6 hbh + frag", test_ipv6_hbh_frag },
		{ "ipv6 no next header", test_ipv6_no_next_header },
		{ "other ip proto", test_other_ip_proto },
		{ "icmp", test_icmp },
		{ "dscp: parse", test_dscp_parse },
		{ "dscp: set, ipv4 checksum", test_set_dscp_ipv4 },
		{ "dscp: set, ipv6", test_set_dscp_ipv6 },
		{ "dscp: not ip / malformed untouched",
		  test_set_dscp_untouched },
		{ "key and hash", test_key_hash },
		{ "parse mbuf", test_parse_mbuf },
		CU_TEST_INFO_NULL,
	};

	return pp_test_run("pkt", tests);
}
