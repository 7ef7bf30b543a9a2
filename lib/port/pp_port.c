/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "pp_common.h"
#include "pp_port.h"

#define PP_ERR(err, origin, c, key, ...) do { \
	int n_ = snprintf((err)->msg, sizeof((err)->msg), "%s: [port.%s] %s: ", \
			  (origin), (c)->name, (key)); \
	if (n_ > 0 && (size_t)n_ < sizeof((err)->msg)) \
		snprintf((err)->msg + n_, sizeof((err)->msg) - n_, __VA_ARGS__); \
} while (0)

int
pp_port_open(struct pp_port *p, const struct pp_cfg_port *c, uint16_t n_txq,
	     const char *origin, struct pp_cfg_err *err)
{
	struct rte_eth_dev_info info;
	const char *comma = strchr(c->dev, ',');
	size_t name_len = comma != NULL ? (size_t)(comma - c->dev) :
		strlen(c->dev);
	uint16_t port_id;
	int rc;

	memset(p, 0, sizeof(*p));
	p->cfg = c;
	if (name_len == 0 || name_len >= sizeof(p->dev_name)) {
		PP_ERR(err, origin, c, "dev", "'%s' is not a device name", c->dev);
		return -EINVAL;
	}
	memcpy(p->dev_name, c->dev, name_len);
	p->dev_name[name_len] = '\0';

	rc = rte_eth_dev_get_port_by_name(p->dev_name, &port_id);
	if (rc != 0 && strncmp(p->dev_name, "net_", 4) == 0) {
		/* A vdev not given to EAL: create it with the args after ','. */
		rc = rte_vdev_init(p->dev_name, comma != NULL ? comma + 1 : "");
		if (rc != 0) {
			/* rte_vdev_init() says -1 for "no such driver" and
			 * for "the driver refused its arguments" alike. */
			PP_ERR(err, origin, c, "dev", "cannot create vdev '%s': "
			       "%s", c->dev, rc == -1 ? "no vdev driver of that "
			       "name, or it refused its arguments (see the "
			       "driver's message above; known here: net_null, "
			       "net_ring, net_pcap, net_memif, net_tap, "
			       "net_vhost)" : strerror(-rc));
			return -ENODEV;
		}
		p->created_vdev = true;
		rc = rte_eth_dev_get_port_by_name(p->dev_name, &port_id);
	} else if (rc == 0 && comma != NULL) {
		PP_LOG(WARNING, "%s: [port.%s] dev: '%s' already exists (from "
		       "--vdev?); its arguments in the config are ignored",
		       origin, c->name, p->dev_name);
	}
	if (rc != 0) {
		PP_ERR(err, origin, c, "dev", "no ethdev named '%s' (a PCI "
		       "device must be bound to a DPDK driver and allowed "
		       "with -a; a vdev name starts with net_)", p->dev_name);
		return -ENODEV;
	}
	p->port_id = port_id;
	rc = rte_eth_dev_info_get(port_id, &info);
	if (rc != 0) {
		PP_ERR(err, origin, c, "dev", "cannot read device info: %s",
		       strerror(-rc));
		return -ENODEV;
	}
	if (c->rx_queues > info.max_rx_queues) {
		PP_ERR(err, origin, c, "rx_queues", "%u RX queues asked, '%s' "
		       "has at most %u", c->rx_queues, p->dev_name,
		       info.max_rx_queues);
		return -EINVAL;
	}
	if (n_txq > info.max_tx_queues) {
		PP_ERR(err, origin, c, "dev", "%u TX queues needed (one per tx "
		       "lcore), '%s' has at most %u", n_txq, p->dev_name,
		       info.max_tx_queues);
		return -EINVAL;
	}
	p->n_rxq = c->rx_queues;
	p->n_txq = n_txq;
	p->socket_id = rte_eth_dev_socket_id(port_id);
	if (p->socket_id < 0)
		p->socket_id = 0;
	rte_eth_macaddr_get(port_id, &p->mac);
	return 0;
}

