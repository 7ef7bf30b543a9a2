/* SPDX-License-Identifier: BSD-3-Clause */
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf_pool_ops.h>
#include <rte_pdump.h>

#include "pp_common.h"
#include "pp_ctl.h"
#include "pp_pipeline.h"
#include "pp_pipeline_pvt.h"
#include "pp_pkt.h"

/* A bucket that moved stays with its new owner at least this long, so two
 * workers that are idle in turn cannot bounce it between them. */
#define PP_BUCKET_HOLD_MS 10

/* Ordered: how long a hole (a packet dropped upstream after RX numbered
 * it) may hold back its RX queue's later packets before TX gives up on
 * it. A full window gives up sooner. */
#define PP_REORDER_TIMEOUT_MS 1

/* Packets freed at most from one unpolled RX queue set at stop. */
#define PP_RECLAIM_MAX (1u << 20)

#define PP_ERRF(err, ...) snprintf((err)->msg, sizeof((err)->msg), __VA_ARGS__)

/* rte_pdump_init() succeeded: dpdk-dumpcap and dpdk-pdump (secondary
 * processes) can capture on our ports. One per process, as pdump's state. */
static bool pp_pdump_on;

/* Let dpdk-dumpcap / dpdk-pdump attach. They are secondary processes: they
 * need a hugepage primary (README "Capture"); with --no-huge or
 * --in-memory they cannot attach, but the call is harmless. A failure is
 * a warning: capture is a debugging aid, not part of the data path. */
static void
pp_pdump_start(void)
{
	if (pp_pdump_on)
		return;
	if (rte_pdump_init() != 0) {
		PP_LOG(WARNING, "packet capture (rte_pdump_init) unavailable: "
		       "%s; dpdk-dumpcap will not attach",
		       rte_strerror(rte_errno));
		return;
	}
	pp_pdump_on = true;
}

static void
pp_pdump_stop(void)
{
	if (!pp_pdump_on)
		return;
	rte_pdump_uninit();
	pp_pdump_on = false;
}

/* True when two lcores with roles run on a common CPU: then the kernel
 * time-slices them, and a thread preempted inside a multi-producer or
 * multi-consumer ring operation stalls its peers for a whole slice unless
 * the ring uses RTS/HTS sync (DPDK-NOTES.md, gotcha 1). */
static bool
pp_lcores_share_cpu(const struct pp_cfg *cfg)
{
	unsigned int i, j;

	for (i = 0; i < cfg->n_lcores; i++) {
		rte_cpuset_t a = rte_lcore_cpuset(cfg->lcores[i].lcore_id);

		for (j = i + 1; j < cfg->n_lcores; j++) {
			rte_cpuset_t b = rte_lcore_cpuset(cfg->lcores[j].lcore_id);
			rte_cpuset_t both;

			CPU_AND(&both, &a, &b);
			if (CPU_COUNT(&both) != 0)
				return true;
		}
	}
	return false;
}

/* Mbufs one pool needs so that no queue, ring or cache can starve it:
 * every RX descriptor filled, every TX descriptor and ring slot holding a
 * packet, a burst staged per lcore and stage, and every lcore cache at its
 * flush threshold (1.5 x size). */
static uint32_t
pp_mbufs_needed(const struct pp_cfg *cfg, uint16_t n_workers, uint16_t n_tx)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i < cfg->n_ports; i++)
		n += (uint64_t)cfg->ports[i].rx_queues * cfg->ports[i].rxd +
			(uint64_t)n_tx * cfg->ports[i].txd;
	n += (uint64_t)n_workers * (cfg->worker_ring_size + cfg->tx_ring_size);
	n += (uint64_t)cfg->n_lcores * cfg->burst * (n_workers + 3);
	n += (uint64_t)rte_lcore_count() * cfg->mbuf_cache * 3 / 2;
	n += 1024;
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

/* The largest L2 frame (without FCS) a generator makes; 0 if none. */
static uint32_t
pp_max_gen_frame(const struct pp_cfg *cfg)
{
	uint32_t max = 0, len;
	unsigned int i;

	for (i = 0; i < cfg->n_gens; i++) {
		len = cfg->gens[i].imix ? 1514 : cfg->gens[i].pkt_len;
		max = RTE_MAX(max, len);
	}
	return max;
}

static uint16_t
pp_data_room(const struct pp_cfg *cfg)
{
	return (uint16_t)RTE_MAX((uint32_t)RTE_MBUF_DEFAULT_BUF_SIZE,
				 pp_max_gen_frame(cfg) + RTE_PKTMBUF_HEADROOM);
}

/* The MTU ports get: 1500, or what the largest generator frame needs
 * (its L2 length less the Ethernet header), so a port can carry every
 * frame the pipeline makes. pp_port_start() only warns when a device
 * cannot change its MTU. */
static uint16_t
pp_port_mtu(const struct pp_cfg *cfg)
{
	uint32_t frame = pp_max_gen_frame(cfg);

	return (uint16_t)RTE_MAX((uint32_t)RTE_ETHER_MTU,
				 frame > RTE_ETHER_HDR_LEN ?
				 frame - RTE_ETHER_HDR_LEN : 0);
}

/* Fault in every page of a pool chunk now, not on the data path: with
 * --no-huge the memory is 4 KiB anonymous pages first touched when a
 * packet lands in them (tens of thousands of faults in the first seconds).
 * A same-value write keeps what rte_pktmbuf_init() wrote; atomics so the
 * compiler cannot drop it. */
