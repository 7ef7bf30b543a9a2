/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_GEN_H
#define PP_GEN_H

/**
 * @file
 * The built-in traffic generator (a source an RX lcore polls instead of a
 * port queue) and the matching checker (a sink a TX lcore feeds instead of
 * a port, also usable directly by tests).
 *
 * Packets: Ethernet [VLAN] IPv4|IPv6 UDP|TCP, then a struct pp_gen_payload
 * carrying the flow id and a per-flow sequence number. Flow f (0 ..
 * flows-1) belongs to generator queue (f % queues), so each flow has one
 * sequence counter and one RX queue, like RSS would give. Its id is
 * flow_base + f (the generators of one config number their flows one
 * after the other); the addresses and ports are a fixed function of the
 * id (pp_gen_flow_key()), so tests can predict them.
 *
 * Malformed packets (the `malformed` fraction) have inconsistent IP lengths;
 * they carry no payload marker, use no sequence number and are counted in
 * struct pp_gen_stats.malformed.
 *
 * Flow id f: IPv4 10.0.0.0 + f -> 198.18.0.1, or IPv6 2001:db8::f ->
 * 2001:db8:1::1; sport 1024 + f % 50000, dport 5001. Frame length is
 * pkt_len, or with `imix` 60/590/1514 in a 7:4:1 mix, each raised to the
 * shortest frame the headers and the marker fit in (58 .. 94 bytes). UDP
 * and TCP checksums are 0 (not computed); the IPv4 header checksum is set.
 * Everything random (flow picks, IMIX sizes, which packets are malformed)
 * comes from a per-queue PRNG seeded from `seed`: the same configuration
 * gives the same packets.
 *
 * Thread-safety: a struct pp_gen (one generator queue) is used by one lcore
 * at a time. A struct pp_chk is written by one lcore at a time; its stats
 * may be read from any thread (relaxed, possibly a little stale).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "pp_cfg.h"
#include "pp_pkt.h"

#define PP_GEN_MAGIC 0x70705047u	/**< "ppPG" */

/**
 * What follows the L4 header of every well-formed generated packet, in
 * host byte order (generator and checker run on one host). At any
 * alignment: read it with memcpy.
 */
struct pp_gen_payload {
	uint32_t magic;		/**< PP_GEN_MAGIC */
	uint32_t flow;		/**< flow id, flow_base + 0 .. flows-1 */
	uint64_t seq;		/**< per-flow sequence, from 0 */
} __rte_packed;

struct pp_gen;

struct pp_gen_stats {
	uint64_t packets;	/**< handed out, malformed included */
	uint64_t bytes;
	uint64_t malformed;	/**< of which malformed on purpose */
	uint64_t alloc_fail;	/**< mbufs the mempool could not give */
	uint64_t missed;	/**< due by the rate but not taken in time
				 *  (the caller polled too slowly): a NIC's
				 *  imissed */
	bool done;		/**< its share of `count` is all out */
};

/**
 * Create generator queue `queue` of params p (validated by pp_cfg).
 *
 * The queue owns flows queue, queue + queues, queue + 2 * queues, ...; it
 * gets rate_pps / queues and count / queues, the remainders going one each
 * to the lowest queues. A queue left with no flow (flows < queues) or no
 * packet of a non-zero count is done from the start; one whose share of a
 * non-zero rate is 0 never sends.
 *
 * @param p  copied: it need not outlive the generator.
 * @param mp  pool to allocate packets from; its data room must hold the
 *   longest frame after the default headroom.
 * @return the generator, or NULL with rte_errno = EINVAL (p or mp NULL,
 *   queue out of range, a parameter out of range, mbufs too small) or
 *   ENOMEM.
 */
struct pp_gen *pp_gen_create(const struct pp_cfg_gen *p, uint16_t queue,
			     struct rte_mempool *mp, int socket_id);

/** Free; NULL is a no-op. */
void pp_gen_free(struct pp_gen *g);

