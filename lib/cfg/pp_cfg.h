/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_CFG_H
#define PP_CFG_H

/**
 * @file
 * Configuration: the INI file (read with rte_cfgfile) and the command-line
 * overrides, turned into validated plain structs.
 *
 * This module needs no EAL: it is pure parsing and validation, so every
 * error path is unit-tested. Checks that need the EAL (is an lcore enabled,
 * does a port exist) take the facts as arguments.
 *
 * Every key goes through one table (pp_cfg.c) with its parser, range and
 * help text; the INI loader, the command-line overrides and `--help` all
 * use that table, so there is one validation per key.
 *
 * Error messages name the file, the section, the key and the reason:
 *   "demo.ini: [pipeline] burst: 0 is out of range (1..256)"
 *
 * pp_cfg_reload_check() says whether a new configuration can replace the
 * running one without a restart; each key's entry in the table says
 * whether it may change live.
 *
 * Thread-safety: none; a struct pp_cfg is built by one thread, then only read.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_ether.h>

#define PP_CFG_NAME_LEN		32	/**< port / generator names */
#define PP_CFG_DEV_LEN		256	/**< device string with vdev args */
#define PP_CFG_PATH_LEN		256
#define PP_CFG_ERR_LEN		512
#define PP_CFG_MAX_LCORES	64	/**< lcores with roles */
#define PP_CFG_MAX_PORTS	16
#define PP_CFG_MAX_GENS		8
#define PP_CFG_MAX_QUEUES	16	/**< RX queues per port or generator */
#define PP_CFG_MAX_SRC		32	/**< RX sources polled by one lcore */
#define PP_CFG_MAX_BURST	256
#define PP_CFG_MAX_FLOWS	(1u << 24)
#define PP_CFG_RX_SPEC_LEN	256	/**< `rx =` value as written */
#define PP_CFG_MAX_CLASSES	16	/**< [class.NAME] sections, default incl. */
#define PP_CFG_MAX_TENANTS	16	/**< [tenant.NAME] sections, default incl. */
#define PP_CFG_MAX_RULES	256	/**< [rule.N] sections */
#define PP_CFG_MAX_WARN		16	/**< warnings kept by pp_cfg_finalize() */
/** Smallest byte burst a policer accepts: one 1500-byte-MTU frame as the
 *  meters count it (Ethernet header, one VLAN tag, no FCS). */
#define PP_CFG_MTU_FRAME	1518

/** Lcore roles; any combination may sit on one lcore. */
enum pp_role {
	PP_ROLE_RX = 1u << 0,
	PP_ROLE_WORKER = 1u << 1,
	PP_ROLE_TX = 1u << 2,
};

/** What an RX source is. */
enum pp_src_kind {
	PP_SRC_PORT = 0,	/**< an ethdev RX queue */
	PP_SRC_GEN = 1,		/**< a queue of the built-in generator */
};

/** One RX source: (port or generator, queue). */
struct pp_cfg_src {
	uint8_t kind;		/**< enum pp_src_kind */
	uint8_t idx;		/**< index into ports[] or gens[] */
	uint16_t queue;
};

/** Where packets received on a port or made by a generator go. */
enum pp_out_kind {
	PP_OUT_PORT = 0,	/**< transmit on ports[idx] */
	PP_OUT_CHECKER = 1,	/**< the checker sink: count, verify, free */
};

struct pp_cfg_out {
	uint8_t kind;		/**< enum pp_out_kind */
	uint8_t idx;		/**< port index for PP_OUT_PORT */
};

/** How packets are spread over workers when some are busier (issue 3). */
enum pp_schedule {
	PP_SCHED_PARALLEL = 0,	/**< steal bursts of packets; no order */
	PP_SCHED_ATOMIC = 1,	/**< move idle flow buckets; flow order kept */
	PP_SCHED_ORDERED = 2,	/**< steal packets; TX restores the order of
				 *  each RX queue (one tx lcore) */
};