static void
pp_pool_prefault(struct rte_mempool *mp, void *arg,
		 struct rte_mempool_memhdr *memhdr, unsigned int idx)
{
	uint8_t *p = memhdr->addr, *end = p + memhdr->len;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	RTE_SET_USED(mp);
	RTE_SET_USED(arg);
	RTE_SET_USED(idx);
	for (; p < end; p += page)
		__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED),
				 __ATOMIC_RELAXED);
}

static struct rte_mempool *
pp_pool_get(struct pp_pipeline *pl, int socket, bool shared_cpu,
	    struct pp_cfg_err *err)
{
	const struct pp_cfg *cfg = pl->cfg;
	char name[RTE_MEMPOOL_NAMESIZE];
	uint32_t n;

	if (socket < 0 || socket >= RTE_MAX_NUMA_NODES)
		socket = 0;
	if (pl->pool[socket] != NULL)
		return pl->pool[socket];
	n = cfg->mbufs != 0 ? cfg->mbufs :
		pp_mbufs_needed(cfg, pl->n_workers, pl->n_tx);
	PP_SNPRINTF(name, "pp_mbuf_%d", socket);
	/* The user's --mbuf-pool-ops-name wins; otherwise lcores that share a
	 * CPU get the RTS ring so preemption cannot stall the pool. */
	if (shared_cpu && rte_eal_mbuf_user_pool_ops() == NULL)
		pl->pool[socket] = rte_pktmbuf_pool_create_by_ops(name, n,
			cfg->mbuf_cache, 0, pp_data_room(cfg), socket,
			"ring_mt_rts");
	else
		pl->pool[socket] = rte_pktmbuf_pool_create(name, n,
			cfg->mbuf_cache, 0, pp_data_room(cfg), socket);
	if (pl->pool[socket] == NULL) {
		PP_ERRF(err, "%s: [pipeline] mbufs: cannot create a pool of %u "
			"mbufs on socket %d: %s (with --no-huge raise -m; with "
			"hugepages reserve more, see scripts/setup-hugepages.sh)",
			cfg->path, n, socket, rte_strerror(rte_errno));
		return NULL;
	}
	rte_mempool_mem_iter(pl->pool[socket], pp_pool_prefault, NULL);
	PP_LOG(INFO, "mempool %s: %u mbufs of %u bytes, cache %u, ops %s",
	       name, n, pp_data_room(cfg), cfg->mbuf_cache,
	       rte_mempool_get_ops(pl->pool[socket]->ops_index)->name);
	return pl->pool[socket];
}

static struct rte_ring *
pp_ring(const char *kind, unsigned int idx, unsigned int esize, uint32_t size,
	int socket, unsigned int flags, const struct pp_cfg *cfg,
	struct pp_cfg_err *err)
{
	char name[RTE_RING_NAMESIZE];
	struct rte_ring *r;

	snprintf(name, sizeof(name), "pp_%s_%u", kind, idx);
	r = rte_ring_create_elem(name, esize, size, socket, flags);
	if (r == NULL)
		PP_ERRF(err, "%s: [pipeline] %s_ring_size: cannot create ring "
			"%s of %u: %s", cfg->path, kind, name, size,
			rte_strerror(rte_errno));
	return r;
}

static int
pp_wire_outputs(struct pp_pipeline *pl)
{
	const struct pp_cfg *cfg = pl->cfg;
	unsigned int i, g;

	for (i = 0; i < PP_N_IN; i++)
		pl->ins[i].out = PP_OUT_NONE;
	pl->n_outs = cfg->n_ports + 1;
	for (i = 0; i < cfg->n_ports; i++) {
		struct pp_out *o = &pl->outs[i];
		const struct pp_cfg_port *cp = &cfg->ports[i];

		o->kind = PP_OUT_PORT;
		o->port_id = pl->ports[i].port_id;
		o->src = pl->ports[i].mac;
		if (cp->has_peer_mac) {
			o->dst = cp->peer_mac;
		} else {
			/* No peer given: testpmd's default peer, a locally
			 * administered address naming the output port. */
			struct rte_ether_addr d = {{ 0x02, 0, 0, 0, 0, 0 }};

			d.addr_bytes[5] = (uint8_t)i;
			o->dst = d;
		}
	}
	pl->outs[cfg->n_ports].kind = PP_OUT_CHECKER;

	for (i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].fwd_name[0] != '\0')
			pl->ins[i].out =
				cfg->ports[i].fwd.kind == PP_OUT_CHECKER ?
				cfg->n_ports : cfg->ports[i].fwd.idx;
	for (g = 0; g < cfg->n_gens; g++) {
		const struct pp_cfg_gen *cg = &cfg->gens[g];
		struct pp_in *in = &pl->ins[PP_GEN_IN_BASE + g];

		in->out = cg->fwd.kind == PP_OUT_CHECKER ? cfg->n_ports :
			cg->fwd.idx;
		in->cost = cg->cost;
		in->flow_base = cg->flow_base;
		in->cost_below = (uint32_t)(cg->cost_flows * cg->flows + 0.5);
	}
	return 0;
}

/* Whether some input forwards to output o (only those get rings). */
static bool
pp_out_reachable(const struct pp_pipeline *pl, uint8_t o)
{
	unsigned int i;

	for (i = 0; i < PP_N_IN; i++)
		if (pl->ins[i].out == o)
			return true;
	return false;
}

/* Ordered: which tx lcore holds each RX queue's reorder window: the
 * queue's own lcore if it has the tx role (run to completion keeps it
 * local), else the tx lcores in turn. Sources and tx indices are numbered
 * in lcore order, as pp_pipeline_create() numbers them. */
