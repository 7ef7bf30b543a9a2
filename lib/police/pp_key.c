/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Policing flow key: built from a parse result for every packet that is
 * policed per flow, hashed for the flow table.
 */
#include <stddef.h>
#include <string.h>

#include <rte_common.h>
#include <rte_hash_crc.h>

#include "pp_pkt.h"
#include "pp_police.h"

/** Fixed seed of pp_police_key_hash(): same key, same hash, every run. */
#define PP_POLICE_KEY_SEED	0x85ebca6bu

void
pp_police_key_make(struct pp_police_key *k, const struct pp_pkt_info *info)
{
	RTE_BUILD_BUG_ON(sizeof(*k) != 44);
	RTE_BUILD_BUG_ON(sizeof(k->src) != sizeof(info->key.src));
	RTE_BUILD_BUG_ON(sizeof(k->dst) != sizeof(info->key.dst));

	/* Padding is hashed and compared: zero everything first. */
	memset(k, 0, sizeof(*k));
	k->proto = info->l4_proto;
	k->dscp = info->dscp;
	k->ip_version = info->ip_version;
	k->vlan = info->vlan_id;
	k->sport = info->key.sport;
	k->dport = info->key.dport;
	memcpy(k->src, info->key.src, sizeof(k->src));
	memcpy(k->dst, info->key.dst, sizeof(k->dst));
}

uint32_t
pp_police_key_hash(const struct pp_police_key *k)
{
	/*
	 * rte_hash_crc() loads 8 bytes at a time through uint64_t pointers
	 * and the key is only 2-byte aligned: hash an aligned copy (same
	 * value as hashing the key in place).
	 */
	uint64_t a[(sizeof(*k) + 7) / 8];

	memcpy(a, k, sizeof(*k));
	return rte_hash_crc(a, sizeof(*k), PP_POLICE_KEY_SEED);
}