/** What a fault (a bad packet or state an lcore cannot handle) does. */
enum pp_cfg_on_fault {
	PP_CFG_FAULT_ISOLATE = 0,	/**< drop, count, go on */
	PP_CFG_FAULT_FAIL_FAST = 1,	/**< stop the pipeline, exit 1 naming
					 *  the lcore and the cause */
};

/** What a full ring does to the stage feeding it. */
enum pp_cfg_overflow {
	PP_CFG_OVERFLOW_DROP = 0,	/**< drop as ring_full */
	PP_CFG_OVERFLOW_BACKPRESSURE = 1, /**< RX stops polling while a ring
					   *  it feeds is full (the NIC counts
					   *  imissed); a worker waits while
					   *  its output ring is full */
};

/** What an lcore does when a loop pass found no work. */
enum pp_cfg_idle {
	PP_CFG_IDLE_POLL = 0,		/**< keep polling */
	PP_CFG_IDLE_BACKOFF = 1,	/**< pause (rte_pause) after idle_polls
					 *  empty passes */
	PP_CFG_IDLE_SLEEP = 2,		/**< sleep after idle_polls empty
					 *  passes, up to idle_sleep_max */
};

/** [lcore.N] */
struct pp_cfg_lcore {
	unsigned int lcore_id;
	uint8_t roles;			/**< enum pp_role bits */
	bool rx_explicit;		/**< `rx =` given; else auto-assigned */
	uint16_t n_rx;			/**< filled by pp_cfg_finalize() */
	struct pp_cfg_src rx[PP_CFG_MAX_SRC];
	/** `rx =` as written ("p0:1, g0"); resolved into rx[] by
	 *  pp_cfg_finalize(), because sources may be defined later in the file.
	 */
	char rx_spec[PP_CFG_RX_SPEC_LEN];
};

/** [port.NAME] */
struct pp_cfg_port {
	char name[PP_CFG_NAME_LEN];
	/** ethdev name ("net_null0", "0000:01:00.0") or vdev with args
	 *  ("net_pcap0,rx_pcap=in.pcap"); a vdev not given to EAL is created.
	 */
	char dev[PP_CFG_DEV_LEN];
	uint16_t rx_queues;
	uint16_t rxd;			/**< RX descriptors per queue */
	uint16_t txd;			/**< TX descriptors per queue */
	bool rss;
	bool promisc;
	bool has_peer_mac;
	struct rte_ether_addr peer_mac;	/**< destination MAC written on TX */
	char fwd_name[PP_CFG_NAME_LEN];	/**< as written; resolved into fwd */
	struct pp_cfg_out fwd;
};

enum pp_gen_popularity {
	PP_POP_UNIFORM = 0,
	PP_POP_ZIPF = 1,
};

/** [gen.NAME]: the built-in traffic source. */
struct pp_cfg_gen {
	char name[PP_CFG_NAME_LEN];
	uint16_t queues;		/**< flows are split over queues */
	uint32_t flows;
	uint16_t pkt_len;		/**< L2 frame length without FCS */
	bool imix;			/**< 7:4:1 mix of 60/590/1514, not pkt_len */
	uint8_t ip_version;		/**< 4 or 6 */
	uint8_t l4_proto;		/**< IPPROTO_UDP or IPPROTO_TCP */
	uint16_t vlan;			/**< 0: untagged, else VLAN id 1..4094 */
	uint8_t dscp;			/**< DSCP of every packet, 0..63 */
	uint64_t rate_pps;		/**< all queues together; 0 = flat out */
	uint8_t popularity;		/**< enum pp_gen_popularity */
	double zipf_s;			/**< Zipf exponent (> 0) */
	double malformed;		/**< fraction 0..1 of malformed packets */
	uint64_t count;			/**< total packets, 0 = until stopped */
	/** Work stage: a worker spends `cost` TSC cycles on each packet of
	 *  the first `cost_flows` share of flows (lowest ids: with Zipf, the
	 *  popular head), to make imbalance on purpose (DPI, crypto). */
	uint32_t cost;
	double cost_flows;
	uint64_t seed;
	char fwd_name[PP_CFG_NAME_LEN];
	struct pp_cfg_out fwd;
	/** Not a key: set by pp_cfg_finalize(). The generators' flow ids
	 *  follow each other (this one's flow f has id flow_base + f, and
	 *  the addresses and ports of that id), so generators sharing the
	 *  checker never share a flow id or a 5-tuple. */
	uint32_t flow_base;
};