static void
pp_assign_src_tx(struct pp_pipeline *pl, bool *tx_used)
{
	const struct pp_cfg *cfg = pl->cfg;
	unsigned int i, s, gid = 0, t = 0;

	memset(pl->src_tx, 0xff, sizeof(pl->src_tx));	/* no source */
	for (i = 0; i < cfg->n_lcores; i++) {
		const struct pp_cfg_lcore *lc = &cfg->lcores[i];
		bool own = lc->roles & PP_ROLE_TX;

		for (s = 0; s < lc->n_rx && gid < UINT8_MAX; s++, gid++) {
			pl->src_tx[gid] = (uint8_t)(own ? t : gid % pl->n_tx);
			tx_used[pl->src_tx[gid]] = true;
		}
		if (own)
			t++;
	}
}

static uint32_t
pp_checker_flows(const struct pp_cfg *cfg)
{
	uint32_t flows = 0;
	unsigned int i;

	for (i = 0; i < cfg->n_gens; i++)
		if (cfg->gens[i].fwd.kind == PP_OUT_CHECKER &&
		    cfg->gens[i].flow_base + cfg->gens[i].flows > flows)
			flows = cfg->gens[i].flow_base + cfg->gens[i].flows;
	return flows;
}

struct pp_pipeline *
pp_pipeline_create(const struct pp_cfg *cfg, struct pp_cfg_err *err)
{
	struct pp_ctl_snap first = { 0 };
	struct pp_pipeline *pl;
	struct pp_cfg *live;
	bool shared_cpu = pp_lcores_share_cpu(cfg);
	bool tx_used[PP_MAX_TX] = { false };
	unsigned int i, n_rx;
	uint16_t w, t;
	int rc;

	pl = rte_zmalloc("pp_pipeline", sizeof(*pl), RTE_CACHE_LINE_SIZE);
	if (pl == NULL) {
		PP_ERRF(err, "out of memory for the pipeline");
		return NULL;
	}
	pl->cfg = cfg;
	pthread_mutex_init(&pl->ports_lock, NULL);
	pl->fault = UINT64_MAX;
	pl->tsc_hz = rte_get_tsc_hz();
	pl->n_workers = pp_cfg_count_role(cfg, PP_ROLE_WORKER);
	pl->n_tx = pp_cfg_count_role(cfg, PP_ROLE_TX);
	n_rx = pp_cfg_count_role(cfg, PP_ROLE_RX);
	pl->n_rx = (uint16_t)n_rx;
	if (pl->n_workers > PP_MAX_WORKERS || pl->n_tx > PP_MAX_TX) {
		PP_ERRF(err, "%s: [lcore.*] roles: at most %u workers and %u tx "
			"lcores", cfg->path, PP_MAX_WORKERS, PP_MAX_TX);
		goto fail;
	}
	if (shared_cpu)
		PP_LOG(INFO, "lcores share CPUs: mempool and multi-producer "
		       "rings use RTS sync");

	pp_pdump_start();

	/* Ports: open (find or create), then start on their socket's pool. */
	for (i = 0; i < cfg->n_ports; i++) {
		rc = pp_port_open(&pl->ports[i], &cfg->ports[i], pl->n_tx,
				  cfg->path, err);
		pl->n_ports = i + 1;
		if (rc != 0)
			goto fail;
	}
	for (i = 0; i < cfg->n_ports; i++) {
		struct rte_mempool *mp = pp_pool_get(pl,
			pl->ports[i].socket_id, shared_cpu, err);

		if (mp == NULL || pp_port_start(&pl->ports[i], mp,
						pp_port_mtu(cfg), cfg->path,
						err) != 0)
			goto fail;
	}
	if (cfg->n_ports != 0)
		pp_port_wait_links(pl->ports, pl->n_ports, 3000);
	pp_wire_outputs(pl);

	pl->map = pp_sched_map_create(cfg->buckets, pl->n_workers,
				      (int)rte_socket_id());
	if (pl->map == NULL) {
		PP_ERRF(err, "%s: [pipeline] buckets: cannot build the bucket "
			"map: %s", cfg->path, rte_strerror(rte_errno));
		goto fail;
	}

	/* Rings. Worker input: one producer per RX lcore (RTS when several
	 * may be preempted mid-enqueue on a shared CPU), the worker alone
	 * consumes. Worker outputs: one SP/SC ring per output a packet can
	 * take, drained by tx lcore (worker % n_tx), or in ordered mode by
	 * each tx lcore holding some RX queue's window. */
	pl->rx_hash = pl->n_workers > 1;
	pl->steal = cfg->steal && pl->n_workers > 1;
	pl->atomic = cfg->schedule == PP_SCHED_ATOMIC && pl->n_workers > 1;
	pl->ordered = cfg->schedule == PP_SCHED_ORDERED && pl->n_workers > 1;
	if (pl->ordered)
		pp_assign_src_tx(pl, tx_used);
	pl->reorder_timeout = rte_get_tsc_hz() / 1000 * PP_REORDER_TIMEOUT_MS;
	pl->move_period = rte_get_tsc_hz() / 1000;
	pl->load_period = rte_get_tsc_hz() / 10000;	/* 100 us */
	pl->bucket_hold = rte_get_tsc_hz() / 1000 * PP_BUCKET_HOLD_MS;
	if (pl->atomic) {
		pl->moved_at = rte_zmalloc("pp_moved_at", sizeof(uint64_t) *
					   cfg->buckets, RTE_CACHE_LINE_SIZE);
		if (pl->moved_at == NULL) {
			PP_ERRF(err, "out of memory for the bucket map");
			goto fail;
		}
	}
	for (w = 0; w < pl->n_workers; w++) {
		unsigned int fl = 0;
		uint8_t o;

		if (n_rx == 1)
			fl |= RING_F_SP_ENQ;
		else if (shared_cpu)
			fl |= RING_F_MP_RTS_ENQ;
		/* Parallel stealing: thieves dequeue from peers' rings too
		 * (multi-consumer; RTS when a consumer may be preempted
		 * mid-dequeue on a shared CPU). Atomic moves buckets, not
		 * packets: the owner stays the only consumer. */
		if (!pl->steal || pl->atomic)
			fl |= RING_F_SC_DEQ;
		else if (shared_cpu)
			fl |= RING_F_MC_RTS_DEQ;
		pl->wring[w] = pp_ring("worker", w, sizeof(struct pp_desc),
				       cfg->worker_ring_size,
				       (int)rte_socket_id(), fl, cfg, err);
		if (pl->wring[w] == NULL)
			goto fail;
		for (t = 0; t < pl->n_tx; t++) {
			if (pl->ordered ? !tx_used[t] : t != w % pl->n_tx)
				continue;
			for (o = 0; o < pl->n_outs; o++) {
				if (!pp_out_reachable(pl, o))
					continue;
				pl->oring[w][t][o] = pp_ring("tx",
					(w * PP_MAX_TX + t) * PP_MAX_OUTS + o,
					sizeof(void *), cfg->tx_ring_size,
					(int)rte_socket_id(),
					RING_F_SP_ENQ | RING_F_SC_DEQ, cfg,
					err);
				if (pl->oring[w][t][o] == NULL)
					goto fail;
			}
		}
	}

	pl->chk_flows = pp_checker_flows(cfg);
	rte_spinlock_init(&pl->chk_lock);
	pl->chk_locked = pl->n_tx > 1;
	if (pl->chk_flows != 0) {
		pl->chk = pp_chk_create(pl->chk_flows, (int)rte_socket_id());
		if (pl->chk == NULL) {
			PP_ERRF(err, "out of memory for the checker (%u flows)",
				pl->chk_flows);
			goto fail;
		}
	}

	/* Lcore contexts. Worker and tx indices follow lcore order. */
	w = 0;
	t = 0;
	for (i = 0; i < cfg->n_lcores; i++) {
		const struct pp_cfg_lcore *lc = &cfg->lcores[i];
		struct pp_lcore_ctx *c;
		unsigned int s;

		c = rte_zmalloc_socket("pp_lcore", sizeof(*c),
				       RTE_CACHE_LINE_SIZE,
				       (int)rte_lcore_to_socket_id(lc->lcore_id));
		if (c == NULL) {
			PP_ERRF(err, "out of memory for lcore %u", lc->lcore_id);
			goto fail;
		}
		pl->ctx[pl->n_ctx++] = c;
		c->pl = pl;
		c->lcore_id = lc->lcore_id;
		c->roles = lc->roles;
		c->burst = cfg->burst;
		c->atomic = pl->atomic;
		c->ordered = pl->ordered;
		c->worker = -1;
		c->tx = -1;
		if (lc->roles & PP_ROLE_WORKER) {
			uint16_t k;
			uint8_t o;

			c->worker = w;
			pl->wctx[w] = c;
			c->rng = 0x9E3779B97F4A7C15ull * (w + 1);
			c->in_ring = pl->wring[w];
			/* lanes: (tx, output) in ordered mode with several
			 * tx lcores, else the output alone */
			c->lane_mul = pl->ordered && pl->n_tx > 1 ?
				pl->n_outs : 0;
			c->n_lanes = c->lane_mul != 0 ?
				pl->n_tx * pl->n_outs : pl->n_outs;
			for (k = 0; k < pl->n_tx; k++)
				for (o = 0; o < pl->n_outs; o++)
					if (pl->oring[w][k][o] != NULL)
						c->lane_ring[c->lane_mul != 0 ?
							k * pl->n_outs + o : o] =
							pl->oring[w][k][o];
			w++;
		}
		if (lc->roles & PP_ROLE_TX) {
			uint16_t k;
			uint8_t o;

			c->tx = t;
			c->chk = pl->chk;
			for (k = 0; k < pl->n_workers; k++)
				for (o = 0; o < pl->n_outs; o++)
					if (pl->oring[k][t][o] != NULL)
						c->from[c->n_from++] =
							(struct pp_tx_in){
							.ring = pl->oring[k][t][o],
							.out = o };
			for (k = 0; pl->ordered && k < UINT8_MAX; k++)
				if (pl->src_tx[k] == t)
					c->ro_src[c->n_ro++] = (uint8_t)k;
			t++;
		}
		/* Where RX sends: no choice with one worker; a run-to-
		 * completion lcore keeps what it receives (in atomic mode
		 * through the buckets its worker starts with). */
		c->rx_to = !pl->rx_hash ? 0 :
			(lc->roles & PP_ROLE_WORKER) && !pl->atomic ?
			c->worker : -1;
		c->rx_local = pl->atomic && (lc->roles & PP_ROLE_WORKER);
		/* twice what a thief waits for before it steals */
		if ((lc->roles & PP_ROLE_RX) && (lc->roles & PP_ROLE_WORKER))
			c->rx_cap = 2 * RTE_MAX((uint32_t)cfg->burst,
						cfg->steal_min_backlog);
		for (s = 0; s < lc->n_rx; s++) {
			const struct pp_cfg_src *cs = &lc->rx[s];
			struct pp_src *src = &c->src[c->n_src++];

			src->queue = cs->queue;
			if (pl->n_srcs >= UINT8_MAX) {
				PP_ERRF(err, "%s: [lcore.%u] rx: more than %u RX "
					"queues in all", cfg->path, lc->lcore_id,
					UINT8_MAX);
				goto fail;
			}
			src->gid = (uint8_t)pl->n_srcs++;
			src->ro_tx = pl->ordered ? pl->src_tx[src->gid] : 0;
			if (cs->kind == PP_SRC_PORT) {
				src->port_id = pl->ports[cs->idx].port_id;
				src->in_id = cs->idx;
				continue;
			}
			src->in_id = PP_GEN_IN_BASE + cs->idx;
			src->gen = pp_gen_create(&cfg->gens[cs->idx], cs->queue,
				pp_pool_get(pl, (int)rte_lcore_to_socket_id(
					lc->lcore_id), shared_cpu, err),
				(int)rte_lcore_to_socket_id(lc->lcore_id));
			if (src->gen == NULL) {
				if (err->msg[0] == '\0')
					PP_ERRF(err, "%s: [gen.%s]: cannot create "
						"queue %u: %s", cfg->path,
						cfg->gens[cs->idx].name,
						cs->queue,
						rte_strerror(rte_errno));
				goto fail;
			}
			pl->gens[cs->idx][cs->queue] = src->gen;
		}
	}

	if (pl->ordered) {
		uint32_t k;

		pl->reorder = rte_zmalloc("pp_reorder", sizeof(*pl->reorder) *
					  pl->n_srcs, RTE_CACHE_LINE_SIZE);
		pl->holes = rte_malloc("pp_holes", sizeof(uint32_t) *
				       pl->n_srcs * PP_REORDER_WIN,
				       RTE_CACHE_LINE_SIZE);
		if (pl->reorder == NULL || pl->holes == NULL) {
			PP_ERRF(err, "out of memory for %u reorder windows",
				pl->n_srcs);
			goto fail;
		}
		/* A slot names the previous lap's number: no hole yet. */
		for (k = 0; k < pl->n_srcs * PP_REORDER_WIN; k++)
			pl->holes[k] = k % PP_REORDER_WIN - PP_REORDER_WIN;
		for (k = 0; k < pl->n_srcs; k++)
			pl->reorder[k].holes = &pl->holes[k * PP_REORDER_WIN];
	}

	rc = pp_police_setup(pl, err);
	if (rc != 0)
		goto fail;
	pp_ctl_set_timeout(cfg->watchdog);
	first.cfg = live = malloc(sizeof(*live));
	if (live == NULL) {
		PP_ERRF(err, "out of memory for the control snapshot");
		goto fail;
	}
	*live = *cfg;
	first.police = pl->police != NULL ? pl->police->params : NULL;
	first.deadline_tsc = (uint64_t)(cfg->deadline *
					(double)rte_get_tsc_hz());
	if (pl->police != NULL)
		pl->police->published = true;	/* ctl owns it from here */
	rc = pp_ctl_init(&first);
	if (rc != 0) {
		PP_ERRF(err, "out of memory for the control snapshot");
		goto fail;
	}
	pl->rx_active = n_rx;
	pl->workers_active = pl->n_workers;
	rc = pp_metrics_start(pl, err);
	if (rc != 0)
		goto fail;
	pp_telemetry_attach(pl);
	return pl;

fail:
	pp_pipeline_free(pl);
	return NULL;
}

