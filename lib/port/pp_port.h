/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_PORT_H
#define PP_PORT_H

/**
 * @file
 * Ethdev set-up for any port: PCI NICs and the vdevs (net_null, net_ring,
 * net_pcap, net_memif, net_tap, net_vhost).
 *
 * A port's `dev` is looked up by ethdev name; a vdev that EAL was not
 * given with --vdev is created here ("net_pcap0,rx_pcap=in.pcap"). RSS is
 * enabled when the device offers it (and the RSS hash is delivered in the
 * mbuf, so RX needs no software hash); TX uses MBUF_FAST_FREE where offered
 * (all our mbufs come from one pool per socket, refcount 1).
 *
 * Thread-safety: control thread only.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mempool.h>

#include "pp_cfg.h"

struct pp_port {
	const struct pp_cfg_port *cfg;
	uint16_t port_id;
	int socket_id;		/**< SOCKET_ID_ANY mapped to 0 */
	uint16_t n_rxq;
	uint16_t n_txq;
	bool rss;		/**< RSS configured (hash in the mbuf) */
	bool configured;
	bool started;
	bool created_vdev;	/**< we created it: we remove it */
	struct rte_ether_addr mac;
	char dev_name[RTE_ETH_NAME_MAX_LEN];
};

/**
 * Find (or create, for a vdev) the device of c and check the queue counts
 * against what it supports.
 *
 * @param origin  config file name, for messages.
 * @return 0, or -ENODEV (no such device, vdev creation failed), -EINVAL
 *   (more queues than the device has); err says which.
 */
int pp_port_open(struct pp_port *p, const struct pp_cfg_port *c,
		 uint16_t n_txq, const char *origin, struct pp_cfg_err *err);

/**
 * Configure queues on the pool, set the MTU, set promiscuous mode, start
 * the port.
 *
 * The MTU is only set (rte_eth_dev_set_mtu()) when `mtu` differs from the
 * device's after configure (1500): a device that cannot change it (memif,
 * vhost, ring in 22.11: -ENOTSUP; or past its max_mtu: -EINVAL) gets
 * a warning, not a failure, and keeps its MTU. So does a device without
 * promiscuous mode.
 *
 * @param mtu  the MTU the pipeline's largest frame needs (RTE_ETHER_MTU
 *   unless a generator makes larger frames).
 * @return 0 or -errno from ethdev; err says which call failed.
 */
int pp_port_start(struct pp_port *p, struct rte_mempool *mp, uint16_t mtu,
		  const char *origin, struct pp_cfg_err *err);

/**
 * Wait up to timeout_ms for every port's link to come up, logging each
 * link. A link still down is a warning (virtual devices are always up).
 */
void pp_port_wait_links(struct pp_port *ports, unsigned int n,
			unsigned int timeout_ms);

/**
 * Free what waits in the port's RX queues, at most `max` packets. For
 * ports whose RX nobody polls (output only) once the lcores have returned:
 * a loopback device (net_ring, a memif or vhost peer that echoes) holds
 * mbufs of ours there, which its close would not give back to the pool.
 *
 * @return the number of packets freed.
 */
uint64_t pp_port_reclaim(struct pp_port *p, uint64_t max);

/**
 * Stop and close the port (its queues release their mbufs), and remove a
 * vdev we created. Safe on a port that never started; idempotent.
 */
void pp_port_close(struct pp_port *p);

#endif /* PP_PORT_H */