/** Per-flow meter of a class ([class.NAME] meter). */
enum pp_cfg_meter {
	PP_CFG_METER_NONE = 0,	/**< no per-flow meter: every packet green */
	PP_CFG_METER_SRTCM,	/**< RFC 2697: cir, cbs, ebs */
	PP_CFG_METER_TRTCM,	/**< RFC 2698: cir, cbs, pir (eir), pbs (ebs) */
	PP_CFG_METER_TRTCM_4115, /**< RFC 4115: cir, cbs, eir, ebs */
};

/** What happens to a packet of a colour ([class.NAME] green/yellow/red). */
enum pp_cfg_action {
	PP_CFG_ACT_PASS = 0,
	PP_CFG_ACT_REMARK,	/**< rewrite the DSCP, then pass */
	PP_CFG_ACT_DROP,	/**< drop, counted as `policed` */
};

struct pp_cfg_color_action {
	uint8_t action;		/**< enum pp_cfg_action */
	uint8_t dscp;		/**< PP_CFG_ACT_REMARK: 0..63 */
};

/**
 * An aggregate policer: one token bucket shared by every packet of a
 * class or tenant, on all lcores. Values in config units; rate 0 = none.
 */
struct pp_cfg_agg {
	uint64_t rate;		/**< bit/s, or packets/s if `packets` */
	/** bytes, or packets; pp_cfg_finalize() replaces 0 (not given) by
	 *  10 ms of rate, at least PP_CFG_MTU_FRAME bytes / 32 packets (0
	 *  while rate is 0) */
	uint64_t burst;
	bool packets;		/**< `unit = packets` */
	/** Not a key: burst was not given and pp_cfg_finalize() computed
	 *  it; a later finalize recomputes it (rate or unit may change). */
	bool burst_auto;
};

/**
 * [class.NAME]: what policing does to the packets rules put in it.
 * Colours index act[]: RTE_COLOR_GREEN (0), YELLOW (1), RED (2).
 * Meter values in config units: rates in bit/s, bursts in bytes (the
 * meters count L2 frame bytes without FCS). Which are used depends on
 * `meter` (pp_cfg_finalize() refuses the others): srtcm cir, cbs, ebs;
 * trtcm cir, cbs, pir, pbs; trtcm4115 cir, cbs, eir, ebs.
 */
struct pp_cfg_class {
	char name[PP_CFG_NAME_LEN];
	uint8_t meter;		/**< enum pp_cfg_meter */
	uint64_t cir, cbs, ebs, pir, pbs, eir;
	struct pp_cfg_color_action act[3];	/**< by colour */
	struct pp_cfg_agg agg;	/**< `rate`, `burst`, `unit` */
	/** seconds; a packet of the class older than this (since RX) when
	 *  a worker takes it is dropped as `deadline`; 0 = [pipeline]
	 *  deadline */
	double deadline;
};

/** [tenant.NAME]: an aggregate shared by every packet of the tenant. */
struct pp_cfg_tenant {
	char name[PP_CFG_NAME_LEN];
	struct pp_cfg_agg agg;
};

/**
 * [rule.N]: packets matching every given field go to class/tenant. Rules
 * are tried in order of N; the first match wins; a packet no rule
 * matches goes to [police] default_class / default_tenant.
 */