int
pp_pipeline_start(struct pp_pipeline *pl)
{
	unsigned int i;
	int rc;

	pl->start_tsc = rte_rdtsc();
	for (i = 0; i < pl->n_ctx; i++) {
		rc = rte_eal_remote_launch(pp_lcore_main, pl->ctx[i],
					   pl->ctx[i]->lcore_id);
		if (rc != 0) {
			PP_LOG(ERR, "cannot launch lcore %u: %s",
			       pl->ctx[i]->lcore_id, strerror(-rc));
			pp_ctl_set_state(PP_RUN_STOPPED);
			return rc;
		}
		pl->launched = true;
	}
	return 0;
}

/* "rx+worker+tx" */
static void
pp_roles_str(uint8_t roles, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s",
		 roles & PP_ROLE_RX ? "rx" : "",
		 (roles & PP_ROLE_RX) && (roles & ~PP_ROLE_RX) ? "+" : "",
		 roles & PP_ROLE_WORKER ? "worker" : "",
		 (roles & PP_ROLE_WORKER) && (roles & PP_ROLE_TX) ? "+" : "",
		 roles & PP_ROLE_TX ? "tx" : "");
}

unsigned int
pp_pipeline_watchdog(struct pp_pipeline *pl, double timeout_s)
{
	uint64_t now = rte_rdtsc();
	uint64_t limit = (uint64_t)(timeout_s * (double)rte_get_tsc_hz());
	unsigned int i, stalled = 0;
	char roles[24];

	if (!pl->launched)
		return 0;
	for (i = 0; i < pl->n_ctx; i++) {
		struct pp_lcore_ctx *c = pl->ctx[i];
		uint64_t b = __atomic_load_n(&c->beats, __ATOMIC_RELAXED);

		if (b != c->wd_beats || c->wd_since == 0 ||
		    __atomic_load_n(&c->asleep, __ATOMIC_RELAXED) ||
		    __atomic_load_n(&c->exited, __ATOMIC_ACQUIRE)) {
			if (c->wd_reported)
				PP_LOG(WARNING, "watchdog: lcore %u reports "
				       "quiescent states again", c->lcore_id);
			c->wd_beats = b;
			c->wd_since = now;
			c->wd_reported = false;
			continue;
		}
		if (now - c->wd_since < limit)
			continue;
		stalled++;
		if (c->wd_reported)
			continue;
		c->wd_reported = true;
		pp_stats_add(&pl->ctl_stats.stalls, 1);
		pp_roles_str(c->roles, roles, sizeof(roles));
		PP_LOG(ERR, "watchdog: lcore %u (%s) has reported no "
		       "quiescent state for %.2f s: stuck in a stage or "
		       "descheduled; grace periods wait for it",
		       c->lcore_id, roles,
		       (double)(now - c->wd_since) / (double)rte_get_tsc_hz());
	}
	return stalled;
}

