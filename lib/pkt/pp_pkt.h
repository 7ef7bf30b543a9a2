/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_PKT_H
#define PP_PKT_H

/**
 * @file
 * Packet parsing, flow keys and hashes, and pktpipe's per-mbuf metadata.
 *
 * The parser walks Ethernet, up to two VLAN tags (0x8100 / 0x88a8), IPv4
 * (options), IPv6 (hop-by-hop, routing, fragment and destination-options
 * extension headers), then TCP, UDP, ICMP or ICMPv6. It never reads past
 * `len`. A packet is:
 *  - PP_PKT_IP: an IPv4/IPv6 packet whose headers are consistent;
 *  - PP_PKT_L2: not IP (ARP, LLDP, an unknown ethertype): not malformed,
 *    it is forwarded at L2 and its flow key is built from the MACs;
 *  - PP_PKT_MALFORMED: truncated or inconsistent headers (bad IP version,
 *    IHL < 5, lengths larger than the data, TCP data offset < 5, UDP length
 *    < 8, ...). The pipeline drops these as `malformed`.
 * Trailing bytes past the IP total length (Ethernet padding) are allowed.
 * L4 headers are bounded by the IP payload (total_length / payload_length),
 * not by the frame. Details:
 *  - a third VLAN tag makes the frame PP_PKT_L2 (ethertype 0x8100/0x88a8);
 *  - fragments: a non-first fragment gets no L4 parse (l4_len 0, ports 0,
 *    l4_proto still the IP protocol); a first fragment has its L4 header
 *    parsed if it fits in the fragment, and its UDP length is only checked
 *    to be >= 8 (it covers the whole datagram);
 *  - IPv6: hop-by-hop, routing, destination-options and fragment headers
 *    are walked, at most 8 of them: a 9th makes the packet malformed;
 *  - ICMP (in IPv4) and ICMPv6 (in IPv6) need 4 bytes; l4_len is 8 when 8
 *    bytes are there, else 4;
 *  - any other protocol, including 59 (no next header), is PP_PKT_IP with
 *    l4_len 0 and ports 0.
 *
 * Metadata that travels with a packet between lcores lives in one mbuf
 * dynamic field (struct pp_mbuf_meta) registered by pp_pkt_meta_register();
 * parse results go in the mbuf's own l2_len / l3_len / l4_len and
 * packet_type fields, where DPDK keeps them.
 *
 * Thread-safety: every function here is safe to call from any thread on
 * packets it owns, except pp_pkt_meta_register() (once, at start-up).
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>

enum pp_pkt_status {
	PP_PKT_IP = 0,
	PP_PKT_L2 = 1,
	PP_PKT_MALFORMED = 2,
};

/** Flow key: the 5-tuple for IP, MACs and ethertype for L2 packets. */
struct pp_flow_key {
	uint8_t src[16];	/**< IPv4 in the first 4 bytes; MAC for L2 */
	uint8_t dst[16];
	uint16_t sport;		/**< host order; ICMP: (type << 8) | code */
	uint16_t dport;		/**< host order; ICMP echo: identifier */
	uint8_t proto;		/**< IPPROTO_*; 0 for L2 */
	uint8_t ip_version;	/**< 4, 6, or 0 for L2 */
	uint16_t ethertype;	/**< host order, after VLAN tags */
} __rte_packed;

/** What pp_pkt_parse() found. Offsets are from the start of the frame. */
struct pp_pkt_info {
	uint16_t l2_len;	/**< Ethernet + VLAN tags */
	uint16_t l3_len;	/**< IP header incl. options / ext. headers */
	uint16_t l4_len;	/**< TCP/UDP/ICMP header; 0 if not parsed */
	uint16_t ethertype;	/**< host order, after VLAN tags */
	uint16_t vlan_id;	/**< outer VLAN id, 0 if untagged */
	uint8_t n_vlan;
	uint8_t ip_version;	/**< 4, 6 or 0 */
	uint8_t l4_proto;	/**< IPPROTO_* after IP / ext. headers, even
				 *   when L4 is not parsed; 0 for L2 */
	uint8_t status;		/**< enum pp_pkt_status */
	uint8_t dscp;		/**< IPv4 TOS >> 2 / IPv6 traffic class >> 2;
				 *   0 for L2 */
	uint16_t payload_off;	/**< l2_len + l3_len + l4_len */
	uint16_t payload_len;	/**< bytes after the parsed headers, within
				 *   the IP length (UDP: dgram_len - 8); L2:
				 *   frame bytes after Ethernet + VLAN tags */
	struct pp_flow_key key;
};

/**
 * Parse a frame.
 *
 * @param data  first byte of the Ethernet header; any alignment.
 * @param len   bytes readable at data (the parser reads nothing past it).
 * @param info  zeroed, then filled in (the key is fully zeroed first, so it
 *   can be hashed as bytes); on PP_PKT_MALFORMED only `status` is
 *   meaningful.
 * @return enum pp_pkt_status (also stored in info->status).
 */
enum pp_pkt_status pp_pkt_parse(const void *data, uint32_t len,
				struct pp_pkt_info *info);