struct pp_cfg_rule {
	unsigned int id;	/**< N */
	bool has_vlan;
	uint16_t vlan;		/**< outer VLAN id, 0..4095 (0: untagged) */
	/** 0 = any IP version (or not IP); 4 or 6 when a prefix is given */
	uint8_t ip_version;
	/** src / dst given: even a /0 prefix pins ip_version (and src and
	 *  dst must then be of one family) */
	bool has_src;
	bool has_dst;
	uint8_t src_len;	/**< prefix length; 0 = any */
	uint8_t dst_len;
	uint8_t src[16];	/**< network order; IPv4 in the first 4 */
	uint8_t dst[16];
	bool has_proto;
	uint8_t proto;		/**< IPPROTO_* */
	uint16_t dport_lo;	/**< destination port range, 0..65535 = any */
	uint16_t dport_hi;
	bool has_dscp;
	uint8_t dscp;		/**< 0..63 */
	char class_name[PP_CFG_NAME_LEN];	/**< "" = default class */
	char tenant_name[PP_CFG_NAME_LEN];	/**< "" = default tenant */
	uint8_t cls;		/**< resolved by pp_cfg_finalize() */
	uint8_t tenant;		/**< resolved by pp_cfg_finalize() */
};

/** [police] and the sections it governs. */
struct pp_cfg_police {
	/** Not a key: true when the file has any [class.*], [tenant.*] or
	 *  [rule.*] section (set by pp_cfg_finalize()). */
	bool enabled;
	uint32_t max_flows;	/**< flow table size per RX lcore */
	double flow_idle;	/**< seconds before an idle flow may go */
	char default_class_name[PP_CFG_NAME_LEN];	/**< "" = "default" */
	char default_tenant_name[PP_CFG_NAME_LEN];	/**< "" = "default" */
	/** Resolved by pp_cfg_finalize(): index into classes[]/tenants[].
	 *  When the name is "" and no section is named "default", a class
	 *  (tenant) "default" is appended to classes[] (tenants[]): no
	 *  meter, no aggregate, green/yellow pass, red drop. It is then a
	 *  section like the others, so a later finalize finds it by name. */
	uint8_t default_class;
	uint8_t default_tenant;
	unsigned int n_classes;
	struct pp_cfg_class classes[PP_CFG_MAX_CLASSES];
	unsigned int n_tenants;
	struct pp_cfg_tenant tenants[PP_CFG_MAX_TENANTS];
	unsigned int n_rules;
	struct pp_cfg_rule rules[PP_CFG_MAX_RULES];	/**< sorted by id */
};

/** A listen address, e.g. [pipeline] metrics: "PORT", "IPV4:PORT" or
 *  "[IPV6]:PORT"; a bare port means 127.0.0.1 (localhost only). */
struct pp_cfg_listen {
	char text[64];		/**< as written; "" = off */
	bool ipv6;		/**< addr holds an IPv6 address, else IPv4 */
	uint8_t addr[16];	/**< network order; IPv4 in the first 4 */
	uint16_t port;		/**< 1..65535; 0 = off */
};

/** Command-line overrides a configuration keeps (pp_cfg_override()). */
#define PP_CFG_MAX_OVERRIDES	32

/** One override: SECTION.KEY=VALUE, as given. */
struct pp_cfg_override {
	char section[PP_CFG_NAME_LEN + 8];
	char key[PP_CFG_NAME_LEN];
	char value[PP_CFG_DEV_LEN];
};

/** The whole validated configuration. */
struct pp_cfg {
	char path[PP_CFG_PATH_LEN];	/**< file it came from, for messages */