bool
pp_pipeline_fault(const struct pp_pipeline *pl, char *msg, size_t len)
{
	uint64_t f = __atomic_load_n(&pl->fault, __ATOMIC_ACQUIRE);
	uint32_t l = (uint32_t)f, why = (uint32_t)(f >> 32);
	unsigned int i;
	char roles[24] = "?";

	if (f == UINT64_MAX)
		return false;
	for (i = 0; i < pl->n_ctx; i++)
		if (pl->ctx[i]->lcore_id == l)
			pp_roles_str(pl->ctx[i]->roles, roles, sizeof(roles));
	snprintf(msg, len, "lcore %u (%s): %s", l, roles,
		 pp_fault_names[why < PP_FAULT_MAX ? why : 0]);
	return true;
}

unsigned int
pp_pipeline_read_stats(const struct pp_pipeline *pl,
		       struct pp_stats_lcore_report *out, unsigned int max,
		       struct pp_lcore_stats *total)
{
	unsigned int i, n = 0;

	if (total != NULL)
		pp_stats_snapshot(total, &pl->ctl_stats);
	for (i = 0; i < pl->n_ctx && n < max; i++, n++) {
		const struct pp_lcore_ctx *c = pl->ctx[i];
		struct pp_stats_lcore_report *l = &out[n];

		l->lcore_id = c->lcore_id;
		l->worker = c->worker;
		pp_roles_str(c->roles, l->roles, sizeof(l->roles));
		pp_stats_snapshot(&l->st, &c->stats);
		if (total != NULL)
			pp_stats_accumulate(total, &l->st);
	}
	/* What was taken from a worker is counted by the thieves. */
	for (i = 0; i < n; i++) {
		unsigned int j;

		out[i].stolen_from = 0;
		out[i].buckets_out = 0;
		if (out[i].worker < 0)
			continue;
		for (j = 0; j < n; j++) {
			out[i].stolen_from += out[j].st.stole_from[out[i].worker];
			out[i].buckets_out += out[j].st.took_from[out[i].worker];
		}
	}
	return n;
}

