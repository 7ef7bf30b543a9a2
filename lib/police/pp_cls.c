/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Classifier: [rule.N] sections on DPDK's rte_acl, one context, one
 * category, first rule wins.
 *
 * rte_acl reads its input as bytes in memory, most significant first
 * (network order), while rule values are host-order integers. The police
 * key keeps its ports in host order (like struct pp_flow_key), so each key
 * is first copied into a struct pp_cls_in, laid out for rte_acl:
 *
 *   offset  bytes  field       rte_acl field (type, size, input index)
 *   0       1      proto       0: BITMASK 1, input 0 (must be 1 byte)
 *   1       3      zero        (not a field)
 *   4       1      dscp        1: BITMASK 1, input 1
 *   5       1      ip_version  2: BITMASK 1, input 1
 *   6       2      vlan        3: BITMASK 2, input 1 (big-endian)
 *   8       4      dport       4: RANGE 4,   input 2 (big-endian)
 *   12      16     src         5..8:  MASK 4, inputs 3..6
 *   28      16     dst         9..12: MASK 4, inputs 7..10
 *
 * rte_acl consumes the first field as one byte, then every input index as
 * 4 bytes read at the offset of its first field, one trie level per byte:
 * the fields of an index must fill exactly 4 bytes, hence the 32-bit
 * dport (its upper half is a "no port" flag, below) and proto alone.
 *
 * How rules map to fields (a field a rule does not give is a wildcard):
 *  - vlan: value, mask 0xffff;
 *  - ip_version 4 / 6: value, mask 0xff; prefixes as 4 x 32-bit masks,
 *    IPv4 on the first word (the key's other words are zero), IPv6 spread
 *    over the 4 words (word w gets min(32, max(0, len - 32 w)) bits);
 *  - a rule with proto or DSCP but no IP version matches IP packets only:
 *    ip_version value 4, mask 4 matches 4 and 6, not 0;
 *  - dport: range lo..hi. Only TCP and UDP keys carry a port; others get
 *    dport 0x10000 in the input, which no 0..65535 range holds, while a
 *    rule without a range gets 0..0xffffffff (fully wild, so rte_acl can
 *    drop the field when no rule uses it). An ICMP echo identifier, kept
 *    in the key's dport, is thus never taken for a port.
 *  - priority RTE_ACL_MAX_PRIORITY - index (the lowest index wins),
 *    userdata index + 1, so rte_acl's 0 (no match) - 1 is PP_CLS_NONE.
 *
 * Measured cost of pp_cls_classify(), TSC cycles per key (2.6 GHz EPYC
 * VM, 2 vCPUs shared with other builds, --no-huge, DPDK 22.11; 16 rules
 * mixing VLAN, IPv4/IPv6 prefixes, proto, port ranges and DSCP, built
 * into one trie; keys from a pool of 4096, 84 % matching, hot cache;
 * rte_rdtsc_precise() around 10^6 keys; best / typical of 9 runs):
 *  - bursts of 32: ~105 / 105-165;
 *  - bursts of 8:  ~127 / 127-170;
 *  - bursts of 1:  ~460 / 460-590 (rte_acl's per-call set-up dominates;
 *    its scalar, SSE and AVX2 paths cost the same there).
 * rte_acl chose its AVX512X16 path (alg 6; AVX2: ~210 at 32). Building
 * with max_size 0 (two tries for these 16 rules) cost ~155 at 32. The
 * copy into struct pp_cls_in is a few cycles of it. Policing classifies
 * a flow once, when the flow table adds it, so this is the per-new-flow
 * cost; pp_police_key_hash() is ~23 cycles on the same machine.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_acl.h>
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_common.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_spinlock.h>

#include "pp_cfg.h"
#include "pp_police.h"

/** Keys given to rte_acl_classify() at once (stack arrays). */
#define PP_CLS_CHUNK	64

/** Largest run-time tables rte_acl_build() may make (bytes, DPDK heap):
 *  ~160 KB for 16 mixed rules in one trie. */
#define PP_CLS_MAX_SIZE	(8u << 20)

#define PP_CLS_IPPROTO_TCP	6
#define PP_CLS_IPPROTO_UDP	17

/** Input dport of a key without ports (outside every 0..65535 range). */
#define PP_CLS_NO_PORT		0x10000u

/** One key as rte_acl reads it (see the layout above). */
struct pp_cls_in {
	uint8_t proto;
	uint8_t zero[3];
	uint8_t dscp;
	uint8_t ip_version;
	rte_be16_t vlan;
	rte_be32_t dport;
	uint8_t src[16];
	uint8_t dst[16];
};

enum {
	PP_CLS_F_PROTO,
	PP_CLS_F_DSCP,
	PP_CLS_F_IPV,
	PP_CLS_F_VLAN,
	PP_CLS_F_DPORT,
	PP_CLS_F_SRC0,
	PP_CLS_F_DST0 = PP_CLS_F_SRC0 + 4,
	PP_CLS_NUM_FIELDS = PP_CLS_F_DST0 + 4,
};

RTE_ACL_RULE_DEF(pp_cls_rule, PP_CLS_NUM_FIELDS);

struct pp_cls {
	struct rte_acl_ctx *acl;
	unsigned int n_rules;	/**< 0: not built, never classify */
};

/* Serialises find-then-create, so that two pp_cls_create() with one name
 * cannot both get rte_acl_create()'s existing context. */
static rte_spinlock_t pp_cls_create_lock = RTE_SPINLOCK_INITIALIZER;

static void
__pp_cls_defs(struct rte_acl_config *cfg)
{
	struct rte_acl_field_def *d = cfg->defs;
	unsigned int w;

	memset(cfg, 0, sizeof(*cfg));
	cfg->num_categories = 1;
	cfg->num_fields = PP_CLS_NUM_FIELDS;
	/* A limit makes rte_acl_build() start from big tries (fewer of them,
	 * classify runs each key through each) and split further only when
	 * the run-time tables would outgrow it; 0 would mean "no limit" but
	 * also "small tries" (16 rules: 2 tries and +20 % cycles a key). */
	cfg->max_size = PP_CLS_MAX_SIZE;

	d[PP_CLS_F_PROTO] = (struct rte_acl_field_def){
		.type = RTE_ACL_FIELD_TYPE_BITMASK, .size = 1,
		.field_index = PP_CLS_F_PROTO, .input_index = 0,
		.offset = offsetof(struct pp_cls_in, proto),
	};
	d[PP_CLS_F_DSCP] = (struct rte_acl_field_def){
		.type = RTE_ACL_FIELD_TYPE_BITMASK, .size = 1,
		.field_index = PP_CLS_F_DSCP, .input_index = 1,
		.offset = offsetof(struct pp_cls_in, dscp),
	};
	d[PP_CLS_F_IPV] = (struct rte_acl_field_def){
		.type = RTE_ACL_FIELD_TYPE_BITMASK, .size = 1,
		.field_index = PP_CLS_F_IPV, .input_index = 1,
		.offset = offsetof(struct pp_cls_in, ip_version),
	};
	d[PP_CLS_F_VLAN] = (struct rte_acl_field_def){
		.type = RTE_ACL_FIELD_TYPE_BITMASK, .size = 2,
		.field_index = PP_CLS_F_VLAN, .input_index = 1,
		.offset = offsetof(struct pp_cls_in, vlan),
	};
	d[PP_CLS_F_DPORT] = (struct rte_acl_field_def){
		.type = RTE_ACL_FIELD_TYPE_RANGE, .size = 4,
		.field_index = PP_CLS_F_DPORT, .input_index = 2,
		.offset = offsetof(struct pp_cls_in, dport),
	};
	for (w = 0; w < 4; w++) {
		d[PP_CLS_F_SRC0 + w] = (struct rte_acl_field_def){
			.type = RTE_ACL_FIELD_TYPE_MASK, .size = 4,
			.field_index = (uint8_t)(PP_CLS_F_SRC0 + w),
			.input_index = (uint8_t)(3 + w),
			.offset = (uint32_t)(offsetof(struct pp_cls_in, src) +
					     4 * w),
		};
		d[PP_CLS_F_DST0 + w] = (struct rte_acl_field_def){
			.type = RTE_ACL_FIELD_TYPE_MASK, .size = 4,
			.field_index = (uint8_t)(PP_CLS_F_DST0 + w),
			.input_index = (uint8_t)(7 + w),
			.offset = (uint32_t)(offsetof(struct pp_cls_in, dst) +
					     4 * w),
		};
	}
}

/* An address prefix as 4 MASK fields: host-order words, bits per word. */
static void
__pp_cls_prefix(struct rte_acl_field *f, const uint8_t *addr,
		unsigned int len)
{
	unsigned int w, bits;
	uint32_t be;

	for (w = 0; w < 4; w++) {
		bits = len > 32 * w ? RTE_MIN(len - 32 * w, 32u) : 0;
		memcpy(&be, addr + 4 * w, sizeof(be));
		/* rte_acl masks the value itself; zero it when wild anyway */
		f[w].value.u32 = bits != 0 ? rte_be_to_cpu_32(be) : 0;
		f[w].mask_range.u32 = bits;
	}
}

/* Check one rule and turn it into an rte_acl rule; -EINVAL if invalid. */
static int
__pp_cls_rule(struct pp_cls_rule *ar, const struct pp_cfg_rule *r,
	      unsigned int idx)
{
	struct rte_acl_field *f = ar->field;
	unsigned int max_len;

	if ((r->has_vlan && r->vlan > 4095) ||
	    (r->has_dscp && r->dscp > 63) || r->dport_lo > r->dport_hi)
		return -EINVAL;
	switch (r->ip_version) {
	case 0:
		max_len = 0;
		break;
	case 4:
		max_len = 32;
		break;
	case 6:
		max_len = 128;
		break;
	default:
		return -EINVAL;
	}
	if (r->src_len > max_len || r->dst_len > max_len)
		return -EINVAL;

	memset(ar, 0, sizeof(*ar));
	ar->data.category_mask = 1;
	ar->data.priority = (int32_t)(RTE_ACL_MAX_PRIORITY - idx);
	ar->data.userdata = idx + 1;

	if (r->has_proto) {
		f[PP_CLS_F_PROTO].value.u8 = r->proto;
		f[PP_CLS_F_PROTO].mask_range.u8 = UINT8_MAX;
	}
	if (r->has_dscp) {
		f[PP_CLS_F_DSCP].value.u8 = r->dscp;
		f[PP_CLS_F_DSCP].mask_range.u8 = UINT8_MAX;
	}
	if (r->ip_version != 0) {
		f[PP_CLS_F_IPV].value.u8 = r->ip_version;
		f[PP_CLS_F_IPV].mask_range.u8 = UINT8_MAX;
	} else if (r->has_proto || r->has_dscp) {
		/* IP only: bit 2 is set in 4 and 6, not in 0 */
		f[PP_CLS_F_IPV].value.u8 = 4;
		f[PP_CLS_F_IPV].mask_range.u8 = 4;
	}
	if (r->has_vlan) {
		f[PP_CLS_F_VLAN].value.u16 = r->vlan;
		f[PP_CLS_F_VLAN].mask_range.u16 = UINT16_MAX;
	}
	if (r->dport_lo == 0 && r->dport_hi == UINT16_MAX) {
		f[PP_CLS_F_DPORT].value.u32 = 0;
		f[PP_CLS_F_DPORT].mask_range.u32 = UINT32_MAX;
	} else {
		f[PP_CLS_F_DPORT].value.u32 = r->dport_lo;
		f[PP_CLS_F_DPORT].mask_range.u32 = r->dport_hi;
	}
	__pp_cls_prefix(&f[PP_CLS_F_SRC0], r->src, r->src_len);
	__pp_cls_prefix(&f[PP_CLS_F_DST0], r->dst, r->dst_len);
	return 0;
}

struct pp_cls *
pp_cls_create(const char *name, const struct pp_cfg_rule *rules,
	      unsigned int n, int socket_id)
{
	struct rte_acl_param prm;
	struct rte_acl_config cfg;
	struct pp_cls_rule *ar = NULL;
	struct pp_cls *c = NULL;
	unsigned int i;
	size_t len;
	int rc;

	if (name == NULL || (rules == NULL && n != 0) ||
	    n > PP_CFG_MAX_RULES) {
		rte_errno = EINVAL;
		return NULL;
	}
	len = strnlen(name, PP_CLS_NAMESIZE);
	if (len == 0 || len >= PP_CLS_NAMESIZE) {
		rte_errno = EINVAL;
		return NULL;
	}
	RTE_BUILD_BUG_ON(PP_CLS_NAMESIZE != RTE_ACL_NAMESIZE);
	RTE_BUILD_BUG_ON(sizeof(struct pp_cls_in) != 44);
	RTE_BUILD_BUG_ON(PP_CFG_MAX_RULES >= RTE_ACL_MAX_PRIORITY);
	/* rte_acl's "no match" (0) minus 1 is PP_CLS_NONE */
	RTE_BUILD_BUG_ON((uint32_t)(0u - 1u) != PP_CLS_NONE);

	if (n != 0) {
		ar = calloc(n, sizeof(*ar));
		if (ar == NULL) {
			rte_errno = ENOMEM;
			return NULL;
		}
		for (i = 0; i < n; i++) {
			rc = __pp_cls_rule(&ar[i], &rules[i], i);
			if (rc != 0)
				goto fail;
		}
	}

	c = rte_zmalloc_socket("pp_cls", sizeof(*c), 0, socket_id);
	if (c == NULL) {
		rc = -ENOMEM;
		goto fail;
	}
	c->n_rules = n;

	memset(&prm, 0, sizeof(prm));
	prm.name = name;
	prm.socket_id = socket_id;
	prm.rule_size = RTE_ACL_RULE_SZ(PP_CLS_NUM_FIELDS);
	prm.max_rule_num = RTE_MAX(n, 1u);
	rte_spinlock_lock(&pp_cls_create_lock);
	if (rte_acl_find_existing(name) != NULL) {
		rte_spinlock_unlock(&pp_cls_create_lock);
		rc = -EEXIST;
		goto fail;
	}
	rte_errno = 0;	/* rte_acl_create() may fail without setting it */
	c->acl = rte_acl_create(&prm);
	rte_spinlock_unlock(&pp_cls_create_lock);
	if (c->acl == NULL) {
		rc = rte_errno != 0 ? -rte_errno : -ENOMEM;
		goto fail;
	}

	/* rte_acl_build() refuses an empty context (-EINVAL): with no
	 * rules, it stays unbuilt and pp_cls_classify() never calls it. */
	if (n != 0) {
		rc = rte_acl_add_rules(c->acl, (const struct rte_acl_rule *)ar,
				       n);
		if (rc != 0)
			goto fail;
		__pp_cls_defs(&cfg);
		rc = rte_acl_build(c->acl, &cfg);
		if (rc != 0)
			goto fail;
	}
	free(ar);
	return c;

fail:
	if (c != NULL) {
		rte_acl_free(c->acl);
		rte_free(c);
	}
	free(ar);
	rte_errno = -rc;
	return NULL;
}

void
pp_cls_free(struct pp_cls *c)
{
	if (c == NULL)
		return;
	rte_acl_free(c->acl);
	rte_free(c);
}

static __rte_always_inline void
__pp_cls_in(struct pp_cls_in *in, const struct pp_police_key *k)
{
	uint32_t dport = PP_CLS_NO_PORT;

	if (k->proto == PP_CLS_IPPROTO_TCP || k->proto == PP_CLS_IPPROTO_UDP)
		dport = k->dport;
	in->proto = k->proto;
	in->zero[0] = 0;
	in->zero[1] = 0;
	in->zero[2] = 0;
	in->dscp = k->dscp;
	in->ip_version = k->ip_version;
	in->vlan = rte_cpu_to_be_16(k->vlan);
	in->dport = rte_cpu_to_be_32(dport);
	memcpy(in->src, k->src, sizeof(in->src));
	memcpy(in->dst, k->dst, sizeof(in->dst));
}

void
pp_cls_classify(const struct pp_cls *c,
		const struct pp_police_key *const *keys, uint32_t *out,
		unsigned int n)
{
	struct pp_cls_in in[PP_CLS_CHUNK];
	const uint8_t *data[PP_CLS_CHUNK];
	uint32_t res[PP_CLS_CHUNK];
	unsigned int i, m;

	if (unlikely(c->n_rules == 0)) {
		for (i = 0; i < n; i++)
			out[i] = PP_CLS_NONE;
		return;
	}
	while (n != 0) {
		m = RTE_MIN(n, (unsigned int)PP_CLS_CHUNK);
		for (i = 0; i < m; i++) {
			__pp_cls_in(&in[i], keys[i]);
			data[i] = (const uint8_t *)&in[i];
		}
		/* Cannot fail: one category, valid pointers, built context. */
		rte_acl_classify(c->acl, data, res, m, 1);
		for (i = 0; i < m; i++)
			out[i] = res[i] - 1;	/* 0 (no match) -> NONE */
		keys += m;
		out += m;
		n -= m;
	}
}