	/* [pipeline] */
	uint16_t burst;
	uint32_t buckets;		/**< flow buckets, power of two */
	uint32_t worker_ring_size;	/**< power of two */
	uint32_t tx_ring_size;		/**< power of two */
	uint32_t mbufs;			/**< per socket; 0 = computed */
	uint16_t mbuf_cache;
	uint16_t tx_retries;		/**< tx_burst retries before tx_full */
	double duration;		/**< seconds; 0 = until SIGINT/SIGTERM */
	double stats_period;		/**< seconds; 0 = no live stats */
	double drain_timeout;		/**< seconds before a drain is forced */
	char stats_json[PP_CFG_PATH_LEN];	/**< "" = none */
	char stats_jsonl[PP_CFG_PATH_LEN];	/**< per-period JSON lines;
						 *  "" = none */
	uint8_t schedule;		/**< enum pp_schedule */
	bool steal;			/**< idle workers take work */
	uint32_t steal_min_backlog;	/**< packets a victim must have */
	uint32_t bucket_moves;		/**< atomic: moves per thief per ms */
	/* [pipeline]: the control plane */
	/** seconds; a packet older than this (since RX) when a worker takes
	 *  it is dropped as `deadline`; 0 = none */
	double deadline;
	uint8_t on_fault;		/**< enum pp_cfg_on_fault */
	uint8_t overflow;		/**< enum pp_cfg_overflow */
	/** packets between RX and TX at most (RX stops polling above it);
	 *  0 = no cap */
	uint32_t max_in_flight;
	/** seconds a TX port must refuse every packet before its circuit
	 *  breaker opens (its packets are then dropped as `breaker_open`);
	 *  0 = no breaker */
	double breaker_after;
	double breaker_backoff;		/**< seconds an open breaker waits
					 *  before probing the port again */
	uint8_t idle;			/**< enum pp_cfg_idle */
	uint32_t idle_polls;		/**< empty passes before idling */
	double idle_sleep_max;		/**< seconds: longest idle sleep */
	/** seconds an lcore may go without reporting a quiescent state
	 *  before it is reported */
	double watchdog;
	/** Prometheus endpoint (GET /metrics); port 0 = off */
	struct pp_cfg_listen metrics;

	unsigned int n_lcores;
	struct pp_cfg_lcore lcores[PP_CFG_MAX_LCORES];
	unsigned int n_ports;
	struct pp_cfg_port ports[PP_CFG_MAX_PORTS];
	unsigned int n_gens;
	struct pp_cfg_gen gens[PP_CFG_MAX_GENS];
	struct pp_cfg_police police;

	/** The command-line overrides, in order: a reload re-reads the file
	 *  and applies them again (pp_cfg_reapply_overrides()). */
	unsigned int n_overrides;
	struct pp_cfg_override overrides[PP_CFG_MAX_OVERRIDES];

	/** Things pp_cfg_finalize() found legal but suspicious (rules that
	 *  partly overlap with different outcomes), "FILE: [section] ...";
	 *  the caller prints them. */
	unsigned int n_warnings;
	char warnings[PP_CFG_MAX_WARN][PP_CFG_ERR_LEN];
};

/** An error message: "FILE: [section] key: reason". */
struct pp_cfg_err {
	char msg[PP_CFG_ERR_LEN];
};

/**
 * Set every [pipeline] and [police] key to its default and empty the
 * lists.
 *
 * @param cfg  the struct to fill; never NULL.
 */
void pp_cfg_defaults(struct pp_cfg *cfg);

/**
 * Read an INI file into cfg (which pp_cfg_defaults() prepared).
 *
 * Sections: [pipeline], [lcore.N], [port.NAME], [gen.NAME], [police],
 * [class.NAME], [tenant.NAME], [rule.N]. Each key is
 * parsed and range-checked as it is read (by the same setter as
 * pp_cfg_set()); cross-references and required keys are checked later by
 * pp_cfg_finalize(). A key given twice in one section, or a section given
 * twice in the file, is an error. Lines rte_cfgfile would refuse or
 * silently skip (no '=', empty value, key before any section, overlong
 * line or value) are refused with "FILE: line N: reason". cfg->path is
 * set to path, and names the file in later messages.
 *
 * @return 0, or -EINVAL (bad syntax, section, key or value, or path
 *   longer than PP_CFG_PATH_LEN - 1), -ENOENT (file unreadable, with
 *   strerror), -E2BIG (too many sections of a kind), -ENOMEM; err says
 *   which.
 */
int pp_cfg_load(struct pp_cfg *cfg, const char *path, struct pp_cfg_err *err);

/**
 * Set one key, exactly as if it were read from the INI file. Command-line
 * overrides use this, so they get the same validation and messages.
 *
 * @param origin  what to name in messages instead of the file, e.g.
 *   "command line"; NULL means cfg->path.
 * @param section  "pipeline", "lcore.N", "port.NAME", "gen.NAME",
 *   "police", "class.NAME", "tenant.NAME" or "rule.N"; a section that
 *   does not exist yet is created with its defaults.
 * @param value  leading and trailing spaces are ignored.
 * @return 0, or -EINVAL / -E2BIG as pp_cfg_load(); err says which. On
 *   error cfg is unchanged (no section is created). Setting a key the file
 *   already set is an override, not a duplicate.
 */