void
pp_pipeline_read_latency(const struct pp_pipeline *pl, struct pp_lat_hist *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < pl->n_ctx; i++)
		pp_lat_merge(out, &pl->ctx[i]->lat);
}

bool
pp_pipeline_sources_done(const struct pp_pipeline *pl)
{
	const struct pp_cfg *cfg = pl->cfg;
	struct pp_gen_stats gs;
	unsigned int i, g, q;

	for (i = 0; i < cfg->n_ports; i++)
		if (cfg->ports[i].fwd_name[0] != '\0')
			return false;
	for (g = 0; g < cfg->n_gens; g++) {
		if (cfg->gens[g].count == 0)
			return false;
		for (q = 0; q < cfg->gens[g].queues; q++) {
			if (pl->gens[g][q] == NULL)
				return false;
			pp_gen_stats_get(pl->gens[g][q], &gs);
			if (!gs.done)
				return false;
		}
	}
	return true;
}

static bool
pp_all_lcores_idle(const struct pp_pipeline *pl)
{
	unsigned int i;

	for (i = 0; i < pl->n_ctx; i++)
		if (rte_eal_get_lcore_state(pl->ctx[i]->lcore_id) == RUNNING)
			return false;
	return true;
}

bool
pp_pipeline_stop(struct pp_pipeline *pl, double timeout_s,
		 bool (*abort_now)(void))
{
	uint64_t deadline;

	if (!pl->launched)
		return true;
	pp_ctl_set_state(PP_RUN_DRAINING);
	deadline = rte_get_timer_cycles() +
		(uint64_t)(timeout_s * (double)rte_get_timer_hz());
	pl->clean_stop = true;
	while (!pp_all_lcores_idle(pl)) {
		if ((abort_now != NULL && abort_now()) ||
		    rte_get_timer_cycles() > deadline) {
			PP_LOG(WARNING, "%s: stopping at once; what is still in "
			       "the rings is dropped as 'aborted'",
			       abort_now != NULL && abort_now() ?
			       "second signal" : "drain timeout");
			pl->clean_stop = false;
			pp_ctl_set_state(PP_RUN_STOPPED);
			break;
		}
		usleep(2000);
	}
	rte_eal_mp_wait_lcore();
	pl->stop_tsc = rte_rdtsc();
	pl->launched = false;
	return pl->clean_stop;
}

/* Free what the lcores left in a ring (only after they returned). Worker
 * input rings hold descriptors, worker output rings mbuf pointers. */
static uint64_t
pp_ring_flush(struct pp_pipeline *pl, struct rte_ring *r, bool descs)
{
	struct pp_desc d[64];
	struct rte_mbuf *pkts[64];
	uint64_t total = 0;
	unsigned int n, i;

	if (r == NULL)
		return 0;
	for (;;) {
		if (descs) {
			n = rte_ring_dequeue_burst_elem(r, d, sizeof(d[0]),
							RTE_DIM(d), NULL);
			for (i = 0; i < n; i++)
				pkts[i] = d[i].m;
		} else {
			n = rte_ring_dequeue_burst(r, (void **)pkts,
						   RTE_DIM(pkts), NULL);
		}
		if (n == 0)
			break;
		rte_pktmbuf_free_bulk(pkts, n);
		total += n;
	}
	pp_stats_add(&pl->ctl_stats.drops[PP_DROP_ABORTED], total);
	return total;
}

