/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-flow meters: validation of user parameters into rte_meter profiles,
 * and the resync slow path of pp_meter_color().
 */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>

#include "pp_police.h"

/* Longest gap pp_meter_color() hands to rte_meter (2^62 cycles, ~56 years
 * at 2.6 GHz); also keeps a backwards step (>= 2^63 unsigned) above it. */
#define PP_METER_GAP_CAP	(1ull << 62)

/* Cycles to fill `bucket` bytes from empty at bpp bytes per period. */
static unsigned __int128
fill_cycles(uint64_t bucket, uint64_t period, uint64_t bpp)
{
	if (bpp == 0)
		return 0;
	return (unsigned __int128)((bucket + bpp - 1) / bpp) * period;
}

static uint64_t
gap_cap(unsigned __int128 fill, uint64_t margin)
{
	fill += margin;
	return fill > PP_METER_GAP_CAP ? PP_METER_GAP_CAP : (uint64_t)fill;
}

static int
check_params(const struct pp_meter_params *prm)
{
	if (prm->cir == 0 || prm->cbs == 0 ||
	    prm->cir > PP_POLICE_RATE_MAX || prm->eir > PP_POLICE_RATE_MAX ||
	    prm->cbs > PP_POLICE_BURST_MAX || prm->ebs > PP_POLICE_BURST_MAX)
		return -EINVAL;
	switch (prm->alg) {
	case PP_METER_SRTCM:
		/* one rate: an EIR here is a mix-up with trTCM */
		return prm->eir == 0 ? 0 : -EINVAL;
	case PP_METER_TRTCM:
		return prm->eir >= prm->cir && prm->ebs != 0 ? 0 : -EINVAL;
	case PP_METER_TRTCM_4115:
		/* EBS without EIR would be a one-off yellow allowance */
		return (prm->eir == 0) == (prm->ebs == 0) ? 0 : -EINVAL;
	}
	return -EINVAL;
}

int
pp_meter_profile_init(struct pp_meter_profile *p,
		      const struct pp_meter_params *prm)
{
	int rc;

	if (p == NULL || prm == NULL)
		return -EINVAL;
	rc = check_params(prm);
	if (rc < 0)
		return rc;
	if (rte_get_tsc_hz() == 0)
		return -ENOTSUP;
	memset(p, 0, sizeof(*p));
	p->alg = prm->alg;
	p->params = *prm;

	switch (prm->alg) {
	case PP_METER_SRTCM: {
		struct rte_meter_srtcm_params rp = {
			.cir = prm->cir, .cbs = prm->cbs, .ebs = prm->ebs,
		};
		struct rte_meter_srtcm_profile *s = &p->srtcm;

		rc = rte_meter_srtcm_profile_config(s, &rp);
		/* E fills only from what overflows C. */
		p->max_gap = gap_cap(fill_cycles(s->cbs + s->ebs,
						 s->cir_period,
						 s->cir_bytes_per_period),
				     s->cir_period);
		break;
	}
	case PP_METER_TRTCM: {
		struct rte_meter_trtcm_params rp = {
			.cir = prm->cir, .cbs = prm->cbs,
			.pir = prm->eir, .pbs = prm->ebs,
		};
		struct rte_meter_trtcm_profile *s = &p->trtcm;

		rc = rte_meter_trtcm_profile_config(s, &rp);
		p->max_gap = gap_cap(RTE_MAX(
			fill_cycles(s->cbs, s->cir_period,
				    s->cir_bytes_per_period),
			fill_cycles(s->pbs, s->pir_period,
				    s->pir_bytes_per_period)),
			RTE_MAX(s->cir_period, s->pir_period));
		break;
	}
	case PP_METER_TRTCM_4115: {
		struct rte_meter_trtcm_rfc4115_params rp = {
			.cir = prm->cir, .cbs = prm->cbs,
			.eir = prm->eir, .ebs = prm->ebs,
		};
		struct rte_meter_trtcm_rfc4115_profile *s = &p->trtcm_4115;

		rc = rte_meter_trtcm_rfc4115_profile_config(s, &rp);
		p->max_gap = gap_cap(RTE_MAX(
			fill_cycles(s->cbs, s->cir_period,
				    s->cir_bytes_per_period),
			fill_cycles(s->ebs, s->eir_period,
				    s->eir_bytes_per_period)),
			RTE_MAX(s->cir_period, s->eir_period));
		break;
	}
	}
	if (rc != 0 || p->max_gap == 0)
		return -EINVAL;
	return 0;
}

int
pp_meter_init(struct pp_meter *m, const struct pp_meter_profile *p,
	      uint64_t now_tsc)
{
	/* rte_meter takes non-const profiles but only reads them. */
	struct pp_meter_profile *pw = (struct pp_meter_profile *)(uintptr_t)p;
	int rc = -EINVAL;

	if (m == NULL || p == NULL || p->max_gap == 0)
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	/* rte_meter stamps its own rte_get_tsc_cycles(): replace it by the
	 * caller's time (STYLE 8; synthetic time in tests). */
	switch (p->alg) {
	case PP_METER_SRTCM:
		rc = rte_meter_srtcm_config(&m->srtcm, &pw->srtcm);
		m->srtcm.time = now_tsc;
		break;
	case PP_METER_TRTCM:
		rc = rte_meter_trtcm_config(&m->trtcm, &pw->trtcm);
		m->trtcm.time_tc = now_tsc;
		m->trtcm.time_tp = now_tsc;
		break;
	case PP_METER_TRTCM_4115:
		rc = rte_meter_trtcm_rfc4115_config(&m->trtcm_4115,
						    &pw->trtcm_4115);
		m->trtcm_4115.time_tc = now_tsc;
		m->trtcm_4115.time_te = now_tsc;
		break;
	}
	return rc == 0 ? 0 : -EINVAL;
}

uint64_t
__pp_meter_resync(struct pp_meter *m, const struct pp_meter_profile *p,
		  uint64_t now_tsc)
{
	uint64_t t0, t1, latest;

	switch (p->alg) {
	case PP_METER_SRTCM:
		t0 = t1 = m->srtcm.time;
		break;
	case PP_METER_TRTCM:
		t0 = m->trtcm.time_tc;
		t1 = m->trtcm.time_tp;
		break;
	case PP_METER_TRTCM_4115:
		t0 = m->trtcm_4115.time_tc;
		t1 = m->trtcm_4115.time_te;
		break;
	default:
		return now_tsc;
	}
	latest = (int64_t)(t1 - t0) > 0 ? t1 : t0;

	/* Backwards: let no time pass (no credit, no overflow in
	 * rte_meter's unsigned time difference). */
	if ((int64_t)(now_tsc - latest) < 0)
		return latest;

	/* Longer than the fill time: the buckets are full, exactly what
	 * rte_meter would compute if its products did not overflow. */
	switch (p->alg) {
	case PP_METER_SRTCM:
		m->srtcm.time = now_tsc;
		m->srtcm.tc = p->srtcm.cbs;
		m->srtcm.te = p->srtcm.ebs;
		break;
	case PP_METER_TRTCM:
		m->trtcm.time_tc = now_tsc;
		m->trtcm.time_tp = now_tsc;
		m->trtcm.tc = p->trtcm.cbs;
		m->trtcm.tp = p->trtcm.pbs;
		break;
	case PP_METER_TRTCM_4115:
		m->trtcm_4115.time_tc = now_tsc;
		m->trtcm_4115.time_te = now_tsc;
		m->trtcm_4115.tc = p->trtcm_4115.cbs;
		m->trtcm_4115.te = p->trtcm_4115.ebs;
		break;
	}
	return now_tsc;
}