int pp_cfg_set(struct pp_cfg *cfg, const char *origin, const char *section,
	       const char *key, const char *value, struct pp_cfg_err *err);

/**
 * A command-line override: pp_cfg_set() with origin "command line", and
 * kept in cfg->overrides so that a reload of the file applies it again.
 * @return as pp_cfg_set(), or -E2BIG (more than PP_CFG_MAX_OVERRIDES, or
 *   a section, key or value too long to keep).
 */
int pp_cfg_override(struct pp_cfg *cfg, const char *section, const char *key,
		    const char *value, struct pp_cfg_err *err);

/**
 * Apply from's command-line overrides to cfg (just loaded from the file,
 * not yet finalized), and keep them in cfg.
 * @return 0, or pp_cfg_set()'s error for the first that fails.
 */
int pp_cfg_reapply_overrides(struct pp_cfg *cfg, const struct pp_cfg *from,
			     struct pp_cfg_err *err);

/**
 * Resolve names and check everything that spans keys or sections:
 * - required keys are present: `dev` of ports, `roles` of lcores, `fwd`
 *   of generators;
 * - `fwd` names a port or "checker"; it is resolved into fwd;
 * - generator packets fit: pkt_len (or imix's 60-byte packets) is at
 *   least 14 + 4 (VLAN) + 20|40 (IPv4|IPv6) + 8|20 (UDP|TCP) + 16
 *   (struct pp_gen_payload);
 * - lcores[] is sorted by lcore_id; at least one lcore has each role;
 *   buckets >= workers; at least one port with fwd or generator exists;
 * - `rx` lists name existing sources (ports only with fwd), valid queues,
 *   and only on lcores with the rx role; they fill lcores[].rx[];
 * - every (source, queue) is polled by exactly one RX lcore: those no
 *   `rx` list names are dealt round-robin, one queue at a time, over the
 *   RX lcores without an `rx` list (in lcore_id order), ports first then
 *   generators, each in section order.
 * - policing (police.enabled when any [class.*], [tenant.*] or [rule.*]
 *   exists): each class has the keys its meter needs and none it does
 *   not use (trtcm: pir >= cir; trtcm4115: eir and ebs both or neither);
 *   aggregate rate and burst are in range for their unit, and a burst
 *   left at 0 becomes 10 ms of rate (at least PP_CFG_MTU_FRAME bytes or
 *   32 packets); default_class / default_tenant are resolved, appending
 *   a "default" class / tenant when none is named and none exists;
 *   rules[] is sorted by id, each sets class or tenant, names resolve
 *   into cls / tenant; a rule an earlier rule covers (every packet it
 *   matches, the earlier one matches) is an error; a rule partly
 *   overlapping an earlier one with another class or tenant, neither
 *   covering the other, adds a warning to warnings[].
 * Powers of two and ranges were checked when each key was set. It may be
 * called again after pp_cfg_set(): it rebuilds rx[] and fwd, re-resolves
 * the rules and recomputes the bursts it computed, and adds no second
 * default class or tenant. n_warnings is reset on entry.
 *
 * @return 0 or -EINVAL; err names the [section] and, where one is at
 *   fault, the key (the missing role and the like are reported on
 *   [pipeline]).
 */
int pp_cfg_finalize(struct pp_cfg *cfg, struct pp_cfg_err *err);

/**
 * Check the lcores against what EAL gave.
 *
 * @param enabled  enabled(lcore_id) is true for lcores EAL enabled (e.g.
 *   rte_lcore_is_enabled); NULL skips that check.
 * @param main_lcore  EAL's main lcore: it runs the control thread and may
 *   not carry a role.
 * @return 0 or -EINVAL with err naming the [lcore.N] section.
 */
int pp_cfg_check_lcores(const struct pp_cfg *cfg,
			bool (*enabled)(unsigned int lcore_id),
			unsigned int main_lcore, struct pp_cfg_err *err);