/* Free what a reorder window still holds (only after the lcores
 * returned), counted like pp_ring_flush(). */
static uint64_t
pp_reorder_flush(struct pp_pipeline *pl, struct pp_reorder *ro)
{
	uint64_t total = 0;
	uint32_t k;

	for (k = 0; k < PP_REORDER_WIN; k++)
		if (ro->slot[k] != NULL) {
			rte_pktmbuf_free(ro->slot[k]);
			ro->slot[k] = NULL;
			total++;
		}
	ro->pending = 0;
	pp_stats_add(&pl->ctl_stats.drops[PP_DROP_ABORTED], total);
	return total;
}

static void
pp_chk_write_flows(FILE *f, const void *arg)
{
	const struct pp_pipeline *pl = arg;
	uint32_t flow, printed = 0;
	/* Every flow when there are few; otherwise only flows with a fault,
	 * so the JSON stays small with a million flows. */
	bool all = pl->chk_flows <= 4096;

	fprintf(f, "[");
	for (flow = 0; flow < pl->chk_flows; flow++) {
		const struct pp_chk_flow *cf = pp_chk_flow_get(pl->chk, flow);

		if (!all && cf->reorders == 0 && cf->duplicates == 0)
			continue;
		fprintf(f, "%s{\"flow\": %u, \"packets\": %" PRIu64
			", \"reorders\": %" PRIu64 ", \"duplicates\": %" PRIu64
			", \"gaps\": %" PRIu64 ", \"last_tsc\": %" PRIu64 "}",
			printed++ ? ", " : "", flow, cf->packets, cf->reorders,
			cf->duplicates, cf->gaps, cf->last_tsc);
	}
	fprintf(f, "]");
}

/* Whether port i is where some input's packets go. */
static bool
pp_port_is_output(const struct pp_cfg *cfg, unsigned int i)
{
	unsigned int k;

	for (k = 0; k < cfg->n_ports; k++)
		if (cfg->ports[k].fwd_name[0] != '\0' &&
		    cfg->ports[k].fwd.kind == PP_OUT_PORT &&
		    cfg->ports[k].fwd.idx == i)
			return true;
	for (k = 0; k < cfg->n_gens; k++)
		if (cfg->gens[k].fwd.kind == PP_OUT_PORT &&
		    cfg->gens[k].fwd.idx == i)
			return true;
	return false;
}

/* Names, rates in force and flow-table counters for the report; the
 * counters themselves are in the lcores' stats (total.pol). */
static void
pp_police_report(struct pp_pipeline *pl, struct pp_stats_police_report *p)
{
	static struct pp_cfg_police pc;	/* large; control thread only */
	struct pp_flowtab_stats fs;
	unsigned int i;

	if (pp_pipeline_police_cfg(pl, &pc) != 0)
		return;
	p->ran = true;
	p->n_classes = pc.n_classes;
	p->n_tenants = pc.n_tenants;
	for (i = 0; i < pc.n_classes; i++) {
		const struct pp_cfg_class *k = &pc.classes[i];

		snprintf(p->class_names[i], sizeof(p->class_names[i]), "%s",
			 k->name);
		p->class_rate[i] = k->agg.rate;
		p->class_pps[i] = k->agg.packets;
		p->class_cir[i] = k->meter != PP_CFG_METER_NONE ? k->cir : 0;
	}
	for (i = 0; i < pc.n_tenants; i++) {
		snprintf(p->tenant_names[i], sizeof(p->tenant_names[i]), "%s",
			 pc.tenants[i].name);
		p->tenant_rate[i] = pc.tenants[i].agg.rate;
		p->tenant_pps[i] = pc.tenants[i].agg.packets;
	}
	for (i = 0; i < pl->n_ctx; i++) {
		if (pl->ctx[i]->police == NULL)
			continue;
		pp_flowtab_stats(pl->ctx[i]->police->ft, &fs);
		p->flows += fs.flows;
		p->flows_added += fs.added;
		p->flows_aged += fs.aged;
		p->flows_full += fs.full;
	}
}

