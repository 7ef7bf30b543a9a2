/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Policing in the pipeline: where the meters, aggregates and classifier of
 * lib/police sit, and the control action that changes a rate.
 *
 * Placement: policing runs on the RX lcore of a packet's queue, before the
 * packet is numbered or handed to a worker. That lcore is the only one
 * that ever sees the queue's packets, so it is the single writer of its
 * flow table and of every meter in it, in every scheduling mode: work
 * stealing and bucket moves happen later, between workers, and never
 * change which lcore polices a flow. (A flow that arrives on two queues,
 * which RSS does not do, would have a meter on each.) It also makes
 * policing an ingress policer in the usual sense: a packet over its rate
 * is dropped before it costs a ring slot or a worker's time, and an
 * ordered queue never sees a hole for it.
 *
 * The aggregates are shared by every RX lcore through pp_agg's lock-free
 * leases (one lease per lcore and aggregate, in struct pp_police_lcore).
 *
 * Per packet: parse (RX already does, to hash), a flow key and its hash,
 * the flow-table lookup (classification runs only when a flow is new: the
 * key holds every field a rule can match, VLAN and DSCP included, so a
 * flow's class cannot change while it lives), the meter, the aggregates.
 * The parameters (profiles, actions, which aggregate) come from the RCU
 * snapshot the lcore read for this pass, so a rate change applies to the
 * next burst; the meter state stays in the flow, the aggregate state in
 * the aggregate, and counters in the lcores' stats.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_hash_crc.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "pp_common.h"
#include "pp_ctl.h"
#include "pp_pipeline.h"
#include "pp_pipeline_pvt.h"

#define PP_ERRF(err, ...) snprintf((err)->msg, sizeof((err)->msg), __VA_ARGS__)

_Static_assert(PP_CFG_MAX_CLASSES <= PP_STATS_POL_CLASSES,
	       "a counter row per class");
_Static_assert(PP_CFG_MAX_TENANTS <= PP_STATS_POL_TENANTS,
	       "a counter row per tenant");
_Static_assert(PP_CFG_MAX_CLASSES <= 256 && PP_CFG_MAX_TENANTS <= 256,
	       "class and tenant fit the metadata's bytes");

/* Config units (bit/s) to the policers' (bytes/s). */
static uint64_t
pp_bps_to_Bps(uint64_t bps)
{
	return RTE_MAX(bps / 8, (uint64_t)1);
}

static void
pp_agg_params_of(const struct pp_cfg_agg *a, struct pp_agg_params *p)
{
	p->packets = a->packets;
	p->rate = a->packets ? a->rate : pp_bps_to_Bps(a->rate);
	p->burst = a->burst;
}

static void
pp_meter_params_of(const struct pp_cfg_class *k, struct pp_meter_params *m)
{
	memset(m, 0, sizeof(*m));
	m->cir = pp_bps_to_Bps(k->cir);
	m->cbs = k->cbs;
	switch (k->meter) {
	case PP_CFG_METER_SRTCM:
		m->alg = PP_METER_SRTCM;
		m->ebs = k->ebs;
		break;
	case PP_CFG_METER_TRTCM:
		m->alg = PP_METER_TRTCM;
		m->eir = pp_bps_to_Bps(k->pir);
		m->ebs = k->pbs;
		break;
	default:
		m->alg = PP_METER_TRTCM_4115;
		m->eir = k->eir != 0 ? pp_bps_to_Bps(k->eir) : 0;
		m->ebs = k->ebs;
		break;
	}
}

/* Parameters for the validated police config pc, pointing at rt's
 * classifier and aggregates. */
static struct pp_police_params *
pp_params_build(const struct pp_police_rt *rt, const struct pp_cfg_police *pc,
		const struct pp_cls *cls, struct pp_cfg_err *err)
{
	struct pp_police_params *p = calloc(1, sizeof(*p));
	unsigned int i;
	int rc;

	if (p == NULL) {
		PP_ERRF(err, "out of memory for policing parameters");
		return NULL;
	}
	p->n_classes = (uint16_t)pc->n_classes;
	p->n_tenants = (uint16_t)pc->n_tenants;
	p->default_class = pc->default_class;
	p->default_tenant = pc->default_tenant;
	p->cls = cls;
	for (i = 0; i < pc->n_rules; i++) {
		p->rule_cls[i] = pc->rules[i].cls;
		p->rule_tenant[i] = pc->rules[i].tenant;
	}
	for (i = 0; i < pc->n_classes; i++) {
		const struct pp_cfg_class *k = &pc->classes[i];
		struct pp_police_class *pcl = &p->classes[i];

		memcpy(pcl->act, k->act, sizeof(pcl->act));
		pcl->deadline_tsc = (uint64_t)(k->deadline *
					       (double)rte_get_tsc_hz());
		p->any_deadline |= pcl->deadline_tsc != 0;
		pcl->agg = rt->class_agg[i];
		pcl->agg_packets = k->agg.packets;
		pcl->metered = k->meter != PP_CFG_METER_NONE;
		if (pcl->metered) {
			struct pp_meter_params mp;

			pp_meter_params_of(k, &mp);
			rc = pp_meter_profile_init(&pcl->prof, &mp);
			if (rc != 0) {
				PP_ERRF(err, "[class.%s]: cannot make its meter "
					"profile: %s", k->name, strerror(-rc));
				free(p);
				return NULL;
			}
		}
	}
	for (i = 0; i < pc->n_tenants; i++) {
		p->tenant_agg[i] = rt->tenant_agg[i];
		p->tenant_packets[i] = pc->tenants[i].agg.packets;
	}
	return p;
}

static struct pp_agg *
pp_agg_make(const struct pp_cfg_agg *a, const char *kind, const char *name,
	    struct pp_cfg_err *err)
{
	struct pp_agg_params prm;
	struct pp_agg *g;

	if (a->rate == 0)
		return NULL;
	pp_agg_params_of(a, &prm);
	g = pp_agg_create(&prm, rte_get_tsc_hz(), rte_rdtsc(),
			  (int)rte_socket_id());
	if (g == NULL)
		PP_ERRF(err, "[%s.%s]: cannot make its aggregate: %s", kind,
			name, rte_strerror(rte_errno));
	return g;
}

int
pp_police_setup(struct pp_pipeline *pl, struct pp_cfg_err *err)
{
	const struct pp_cfg *cfg = pl->cfg;
	const struct pp_cfg_police *pc = &cfg->police;
	struct pp_police_rt *rt;
	uint64_t idle;
	unsigned int i;

	if (!pc->enabled)
		return 0;
	rt = calloc(1, sizeof(*rt));
	if (rt == NULL) {
		PP_ERRF(err, "out of memory for policing");
		return -ENOMEM;
	}
	pl->police = rt;
	rt->cls = pp_cls_create("pp_cls", pc->rules, pc->n_rules,
				(int)rte_socket_id());
	if (rt->cls == NULL) {
		PP_ERRF(err, "%s: [rule.*]: cannot build the classifier: %s",
			cfg->path, rte_strerror(rte_errno));
		return -EINVAL;
	}
	for (i = 0; i < pc->n_classes; i++) {
		rt->class_agg[i] = pp_agg_make(&pc->classes[i].agg, "class",
					       pc->classes[i].name, err);
		if (pc->classes[i].agg.rate != 0 && rt->class_agg[i] == NULL)
			return -ENOMEM;
	}
	for (i = 0; i < pc->n_tenants; i++) {
		rt->tenant_agg[i] = pp_agg_make(&pc->tenants[i].agg, "tenant",
						pc->tenants[i].name, err);
		if (pc->tenants[i].agg.rate != 0 && rt->tenant_agg[i] == NULL)
			return -ENOMEM;
	}
	rt->params = pp_params_build(rt, pc, rt->cls, err);
	if (rt->params == NULL)
		return -EINVAL;

	idle = (uint64_t)(pc->flow_idle * (double)rte_get_tsc_hz());
	for (i = 0; i < pl->n_ctx; i++) {
		struct pp_lcore_ctx *c = pl->ctx[i];
		int socket = (int)rte_lcore_to_socket_id(c->lcore_id);
		char name[PP_FLOWTAB_NAMESIZE];

		if (!(c->roles & PP_ROLE_RX))
			continue;
		c->police = rte_zmalloc_socket("pp_police_lcore",
					       sizeof(*c->police),
					       RTE_CACHE_LINE_SIZE, socket);
		if (c->police == NULL) {
			PP_ERRF(err, "out of memory for lcore %u's policing",
				c->lcore_id);
			return -ENOMEM;
		}
		snprintf(name, sizeof(name), "pp_flows%u", c->lcore_id);
		c->police->ft = pp_flowtab_create(name, pc->max_flows,
						  sizeof(struct pp_police_key),
						  idle == 0 ? 1 : idle, socket);
		if (c->police->ft == NULL) {
			PP_ERRF(err, "%s: [police] max_flows: cannot make lcore "
				"%u's flow table of %u flows: %s (more memory: "
				"-m, or hugepages)", cfg->path, c->lcore_id,
				pc->max_flows, rte_strerror(rte_errno));
			return -ENOMEM;
		}
	}
	pl->police_on = true;
	PP_LOG(INFO, "policing: %u classes, %u tenants, %u rules, %u flows "
	       "per RX lcore", pc->n_classes, pc->n_tenants, pc->n_rules,
	       pc->max_flows);
	return 0;
}

void
pp_police_teardown(struct pp_pipeline *pl)
{
	struct pp_police_rt *rt = pl->police;
	unsigned int i;

	for (i = 0; i < pl->n_ctx; i++) {
		struct pp_lcore_ctx *c = pl->ctx[i];

		if (c == NULL || c->police == NULL)
			continue;
		pp_flowtab_free(c->police->ft);
		rte_free(c->police);
		c->police = NULL;
	}
	if (rt == NULL)
		return;
	for (i = 0; i < PP_CFG_MAX_CLASSES; i++)
		pp_agg_free(rt->class_agg[i]);
	for (i = 0; i < PP_CFG_MAX_TENANTS; i++)
		pp_agg_free(rt->tenant_agg[i]);
	pp_cls_free(rt->cls);
	for (i = 0; i < rt->n_retired_cls; i++)
		pp_cls_free(rt->retired_cls[i]);
	/* once published, the snapshot owns them (pp_ctl_fini()) */
	if (!rt->published)
		free(rt->params);
	free(rt);
	pl->police = NULL;
}

/* ---- control: a new configuration's policing ---- */

/* Whether the rules (or the defaults they fall back to) differ. */
static bool
pp_rules_differ(const struct pp_cfg_police *a, const struct pp_cfg_police *b)
{
	return a->n_rules != b->n_rules ||
		a->default_class != b->default_class ||
		a->default_tenant != b->default_tenant ||
		memcmp(a->rules, b->rules, sizeof(a->rules[0]) * a->n_rules);
}

/* A running aggregate takes its new rate and burst, if they changed
 * (validated already; acts at once: a lease spends at most one chunk at
 * the old rate). */
static void
pp_agg_update(struct pp_agg *g, const struct pp_cfg_agg *cur,
	      const struct pp_cfg_agg *next)
{
	struct pp_agg_params ap;

	if (g == NULL || (cur->rate == next->rate && cur->burst == next->burst))
		return;
	pp_agg_params_of(next, &ap);
	pp_agg_set_rate(g, &ap);
}

int
pp_police_apply(struct pp_pipeline *pl, const struct pp_cfg_police *cur,
		const struct pp_cfg_police *next, struct pp_ctl_snap *snap,
		struct pp_cls **old_cls, struct pp_cfg_err *err)
{
	struct pp_police_rt *rt = pl->police;
	struct pp_police_params *p;
	struct pp_cls *cls = rt->cls;
	unsigned int i;
	char name[32];

	*old_cls = NULL;
	if (pp_rules_differ(cur, next)) {
		snprintf(name, sizeof(name), "pp_cls%u", ++rt->cls_gen);
		cls = pp_cls_create(name, next->rules, next->n_rules,
				    (int)rte_socket_id());
		if (cls == NULL) {
			PP_ERRF(err, "[rule.*]: cannot build the classifier: "
				"%s", rte_strerror(rte_errno));
			return -rte_errno;
		}
	}
	p = pp_params_build(rt, next, cls, err);
	if (p == NULL) {
		if (cls != rt->cls)
			pp_cls_free(cls);
		return -EINVAL;
	}
	p->rules_gen = snap->police->rules_gen + (cls != rt->cls);
	for (i = 0; i < next->n_classes; i++)
		pp_agg_update(rt->class_agg[i], &cur->classes[i].agg,
			      &next->classes[i].agg);
	for (i = 0; i < next->n_tenants; i++)
		pp_agg_update(rt->tenant_agg[i], &cur->tenants[i].agg,
			      &next->tenants[i].agg);
	if (cls != rt->cls) {
		*old_cls = rt->cls;
		rt->cls = cls;
	}
	snap->police = p;	/* ctl frees the old ones after the grace */
	rt->params = p;
	return 0;
}

static void
pp_police_copy_cfg(const struct pp_ctl_snap *s, void *arg)
{
	*(struct pp_cfg_police *)arg = s->cfg->police;
}

int
pp_pipeline_police_cfg(struct pp_pipeline *pl, struct pp_cfg_police *out)
{
	if (pl->police == NULL)
		return -ENOENT;
	pp_ctl_read(pp_police_copy_cfg, out);
	return 0;
}

/* ---- the RX hot path ---- */

/* Class and tenant of a key: the first rule it matches, else the
 * defaults. */
static inline void
pp_police_classify(const struct pp_police_params *prm,
		   const struct pp_police_key *k, uint8_t *cls, uint8_t *ten)
{
	uint32_t r;

	pp_cls_classify(prm->cls, &k, &r, 1);
	if (r == PP_CLS_NONE) {
		*cls = prm->default_class;
		*ten = prm->default_tenant;
	} else {
		*cls = prm->rule_cls[r];
		*ten = prm->rule_tenant[r];
	}
}

/* A new flow: classify it once, start its meter full. Also a flow met
 * again after the rules changed (cnt[1]: the rules generation it was
 * classified by): it keeps its meter if its class stays. */
static void
pp_police_flow_init(struct pp_flow_entry *e, const void *key, unsigned int idx,
		    uint64_t now, void *arg)
{
	const struct pp_police_params *prm = arg;
	bool fresh = idx != UINT32_MAX;
	uint8_t cls, ten;

	pp_police_classify(prm, key, &cls, &ten);
	if ((fresh || cls != e->class_id) && prm->classes[cls].metered)
		pp_meter_init(&e->meter, &prm->classes[cls].prof, now);
	e->class_id = cls;
	e->cnt[0] = ten;
	e->cnt[1] = prm->rules_gen;
}

uint16_t
pp_police_burst(struct pp_lcore_ctx *c, const struct pp_police_params *prm,
		struct rte_mbuf **pkts, uint64_t *at, struct pp_pkt_info *info,
		uint32_t *khash, uint16_t n, uint64_t now)
{
	struct pp_police_lcore *pol = c->police;
	struct pp_police_ctr *ctr = c->stats.pol;
	struct pp_police_key keys[PP_CFG_MAX_BURST];
	const void *kp[PP_CFG_MAX_BURST];
	uint32_t hash[PP_CFG_MAX_BURST];
	struct pp_flow_entry *ent[PP_CFG_MAX_BURST];
	struct rte_mbuf *drop[PP_CFG_MAX_BURST];
	uint16_t i, j, nv = 0, nk = 0, nd = 0;

	hash[0] = 0;	/* gcc cannot tell the loop below writes it */
	for (i = 0; i < n; i++) {
		if (unlikely(info[i].status == PP_PKT_MALFORMED))
			continue;
		pp_police_key_make(&keys[nv], &info[i]);
		kp[nv] = &keys[nv];
		/* The key is the 5-tuple RX hashed already, plus VLAN and
		 * DSCP: fold those into that hash (one CRC step) rather
		 * than hash the whole key again. */
		hash[nv] = rte_hash_crc_4byte((uint32_t)keys[nv].vlan << 8 |
					      keys[nv].dscp, khash[i]);
		nv++;
	}
	pp_flowtab_lookup_bulk(pol->ft, kp, hash, nv, now, ent,
			       pp_police_flow_init, (void *)(uintptr_t)prm);

	for (i = 0, j = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct pp_mbuf_meta *meta = pp_pkt_meta(m);
		const struct pp_police_class *cp;
		const struct pp_cfg_color_action *act;
		struct pp_police_ctr *rc, *rt;
		struct pp_flow_entry *e;
		struct pp_agg *ta;
		uint32_t len = m->pkt_len;
		/* Meter at arrival: a generator says when each packet was
		 * due (as a NIC's timestamp would), so an lcore that stalled
		 * does not turn evenly spaced packets into a burst. */
		uint64_t t = at != NULL ? at[i] : now;
		uint8_t cls, ten, color = RTE_COLOR_GREEN;
		bool ok;

		if (unlikely(info[i].status == PP_PKT_MALFORMED))
			goto keep;
		e = ent[j];
		if (unlikely(e != NULL && e->cnt[1] != prm->rules_gen))
			pp_police_flow_init(e, &keys[j], UINT32_MAX, now,
					    (void *)(uintptr_t)prm);
		if (likely(e != NULL)) {
			cls = (uint8_t)e->class_id;
			ten = (uint8_t)e->cnt[0];
		} else {
			/* table full: class by the rules, no flow meter */
			pp_police_classify(prm, &keys[j], &cls, &ten);
		}
		j++;
		cp = &prm->classes[cls];
		if (cp->metered && likely(e != NULL))
			color = (uint8_t)pp_meter_color(&e->meter, &cp->prof,
							t, len);
		act = &cp->act[color];
		ok = act->action != PP_CFG_ACT_DROP;
		/* An aggregate that refuses makes the packet red. */
		if (ok && cp->agg != NULL &&
		    !pp_agg_admit(cp->agg, &pol->class_lease[cls], t,
				  cp->agg_packets ? 1 : len)) {
			ok = false;
			color = RTE_COLOR_RED;
		}
		ta = prm->tenant_agg[ten];
		if (ok && ta != NULL &&
		    !pp_agg_admit(ta, &pol->tenant_lease[ten], t,
				  prm->tenant_packets[ten] ? 1 : len)) {
			ok = false;
			color = RTE_COLOR_RED;
		}
		/* Counted per packet, not per burst: a burst spreads over up
		 * to 32 rows, and summing per row first costs more than
		 * these plain adds to lines only this lcore writes. */
		rc = &ctr[cls];
		rt = &ctr[PP_STATS_POL_CLASSES + ten];
		pp_stats_add(&rc->offered, 1);
		pp_stats_add(&rc->offered_bytes, len);
		pp_stats_add(&rt->offered, 1);
		pp_stats_add(&rt->offered_bytes, len);
		if (!ok) {
			pp_stats_add(&rc->drops[color], 1);
			pp_stats_add(&rc->drop_bytes, len);
			pp_stats_add(&rt->drops[color], 1);
			pp_stats_add(&rt->drop_bytes, len);
			drop[nd++] = m;
			continue;
		}
		if (act->action == PP_CFG_ACT_REMARK) {
			pp_pkt_set_dscp(rte_pktmbuf_mtod(m, void *), &info[i],
					act->dscp);
			pp_stats_add(&rc->remarked, 1);
			pp_stats_add(&rt->remarked, 1);
		}
		meta->cls = cls;
		meta->tenant = ten;
		meta->color = color;
keep:
		if (nk != i) {
			pkts[nk] = m;
			if (at != NULL)
				at[nk] = at[i];
			info[nk] = info[i];
			khash[nk] = khash[i];
		}
		nk++;
	}
	if (nd != 0) {
		rte_pktmbuf_free_bulk(drop, nd);
		pp_stats_add(&c->stats.drops[PP_DROP_POLICED], nd);
	}
	return nk;
}