/**
 * Can `next` replace `running` in a live pipeline, or does the change
 * need a restart?
 *
 * Each key carries a flag in the key table saying whether a running
 * pipeline can take a new value (`--help` marks those keys
 * "reloadable"); values are compared as pp_cfg_dump() writes them. A
 * reload may change:
 * - [pipeline] duration, stats_period, drain_timeout, stats_json,
 *   tx_retries, steal, steal_min_backlog, bucket_moves, deadline,
 *   on_fault, overflow, max_in_flight, breaker_after, breaker_backoff,
 *   idle, idle_polls, idle_sleep_max, watchdog;
 * - [police] flow_idle, default_class, default_tenant;
 * - every [class.NAME] and [tenant.NAME] key but `unit`; an aggregate
 *   `rate` only between nonzero values (0 <-> nonzero adds or removes an
 *   aggregate: a restart);
 * - [rule.N] sections: added, removed or changed in any key.
 * Everything else needs a restart: any other key, and [lcore.N],
 * [port.NAME], [gen.NAME], [class.NAME] and [tenant.NAME] sections added
 * or removed. Sections are matched by name (lcores by N); ports,
 * generators, classes and tenants must also keep their order, since
 * their index in ports[], gens[], classes[] and tenants[] is what the
 * running pipeline keeps its state by (a reordered set is refused as
 * "the order of [class.*] sections" and the like). The class and tenant
 * named default that pp_cfg_finalize() appends compare like any other,
 * so two loads of one file compare equal. Derived fields (rx[], fwd,
 * flow_base, rule cls/tenant, warnings, path) are not compared: they
 * follow from keys that are.
 *
 * @param running  the configuration the pipeline runs; finalized
 *   (pp_cfg_finalize() returned 0); never NULL.
 * @param next  the candidate, finalized; never NULL.
 * @param err  on -EPERM: "NEXT_FILE: reload refused: these need a
 *   restart: ITEM, ITEM ...; the running config stays", with an ITEM per
 *   difference, in file order of sections ([pipeline], lcores, ports,
 *   generators, [police], classes, tenants): "[pipeline] burst (32 ->
 *   64)" (values left out when longer than 40 characters; "unset" for
 *   an unset key), "[lcore.4] added", "[class.gold] removed", "[tenant.t]
 *   rate (0 -> 10M: add or remove an aggregate)", "the order of [port.*]
 *   sections". Items that do not fit in PP_CFG_ERR_LEN are counted: "...
 *   and 3 more". NULL: no message.
 * @return 0 when every difference may go live (or there is none), or
 *   -EPERM when at least one needs a restart.
 *
 * Thread-safety: reads both configs and writes only err; safe from any
 * thread while nobody writes running or next. Needs no EAL.
 */
int pp_cfg_reload_check(const struct pp_cfg *running,
			const struct pp_cfg *next, struct pp_cfg_err *err);

/**
 * Index of the [port.NAME], [class.NAME] or [tenant.NAME] section named
 * name, or -1. Any thread (reads only).
 */
int pp_cfg_port_find(const struct pp_cfg *cfg, const char *name);
int pp_cfg_class_find(const struct pp_cfg_police *p, const char *name);
int pp_cfg_tenant_find(const struct pp_cfg_police *p, const char *name);

/**
 * Print every section and key with its type, range, default and meaning.
 * This is the key reference in `--help`.
 */
void pp_cfg_help(FILE *f);

/**
 * Print the configuration as INI (what was parsed, with defaults) that
 * pp_cfg_load() reads back to the same configuration. Unset keys (an
 * empty stats_json, peer_mac, fwd, an auto-assigned rx, meter values and
 * rule match keys not given, an aggregate burst pp_cfg_finalize()
 * computed) are left out; a default class or tenant finalize appended is
 * written as a section.
 */
void pp_cfg_dump(FILE *f, const struct pp_cfg *cfg);

/** Count of lcores in cfg that have all the role bit(s) in `role`. */
unsigned int pp_cfg_count_role(const struct pp_cfg *cfg, uint8_t role);

#endif /* PP_CFG_H */