void
pp_pipeline_report(struct pp_pipeline *pl, struct pp_stats_report *r)
{
	const struct pp_cfg *cfg = pl->cfg;
	unsigned int i, q, g;
	uint16_t w, t;
	uint8_t o;

	memset(r, 0, sizeof(*r));
	/* In flight = what the lcores left in rings and reorder windows; 0
	 * after a clean drain. Then free it all as `aborted`. */
	for (w = 0; w < pl->n_workers; w++) {
		r->in_flight += rte_ring_count(pl->wring[w]);
		for (t = 0; t < pl->n_tx; t++)
			for (o = 0; o < pl->n_outs; o++)
				if (pl->oring[w][t][o] != NULL)
					r->in_flight += rte_ring_count(
						pl->oring[w][t][o]);
	}
	for (i = 0; pl->ordered && i < pl->n_srcs; i++)
		r->in_flight += pl->reorder[i].pending;
	if (r->in_flight != 0 && pl->clean_stop)
		PP_LOG(ERR, "%" PRIu64 " packets still in rings after a drain",
		       r->in_flight);
	for (i = 0; pl->ordered && i < pl->n_srcs; i++)
		r->in_flight -= pp_reorder_flush(pl, &pl->reorder[i]);
	for (w = 0; w < pl->n_workers; w++) {
		r->in_flight -= pp_ring_flush(pl, pl->wring[w], true);
		for (t = 0; t < pl->n_tx; t++)
			for (o = 0; o < pl->n_outs; o++)
				r->in_flight -= pp_ring_flush(pl,
					pl->oring[w][t][o], false);
	}

	/* Ports: read counters, then stop and close (queues free mbufs).
	 * Control-plane readers (telemetry, metrics) see them closed. */
	pthread_mutex_lock(&pl->ports_lock);
	pl->ports_closed = true;
	pthread_mutex_unlock(&pl->ports_lock);
	for (i = 0; i < pl->n_ports && i < PP_STATS_MAX_PORTS; i++) {
		struct pp_stats_port_report *pr = &r->ports[r->n_ports++];
		struct rte_eth_stats es;

		memset(&es, 0, sizeof(es));
		rte_eth_stats_get(pl->ports[i].port_id, &es);
		snprintf(pr->name, sizeof(pr->name), "%s", cfg->ports[i].name);
		pr->port_id = pl->ports[i].port_id;
		pr->ipackets = es.ipackets;
		pr->opackets = es.opackets;
		pr->imissed = es.imissed;
		pr->ierrors = es.ierrors;
		pr->oerrors = es.oerrors;
		pr->rx_nombuf = es.rx_nombuf;
		/* What a loopback device (net_ring) holds in its RX queues
		 * after RX stopped is ours to give back: everything on an
		 * output-only port, which nobody polls, and what came back
		 * after the drain on a port that is both input and output.
		 * After the counters, which these packets are not part of. */
		if (cfg->ports[i].fwd_name[0] == '\0' || pp_port_is_output(cfg, i))
			pr->reclaimed = pp_port_reclaim(&pl->ports[i],
							PP_RECLAIM_MAX);
	}
	for (i = 0; i < pl->n_ports; i++)
		pp_port_close(&pl->ports[i]);

	for (i = 0; i < RTE_MAX_NUMA_NODES; i++) {
		if (pl->pool[i] == NULL)
			continue;
		r->mbufs_total += pl->pool[i]->size;
		r->mbufs_avail += rte_mempool_avail_count(pl->pool[i]);
	}
	r->leaked_mbufs = (int64_t)r->mbufs_total - (int64_t)r->mbufs_avail;

	r->n_lcores = pp_pipeline_read_stats(pl, r->lcores, PP_STATS_MAX_LCORES,
					     &r->total);
	/* After a drain every acquired packet was released; an abort leaves
	 * counts behind by design (the rings were flushed, not worked). */
	if (pl->atomic && pl->clean_stop)
		for (i = 0; i < pl->map->n_buckets; i++)
			r->bucket_inflight += pp_sched_inflight(pl->map, i);
	r->tsc_hz = (double)rte_get_tsc_hz();
	for (i = 0; i < pl->n_ctx; i++)
		pp_lat_merge(&r->latency, &pl->ctx[i]->lat);
	r->seconds = (double)(pl->stop_tsc - pl->start_tsc) / r->tsc_hz;
	r->clean_stop = pl->clean_stop;

	for (g = 0; g < cfg->n_gens; g++)
		for (q = 0; q < cfg->gens[g].queues; q++) {
			struct pp_gen_stats gs;

			if (pl->gens[g][q] == NULL)
				continue;
			pp_gen_stats_get(pl->gens[g][q], &gs);
			r->gen.ran = true;
			r->gen.packets += gs.packets;
			r->gen.malformed += gs.malformed;
			r->gen.alloc_fail += gs.alloc_fail;
			r->gen.missed += gs.missed;
		}

	pp_police_report(pl, &r->police);

	if (pl->chk_flows != 0) {
		r->chk.ran = true;
		r->chk.flows = pl->chk_flows;
		struct pp_chk_stats cs;

		pp_chk_stats_get(pl->chk, &cs);
		r->chk.packets = cs.packets;
		r->chk.unknown = cs.unknown;
		r->chk.reorders = cs.reorders;
		r->chk.duplicates = cs.duplicates;
		r->chk.gaps = cs.gaps;
		r->chk.flows_seen = cs.flows_seen;
		r->chk.write_flows = pp_chk_write_flows;
		r->chk.flows_arg = pl;
	}
}

void
pp_pipeline_free(struct pp_pipeline *pl)
{
	unsigned int i, q, g;

	if (pl == NULL)
		return;
	pp_telemetry_detach();
	pp_metrics_stop(pl);
	if (pl->launched)
		pp_pipeline_stop(pl, 0, NULL);
	for (i = 0; i < pl->n_ports; i++)
		pp_port_close(&pl->ports[i]);
	for (g = 0; g < PP_CFG_MAX_GENS; g++)
		for (q = 0; q < PP_CFG_MAX_QUEUES; q++)
			pp_gen_free(pl->gens[g][q]);
	pp_chk_free(pl->chk);
	for (i = 0; i < PP_MAX_WORKERS; i++) {
		pp_ring_flush(pl, pl->wring[i], true);
		rte_ring_free(pl->wring[i]);
		for (g = 0; g < PP_MAX_TX; g++)
			for (q = 0; q < PP_MAX_OUTS; q++) {
				pp_ring_flush(pl, pl->oring[i][g][q], false);
				rte_ring_free(pl->oring[i][g][q]);
			}
	}
	pp_police_teardown(pl);
	for (i = 0; i < pl->n_ctx; i++)
		rte_free(pl->ctx[i]);
	pp_sched_map_free(pl->map);
	rte_free(pl->moved_at);
	rte_free(pl->reorder);
	rte_free(pl->holes);
	for (i = 0; i < RTE_MAX_NUMA_NODES; i++)
		rte_mempool_free(pl->pool[i]);
	pp_ctl_fini();
	pp_pdump_stop();
	pthread_mutex_destroy(&pl->ports_lock);
	rte_free(pl);
}