/**
 * Hash a flow key (CRC32-C, so RX can use it like an RSS hash).
 * rte_hash_crc() over all sizeof(*key) bytes with a fixed seed: equal keys
 * give equal hashes, in every process. key may be unaligned. Never fails.
 */
uint32_t pp_pkt_key_hash(const struct pp_flow_key *key);

/* --------------------------------------------------------------------- */
/* Per-mbuf metadata (an mbuf dynamic field).                             */

/** Bits of pp_mbuf_meta.flags. */
#define PP_META_PARSED		(1u << 0)	/**< l2/l3/l4_len are set */
#define PP_META_MALFORMED	(1u << 1)	/**< parse said malformed */
#define PP_META_FHASH		(1u << 2)	/**< fhash is set */

/** Carried by every packet from RX to TX. 24 bytes. */
struct pp_mbuf_meta {
	uint64_t rx_tsc;	/**< TSC when RX took the packet */
	uint32_t seq;		/**< per RX queue sequence (ordered mode) */
	uint16_t bucket;	/**< flow bucket */
	uint8_t flags;		/**< PP_META_* */
	uint8_t src;		/**< pipeline-wide RX source id (ordered
				 *  scheduling restores the order per source) */
	/* Written by RX policing (when it is on), read by TX to count what
	 * each class and tenant transmits. */
	uint8_t cls;		/**< policing class */
	uint8_t tenant;		/**< policing tenant */
	uint8_t color;		/**< RTE_COLOR_* the meters gave */
	uint8_t pad;
	/** pp_pkt_key_hash() of the packet's flow key, when RX computed it
	 *  (PP_META_FHASH): lets later stages test it against cancelled
	 *  flows without parsing */
	uint32_t fhash;
};

/** Offset of the metadata field; valid after pp_pkt_meta_register(). */
extern int pp_pkt_meta_offset;

/**
 * Register the mbuf dynamic field. Call once after rte_eal_init(), before
 * any mempool is used.
 *
 * @return 0, or -errno from rte_mbuf_dynfield_register() (-ENOSPC: no room
 *   left in the mbuf, -ENOMEM).
 */
int pp_pkt_meta_register(void);

/** The metadata of m. */
static inline struct pp_mbuf_meta *
pp_pkt_meta(struct rte_mbuf *m)
{
	return RTE_MBUF_DYNFIELD(m, pp_pkt_meta_offset, struct pp_mbuf_meta *);
}

/**
 * Parse the first segment of m and record the result: m->l2_len, l3_len,
 * l4_len and packet_type, and PP_META_PARSED / PP_META_MALFORMED in the
 * metadata flags. Headers that do not fit in the first segment make the
 * packet malformed (no multi-segment header walking).
 *
 * packet_type: RTE_PTYPE_L2_ETHER / _VLAN / _QINQ, RTE_PTYPE_L3_IPV4 /
 * _IPV4_EXT (options) / _IPV6 / _IPV6_EXT (extension headers) and
 * RTE_PTYPE_L4_TCP / _UDP / _ICMP (ICMPv6 too), or RTE_PTYPE_L4_FRAG for
 * every fragment, the first one included (as DPDK drivers report it; the
 * first fragment's l4_len is still set when its L4 header was parsed).
 * When malformed: l2/l3/l4_len are 0 and packet_type RTE_PTYPE_UNKNOWN.
 * An IPv6 header chain longer than m->l3_len can hold (511 bytes) is
 * reported malformed here. Other metadata flag bits are left alone.
 *
 * @param info  if not NULL, receives the full parse result.
 * @return enum pp_pkt_status.
 */
enum pp_pkt_status pp_pkt_parse_mbuf(struct rte_mbuf *m,
				     struct pp_pkt_info *info);

/**
 * Write the source and destination MAC of the frame at `data` (which must
 * hold at least an Ethernet header; parsed packets always do). Takes the
 * data, not the mbuf, so a worker can rewrite a packet without touching
 * its mbuf header.
 */
static inline void
pp_pkt_set_macs(void *data, const struct rte_ether_addr *src,
		const struct rte_ether_addr *dst)
{
	struct rte_ether_hdr *eth = data;

	rte_ether_addr_copy(dst, &eth->dst_addr);
	rte_ether_addr_copy(src, &eth->src_addr);
}

/**
 * Rewrite the DSCP of the IP packet at `data` that pp_pkt_parse() found
 * to be PP_PKT_IP (info from that parse), keeping the ECN bits: the IPv4
 * TOS byte with the header checksum updated incrementally (RFC 1624; the
 * result equals a full recomputation, and a checksum that was wrong stays
 * wrong by as much), or the 6 DSCP bits of the IPv6 traffic class
 * (version and flow label kept; IPv6 has no header checksum). Does nothing
 * for other packets (PP_PKT_L2, PP_PKT_MALFORMED). info->dscp is not
 * updated. Never fails; no validation beyond info->status (info must come
 * from parsing these very bytes). `data` may have any alignment. Any
 * thread, on a packet it owns.
 *
 * @param dscp  0..63 (higher bits are ignored).
 */
void pp_pkt_set_dscp(void *data, const struct pp_pkt_info *info,
		     uint8_t dscp);

#endif /* PP_PKT_H */