int
pp_port_start(struct pp_port *p, struct rte_mempool *mp, uint16_t mtu,
	      const char *origin, struct pp_cfg_err *err)
{
	const struct pp_cfg_port *c = p->cfg;
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	struct rte_eth_rxconf rxq;
	struct rte_eth_txconf txq;
	uint16_t rxd = c->rxd, txd = c->txd, q, cur_mtu;
	int rc;

	rc = rte_eth_dev_info_get(p->port_id, &info);
	if (rc != 0)
		goto fail_info;
	memset(&conf, 0, sizeof(conf));
	if (c->rss && info.flow_type_rss_offloads != 0) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = info.flow_type_rss_offloads &
			(RTE_ETH_RSS_IP | RTE_ETH_RSS_TCP | RTE_ETH_RSS_UDP);
		if (info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_RSS_HASH)
			conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
		p->rss = true;
	} else if (c->rss && c->rx_queues > 1) {
		PP_LOG(WARNING, "%s: [port.%s] rss: '%s' offers no RSS; its %u "
		       "RX queues will not share the load", origin, c->name,
		       p->dev_name, c->rx_queues);
	}
	if (info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;

	rc = rte_eth_dev_configure(p->port_id, p->n_rxq, p->n_txq, &conf);
	if (rc != 0) {
		PP_ERR(err, origin, c, "dev", "rte_eth_dev_configure(%u rxq, %u "
		       "txq) failed: %s", p->n_rxq, p->n_txq, strerror(-rc));
		return rc;
	}
	p->configured = true;
	/* Many vdevs cannot change their MTU (22.11: memif, vhost, ring
	 * say -ENOTSUP; pktgen aborts on that, DPDK-NOTES): warn and go
	 * on with the MTU the device has; larger frames may then be dropped
	 * by the device, and its counters show it. */
	if (rte_eth_dev_get_mtu(p->port_id, &cur_mtu) != 0 || cur_mtu != mtu) {
		rc = rte_eth_dev_set_mtu(p->port_id, mtu);
		if (rc == -ENOTSUP || rc == -EINVAL || rc == -ENOSYS)
			PP_LOG(WARNING, "%s: [port.%s] dev: '%s' cannot set MTU %u "
			       "(%s); keeping MTU %u", origin, c->name,
			       p->dev_name, mtu, strerror(-rc),
			       rte_eth_dev_get_mtu(p->port_id, &cur_mtu) == 0 ?
			       cur_mtu : 0);
		else if (rc != 0) {
			PP_ERR(err, origin, c, "dev", "setting MTU %u failed: %s",
			       mtu, strerror(-rc));
			return rc;
		}
	}
	rc = rte_eth_dev_adjust_nb_rx_tx_desc(p->port_id, &rxd, &txd);
	if (rc != 0) {
		PP_ERR(err, origin, c, "rxd", "descriptor counts %u/%u refused: "
		       "%s", c->rxd, c->txd, strerror(-rc));
		return rc;
	}
	rxq = info.default_rxconf;
	rxq.offloads = conf.rxmode.offloads;
	for (q = 0; q < p->n_rxq; q++) {
		rc = rte_eth_rx_queue_setup(p->port_id, q, rxd, p->socket_id,
					    &rxq, mp);
		if (rc != 0) {
			PP_ERR(err, origin, c, "rx_queues", "RX queue %u set-up "
			       "failed: %s", q, strerror(-rc));
			return rc;
		}
	}
	txq = info.default_txconf;
	txq.offloads = conf.txmode.offloads;
	for (q = 0; q < p->n_txq; q++) {
		rc = rte_eth_tx_queue_setup(p->port_id, q, txd, p->socket_id,
					    &txq);
		if (rc != 0) {
			PP_ERR(err, origin, c, "txd", "TX queue %u set-up failed: "
			       "%s", q, strerror(-rc));
			return rc;
		}
	}
	if (c->promisc) {
		rc = rte_eth_promiscuous_enable(p->port_id);
		if (rc != 0)
			PP_LOG(WARNING, "%s: [port.%s] promisc: not supported by "
			       "'%s' (%s); continuing", origin, c->name,
			       p->dev_name, strerror(-rc));
	}
	rc = rte_eth_dev_start(p->port_id);
	if (rc != 0) {
		PP_ERR(err, origin, c, "dev", "rte_eth_dev_start failed: %s",
		       strerror(-rc));
		return rc;
	}
	p->started = true;
	PP_LOG(INFO, "port %u (%s, [port.%s]): %u rxq, %u txq, %u/%u desc, "
	       "rss %s, socket %d, mac " RTE_ETHER_ADDR_PRT_FMT, p->port_id,
	       p->dev_name, c->name, p->n_rxq, p->n_txq, rxd, txd,
	       p->rss ? "on" : "off", p->socket_id,
	       RTE_ETHER_ADDR_BYTES(&p->mac));
	return 0;

fail_info:
	PP_ERR(err, origin, c, "dev", "cannot read device info: %s",
	       strerror(-rc));
	return rc;
}