/**
 * Produce up to n packets, as rte_eth_rx_burst() would.
 *
 * Paced by `rate_pps` (this queue's share of it) against now_tsc; flat out
 * when the rate is 0. The first call only starts the pacing clock. Credit
 * not used (n too small, mbufs short) is kept, up to about 1 ms of the
 * rate (at least 512 packets), like a NIC's RX ring: a stalled caller never
 * gets a flood, and what the cap refuses counts in `missed`. Stops for
 * good once its share of `count` is out.
 *
 * Only the frame, data_len and pkt_len are written; everything else in
 * the mbufs is as rte_pktmbuf_alloc() left it. When the pool cannot give
 * all of them, fewer are made (the shortfall counts in alloc_fail); it
 * never blocks.
 *
 * @param now_tsc  current TSC (passed in, so tests can use synthetic time).
 * @param due_tsc  NULL, or room for n: the TSC each packet was due at by
 *   the rate (evenly spaced, the newest at now_tsc; all now_tsc when flat
 *   out), what a NIC's arrival timestamp would say. A caller that falls
 *   behind sees its packets as old as they are.
 * @return packets written to pkts (0..n); the caller owns them.
 */
uint16_t pp_gen_burst(struct pp_gen *g, struct rte_mbuf **pkts, uint16_t n,
		      uint64_t now_tsc, uint64_t *due_tsc);

/** Copy the generator's counters (exact when read by its own lcore). */
void pp_gen_stats_get(const struct pp_gen *g, struct pp_gen_stats *st);

/**
 * The flow key flow `flow` of p has (the key pp_pkt_parse() returns for
 * its well-formed packets).
 */
void pp_gen_flow_key(const struct pp_cfg_gen *p, uint32_t flow,
		     struct pp_flow_key *key);

/* --------------------------------------------------------------------- */
/* Checker                                                               */

struct pp_chk;

/** Per-flow verdicts; a flow's sequence numbers should arrive 0,1,2,... */
struct pp_chk_flow {
	uint64_t packets;	/**< seen */
	uint64_t next;		/**< highest seq seen + 1 */
	uint64_t window;	/**< bit i: seq (next - 1 - i) was seen */
	uint64_t reorders;	/**< arrived after a higher seq (late) */
	uint64_t duplicates;	/**< a seq seen before (within 64 back) */
	uint64_t gaps;		/**< seqs skipped over when a higher one came */
	uint64_t last_tsc;	/**< TSC of the burst that last had one of
				 *  its packets (pp_chk_burst()) */
};

struct pp_chk_stats {
	uint64_t packets;	/**< with a valid payload marker */
	uint64_t unknown;	/**< no marker, or flow id out of range */
	uint64_t reorders;
	uint64_t duplicates;
	uint64_t gaps;
	uint32_t flows_seen;
};

/**
 * Create a checker for flow ids 0 .. n_flows-1.
 * @return NULL with rte_errno = EINVAL (n_flows 0) or ENOMEM.
 */
struct pp_chk *pp_chk_create(uint32_t n_flows, int socket_id);

/** Free; NULL is a no-op. */
void pp_chk_free(struct pp_chk *c);

/**
 * Record one (flow, seq) observation. The core of the checker, exposed so
 * that unit tests drive it without mbufs.
 *
 * Duplicates within 64 sequence numbers behind the highest are told apart
 * from late (reordered) packets by a bit window; further back, a repeat
 * counts as a reorder. Sequences start at 0: a jump forward (the first
 * packet of a flow included) counts the skipped ones as gaps, and a late
 * packet inside the window takes one gap back. A flow id out of range
 * counts as unknown.
 */
void pp_chk_observe(struct pp_chk *c, uint32_t flow, uint64_t seq);

/**
 * Inspect n packets (parses each, reads the payload marker). Does not free
 * or modify them. A packet that is not well-formed IP, has no room for a
 * marker, or whose marker has the wrong magic counts as unknown.
 */
void pp_chk_burst(struct pp_chk *c, struct rte_mbuf **pkts, uint16_t n);

/** Totals over all flows. */
void pp_chk_stats_get(const struct pp_chk *c, struct pp_chk_stats *st);

/** Per-flow state of flow `flow`, or NULL if out of range. */
const struct pp_chk_flow *pp_chk_flow_get(const struct pp_chk *c,
					  uint32_t flow);

/** Number of flows the checker was created for. */
uint32_t pp_chk_n_flows(const struct pp_chk *c);

#endif /* PP_GEN_H */