void
pp_port_wait_links(struct pp_port *ports, unsigned int n,
		   unsigned int timeout_ms)
{
	uint64_t deadline = rte_get_timer_cycles() +
		rte_get_timer_hz() * timeout_ms / 1000;
	struct rte_eth_link link;
	unsigned int i, up;

	do {
		up = 0;
		for (i = 0; i < n; i++) {
			memset(&link, 0, sizeof(link));
			if (rte_eth_link_get_nowait(ports[i].port_id, &link) == 0
			    && link.link_status == RTE_ETH_LINK_UP)
				up++;
		}
		if (up == n)
			break;
		rte_delay_ms(50);
	} while (rte_get_timer_cycles() < deadline);

	for (i = 0; i < n; i++) {
		memset(&link, 0, sizeof(link));
		rte_eth_link_get_nowait(ports[i].port_id, &link);
		/* rte_eth_link_to_str() is experimental in 22.11. */
		if (link.link_status == RTE_ETH_LINK_UP)
			PP_LOG(INFO, "port %u (%s): link up, %u Mbps, %s",
			       ports[i].port_id, ports[i].dev_name,
			       link.link_speed,
			       link.link_duplex ? "full duplex" : "half duplex");
		else
			PP_LOG(WARNING, "port %u (%s): link down after %u ms; "
			       "continuing", ports[i].port_id,
			       ports[i].dev_name, timeout_ms);
	}
}

uint64_t
pp_port_reclaim(struct pp_port *p, uint64_t max)
{
	struct rte_mbuf *pkts[64];
	uint64_t total = 0;
	uint16_t q, n;

	if (!p->started)
		return 0;
	for (q = 0; q < p->n_rxq; q++)
		do {
			n = rte_eth_rx_burst(p->port_id, q, pkts,
					     RTE_DIM(pkts));
			rte_pktmbuf_free_bulk(pkts, n);
			total += n;
		} while (n != 0 && total < max);
	return total;
}

void
pp_port_close(struct pp_port *p)
{
	int rc;

	if (p->started) {
		rc = rte_eth_dev_stop(p->port_id);
		if (rc != 0)
			PP_LOG(WARNING, "port %u: stop: %s", p->port_id,
			       strerror(-rc));
		p->started = false;
	}
	if (p->configured) {
		rc = rte_eth_dev_close(p->port_id);
		if (rc != 0)
			PP_LOG(WARNING, "port %u: close: %s", p->port_id,
			       strerror(-rc));
		p->configured = false;
	}
	if (p->created_vdev) {
		rte_vdev_uninit(p->dev_name);
		p->created_vdev = false;
	}
}
