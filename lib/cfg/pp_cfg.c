/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Configuration: INI file and command-line overrides into struct pp_cfg.
 *
 * Every key lives in one table, pp_cfg_keys[], with its parser (which also
 * validates and stores), its formatter (for pp_cfg_dump()), its range, its
 * default, its help line and whether a running pipeline can take a new
 * value (`live`). pp_cfg_load(), pp_cfg_set(), the defaults, pp_cfg_dump(),
 * pp_cfg_help() and pp_cfg_reload_check() all walk that table, so a key
 * cannot be validated one way from the file and another way from the
 * command line, nor compared on reload by code that forgot it.
 *
 * Parsing is two-phase: the parsers check one value at a time (syntax and
 * range) and store it; pp_cfg_finalize() checks what spans keys and
 * sections (names, roles, RX queue ownership, header sizes, which meter
 * keys a class needs, rule order).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <rte_cfgfile.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_ether.h>

#include "pp_common.h"
#include "pp_cfg.h"

/* Longest line rte_cfgfile_load() reads: its buffer is
 * CFG_NAME_LEN + CFG_VALUE_LEN + 4 bytes, read with fgets().
 */
#define CFG_LINE_MAX	(CFG_NAME_LEN + CFG_VALUE_LEN + 2)

/* Payload marker after the L4 header: magic u32, flow u32, seq u64. */
#define GEN_MARKER_LEN	16
/* Smallest packet of the 7:4:1 IMIX. */
#define GEN_IMIX_MIN	60

#define ROLES_EXPECTED \
	"expected rx, worker, tx, io (= rx+tx) or rtc (= rx+worker+tx), " \
	"joined by '+', ',' or spaces"
#define RX_EXPECTED \
	"expected SOURCE or SOURCE:QUEUE separated by ',' or spaces; " \
	"SOURCE is a port or gen name"
#define NAME_EXPECTED \
	"expected 1 to 31 characters of A-Z a-z 0-9 _ -"
#define DSCP_EXPECTED \
	"0..63 or ef, af11..af43, cs0..cs7, be"
#define SEC_EXPECTED \
	"expected pipeline, lcore.N, port.NAME, gen.NAME, police, " \
	"class.NAME, tenant.NAME, rule.N"

/* Policing limits, in config units (bit/s, bytes, packets). The policing
 * library's are in bytes/s: 8e12 bit/s is its 1e12 bytes/s.
 */
#define RATE_MIN_BITS	UINT64_C(1000)
#define RATE_MAX_BITS	UINT64_C(8000000000000)
#define RATE_MAX_PKTS	UINT64_C(1000000000000)
#define BURST_MAX	(UINT64_C(1) << 40)
#define RULE_ID_MAX	65535
/* Default aggregate burst: AGG_BURST_MS of rate, at least one frame
 * (PP_CFG_MTU_FRAME) or AGG_BURST_MIN_PKTS packets.
 */
#define AGG_BURST_MS	10
#define AGG_BURST_MIN_PKTS 32
#define BELOW_FRAME \
	"is below one frame (1518 bytes); a burst must hold the largest " \
	"packet (1500-byte MTU + Ethernet and VLAN headers)"

enum sec_kind {
	SEC_PIPELINE,
	SEC_LCORE,
	SEC_PORT,
	SEC_GEN,
	SEC_POLICE,
	SEC_CLASS,
	SEC_TENANT,
	SEC_RULE,
	SEC_KINDS,
};

static const char *const sec_kind_names[SEC_KINDS] = {
	[SEC_PIPELINE] = "pipeline",
	[SEC_LCORE] = "lcore",
	[SEC_PORT] = "port",
	[SEC_GEN] = "gen",
	[SEC_POLICE] = "police",
	[SEC_CLASS] = "class",
	[SEC_TENANT] = "tenant",
	[SEC_RULE] = "rule",
};

struct pp_cfg_key;

/* What a parser works on: one key of one section. */
struct key_ctx {
	const char *origin;		/* file path or e.g. "command line" */
	const char *section;		/* as written, for messages */
	const struct pp_cfg_key *key;
	void *obj;			/* the section's struct */
	struct pp_cfg_err *err;
};

/* Validate v and store it in kc->obj; on error fill kc->err, -EINVAL. */
typedef int (*key_parse_t)(const struct key_ctx *kc, const char *v);
/* Write the value as INI text; false when the key is unset. */
typedef bool (*key_format_t)(const void *obj, const struct pp_cfg_key *k,
			     char *buf, size_t len);
/* For a live key whose value differs between the running section (old)
 * and the next one: NULL when the change may go live, else why not.
 */
typedef const char *(*key_live_t)(const void *old, const void *next,
				  const struct pp_cfg_key *k);

struct enum_val {
	const char *name;
	uint64_t val;
};

struct pp_cfg_key {
	uint8_t sec;			/* enum sec_kind */
	bool required;
	const char *name;
	key_parse_t parse;
	key_format_t format;
	size_t off;			/* field in the section's struct */
	size_t size;
	uint64_t min;			/* integer keys */
	uint64_t max;
	double dmin;			/* float keys */
	double dmax;
	const struct enum_val *enums;	/* enum keys, NULL-terminated */
	const char *type;		/* for help */
	const char *range;		/* for help and messages */
	const char *def;		/* default, parsed as input; or NULL */
	const char *help;
	/* A running pipeline can take a new value (pp_cfg_reload_check());
	 * live_if, when set, may still refuse a particular change.
	 */
	bool live;
	key_live_t live_if;
};

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static int
verr_at(struct pp_cfg_err *err, int rc, const char *origin,
	const char *section, const char *key, const char *fmt, va_list ap)
{
	int n;

	if (err == NULL)
		return rc;
	if (section != NULL && key != NULL)
		n = snprintf(err->msg, sizeof(err->msg), "%s: [%s] %s: ",
			     origin, section, key);
	else if (section != NULL)
		n = snprintf(err->msg, sizeof(err->msg), "%s: [%s]: ",
			     origin, section);
	else
		n = snprintf(err->msg, sizeof(err->msg), "%s: ", origin);
	if (n < 0 || (size_t)n >= sizeof(err->msg))
		return rc;
	vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
	return rc;
}

/* "ORIGIN: [SECTION] KEY: reason", or without KEY / SECTION when NULL. */
static int __rte_format_printf(6, 7)
err_at(struct pp_cfg_err *err, int rc, const char *origin,
       const char *section, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = verr_at(err, rc, origin, section, key, fmt, ap);
	va_end(ap);
	return rc;
}

static int __rte_format_printf(2, 3)
key_err(const struct key_ctx *kc, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verr_at(kc->err, -EINVAL, kc->origin, kc->section,
		     kc->key->name, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *
cfg_origin(const struct pp_cfg *cfg)
{
	return cfg->path[0] != '\0' ? cfg->path : "configuration";
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static bool
copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

/* s without leading and trailing spaces (cut in place). */
static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* A port, generator, class or tenant name: [A-Za-z0-9_-]{1,31}. */
static bool
name_ok(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		if (!isalnum((unsigned char)s[n]) && s[n] != '_' &&
		    s[n] != '-')
			return false;
	return n >= 1 && n < PP_CFG_NAME_LEN;
}

/*
 * Unsigned integer, decimal or 0x hex, nothing else around it.
 * @return 0, -EINVAL (not a number) or -ERANGE (negative or > u64).
 */
static int
parse_u64(const char *s, uint64_t *out)
{
	const char *p = s;
	bool neg = false;
	int base = 10;
	char *end;
	uint64_t v;

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!isxdigit((unsigned char)*p))
			return -EINVAL;
	} else if (!isdigit((unsigned char)*p)) {
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(p, &end, base);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || (neg && v != 0))
		return -ERANGE;
	*out = v;
	return 0;
}

/*
 * A finite floating-point number; *rest gets what follows it (NULL: the
 * number must be the whole string).
 * @return 0, -EINVAL (not a number) or -ERANGE (infinite or too large).
 */
static int
parse_double(const char *s, double *out, const char **rest)
{
	char *end;
	double v;

	if (!isdigit((unsigned char)s[0]) && s[0] != '.' && s[0] != '-' &&
	    s[0] != '+')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (end == s)
		return -EINVAL;
	if (rest != NULL)
		*rest = end;
	else if (*end != '\0')
		return -EINVAL;
	if (!isfinite(v) || errno == ERANGE)
		return -ERANGE;
	*out = v;
	return 0;
}

static void
put_uint(void *obj, const struct pp_cfg_key *k, uint64_t v)
{
	char *p = (char *)obj + k->off;
	uint8_t u8 = v;
	uint16_t u16 = v;
	uint32_t u32 = v;

	switch (k->size) {
	case sizeof(uint8_t):
		memcpy(p, &u8, sizeof(u8));
		break;
	case sizeof(uint16_t):
		memcpy(p, &u16, sizeof(u16));
		break;
	case sizeof(uint32_t):
		memcpy(p, &u32, sizeof(u32));
		break;
	default:
		RTE_VERIFY(k->size == sizeof(uint64_t));
		memcpy(p, &v, sizeof(v));
		break;
	}
}

static uint64_t
get_uint(const void *obj, const struct pp_cfg_key *k)
{
	const char *p = (const char *)obj + k->off;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (k->size) {
	case sizeof(uint8_t):
		memcpy(&u8, p, sizeof(u8));
		return u8;
	case sizeof(uint16_t):
		memcpy(&u16, p, sizeof(u16));
		return u16;
	case sizeof(uint32_t):
		memcpy(&u32, p, sizeof(u32));
		return u32;
	default:
		memcpy(&u64, p, sizeof(u64));
		return u64;
	}
}

static bool
is_pow2(uint64_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

/* ------------------------------------------------------------------ */
/* Parsers: one per value type; each validates fully, then stores.     */

static int
uint_value(const struct key_ctx *kc, const char *v, uint64_t *x)
{
	int rc = parse_u64(v, x);

	if (rc == -EINVAL)
		return key_err(kc, "'%s' is not an integer (expected %s)", v,
			       kc->key->range);
	if (rc != 0)
		return key_err(kc, "%s is out of range (%s)", v,
			       kc->key->range);
	return 0;
}

/* Integer in min..max. */
static int
p_uint(const struct key_ctx *kc, const char *v)
{
	const struct pp_cfg_key *k = kc->key;
	uint64_t x;
	int rc;

	rc = uint_value(kc, v, &x);
	if (rc != 0)
		return rc;
	if (x < k->min || x > k->max)
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	put_uint(kc->obj, k, x);
	return 0;
}

/* 0, or an integer in min..max. */
static int
p_uint_or0(const struct key_ctx *kc, const char *v)
{
	const struct pp_cfg_key *k = kc->key;
	uint64_t x;
	int rc;

	rc = uint_value(kc, v, &x);
	if (rc != 0)
		return rc;
	if (x != 0 && (x < k->min || x > k->max))
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	put_uint(kc->obj, k, x);
	return 0;
}

/* A power of two in min..max. */
static int
p_pow2(const struct key_ctx *kc, const char *v)
{
	const struct pp_cfg_key *k = kc->key;
	uint64_t x, lo;

	if (uint_value(kc, v, &x) != 0)
		return -EINVAL;
	if (x < k->min || x > k->max)
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	if (!is_pow2(x)) {
		lo = UINT64_C(1) << (63 - __builtin_clzll(x));
		return key_err(kc,
			       "%s is not a power of two (e.g. %" PRIu64
			       " or %" PRIu64 ")", v, lo, lo << 1);
	}
	put_uint(kc->obj, k, x);
	return 0;
}

static int
p_double(const struct key_ctx *kc, const char *v)
{
	const struct pp_cfg_key *k = kc->key;
	double x;
	int rc;

	rc = parse_double(v, &x, NULL);
	if (rc == -EINVAL)
		return key_err(kc, "'%s' is not a number (expected %s)", v,
			       k->range);
	if (rc != 0 || x < k->dmin || x > k->dmax)
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	memcpy((char *)kc->obj + k->off, &x, sizeof(x));
	return 0;
}

static int
p_bool(const struct key_ctx *kc, const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	bool b;
	size_t i;

	for (i = 0; i < RTE_DIM(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			b = true;
			goto store;
		}
		if (strcasecmp(v, no[i]) == 0) {
			b = false;
			goto store;
		}
	}
	return key_err(kc, "'%s' is not a boolean (expected %s)", v,
		       kc->key->range);
store:
	memcpy((char *)kc->obj + kc->key->off, &b, sizeof(b));
	return 0;
}

/* One of k->enums, case-insensitive. */
static int
p_enum(const struct key_ctx *kc, const char *v)
{
	const struct enum_val *e;

	for (e = kc->key->enums; e->name != NULL; e++) {
		if (strcasecmp(v, e->name) == 0) {
			put_uint(kc->obj, kc->key, e->val);
			return 0;
		}
	}
	return key_err(kc, "'%s' is not valid (expected %s)", v,
		       kc->key->range);
}

/* A string that may be empty (a path). */
static int
p_str(const struct key_ctx *kc, const char *v)
{
	if (!copy_str((char *)kc->obj + kc->key->off, kc->key->size, v))
		return key_err(kc, "too long (at most %zu characters)",
			       kc->key->size - 1);
	return 0;
}

/* A string that may not be empty. */
static int
p_nonempty(const struct key_ctx *kc, const char *v)
{
	if (v[0] == '\0')
		return key_err(kc, "empty (expected %s)", kc->key->range);
	return p_str(kc, v);
}

/* A listen address: "" (off), "PORT" (127.0.0.1), "IPV4:PORT" or
 * "[IPV6]:PORT"; numeric addresses only (no name lookup at parse time). */
static int
p_listen(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_listen l, *out;
	char host[INET6_ADDRSTRLEN + 2];
	const char *port = v, *colon;
	unsigned long n;
	char *end;

	out = (struct pp_cfg_listen *)((char *)kc->obj + kc->key->off);
	memset(&l, 0, sizeof(l));
	if (v[0] == '\0') {
		*out = l;
		return 0;
	}
	if (!copy_str(l.text, sizeof(l.text), v))
		return key_err(kc, "too long (at most %zu characters)",
			       sizeof(l.text) - 1);
	colon = strrchr(v, ':');
	if (colon != NULL) {
		size_t hl = (size_t)(colon - v);

		port = colon + 1;
		if (v[0] == '[' && hl >= 2 && v[hl - 1] == ']') {
			v++;
			hl -= 2;
			l.ipv6 = true;
		} else if (memchr(v, ':', hl) != NULL) {
			return key_err(kc, "'%s': write an IPv6 address in "
				       "brackets ([::1]:9100)", l.text);
		}
		if (hl == 0 || hl >= sizeof(host))
			return key_err(kc, "'%s': no address before the port "
				       "(expected %s)", l.text,
				       kc->key->range);
		memcpy(host, v, hl);
		host[hl] = '\0';
		if (inet_pton(l.ipv6 ? AF_INET6 : AF_INET, host, l.addr) != 1)
			return key_err(kc, "'%s' is not an IP%s address "
				       "(expected %s)", host,
				       l.ipv6 ? "v6" : "v4", kc->key->range);
	} else {
		l.addr[0] = 127;	/* a bare port: localhost only */
		l.addr[3] = 1;
	}
	errno = 0;
	n = strtoul(port, &end, 10);
	if (!isdigit((unsigned char)port[0]) || *end != '\0' || errno != 0 ||
	    n < 1 || n > 65535)
		return key_err(kc, "'%s' is not a port (1..65535; expected "
			       "%s)", port, kc->key->range);
	l.port = (uint16_t)n;
	*out = l;
	return 0;
}

static int
p_roles(const struct key_ctx *kc, const char *v)
{
	static const struct enum_val words[] = {
		{ "rx", PP_ROLE_RX },
		{ "worker", PP_ROLE_WORKER },
		{ "tx", PP_ROLE_TX },
		{ "io", PP_ROLE_RX | PP_ROLE_TX },
		{ "rtc", PP_ROLE_RX | PP_ROLE_WORKER | PP_ROLE_TX },
	};
	struct pp_cfg_lcore *lc = kc->obj;
	const char *p = v;
	uint8_t roles = 0;
	size_t n, i;

	for (;;) {
		p += strspn(p, ",+ \t");
		n = strcspn(p, ",+ \t");
		if (n == 0)
			break;
		for (i = 0; i < RTE_DIM(words); i++)
			if (strlen(words[i].name) == n &&
			    strncasecmp(p, words[i].name, n) == 0)
				break;
		if (i == RTE_DIM(words))
			return key_err(kc, "'%.*s' is not a role (%s)",
				       (int)n, p, ROLES_EXPECTED);
		roles |= words[i].val;
		p += n;
	}
	if (roles == 0)
		return key_err(kc, "empty (%s)", ROLES_EXPECTED);
	lc->roles = roles;
	return 0;
}

/* Syntax only; names are resolved by pp_cfg_finalize(). */
static int
p_rx(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_lcore *lc = kc->obj;
	char tok[PP_CFG_RX_SPEC_LEN];
	const char *p = v;
	unsigned int n_tok = 0;
	char *colon;
	uint64_t q;
	size_t n;

	if (strlen(v) >= sizeof(lc->rx_spec))
		return key_err(kc, "too long (at most %zu characters)",
			       sizeof(lc->rx_spec) - 1);
	for (;;) {
		p += strspn(p, ", \t");
		n = strcspn(p, ", \t");
		if (n == 0)
			break;
		memcpy(tok, p, n);
		tok[n] = '\0';
		p += n;
		n_tok++;
		colon = strchr(tok, ':');
		if (colon != NULL)
			*colon++ = '\0';
		if (!name_ok(tok))
			return key_err(kc, "'%s' is not a port or gen name (%s)",
				       tok, NAME_EXPECTED);
		if (strcmp(tok, "checker") == 0)
			return key_err(kc,
				       "checker is an output, not an RX source");
		if (colon != NULL &&
		    (parse_u64(colon, &q) != 0 || q >= PP_CFG_MAX_QUEUES))
			return key_err(kc,
				       "'%s' in %s:%s is not a queue number (0..%u)",
				       colon, tok, colon,
				       PP_CFG_MAX_QUEUES - 1);
	}
	if (n_tok == 0)
		return key_err(kc, "empty (%s)", RX_EXPECTED);
	memcpy(lc->rx_spec, v, strlen(v) + 1);
	lc->rx_explicit = true;
	return 0;
}

static int
p_mac(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_port *port = kc->obj;
	struct rte_ether_addr mac;

	if (rte_ether_unformat_addr(v, &mac) != 0)
		return key_err(kc, "'%s' is not a MAC address (expected %s)",
			       v, kc->key->range);
	port->peer_mac = mac;
	port->has_peer_mac = true;
	return 0;
}

/* A port name or "checker"; resolved by pp_cfg_finalize(). */
static int
p_fwd(const struct key_ctx *kc, const char *v)
{
	if (!name_ok(v))
		return key_err(kc, "'%s' is not a port name or checker (%s)",
			       v, NAME_EXPECTED);
	return p_str(kc, v);
}

static int
p_pkt_len(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_gen *gen = kc->obj;

	if (strcasecmp(v, "imix") == 0) {
		gen->imix = true;
		return 0;
	}
	if (p_uint(kc, v) != 0)
		return -EINVAL;
	gen->imix = false;
	return 0;
}

/*
 * A whole number written with an optional decimal suffix: k or K (1e3),
 * M (1e6), G (1e9), and T (1e12) when tera; "1.5M" is 1500000.
 * @return 0, -EINVAL (not a number, bad suffix), -ERANGE (negative or
 *   above 1e18) or -EDOM (not a whole number).
 */
static int
si_parse(const char *v, bool tera, uint64_t *out)
{
	const char *rest;
	double x, mult = 1, r;
	int rc;

	rc = parse_double(v, &x, &rest);
	if (rc != 0)
		return rc;
	if (strcmp(rest, "k") == 0 || strcmp(rest, "K") == 0)
		mult = 1e3;
	else if (strcmp(rest, "M") == 0)
		mult = 1e6;
	else if (strcmp(rest, "G") == 0)
		mult = 1e9;
	else if (tera && strcmp(rest, "T") == 0)
		mult = 1e12;
	else if (*rest != '\0')
		return -EINVAL;
	x *= mult;
	if (x < 0 || x > 1e18)
		return -ERANGE;
	/* Whole numbers only; allow for 1.1k = 1100.0000000000002. */
	r = (double)(uint64_t)(x + 0.5);
	if (x - r > 1e-9 * r + 1e-9 || r - x > 1e-9 * r + 1e-9)
		return -EDOM;
	*out = (uint64_t)r;
	return 0;
}

/* Packets per second with an optional k, M or G suffix. */
static int
p_rate(const struct key_ctx *kc, const char *v)
{
	const struct pp_cfg_key *k = kc->key;
	uint64_t x;
	int rc;

	rc = si_parse(v, false, &x);
	if (rc == -EINVAL)
		return key_err(kc,
			       "'%s' is not a rate (expected packets/s, %s, with an optional suffix k, M or G, e.g. 10M)",
			       v, k->range);
	if (rc == -EDOM)
		return key_err(kc, "%s is not a whole number of packets/s", v);
	if (rc != 0 || (double)x < k->dmin || (double)x > k->dmax)
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	put_uint(kc->obj, k, x);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Policing parsers                                                    */

/* A rate: bit/s (or packets/s for an aggregate), suffix up to T. */
static int
rate_value(const struct key_ctx *kc, const char *v, const char *unit,
	   uint64_t *x)
{
	int rc = si_parse(v, true, x);

	if (rc == -EINVAL)
		return key_err(kc,
			       "'%s' is not a rate (expected %s, %s, with an optional suffix k, M, G or T, e.g. 10M)",
			       v, unit, kc->key->range);
	if (rc == -EDOM)
		return key_err(kc, "%s is not a whole number of %s", v, unit);
	if (rc != 0)
		return key_err(kc, "%s is out of range (%s)", v,
			       kc->key->range);
	return 0;
}

/* A size: bytes (or packets for an aggregate), suffix up to G. */
static int
size_value(const struct key_ctx *kc, const char *v, const char *unit,
	   uint64_t *x)
{
	int rc = si_parse(v, false, x);

	if (rc == -EINVAL)
		return key_err(kc,
			       "'%s' is not a size (expected %s, %s, with an optional suffix k, M or G, powers of 1000, e.g. 64k)",
			       v, unit, kc->key->range);
	if (rc == -EDOM)
		return key_err(kc, "%s is not a whole number of %s", v, unit);
	if (rc != 0)
		return key_err(kc, "%s is out of range (%s)", v,
			       kc->key->range);
	return 0;
}

/* A meter rate in bit/s: min..max; 0 too when or0 (eir: none). */
static int
bitrate_set(const struct key_ctx *kc, const char *v, bool or0)
{
	const struct pp_cfg_key *k = kc->key;
	uint64_t x;

	if (rate_value(kc, v, "bit/s", &x) != 0)
		return -EINVAL;
	if ((x != 0 || !or0) && (x < k->min || x > k->max))
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	put_uint(kc->obj, k, x);
	return 0;
}

static int
p_bitrate(const struct key_ctx *kc, const char *v)
{
	return bitrate_set(kc, v, false);
}

static int
p_bitrate_or0(const struct key_ctx *kc, const char *v)
{
	return bitrate_set(kc, v, true);
}

/* A meter burst in bytes: one frame..max; 0 too when or0 (ebs: none). */
static int
burst_set(const struct key_ctx *kc, const char *v, bool or0)
{
	const struct pp_cfg_key *k = kc->key;
	uint64_t x;

	if (size_value(kc, v, "bytes", &x) != 0)
		return -EINVAL;
	if (x == 0 && or0)
		goto store;
	if (x == 0 || x > k->max)
		return key_err(kc, "%s is out of range (%s)", v, k->range);
	if (x < PP_CFG_MTU_FRAME)
		return key_err(kc, "%s " BELOW_FRAME, v);
store:
	put_uint(kc->obj, k, x);
	return 0;
}

static int
p_burst(const struct key_ctx *kc, const char *v)
{
	return burst_set(kc, v, false);
}

static int
p_burst_or0(const struct key_ctx *kc, const char *v)
{
	return burst_set(kc, v, true);
}

/*
 * The aggregate keys of [class.NAME] and [tenant.NAME]: k->off is the
 * struct pp_cfg_agg in the section's struct, so both sections share
 * these parsers. What rate and burst mean depends on `unit`, which may
 * come later in the file: here only the syntax and the widest range are
 * checked; agg_finalize() checks the range for the unit.
 */
static struct pp_cfg_agg *
agg_of(const struct key_ctx *kc)
{
	return (struct pp_cfg_agg *)((char *)kc->obj + kc->key->off);
}

static int
p_agg_rate(const struct key_ctx *kc, const char *v)
{
	uint64_t x;

	if (rate_value(kc, v, "bit/s or, with unit = packets, packets/s",
		       &x) != 0)
		return -EINVAL;
	if (x > RATE_MAX_BITS)
		return key_err(kc, "%s is out of range (%s)", v,
			       kc->key->range);
	agg_of(kc)->rate = x;
	return 0;
}

static int
p_agg_burst(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_agg *a = agg_of(kc);
	uint64_t x;

	if (size_value(kc, v, "bytes or, with unit = packets, packets",
		       &x) != 0)
		return -EINVAL;
	if (x > BURST_MAX)
		return key_err(kc, "%s is out of range (%s)", v,
			       kc->key->range);
	a->burst = x;
	a->burst_auto = false;
	return 0;
}

static int
p_agg_unit(const struct key_ctx *kc, const char *v)
{
	if (strcasecmp(v, "bytes") == 0)
		agg_of(kc)->packets = false;
	else if (strcasecmp(v, "packets") == 0)
		agg_of(kc)->packets = true;
	else
		return key_err(kc, "'%s' is not valid (expected %s)", v,
			       kc->key->range);
	return 0;
}

static const struct enum_val dscp_names[] = {
	{ "be", 0 }, { "default", 0 },
	{ "cs0", 0 }, { "cs1", 8 }, { "cs2", 16 }, { "cs3", 24 },
	{ "cs4", 32 }, { "cs5", 40 }, { "cs6", 48 }, { "cs7", 56 },
	{ "af11", 10 }, { "af12", 12 }, { "af13", 14 },
	{ "af21", 18 }, { "af22", 20 }, { "af23", 22 },
	{ "af31", 26 }, { "af32", 28 }, { "af33", 30 },
	{ "af41", 34 }, { "af42", 36 }, { "af43", 38 },
	{ "ef", 46 },
	{ NULL, 0 },
};

/* A DSCP: 0..63 or a standard name, case-insensitive. */
static bool
dscp_parse(const char *v, uint8_t *out)
{
	const struct enum_val *e;
	uint64_t x;

	if (parse_u64(v, &x) == 0) {
		if (x > 63)
			return false;
		*out = x;
		return true;
	}
	for (e = dscp_names; e->name != NULL; e++) {
		if (strcasecmp(v, e->name) == 0) {
			*out = e->val;
			return true;
		}
	}
	return false;
}

/* [gen.NAME] dscp. */
static int
p_dscp(const struct key_ctx *kc, const char *v)
{
	uint8_t d;

	if (!dscp_parse(v, &d))
		return key_err(kc, "'%s' is not a DSCP (expected %s)", v,
			       DSCP_EXPECTED);
	put_uint(kc->obj, kc->key, d);
	return 0;
}

/* pass, drop or remark DSCP. */
static int
p_action(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_color_action a = { .action = PP_CFG_ACT_PASS };
	const char *arg;

	if (strcasecmp(v, "pass") == 0) {
		a.action = PP_CFG_ACT_PASS;
	} else if (strcasecmp(v, "drop") == 0) {
		a.action = PP_CFG_ACT_DROP;
	} else if (strncasecmp(v, "remark", 6) == 0 &&
		   (v[6] == '\0' || isspace((unsigned char)v[6]))) {
		arg = v + 6;
		arg += strspn(arg, " \t");
		if (*arg == '\0')
			return key_err(kc,
				       "remark needs a DSCP (e.g. remark af11 or remark 10)");
		a.action = PP_CFG_ACT_REMARK;
		if (!dscp_parse(arg, &a.dscp))
			return key_err(kc, "'%s' in '%s' is not a DSCP (expected %s)",
				       arg, v, DSCP_EXPECTED);
	} else {
		return key_err(kc, "'%s' is not an action (expected %s)", v,
			       kc->key->range);
	}
	memcpy((char *)kc->obj + kc->key->off, &a, sizeof(a));
	return 0;
}

/* "" (the default) or a name; for names resolved by pp_cfg_finalize(). */
static int
p_name_opt(const struct key_ctx *kc, const char *v)
{
	if (v[0] != '\0' && !name_ok(v))
		return key_err(kc, "'%s' is not a valid name (%s)", v,
			       NAME_EXPECTED);
	return p_str(kc, v);
}

/* Rule match keys: "any" (the default) or a value. */
static bool
is_any(const char *v)
{
	return strcasecmp(v, "any") == 0;
}

static int
p_rule_vlan(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_rule *r = kc->obj;
	uint64_t x;

	if (is_any(v)) {
		r->has_vlan = false;
		r->vlan = 0;
		return 0;
	}
	if (uint_value(kc, v, &x) != 0)
		return -EINVAL;
	if (x > kc->key->max)
		return key_err(kc, "%s is out of range (%s)", v,
			       kc->key->range);
	r->has_vlan = true;
	r->vlan = x;
	return 0;
}

static const struct enum_val rule_proto_vals[] = {
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "icmp", IPPROTO_ICMP },
	{ "icmpv6", IPPROTO_ICMPV6 },
	{ "sctp", IPPROTO_SCTP },
	{ NULL, 0 },
};

static int
p_rule_proto(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_rule *r = kc->obj;
	const struct enum_val *e;
	uint64_t x;

	if (is_any(v)) {
		r->has_proto = false;
		r->proto = 0;
		return 0;
	}
	for (e = rule_proto_vals; e->name != NULL; e++) {
		if (strcasecmp(v, e->name) == 0) {
			x = e->val;
			goto store;
		}
	}
	if (parse_u64(v, &x) != 0 || x > 255)
		return key_err(kc, "'%s' is not a protocol (expected %s)", v,
			       kc->key->range);
store:
	r->has_proto = true;
	r->proto = x;
	return 0;
}

static int
p_rule_dport(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_rule *r = kc->obj;
	char buf[32];
	uint64_t lo, hi;
	char *dash;

	if (is_any(v)) {
		r->dport_lo = 0;
		r->dport_hi = UINT16_MAX;
		return 0;
	}
	if (!copy_str(buf, sizeof(buf), v))
		goto bad;
	dash = strchr(buf, '-');
	if (dash != NULL)
		*dash++ = '\0';
	if (parse_u64(trim(buf), &lo) != 0 ||
	    (dash != NULL && parse_u64(trim(dash), &hi) != 0))
		goto bad;
	if (dash == NULL)
		hi = lo;
	if (lo > UINT16_MAX || hi > UINT16_MAX)
		return key_err(kc, "%s is out of range (ports are 0..65535)",
			       v);
	if (lo > hi)
		return key_err(kc,
			       "%s is not a range: %" PRIu64 " > %" PRIu64 " (write LO-HI with LO <= HI)",
			       v, lo, hi);
	r->dport_lo = lo;
	r->dport_hi = hi;
	return 0;
bad:
	return key_err(kc, "'%s' is not a port or port range (expected %s)",
		       v, kc->key->range);
}

static int
p_rule_dscp(const struct key_ctx *kc, const char *v)
{
	struct pp_cfg_rule *r = kc->obj;
	uint8_t d;

	if (is_any(v)) {
		r->has_dscp = false;
		r->dscp = 0;
		return 0;
	}
	if (!dscp_parse(v, &d))
		return key_err(kc, "'%s' is not a DSCP (expected %s or any)",
			       v, DSCP_EXPECTED);
	r->has_dscp = true;
	r->dscp = d;
	return 0;
}

/* Does a (len bits of it) equal b? */
static bool
prefix_eq(const uint8_t *a, const uint8_t *b, unsigned int len)
{
	unsigned int full = len / 8, rest = len % 8;
	uint8_t mask;

	if (memcmp(a, b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return ((a[full] ^ b[full]) & mask) == 0;
}

/* src or dst: an IPv4 or IPv6 prefix, or any. */
static int
prefix_set(const struct key_ctx *kc, const char *v, bool src)
{
	struct pp_cfg_rule *r = kc->obj;
	const char *other = src ? "dst" : "src";
	bool other_set = src ? r->has_dst : r->has_src;
	char buf[INET6_ADDRSTRLEN + 8], net_txt[INET6_ADDRSTRLEN];
	uint8_t addr[16], net[16];
	unsigned int bits, i;
	uint8_t version;
	uint64_t len;
	char *slash;

	if (is_any(v)) {
		if (src) {
			r->has_src = false;
			r->src_len = 0;
			memset(r->src, 0, sizeof(r->src));
		} else {
			r->has_dst = false;
			r->dst_len = 0;
			memset(r->dst, 0, sizeof(r->dst));
		}
		if (!other_set)
			r->ip_version = 0;
		return 0;
	}
	if (!copy_str(buf, sizeof(buf), v))
		goto bad;
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash++ = '\0';
	memset(addr, 0, sizeof(addr));
	if (inet_pton(AF_INET, buf, addr) == 1) {
		version = 4;
		bits = 32;
	} else if (inet_pton(AF_INET6, buf, addr) == 1) {
		version = 6;
		bits = 128;
	} else {
		goto bad;
	}
	len = bits;
	if (slash != NULL) {
		if (!isdigit((unsigned char)*slash) ||
		    slash[strspn(slash, "0123456789")] != '\0' ||
		    parse_u64(slash, &len) != 0 || len > bits)
			return key_err(kc,
				       "'/%s' is not a prefix length for IPv%u (expected /0../%u)",
				       slash, version, bits);
	}
	/* The network: addr with the bits past len cleared. */
	memset(net, 0, sizeof(net));
	memcpy(net, addr, len / 8);
	if (len % 8 != 0)
		net[len / 8] = addr[len / 8] &
			(uint8_t)(0xff << (8 - len % 8));
	for (i = 0; i < bits / 8; i++) {
		if (net[i] == addr[i])
			continue;
		inet_ntop(version == 4 ? AF_INET : AF_INET6, net, net_txt,
			  sizeof(net_txt));
		return key_err(kc,
			       "%s has bits set past /%" PRIu64 "; did you mean %s/%" PRIu64 "?",
			       v, len, net_txt, len);
	}
	if (other_set && r->ip_version != version)
		return key_err(kc,
			       "%s is IPv%u but %s is IPv%u; src and dst must be of one IP version",
			       v, version, other, r->ip_version);
	if (src) {
		memcpy(r->src, net, sizeof(r->src));
		r->src_len = len;
		r->has_src = true;
	} else {
		memcpy(r->dst, net, sizeof(r->dst));
		r->dst_len = len;
		r->has_dst = true;
	}
	r->ip_version = version;
	return 0;
bad:
	return key_err(kc, "'%s' is not an IP prefix (expected %s)", v,
		       kc->key->range);
}

static int
p_rule_src(const struct key_ctx *kc, const char *v)
{
	return prefix_set(kc, v, true);
}

static int
p_rule_dst(const struct key_ctx *kc, const char *v)
{
	return prefix_set(kc, v, false);
}

/* ------------------------------------------------------------------ */
/* Formatters for pp_cfg_dump(): the inverse of the parsers.           */

static bool
f_uint(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64, get_uint(obj, k));
	return true;
}

/* Shortest text that reads back to the same double. */
static bool
f_double(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	double x;
	int prec;

	/* Callers always pass a buffer; without this check GCC 12 at -O3
	 * with UBSan warns of a "null destination pointer" below.
	 */
	if (buf == NULL || len == 0)
		return false;
	memcpy(&x, (const char *)obj + k->off, sizeof(x));
	for (prec = 6; prec < 17; prec++) {
		snprintf(buf, len, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			return true;
	}
	snprintf(buf, len, "%.17g", x);
	return true;
}

static bool
f_bool(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	bool b;

	memcpy(&b, (const char *)obj + k->off, sizeof(b));
	snprintf(buf, len, "%s", b ? "yes" : "no");
	return true;
}

static bool
f_enum(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	uint64_t v = get_uint(obj, k);
	const struct enum_val *e;

	for (e = k->enums; e->name != NULL; e++) {
		if (e->val == v) {
			snprintf(buf, len, "%s", e->name);
			return true;
		}
	}
	return false;
}

/* A string; ';' would start a comment, so it is written "\;". */
static bool
f_str(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	const char *s = (const char *)obj + k->off;
	size_t o = 0;

	if (s[0] == '\0')
		return false;
	for (; *s != '\0' && o + 3 < len; s++) {
		if (*s == ';')
			buf[o++] = '\\';
		buf[o++] = *s;
	}
	buf[o] = '\0';
	return true;
}

static bool
f_listen(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	const struct pp_cfg_listen *l =
		(const struct pp_cfg_listen *)((const char *)obj + k->off);

	if (l->port == 0)
		return false;
	snprintf(buf, len, "%s", l->text);
	return true;
}

static bool
f_roles(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	const struct pp_cfg_lcore *lc = obj;

	RTE_SET_USED(k);
	if (lc->roles == 0)
		return false;
	snprintf(buf, len, "%s%s%s%s%s",
		 (lc->roles & PP_ROLE_RX) ? "rx" : "",
		 (lc->roles & PP_ROLE_RX) &&
		 (lc->roles & (PP_ROLE_WORKER | PP_ROLE_TX)) ? "+" : "",
		 (lc->roles & PP_ROLE_WORKER) ? "worker" : "",
		 (lc->roles & PP_ROLE_WORKER) &&
		 (lc->roles & PP_ROLE_TX) ? "+" : "",
		 (lc->roles & PP_ROLE_TX) ? "tx" : "");
	return true;
}

static bool
f_rx(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	const struct pp_cfg_lcore *lc = obj;

	RTE_SET_USED(k);
	if (!lc->rx_explicit)
		return false;
	snprintf(buf, len, "%s", lc->rx_spec);
	return true;
}

static bool
f_mac(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	const struct pp_cfg_port *port = obj;

	RTE_SET_USED(k);
	if (!port->has_peer_mac)
		return false;
	rte_ether_format_addr(buf, len, &port->peer_mac);
	return true;
}

static bool
f_pkt_len(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	const struct pp_cfg_gen *gen = obj;

	if (gen->imix) {
		snprintf(buf, len, "imix");
		return true;
	}
	return f_uint(obj, k, buf, len);
}

/* v with the largest suffix that keeps it exact: 10000000 -> 10M. */
static void
si_format(uint64_t v, bool tera, char *buf, size_t len)
{
	static const struct {
		uint64_t mult;
		char suffix;
	} si[] = {
		{ UINT64_C(1000000000000), 'T' },
		{ 1000000000, 'G' },
		{ 1000000, 'M' },
		{ 1000, 'k' },
	};
	size_t i;

	for (i = tera ? 0 : 1; v != 0 && i < RTE_DIM(si); i++) {
		if (v % si[i].mult == 0) {
			snprintf(buf, len, "%" PRIu64 "%c", v / si[i].mult,
				 si[i].suffix);
			return;
		}
	}
	snprintf(buf, len, "%" PRIu64, v);
}

/* A meter rate (bit/s); 0 = not given. */
static bool
f_bitrate(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	uint64_t v = get_uint(obj, k);

	if (v == 0)
		return false;
	si_format(v, true, buf, len);
	return true;
}

/* A meter burst (bytes); 0 = not given. */
static bool
f_burst(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	uint64_t v = get_uint(obj, k);

	if (v == 0)
		return false;
	si_format(v, false, buf, len);
	return true;
}

static const struct pp_cfg_agg *
agg_of_const(const void *obj, const struct pp_cfg_key *k)
{
	return (const struct pp_cfg_agg *)((const char *)obj + k->off);
}

static bool
f_agg_rate(const void *obj, const struct pp_cfg_key *k, char *buf,
	   size_t len)
{
	si_format(agg_of_const(obj, k)->rate, true, buf, len);
	return true;
}

/* A burst pp_cfg_finalize() computed is left out: it is recomputed. */
static bool
f_agg_burst(const void *obj, const struct pp_cfg_key *k, char *buf,
	    size_t len)
{
	const struct pp_cfg_agg *a = agg_of_const(obj, k);

	if (a->burst_auto || a->burst == 0)
		return false;
	si_format(a->burst, false, buf, len);
	return true;
}

static bool
f_agg_unit(const void *obj, const struct pp_cfg_key *k, char *buf,
	   size_t len)
{
	snprintf(buf, len, "%s", agg_of_const(obj, k)->packets ?
		 "packets" : "bytes");
	return true;
}

/* An aggregate exists or not from start to exit: its token bucket and
 * counters are made at start. Rates between nonzero values can change.
 */
static const char *
live_agg_rate(const void *old, const void *next, const struct pp_cfg_key *k)
{
	if ((agg_of_const(old, k)->rate == 0) !=
	    (agg_of_const(next, k)->rate == 0))
		return "add or remove an aggregate";
	return NULL;
}

static bool
f_action(const void *obj, const struct pp_cfg_key *k, char *buf, size_t len)
{
	struct pp_cfg_color_action a;

	memcpy(&a, (const char *)obj + k->off, sizeof(a));
	switch (a.action) {
	case PP_CFG_ACT_REMARK:
		snprintf(buf, len, "remark %u", a.dscp);
		break;
	case PP_CFG_ACT_DROP:
		snprintf(buf, len, "drop");
		break;
	default:
		snprintf(buf, len, "pass");
		break;
	}
	return true;
}

static bool
f_rule_vlan(const void *obj, const struct pp_cfg_key *k, char *buf,
	    size_t len)
{
	const struct pp_cfg_rule *r = obj;

	RTE_SET_USED(k);
	if (!r->has_vlan)
		return false;
	snprintf(buf, len, "%u", r->vlan);
	return true;
}

static bool
f_prefix(const struct pp_cfg_rule *r, const uint8_t *addr, uint8_t plen,
	 char *buf, size_t len)
{
	char txt[INET6_ADDRSTRLEN];

	inet_ntop(r->ip_version == 4 ? AF_INET : AF_INET6, addr, txt,
		  sizeof(txt));
	snprintf(buf, len, "%s/%u", txt, plen);
	return true;
}

static bool
f_rule_src(const void *obj, const struct pp_cfg_key *k, char *buf,
	   size_t len)
{
	const struct pp_cfg_rule *r = obj;

	RTE_SET_USED(k);
	return r->has_src && f_prefix(r, r->src, r->src_len, buf, len);
}

static bool
f_rule_dst(const void *obj, const struct pp_cfg_key *k, char *buf,
	   size_t len)
{
	const struct pp_cfg_rule *r = obj;

	RTE_SET_USED(k);
	return r->has_dst && f_prefix(r, r->dst, r->dst_len, buf, len);
}

static bool
f_rule_proto(const void *obj, const struct pp_cfg_key *k, char *buf,
	     size_t len)
{
	const struct pp_cfg_rule *r = obj;
	const struct enum_val *e;

	RTE_SET_USED(k);
	if (!r->has_proto)
		return false;
	for (e = rule_proto_vals; e->name != NULL; e++) {
		if (e->val == r->proto) {
			snprintf(buf, len, "%s", e->name);
			return true;
		}
	}
	snprintf(buf, len, "%u", r->proto);
	return true;
}

static bool
f_rule_dport(const void *obj, const struct pp_cfg_key *k, char *buf,
	     size_t len)
{
	const struct pp_cfg_rule *r = obj;

	RTE_SET_USED(k);
	if (r->dport_lo == 0 && r->dport_hi == UINT16_MAX)
		return false;
	if (r->dport_lo == r->dport_hi)
		snprintf(buf, len, "%u", r->dport_lo);
	else
		snprintf(buf, len, "%u-%u", r->dport_lo, r->dport_hi);
	return true;
}

static bool
f_rule_dscp(const void *obj, const struct pp_cfg_key *k, char *buf,
	    size_t len)
{
	const struct pp_cfg_rule *r = obj;

	RTE_SET_USED(k);
	if (!r->has_dscp)
		return false;
	snprintf(buf, len, "%u", r->dscp);
	return true;
}

/* ------------------------------------------------------------------ */
/* The key table                                                       */

#define FIELD(type, f) \
	.off = offsetof(type, f), .size = sizeof(((type *)0)->f)

static const struct enum_val ip_vals[] = {
	{ "4", 4 },
	{ "6", 6 },
	{ NULL, 0 },
};

static const struct enum_val proto_vals[] = {
	{ "udp", IPPROTO_UDP },
	{ "tcp", IPPROTO_TCP },
	{ NULL, 0 },
};

static const struct enum_val sched_vals[] = {
	{ "parallel", PP_SCHED_PARALLEL },
	{ "atomic", PP_SCHED_ATOMIC },
	{ "ordered", PP_SCHED_ORDERED },
	{ NULL, 0 },
};

static const struct enum_val meter_vals[] = {
	{ "none", PP_CFG_METER_NONE },
	{ "srtcm", PP_CFG_METER_SRTCM },
	{ "trtcm", PP_CFG_METER_TRTCM },
	{ "trtcm4115", PP_CFG_METER_TRTCM_4115 },
	{ NULL, 0 },
};

static const struct enum_val pop_vals[] = {
	{ "uniform", PP_POP_UNIFORM },
	{ "zipf", PP_POP_ZIPF },
	{ NULL, 0 },
};

static const struct enum_val on_fault_vals[] = {
	{ "fail-fast", PP_CFG_FAULT_FAIL_FAST },
	{ "isolate", PP_CFG_FAULT_ISOLATE },
	{ NULL, 0 },
};

static const struct enum_val overflow_vals[] = {
	{ "drop", PP_CFG_OVERFLOW_DROP },
	{ "backpressure", PP_CFG_OVERFLOW_BACKPRESSURE },
	{ NULL, 0 },
};

static const struct enum_val idle_vals[] = {
	{ "poll", PP_CFG_IDLE_POLL },
	{ "backoff", PP_CFG_IDLE_BACKOFF },
	{ "sleep", PP_CFG_IDLE_SLEEP },
	{ NULL, 0 },
};

#define BOOL_RANGE "yes/no, true/false, on/off, 1/0"
#define ACTION_HELP(colour) \
	"what happens to " colour " packets: pass, drop, or remark DSCP " \
	"(rewrite the DSCP, " DSCP_EXPECTED ", then pass)"

/* rate, burst, unit of [class.NAME] and [tenant.NAME]: same parsers. */
#define AGG_KEYS(kind, stype, what) \
	{ \
		.sec = kind, .name = "rate", \
		.parse = p_agg_rate, .format = f_agg_rate, \
		FIELD(stype, agg), \
		.type = "rate", \
		.range = "0, 1000..8e12 bit/s or 1..1e12 packets/s", \
		.def = "0", \
		.help = "aggregate policer shared by every packet of the " \
			what " on all lcores: bit/s, or packets/s with unit " \
			"= packets; suffix k, M, G, T (powers of 1000); 0 = " \
			"none (a reload may change a rate, but not to or " \
			"from 0: that adds or removes the aggregate)", \
		.live = true, .live_if = live_agg_rate, \
	}, \
	{ \
		.sec = kind, .name = "burst", \
		.parse = p_agg_burst, .format = f_agg_burst, \
		FIELD(stype, agg), \
		.type = "size", \
		.range = "0, 1518..2^40 bytes or 1..2^40 packets", \
		.def = "0", \
		.help = "aggregate burst: bytes (at least one 1518-byte " \
			"frame), or packets with unit = packets; suffix k, M, " \
			"G; 0 = 10 ms of rate, at least 1518 bytes or 32 " \
			"packets", \
		.live = true, \
	}, \
	{ \
		.sec = kind, .name = "unit", \
		.parse = p_agg_unit, .format = f_agg_unit, \
		FIELD(stype, agg), \
		.type = "enum", .range = "bytes or packets", .def = "bytes", \
		.help = "what the aggregate counts: bytes (rate in bit/s, " \
			"burst in bytes) or packets", \
	}

static const struct pp_cfg_key pp_cfg_keys[] = {
	/* [pipeline] */
	{
		.sec = SEC_PIPELINE, .name = "burst",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, burst),
		.min = 1, .max = PP_CFG_MAX_BURST,
		.type = "integer", .range = "1..256", .def = "32",
		.help = "packets per RX burst, ring enqueue and TX burst",
	},
	{
		.sec = SEC_PIPELINE, .name = "buckets",
		.parse = p_pow2, .format = f_uint,
		FIELD(struct pp_cfg, buckets),
		.min = 1, .max = 65536,
		.type = "power of 2", .range = "1..65536", .def = "256",
		.help = "flow buckets (flow hash -> bucket -> owner worker); "
			"at least the number of workers",
	},
	{
		.sec = SEC_PIPELINE, .name = "worker_ring_size",
		.parse = p_pow2, .format = f_uint,
		FIELD(struct pp_cfg, worker_ring_size),
		.min = 64, .max = 1048576,
		.type = "power of 2", .range = "64..1048576", .def = "1024",
		.help = "slots in each worker's input ring",
	},
	{
		.sec = SEC_PIPELINE, .name = "tx_ring_size",
		.parse = p_pow2, .format = f_uint,
		FIELD(struct pp_cfg, tx_ring_size),
		.min = 64, .max = 1048576,
		.type = "power of 2", .range = "64..1048576", .def = "1024",
		.help = "slots in each worker's output ring (to its TX lcore)",
	},
	{
		.sec = SEC_PIPELINE, .name = "mbufs",
		.parse = p_uint_or0, .format = f_uint,
		FIELD(struct pp_cfg, mbufs),
		.min = 1024, .max = 16777216,
		.type = "integer", .range = "0 or 1024..16777216", .def = "0",
		.help = "mbufs per socket; 0 = computed from queues, "
			"descriptors and rings",
	},
	{
		.sec = SEC_PIPELINE, .name = "mbuf_cache",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, mbuf_cache),
		.min = 0, .max = 512,
		.type = "integer", .range = "0..512", .def = "256",
		.help = "per-lcore mempool cache size",
	},
	{
		.sec = SEC_PIPELINE, .name = "tx_retries",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, tx_retries),
		.min = 0, .max = 1000,
		.type = "integer", .range = "0..1000", .def = "8",
		.help = "tx_burst retries on a full TX queue before the rest "
			"is dropped as tx_full",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "duration",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, duration),
		.dmin = 0, .dmax = 1e6,
		.type = "seconds", .range = "0..1e6", .def = "0",
		.help = "run time; 0 = until SIGINT/SIGTERM",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "stats_period",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, stats_period),
		.dmin = 0, .dmax = 3600,
		.type = "seconds", .range = "0..3600", .def = "1",
		.help = "time between live stats lines; 0 = no live stats",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "drain_timeout",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, drain_timeout),
		.dmin = 0.1, .dmax = 600,
		.type = "seconds", .range = "0.1..600", .def = "5",
		.help = "time a staged stop may take before the drain is "
			"forced",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "schedule",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg, schedule), .enums = sched_vals,
		.type = "enum", .range = "parallel, atomic or ordered",
		.def = "atomic",
		.help = "work stealing unit: parallel = bursts of packets (no "
			"order promise); atomic = whole flow buckets, moved only "
			"when none of their packets is in flight (per-flow order "
			"and state exact; the default: a forwarder keeps flow "
			"order unless told otherwise); ordered = bursts of "
			"packets, the tx lcore restores each RX queue's order "
			"(needs exactly one tx lcore)",
	},
	{
		.sec = SEC_PIPELINE, .name = "steal",
		.parse = p_bool, .format = f_bool,
		FIELD(struct pp_cfg, steal),
		.type = "bool", .range = BOOL_RANGE, .def = "yes",
		.help = "idle workers take work from loaded ones; no = the "
			"static bucket -> worker map",
	},
	{
		.sec = SEC_PIPELINE, .name = "steal_min_backlog",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, steal_min_backlog),
		.min = 1, .max = 1048576,
		.type = "integer", .range = "1..1048576", .def = "256",
		.help = "packets a peer's ring must hold before an idle worker "
			"steals from it (parallel) or takes its buckets (atomic)",
	},
	{
		.sec = SEC_PIPELINE, .name = "bucket_moves",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, bucket_moves),
		.min = 1, .max = 100000,
		.type = "integer", .range = "1..100000", .def = "4",
		.help = "atomic: buckets one idle worker may take per millisecond "
			"(so buckets do not ping-pong)",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "stats_json",
		.parse = p_str, .format = f_str,
		FIELD(struct pp_cfg, stats_json),
		.type = "path", .range = "a file path", .def = "",
		.help = "write a JSON summary to this file at exit; "
			"unset = none",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "stats_jsonl",
		.parse = p_str, .format = f_str,
		FIELD(struct pp_cfg, stats_jsonl),
		.type = "path", .range = "a file path", .def = "",
		.help = "write one JSON object per stats period to this file "
			"(JSON lines; the last one ends at the stop); "
			"unset = none",
	},
	{
		.sec = SEC_PIPELINE, .name = "deadline",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, deadline),
		.dmin = 0, .dmax = 60,
		.type = "seconds", .range = "0..60", .def = "0",
		.help = "a packet older than this (since RX) when a worker "
			"takes it is dropped as deadline; [class.NAME] "
			"deadline overrides it; 0 = none",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "on_fault",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg, on_fault), .enums = on_fault_vals,
		.type = "enum", .range = "fail-fast or isolate",
		.def = "isolate",
		.help = "what a fault in an lcore does: fail-fast = stop the "
			"pipeline and exit 1 naming the lcore and the cause; "
			"isolate = drop, count and go on",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "overflow",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg, overflow), .enums = overflow_vals,
		.type = "enum", .range = "drop or backpressure", .def = "drop",
		.help = "what a full ring does: drop = its packets are "
			"dropped as ring_full; backpressure = an RX lcore stops "
			"polling while a ring it feeds is full (the NIC queue "
			"fills and counts imissed) and a worker waits while its "
			"output ring is full",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "max_in_flight",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, max_in_flight),
		.min = 0, .max = UINT64_C(1) << 31,
		.type = "integer", .range = "0..2^31", .def = "0",
		.help = "packets in the pipeline between RX and TX at most; RX "
			"stops polling above it; 0 = no cap",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "breaker_after",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, breaker_after),
		.dmin = 0, .dmax = 60,
		.type = "seconds", .range = "0..60", .def = "0.01",
		.help = "a TX port that refuses every packet for this long "
			"opens its circuit breaker: its packets are dropped as "
			"breaker_open at once; 0 = no breaker",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "breaker_backoff",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, breaker_backoff),
		.dmin = 0.001, .dmax = 60,
		.type = "seconds", .range = "0.001..60", .def = "0.1",
		.help = "how long an open breaker waits before it probes the "
			"port again",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "idle",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg, idle), .enums = idle_vals,
		.type = "enum", .range = "poll, backoff or sleep",
		.def = "poll",
		.help = "what an lcore with no work does: poll = keep polling "
			"(lowest latency, a full core); backoff = pause the "
			"core after idle_polls empty passes; sleep = sleep after "
			"idle_polls empty passes, at most idle_sleep_max at a "
			"time",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "idle_polls",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg, idle_polls),
		.min = 1, .max = 1000000,
		.type = "integer", .range = "1..1000000", .def = "100",
		.help = "empty loop passes before an idle lcore pauses (idle = "
			"backoff) or sleeps (idle = sleep)",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "idle_sleep_max",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, idle_sleep_max),
		.dmin = 0.00001, .dmax = 1,
		.type = "seconds", .range = "0.00001..1", .def = "0.001",
		.help = "longest sleep of an idle lcore (idle = sleep)",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "watchdog",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg, watchdog),
		.dmin = 0.01, .dmax = 60,
		.type = "seconds", .range = "0.01..60", .def = "1",
		.help = "an lcore that reports no quiescent state for this "
			"long is reported",
		.live = true,
	},
	{
		.sec = SEC_PIPELINE, .name = "metrics",
		.parse = p_listen, .format = f_listen,
		FIELD(struct pp_cfg, metrics),
		.type = "address", .range = "PORT, IPV4:PORT or [IPV6]:PORT",
		.def = "",
		.help = "serve Prometheus metrics at http://ADDR:PORT/metrics; "
			"a bare PORT listens on 127.0.0.1 only; unset = off",
	},

	/* [lcore.N] */
	{
		.sec = SEC_LCORE, .name = "roles", .required = true,
		.parse = p_roles, .format = f_roles,
		.type = "roles", .range = "rx, worker, tx, io, rtc",
		.help = "what the lcore does, e.g. rx+worker; "
			"io = rx+tx, rtc = rx+worker+tx",
	},
	{
		.sec = SEC_LCORE, .name = "rx",
		.parse = p_rx, .format = f_rx,
		.type = "sources", .range = "SOURCE[:QUEUE] ...",
		.help = "RX queues this rx lcore polls: port or gen names, "
			"alone for all their queues, separated by ',' or "
			"spaces; unset = a round-robin share of the queues "
			"no rx list names",
	},

	/* [port.NAME] */
	{
		.sec = SEC_PORT, .name = "dev", .required = true,
		.parse = p_nonempty, .format = f_str,
		FIELD(struct pp_cfg_port, dev),
		.type = "device",
		.range = "an ethdev name or vdev spec",
		.help = "ethdev name (net_null0, 0000:01:00.0) or vdev with "
			"args (net_pcap0,rx_pcap=in.pcap)",
	},
	{
		.sec = SEC_PORT, .name = "rx_queues",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_port, rx_queues),
		.min = 1, .max = PP_CFG_MAX_QUEUES,
		.type = "integer", .range = "1..16", .def = "1",
		.help = "RX queues; each is an RX source when fwd is set",
	},
	{
		.sec = SEC_PORT, .name = "rxd",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_port, rxd),
		.min = 64, .max = 32768,
		.type = "integer", .range = "64..32768", .def = "1024",
		.help = "RX descriptors per queue",
	},
	{
		.sec = SEC_PORT, .name = "txd",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_port, txd),
		.min = 64, .max = 32768,
		.type = "integer", .range = "64..32768", .def = "1024",
		.help = "TX descriptors per queue",
	},
	{
		.sec = SEC_PORT, .name = "rss",
		.parse = p_bool, .format = f_bool,
		FIELD(struct pp_cfg_port, rss),
		.type = "bool", .range = BOOL_RANGE, .def = "yes",
		.help = "spread received flows over the RX queues with RSS",
	},
	{
		.sec = SEC_PORT, .name = "promisc",
		.parse = p_bool, .format = f_bool,
		FIELD(struct pp_cfg_port, promisc),
		.type = "bool", .range = BOOL_RANGE, .def = "yes",
		.help = "promiscuous mode",
	},
	{
		.sec = SEC_PORT, .name = "peer_mac",
		.parse = p_mac, .format = f_mac,
		.type = "MAC", .range = "aa:bb:cc:dd:ee:ff",
		.help = "destination MAC written on transmitted packets; "
			"unset = 02:00:00:00:00:NN, NN = the port's index "
			"in the file (as testpmd's mac mode)",
	},
	{
		.sec = SEC_PORT, .name = "fwd",
		.parse = p_fwd, .format = f_str,
		FIELD(struct pp_cfg_port, fwd_name),
		.type = "name", .range = "a port name or checker",
		.help = "where received packets go; unset = output-only port "
			"(its RX queues are not polled)",
	},

	/* [gen.NAME] */
	{
		.sec = SEC_GEN, .name = "queues",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_gen, queues),
		.min = 1, .max = PP_CFG_MAX_QUEUES,
		.type = "integer", .range = "1..16", .def = "1",
		.help = "generator queues (RX sources); flow f uses queue "
			"f % queues",
	},
	{
		.sec = SEC_GEN, .name = "flows",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_gen, flows),
		.min = 1, .max = PP_CFG_MAX_FLOWS,
		.type = "integer", .range = "1..16777216", .def = "1024",
		.help = "distinct 5-tuples",
	},
	{
		.sec = SEC_GEN, .name = "pkt_len",
		.parse = p_pkt_len, .format = f_pkt_len,
		FIELD(struct pp_cfg_gen, pkt_len),
		.min = 60, .max = 9000,
		.type = "bytes", .range = "60..9000 or imix", .def = "60",
		.help = "L2 frame length without FCS; imix = 7:4:1 of "
			"60/590/1514",
	},
	{
		.sec = SEC_GEN, .name = "ip",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg_gen, ip_version), .enums = ip_vals,
		.type = "enum", .range = "4 or 6", .def = "4",
		.help = "IP version",
	},
	{
		.sec = SEC_GEN, .name = "proto",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg_gen, l4_proto), .enums = proto_vals,
		.type = "enum", .range = "udp or tcp", .def = "udp",
		.help = "L4 protocol",
	},
	{
		.sec = SEC_GEN, .name = "vlan",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_gen, vlan),
		.min = 0, .max = 4094,
		.type = "integer", .range = "0..4094", .def = "0",
		.help = "VLAN id; 0 = untagged",
	},
	{
		.sec = SEC_GEN, .name = "dscp",
		.parse = p_dscp, .format = f_uint,
		FIELD(struct pp_cfg_gen, dscp),
		.type = "DSCP", .range = DSCP_EXPECTED, .def = "0",
		.help = "DSCP of every packet (ef = 46, afXY = 8X + 2Y, csX "
			"= 8X, be = 0)",
	},
	{
		.sec = SEC_GEN, .name = "rate",
		.parse = p_rate, .format = f_uint,
		FIELD(struct pp_cfg_gen, rate_pps),
		.dmin = 0, .dmax = 1e10,
		.type = "packets/s", .range = "0..1e10", .def = "0",
		.help = "all queues together; suffix k, M or G; "
			"0 = flat out",
	},
	{
		.sec = SEC_GEN, .name = "popularity",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg_gen, popularity), .enums = pop_vals,
		.type = "enum", .range = "uniform or zipf", .def = "uniform",
		.help = "how often each flow is picked",
	},
	{
		.sec = SEC_GEN, .name = "zipf_s",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg_gen, zipf_s),
		.dmin = 0.01, .dmax = 10,
		.type = "float", .range = "0.01..10", .def = "1.0",
		.help = "Zipf exponent (popularity = zipf)",
	},
	{
		.sec = SEC_GEN, .name = "malformed",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg_gen, malformed),
		.dmin = 0, .dmax = 1,
		.type = "fraction", .range = "0..1", .def = "0",
		.help = "share of packets made malformed on purpose",
	},
	{
		.sec = SEC_GEN, .name = "count",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_gen, count),
		.min = 0, .max = UINT64_C(1) << 62,
		.type = "integer", .range = "0..2^62", .def = "0",
		.help = "total packets over all queues; 0 = unlimited",
	},
	{
		.sec = SEC_GEN, .name = "cost",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_gen, cost),
		.min = 0, .max = 10000000,
		.type = "cycles", .range = "0..1e7", .def = "0",
		.help = "work stage: TSC cycles a worker spends on each packet of "
			"the costly flows (see cost_flows); 0 = none",
	},
	{
		.sec = SEC_GEN, .name = "cost_flows",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg_gen, cost_flows),
		.dmin = 0, .dmax = 1,
		.type = "fraction", .range = "0..1", .def = "1",
		.help = "share of flows that carry `cost`, lowest flow ids first "
			"(with zipf, the popular head)",
	},
	{
		.sec = SEC_GEN, .name = "seed",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_gen, seed),
		.min = 0, .max = UINT64_MAX,
		.type = "integer", .range = "any 64-bit unsigned", .def = "1",
		.help = "random seed",
	},
	{
		.sec = SEC_GEN, .name = "fwd", .required = true,
		.parse = p_fwd, .format = f_str,
		FIELD(struct pp_cfg_gen, fwd_name),
		.type = "name", .range = "a port name or checker",
		.help = "where generated packets go",
	},

	/* [police] */
	{
		.sec = SEC_POLICE, .name = "max_flows",
		.parse = p_uint, .format = f_uint,
		FIELD(struct pp_cfg_police, max_flows),
		.min = 8, .max = PP_CFG_MAX_FLOWS,
		.type = "integer", .range = "8..16777216", .def = "65536",
		.help = "flow-table size (flows with per-flow meter state) per "
			"RX lcore",
	},
	{
		.sec = SEC_POLICE, .name = "flow_idle",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg_police, flow_idle),
		.dmin = 0.001, .dmax = 86400,
		.type = "seconds", .range = "0.001..86400", .def = "10",
		.help = "a flow idle for longer may be removed from the flow "
			"table",
		.live = true,
	},
	{
		.sec = SEC_POLICE, .name = "default_class",
		.parse = p_name_opt, .format = f_str,
		FIELD(struct pp_cfg_police, default_class_name),
		.type = "name", .range = "a class name",
		.help = "class of packets no rule matches and of rules without "
			"class; unset = the class named default, created (no "
			"meter, no aggregate, red drop) if no [class.default] "
			"exists",
		.live = true,
	},
	{
		.sec = SEC_POLICE, .name = "default_tenant",
		.parse = p_name_opt, .format = f_str,
		FIELD(struct pp_cfg_police, default_tenant_name),
		.type = "name", .range = "a tenant name",
		.help = "tenant of packets no rule matches and of rules "
			"without tenant; unset = the tenant named default, "
			"created (no aggregate) if no [tenant.default] exists",
		.live = true,
	},

	/* [class.NAME] */
	{
		.sec = SEC_CLASS, .name = "meter",
		.parse = p_enum, .format = f_enum,
		FIELD(struct pp_cfg_class, meter), .enums = meter_vals,
		.type = "enum", .range = "none, srtcm, trtcm or trtcm4115",
		.def = "none",
		.help = "per-flow meter, colour-blind: none (every packet "
			"green), srtcm (RFC 2697: cir, cbs, ebs), trtcm (RFC "
			"2698: cir, cbs, pir, pbs), trtcm4115 (RFC 4115: cir, "
			"cbs, eir, ebs)",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "cir",
		.parse = p_bitrate, .format = f_bitrate,
		FIELD(struct pp_cfg_class, cir),
		.min = RATE_MIN_BITS, .max = RATE_MAX_BITS,
		.type = "bit/s", .range = "1000..8e12",
		.help = "committed information rate, per flow; suffix k, M, "
			"G, T (powers of 1000)",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "cbs",
		.parse = p_burst, .format = f_burst,
		FIELD(struct pp_cfg_class, cbs),
		.min = PP_CFG_MTU_FRAME, .max = BURST_MAX,
		.type = "bytes", .range = "1518..2^40",
		.help = "committed burst size; at least one frame (1500-byte "
			"MTU + Ethernet and VLAN headers); suffix k, M, G",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "ebs",
		.parse = p_burst_or0, .format = f_burst,
		FIELD(struct pp_cfg_class, ebs),
		.min = PP_CFG_MTU_FRAME, .max = BURST_MAX,
		.type = "bytes", .range = "0 or 1518..2^40",
		.help = "excess burst size: srtcm's second bucket (0 = none), "
			"trtcm4115's with eir",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "pir",
		.parse = p_bitrate, .format = f_bitrate,
		FIELD(struct pp_cfg_class, pir),
		.min = RATE_MIN_BITS, .max = RATE_MAX_BITS,
		.type = "bit/s", .range = "1000..8e12",
		.help = "peak information rate (trtcm), at least cir",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "pbs",
		.parse = p_burst, .format = f_burst,
		FIELD(struct pp_cfg_class, pbs),
		.min = PP_CFG_MTU_FRAME, .max = BURST_MAX,
		.type = "bytes", .range = "1518..2^40",
		.help = "peak burst size (trtcm)",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "eir",
		.parse = p_bitrate_or0, .format = f_bitrate,
		FIELD(struct pp_cfg_class, eir),
		.min = RATE_MIN_BITS, .max = RATE_MAX_BITS,
		.type = "bit/s", .range = "0 or 1000..8e12",
		.help = "excess information rate (trtcm4115); 0 = none, "
			"with ebs = 0",
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "green",
		.parse = p_action, .format = f_action,
		FIELD(struct pp_cfg_class, act[0]),
		.type = "action", .range = "pass, drop or remark DSCP",
		.def = "pass", .help = ACTION_HELP("green"),
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "yellow",
		.parse = p_action, .format = f_action,
		FIELD(struct pp_cfg_class, act[1]),
		.type = "action", .range = "pass, drop or remark DSCP",
		.def = "pass", .help = ACTION_HELP("yellow"),
		.live = true,
	},
	{
		.sec = SEC_CLASS, .name = "red",
		.parse = p_action, .format = f_action,
		FIELD(struct pp_cfg_class, act[2]),
		.type = "action", .range = "pass, drop or remark DSCP",
		.def = "drop", .help = ACTION_HELP("red"),
		.live = true,
	},
	AGG_KEYS(SEC_CLASS, struct pp_cfg_class, "class"),
	{
		.sec = SEC_CLASS, .name = "deadline",
		.parse = p_double, .format = f_double,
		FIELD(struct pp_cfg_class, deadline),
		.dmin = 0, .dmax = 60,
		.type = "seconds", .range = "0..60", .def = "0",
		.help = "a packet of the class older than this (since RX) when "
			"a worker takes it is dropped as deadline; 0 = "
			"[pipeline] deadline",
		.live = true,
	},

	/* [tenant.NAME] */
	AGG_KEYS(SEC_TENANT, struct pp_cfg_tenant, "tenant"),

	/* [rule.N] */
	{
		.sec = SEC_RULE, .name = "vlan",
		.parse = p_rule_vlan, .format = f_rule_vlan,
		.max = 4095,
		.type = "integer", .range = "0..4095 or any", .def = "any",
		.help = "outer VLAN id; 0 = untagged frames",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "src",
		.parse = p_rule_src, .format = f_rule_src,
		.type = "prefix", .range = "an IPv4 or IPv6 prefix or any",
		.def = "any",
		.help = "source prefix, e.g. 10.0.0.0/8 or 2001:db8::/32 (an "
			"address alone is /32 or /128); any prefix, even /0, "
			"limits the rule to its IP version; src and dst must "
			"be of one version",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "dst",
		.parse = p_rule_dst, .format = f_rule_dst,
		.type = "prefix", .range = "an IPv4 or IPv6 prefix or any",
		.def = "any",
		.help = "destination prefix, as src",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "proto",
		.parse = p_rule_proto, .format = f_rule_proto,
		.type = "protocol",
		.range = "tcp, udp, icmp, icmpv6, sctp, 0..255 or any",
		.def = "any",
		.help = "IP protocol (after IPv6 extension headers)",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "dport",
		.parse = p_rule_dport, .format = f_rule_dport,
		.type = "ports", .range = "PORT, LO-HI or any", .def = "any",
		.help = "destination port or inclusive range, e.g. 80 or "
			"1000-2000",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "dscp",
		.parse = p_rule_dscp, .format = f_rule_dscp,
		.type = "DSCP", .range = DSCP_EXPECTED " or any", .def = "any",
		.help = "DSCP of the packet as received",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "class",
		.parse = p_name_opt, .format = f_str,
		FIELD(struct pp_cfg_rule, class_name),
		.type = "name", .range = "a class name",
		.help = "class of matching packets; unset = [police] "
			"default_class (a rule must set class or tenant)",
		.live = true,
	},
	{
		.sec = SEC_RULE, .name = "tenant",
		.parse = p_name_opt, .format = f_str,
		FIELD(struct pp_cfg_rule, tenant_name),
		.type = "name", .range = "a tenant name",
		.help = "tenant of matching packets; unset = [police] "
			"default_tenant",
		.live = true,
	},
};

static const struct pp_cfg_key *
key_find(uint8_t kind, const char *name)
{
	size_t i;

	for (i = 0; i < RTE_DIM(pp_cfg_keys); i++)
		if (pp_cfg_keys[i].sec == kind &&
		    strcmp(pp_cfg_keys[i].name, name) == 0)
			return &pp_cfg_keys[i];
	return NULL;
}

static int
unknown_key(struct pp_cfg_err *err, const char *origin, const char *section,
	    uint8_t kind, const char *key)
{
	char list[PP_CFG_ERR_LEN];
	size_t i, o = 0;

	list[0] = '\0';
	for (i = 0; i < RTE_DIM(pp_cfg_keys); i++) {
		if (pp_cfg_keys[i].sec != kind)
			continue;
		o += snprintf(list + o, sizeof(list) - o, "%s%s",
			      o == 0 ? "" : ", ", pp_cfg_keys[i].name);
		if (o >= sizeof(list))
			break;
	}
	return err_at(err, -EINVAL, origin, section, key,
		      "unknown key (valid: %s)", list);
}

/* Run k's parser: the one place a value is validated and stored. */
static int
key_set(const char *origin, const char *section, void *obj,
	const struct pp_cfg_key *k, const char *value, struct pp_cfg_err *err)
{
	const struct key_ctx kc = {
		.origin = origin,
		.section = section,
		.key = k,
		.obj = obj,
		.err = err,
	};

	return k->parse(&kc, value);
}

static void
apply_defaults(uint8_t kind, void *obj)
{
	size_t i;
	int rc;

	for (i = 0; i < RTE_DIM(pp_cfg_keys); i++) {
		if (pp_cfg_keys[i].sec != kind || pp_cfg_keys[i].def == NULL)
			continue;
		rc = key_set("defaults", sec_kind_names[kind], obj,
			     &pp_cfg_keys[i], pp_cfg_keys[i].def, NULL);
		RTE_VERIFY(rc == 0);
	}
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

/* A parsed section name. */
struct sec_id {
	uint8_t kind;
	unsigned int lcore;		/* SEC_LCORE */
	unsigned int rule;		/* SEC_RULE */
	const char *name;		/* SEC_PORT, SEC_GEN, SEC_CLASS, ... */
};

/* Does section start with "word."? */
static bool
sec_is(const char *section, const char *dot, const char *word)
{
	size_t len = strlen(word);

	return dot != NULL && (size_t)(dot - section) == len &&
		strncmp(section, word, len) == 0;
}

/* The decimal number after the dot of "word.N", in 0..max. */
static bool
sec_number(const char *dot, unsigned int max, unsigned int *out)
{
	uint64_t n;

	if (dot[1] == '\0' ||
	    dot[1 + strspn(dot + 1, "0123456789")] != '\0' ||
	    parse_u64(dot + 1, &n) != 0 || n > max)
		return false;
	*out = n;
	return true;
}

static int
sec_parse(const char *origin, const char *section, struct sec_id *id,
	  struct pp_cfg_err *err)
{
	const char *dot = strchr(section, '.');

	if (strcmp(section, "pipeline") == 0) {
		id->kind = SEC_PIPELINE;
		return 0;
	}
	if (strcmp(section, "police") == 0) {
		id->kind = SEC_POLICE;
		return 0;
	}
	if (sec_is(section, dot, "lcore")) {
		id->kind = SEC_LCORE;
		if (!sec_number(dot, RTE_MAX_LCORE - 1, &id->lcore))
			return err_at(err, -EINVAL, origin, section, NULL,
				      "'%s' is not an lcore number (expected 0..%u)",
				      dot + 1, RTE_MAX_LCORE - 1);
		return 0;
	}
	if (sec_is(section, dot, "rule")) {
		id->kind = SEC_RULE;
		if (!sec_number(dot, RULE_ID_MAX, &id->rule) || id->rule == 0)
			return err_at(err, -EINVAL, origin, section, NULL,
				      "'%s' is not a rule number (expected 1..%u)",
				      dot + 1, RULE_ID_MAX);
		return 0;
	}
	if (sec_is(section, dot, "port") || sec_is(section, dot, "gen") ||
	    sec_is(section, dot, "class") || sec_is(section, dot, "tenant")) {
		id->kind = sec_is(section, dot, "port") ? SEC_PORT :
			sec_is(section, dot, "gen") ? SEC_GEN :
			sec_is(section, dot, "class") ? SEC_CLASS : SEC_TENANT;
		id->name = dot + 1;
		if (!name_ok(id->name))
			return err_at(err, -EINVAL, origin, section, NULL,
				      "'%s' is not a valid name (%s)",
				      id->name, NAME_EXPECTED);
		if ((id->kind == SEC_PORT || id->kind == SEC_GEN) &&
		    strcmp(id->name, "checker") == 0)
			return err_at(err, -EINVAL, origin, section, NULL,
				      "the name checker is reserved for the checker output");
		return 0;
	}
	return err_at(err, -EINVAL, origin, section, NULL,
		      "unknown section (" SEC_EXPECTED ")");
}

int
pp_cfg_port_find(const struct pp_cfg *cfg, const char *name)
{
	unsigned int i;

	for (i = 0; i < cfg->n_ports; i++)
		if (strcmp(cfg->ports[i].name, name) == 0)
			return i;
	return -1;
}

static int
gen_find(const struct pp_cfg *cfg, const char *name)
{
	unsigned int i;

	for (i = 0; i < cfg->n_gens; i++)
		if (strcmp(cfg->gens[i].name, name) == 0)
			return i;
	return -1;
}

int
pp_cfg_class_find(const struct pp_cfg_police *p, const char *name)
{
	unsigned int i;

	for (i = 0; i < p->n_classes; i++)
		if (strcmp(p->classes[i].name, name) == 0)
			return i;
	return -1;
}

int
pp_cfg_tenant_find(const struct pp_cfg_police *p, const char *name)
{
	unsigned int i;

	for (i = 0; i < p->n_tenants; i++)
		if (strcmp(p->tenants[i].name, name) == 0)
			return i;
	return -1;
}

static int
rule_find(const struct pp_cfg_police *p, unsigned int id)
{
	unsigned int i;

	for (i = 0; i < p->n_rules; i++)
		if (p->rules[i].id == id)
			return i;
	return -1;
}

static int
lcore_find(const struct pp_cfg *cfg, unsigned int lcore_id)
{
	unsigned int i;

	for (i = 0; i < cfg->n_lcores; i++)
		if (cfg->lcores[i].lcore_id == lcore_id)
			return i;
	return -1;
}

/*
 * Find the section, or create it with its defaults.
 * *obj gets its struct, *idx its index in its array.
 */
static int
sec_get(struct pp_cfg *cfg, const char *origin, const char *section,
	const struct sec_id *id, void **obj, int *idx,
	struct pp_cfg_err *err)
{
	struct pp_cfg_police *pol = &cfg->police;
	struct pp_cfg_tenant *tenant;
	struct pp_cfg_class *cls;
	struct pp_cfg_rule *rule;
	struct pp_cfg_lcore *lc;
	struct pp_cfg_port *port;
	struct pp_cfg_gen *gen;
	int i;

	switch (id->kind) {
	case SEC_PIPELINE:
		*obj = cfg;
		*idx = 0;
		return 0;
	case SEC_POLICE:
		*obj = pol;
		*idx = 0;
		return 0;
	case SEC_CLASS:
		i = pp_cfg_class_find(pol, id->name);
		if (i < 0) {
			if (pol->n_classes == PP_CFG_MAX_CLASSES)
				return err_at(err, -E2BIG, origin, section,
					      NULL,
					      "too many class sections (at most %u, the default class included)",
					      PP_CFG_MAX_CLASSES);
			i = pol->n_classes++;
			cls = &pol->classes[i];
			memset(cls, 0, sizeof(*cls));
			copy_str(cls->name, sizeof(cls->name), id->name);
			apply_defaults(SEC_CLASS, cls);
		}
		*obj = &pol->classes[i];
		break;
	case SEC_TENANT:
		i = pp_cfg_tenant_find(pol, id->name);
		if (i < 0) {
			if (pol->n_tenants == PP_CFG_MAX_TENANTS)
				return err_at(err, -E2BIG, origin, section,
					      NULL,
					      "too many tenant sections (at most %u, the default tenant included)",
					      PP_CFG_MAX_TENANTS);
			i = pol->n_tenants++;
			tenant = &pol->tenants[i];
			memset(tenant, 0, sizeof(*tenant));
			copy_str(tenant->name, sizeof(tenant->name), id->name);
			apply_defaults(SEC_TENANT, tenant);
		}
		*obj = &pol->tenants[i];
		break;
	case SEC_RULE:
		i = rule_find(pol, id->rule);
		if (i < 0) {
			if (pol->n_rules == PP_CFG_MAX_RULES)
				return err_at(err, -E2BIG, origin, section,
					      NULL,
					      "too many rule sections (at most %u)",
					      PP_CFG_MAX_RULES);
			i = pol->n_rules++;
			rule = &pol->rules[i];
			memset(rule, 0, sizeof(*rule));
			rule->id = id->rule;
			apply_defaults(SEC_RULE, rule);
		}
		*obj = &pol->rules[i];
		break;
	case SEC_LCORE:
		i = lcore_find(cfg, id->lcore);
		if (i < 0) {
			if (cfg->n_lcores == PP_CFG_MAX_LCORES)
				return err_at(err, -E2BIG, origin, section,
					      NULL,
					      "too many lcore sections (at most %u)",
					      PP_CFG_MAX_LCORES);
			i = cfg->n_lcores++;
			lc = &cfg->lcores[i];
			memset(lc, 0, sizeof(*lc));
			lc->lcore_id = id->lcore;
			apply_defaults(SEC_LCORE, lc);
		}
		*obj = &cfg->lcores[i];
		break;
	case SEC_PORT:
		i = pp_cfg_port_find(cfg, id->name);
		if (i < 0) {
			if (gen_find(cfg, id->name) >= 0)
				return err_at(err, -EINVAL, origin, section,
					      NULL,
					      "the name %s is already used by [gen.%s]; ports and generators share one namespace",
					      id->name, id->name);
			if (cfg->n_ports == PP_CFG_MAX_PORTS)
				return err_at(err, -E2BIG, origin, section,
					      NULL,
					      "too many port sections (at most %u)",
					      PP_CFG_MAX_PORTS);
			i = cfg->n_ports++;
			port = &cfg->ports[i];
			memset(port, 0, sizeof(*port));
			copy_str(port->name, sizeof(port->name), id->name);
			apply_defaults(SEC_PORT, port);
		}
		*obj = &cfg->ports[i];
		break;
	case SEC_GEN:
	default:
		i = gen_find(cfg, id->name);
		if (i < 0) {
			if (pp_cfg_port_find(cfg, id->name) >= 0)
				return err_at(err, -EINVAL, origin, section,
					      NULL,
					      "the name %s is already used by [port.%s]; ports and generators share one namespace",
					      id->name, id->name);
			if (cfg->n_gens == PP_CFG_MAX_GENS)
				return err_at(err, -E2BIG, origin, section,
					      NULL,
					      "too many gen sections (at most %u)",
					      PP_CFG_MAX_GENS);
			i = cfg->n_gens++;
			gen = &cfg->gens[i];
			memset(gen, 0, sizeof(*gen));
			copy_str(gen->name, sizeof(gen->name), id->name);
			apply_defaults(SEC_GEN, gen);
		}
		*obj = &cfg->gens[i];
		break;
	}
	*idx = i;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Public: defaults, load, set                                         */

int
pp_cfg_override(struct pp_cfg *cfg, const char *section, const char *key,
		const char *value, struct pp_cfg_err *err)
{
	struct pp_cfg_override *o;
	int rc;

	if (cfg->n_overrides == PP_CFG_MAX_OVERRIDES)
		return err_at(err, -E2BIG, "command line", section, key,
			      "more than %u overrides", PP_CFG_MAX_OVERRIDES);
	o = &cfg->overrides[cfg->n_overrides];
	if (!copy_str(o->section, sizeof(o->section), section) ||
	    !copy_str(o->key, sizeof(o->key), key) ||
	    !copy_str(o->value, sizeof(o->value), value))
		return err_at(err, -E2BIG, "command line", section, key,
			      "too long to keep for a reload");
	rc = pp_cfg_set(cfg, "command line", section, key, value, err);
	if (rc == 0)
		cfg->n_overrides++;
	return rc;
}

int
pp_cfg_reapply_overrides(struct pp_cfg *cfg, const struct pp_cfg *from,
			 struct pp_cfg_err *err)
{
	unsigned int i;
	int rc;

	for (i = 0; i < from->n_overrides; i++) {
		const struct pp_cfg_override *o = &from->overrides[i];

		rc = pp_cfg_set(cfg, "command line", o->section, o->key,
				o->value, err);
		if (rc != 0)
			return rc;
	}
	cfg->n_overrides = from->n_overrides;
	memcpy(cfg->overrides, from->overrides,
	       sizeof(from->overrides[0]) * from->n_overrides);
	return 0;
}

void
pp_cfg_defaults(struct pp_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	apply_defaults(SEC_PIPELINE, cfg);
	apply_defaults(SEC_POLICE, &cfg->police);
}

/*
 * Check the lines the way rte_cfgfile_load() reads them, to give a line
 * number for what it refuses without saying why, and to refuse what it
 * would silently skip or truncate (a line without '=', a long value).
 */
static int
syntax_check(FILE *f, const char *path, struct pp_cfg_err *err)
{
	unsigned int lineno = 0;
	bool in_section = false;
	char *line = NULL;
	char *p, *end, *val;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	while (rc == 0 && (len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > CFG_LINE_MAX) {
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: too long (at most %d characters)",
				    lineno, CFG_LINE_MAX);
			break;
		}
		/* Like rte_cfgfile: the first ';' starts a comment unless
		 * escaped as "\;".
		 */
		p = strchr(line, ';');
		if (p != NULL && (p == line || p[-1] != '\\'))
			*p = '\0';
		p = trim(line);
		if (*p == '\0')
			continue;
		if (*p == '[') {
			end = strchr(p, ']');
			if (end == NULL)
				rc = err_at(err, -EINVAL, path, NULL, NULL,
					    "line %u: '[' without ']'", lineno);
			else if (*trim(end + 1) != '\0')
				rc = err_at(err, -EINVAL, path, NULL, NULL,
					    "line %u: text after ']'", lineno);
			else if (end - p - 1 >= CFG_NAME_LEN)
				rc = err_at(err, -EINVAL, path, NULL, NULL,
					    "line %u: section name too long (at most %d characters)",
					    lineno, CFG_NAME_LEN - 1);
			in_section = true;
			continue;
		}
		val = strchr(p, '=');
		if (val == NULL) {
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: '%.40s' is neither [SECTION] nor KEY = VALUE",
				    lineno, p);
			break;
		}
		*val++ = '\0';
		p = trim(p);
		val = trim(val);
		if (!in_section)
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: %s = %s comes before any [section]",
				    lineno, p, val);
		else if (*p == '\0')
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: no key before '='", lineno);
		else if (strlen(p) >= CFG_NAME_LEN)
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: key too long (at most %d characters)",
				    lineno, CFG_NAME_LEN - 1);
		else if (*val == '\0')
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: %s has no value (omit the line for the default)",
				    lineno, p);
		else if (strlen(val) >= CFG_VALUE_LEN)
			rc = err_at(err, -EINVAL, path, NULL, NULL,
				    "line %u: value of %s too long (at most %d characters)",
				    lineno, p, CFG_VALUE_LEN - 1);
	}
	if (rc == 0 && ferror(f))	/* e.g. EISDIR */
		rc = err_at(err, -ENOENT, path, NULL, NULL, "cannot read: %s",
			    strerror(errno));
	free(line);
	return rc;
}

/* Where each section's "given already" flag is in pp_cfg_load()'s seen[]. */
enum {
	SEEN_PIPELINE = 0,
	SEEN_LCORE = SEEN_PIPELINE + 1,
	SEEN_PORT = SEEN_LCORE + RTE_MAX_LCORE,
	SEEN_GEN = SEEN_PORT + PP_CFG_MAX_PORTS,
	SEEN_POLICE = SEEN_GEN + PP_CFG_MAX_GENS,
	SEEN_CLASS = SEEN_POLICE + 1,
	SEEN_TENANT = SEEN_CLASS + PP_CFG_MAX_CLASSES,
	SEEN_RULE = SEEN_TENANT + PP_CFG_MAX_TENANTS,
	SEEN_N = SEEN_RULE + PP_CFG_MAX_RULES,
};

/* One section of the file: create it, then set each entry once. */
static int
load_section(struct pp_cfg *cfg, struct rte_cfgfile *file, int sec_idx,
	     bool *seen, struct pp_cfg_err *err)
{
	const char *origin = cfg->path;
	struct rte_cfgfile_entry *ent = NULL;
	char section[CFG_NAME_LEN];
	bool keys_seen[RTE_DIM(pp_cfg_keys)] = { false };
	const struct pp_cfg_key *k;
	struct sec_id id;
	int n, i, idx, rc;
	size_t seen_at;
	void *obj;

	n = rte_cfgfile_section_num_entries_by_index(file, section, sec_idx);
	if (n < 0)
		return err_at(err, -EINVAL, origin, NULL, NULL,
			      "cannot read section %d", sec_idx);
	rc = sec_parse(origin, section, &id, err);
	if (rc != 0)
		return rc;
	rc = sec_get(cfg, origin, section, &id, &obj, &idx, err);
	if (rc != 0)
		return rc;

	/* seen[]: pipeline, lcore ids, ports, gens, police, classes,
	 * tenants, rules (by index: a rule id has one index while loading).
	 */
	switch (id.kind) {
	case SEC_PIPELINE:
		seen_at = SEEN_PIPELINE;
		break;
	case SEC_LCORE:
		seen_at = SEEN_LCORE + id.lcore;
		break;
	case SEC_PORT:
		seen_at = SEEN_PORT + idx;
		break;
	case SEC_GEN:
		seen_at = SEEN_GEN + idx;
		break;
	case SEC_POLICE:
		seen_at = SEEN_POLICE;
		break;
	case SEC_CLASS:
		seen_at = SEEN_CLASS + idx;
		break;
	case SEC_TENANT:
		seen_at = SEEN_TENANT + idx;
		break;
	default:
		seen_at = SEEN_RULE + idx;
		break;
	}
	if (seen[seen_at])
		return err_at(err, -EINVAL, origin, section, NULL,
			      "section given twice");
	seen[seen_at] = true;

	if (n == 0)
		return 0;
	ent = calloc(n, sizeof(*ent));
	if (ent == NULL)
		return err_at(err, -ENOMEM, origin, section, NULL,
			      "out of memory");
	n = rte_cfgfile_section_entries_by_index(file, sec_idx, section,
						 ent, n);
	for (i = 0; i < n && rc == 0; i++) {
		k = key_find(id.kind, ent[i].name);
		if (k == NULL) {
			rc = unknown_key(err, origin, section, id.kind,
					 ent[i].name);
			break;
		}
		if (keys_seen[k - pp_cfg_keys]) {
			rc = err_at(err, -EINVAL, origin, section, k->name,
				    "given twice in this section");
			break;
		}
		keys_seen[k - pp_cfg_keys] = true;
		rc = key_set(origin, section, obj, k, ent[i].value, err);
	}
	free(ent);
	return rc;
}

int
pp_cfg_load(struct pp_cfg *cfg, const char *path, struct pp_cfg_err *err)
{
	bool seen[SEEN_N];
	struct rte_cfgfile *file;
	int n, i, rc;
	FILE *f;

	if (!copy_str(cfg->path, sizeof(cfg->path), path))
		return err_at(err, -EINVAL, path, NULL, NULL,
			      "path too long (at most %u characters)",
			      PP_CFG_PATH_LEN - 1);
	f = fopen(path, "r");
	if (f == NULL)
		return err_at(err, -ENOENT, path, NULL, NULL,
			      "cannot read: %s", strerror(errno));
	rc = syntax_check(f, path, err);
	fclose(f);
	if (rc != 0)
		return rc;

	file = rte_cfgfile_load(path, 0);
	if (file == NULL)
		return err_at(err, -EINVAL, path, NULL, NULL,
			      "rte_cfgfile could not parse the file");
	memset(seen, 0, sizeof(seen));
	n = rte_cfgfile_num_sections(file, "", 0);
	for (i = 0; i < n && rc == 0; i++)
		rc = load_section(cfg, file, i, seen, err);
	rte_cfgfile_close(file);
	return rc;
}

int
pp_cfg_set(struct pp_cfg *cfg, const char *origin, const char *section,
	   const char *key, const char *value, struct pp_cfg_err *err)
{
	char buf[PP_CFG_DEV_LEN + PP_CFG_PATH_LEN];
	unsigned int n_lcores, n_ports, n_gens, n_classes, n_tenants, n_rules;
	const struct pp_cfg_key *k;
	struct sec_id id;
	void *obj;
	int idx, rc;

	if (origin == NULL)
		origin = cfg_origin(cfg);
	rc = sec_parse(origin, section, &id, err);
	if (rc != 0)
		return rc;
	k = key_find(id.kind, key);
	if (k == NULL)
		return unknown_key(err, origin, section, id.kind, key);
	if (!copy_str(buf, sizeof(buf), value))
		return err_at(err, -EINVAL, origin, section, key,
			      "value too long");
	n_lcores = cfg->n_lcores;
	n_ports = cfg->n_ports;
	n_gens = cfg->n_gens;
	n_classes = cfg->police.n_classes;
	n_tenants = cfg->police.n_tenants;
	n_rules = cfg->police.n_rules;
	rc = sec_get(cfg, origin, section, &id, &obj, &idx, err);
	if (rc != 0)
		return rc;
	rc = key_set(origin, section, obj, k, trim(buf), err);
	if (rc != 0) {
		/* Forget a section this call created: a failed set changes
		 * nothing (new sections are appended).
		 */
		cfg->n_lcores = n_lcores;
		cfg->n_ports = n_ports;
		cfg->n_gens = n_gens;
		cfg->police.n_classes = n_classes;
		cfg->police.n_tenants = n_tenants;
		cfg->police.n_rules = n_rules;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Finalize                                                            */

/* Who polls each (source, queue): lcore id + 1, 0 = nobody yet. */
struct rx_owners {
	uint16_t port[PP_CFG_MAX_PORTS][PP_CFG_MAX_QUEUES];
	uint16_t gen[PP_CFG_MAX_GENS][PP_CFG_MAX_QUEUES];
};

static const char *
src_kind_name(uint8_t kind)
{
	return kind == PP_SRC_PORT ? "port" : "gen";
}

static const char *
src_name(const struct pp_cfg *cfg, uint8_t kind, uint8_t idx)
{
	return kind == PP_SRC_PORT ? cfg->ports[idx].name :
		cfg->gens[idx].name;
}

static uint16_t
src_queues(const struct pp_cfg *cfg, uint8_t kind, uint8_t idx)
{
	return kind == PP_SRC_PORT ? cfg->ports[idx].rx_queues :
		cfg->gens[idx].queues;
}

/* Give (kind, idx, queue) to lc; key is "rx" (explicit) or NULL (auto). */
static int
rx_add(struct pp_cfg *cfg, struct rx_owners *own, struct pp_cfg_lcore *lc,
       uint8_t kind, uint8_t idx, uint16_t queue, const char *key,
       struct pp_cfg_err *err)
{
	uint16_t *owner = kind == PP_SRC_PORT ? &own->port[idx][queue] :
		&own->gen[idx][queue];
	char section[32];

	snprintf(section, sizeof(section), "lcore.%u", lc->lcore_id);
	if (*owner == lc->lcore_id + 1)
		return err_at(err, -EINVAL, cfg_origin(cfg), section, key,
			      "%s %s queue %u is listed twice",
			      src_kind_name(kind), src_name(cfg, kind, idx),
			      queue);
	if (*owner != 0)
		return err_at(err, -EINVAL, cfg_origin(cfg), section, key,
			      "%s %s queue %u is already polled by lcore %u; each queue must have exactly one RX lcore",
			      src_kind_name(kind), src_name(cfg, kind, idx),
			      queue, *owner - 1u);
	if (lc->n_rx == PP_CFG_MAX_SRC)
		return err_at(err, -EINVAL, cfg_origin(cfg), section, key,
			      "more than %u RX queues on one lcore%s",
			      PP_CFG_MAX_SRC,
			      key == NULL ? "; add RX lcores" : "");
	*owner = lc->lcore_id + 1;
	lc->rx[lc->n_rx].kind = kind;
	lc->rx[lc->n_rx].idx = idx;
	lc->rx[lc->n_rx].queue = queue;
	lc->n_rx++;
	return 0;
}

/* Resolve one lcore's `rx =` list (syntax was checked by p_rx). */
static int
rx_resolve(struct pp_cfg *cfg, struct rx_owners *own,
	   struct pp_cfg_lcore *lc, struct pp_cfg_err *err)
{
	const char *origin = cfg_origin(cfg);
	char spec[PP_CFG_RX_SPEC_LEN];
	char section[32];
	char *tok, *save = NULL, *colon;
	uint64_t q = 0;
	uint16_t nq, first, last, i;
	uint8_t kind;
	int idx, rc;

	snprintf(section, sizeof(section), "lcore.%u", lc->lcore_id);
	if ((lc->roles & PP_ROLE_RX) == 0)
		return err_at(err, -EINVAL, origin, section, "rx",
			      "lcore %u has no rx role; add rx to its roles or remove rx",
			      lc->lcore_id);
	copy_str(spec, sizeof(spec), lc->rx_spec);
	for (tok = strtok_r(spec, ", \t", &save); tok != NULL;
	     tok = strtok_r(NULL, ", \t", &save)) {
		colon = strchr(tok, ':');
		if (colon != NULL)
			*colon++ = '\0';
		kind = PP_SRC_PORT;
		idx = pp_cfg_port_find(cfg, tok);
		if (idx < 0) {
			kind = PP_SRC_GEN;
			idx = gen_find(cfg, tok);
		}
		if (idx < 0)
			return err_at(err, -EINVAL, origin, section, "rx",
				      "unknown source '%s' (expected the name of a [port.NAME] with fwd or of a [gen.NAME])",
				      tok);
		if (kind == PP_SRC_PORT && cfg->ports[idx].fwd_name[0] == '\0')
			return err_at(err, -EINVAL, origin, section, "rx",
				      "port %s has no fwd, so it is output-only and not an RX source",
				      tok);
		nq = src_queues(cfg, kind, idx);
		first = 0;
		last = nq - 1;
		if (colon != NULL) {
			if (parse_u64(colon, &q) != 0 || q >= nq)
				return err_at(err, -EINVAL, origin, section,
					      "rx",
					      "queue %s of %s %s is out of range (0..%u)",
					      colon, src_kind_name(kind), tok,
					      nq - 1u);
			first = last = q;
		}
		for (i = first; i <= last; i++) {
			rc = rx_add(cfg, own, lc, kind, idx, i, "rx", err);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

/* Spread the queues no `rx =` names over the RX lcores without one. */
static int
rx_auto(struct pp_cfg *cfg, struct rx_owners *own, struct pp_cfg_err *err)
{
	unsigned int autos[PP_CFG_MAX_LCORES];
	unsigned int n_auto = 0, next = 0, i;
	uint16_t q, *owner;
	uint8_t kind;
	unsigned int idx, n;
	char section[48];
	int rc;

	for (i = 0; i < cfg->n_lcores; i++)
		if ((cfg->lcores[i].roles & PP_ROLE_RX) != 0 &&
		    !cfg->lcores[i].rx_explicit)
			autos[n_auto++] = i;

	/* Ports first, then generators; each in section order. */
	for (kind = PP_SRC_PORT; kind <= PP_SRC_GEN; kind++) {
		n = kind == PP_SRC_PORT ? cfg->n_ports : cfg->n_gens;
		for (idx = 0; idx < n; idx++) {
			if (kind == PP_SRC_PORT &&
			    cfg->ports[idx].fwd_name[0] == '\0')
				continue;
			for (q = 0; q < src_queues(cfg, kind, idx); q++) {
				owner = kind == PP_SRC_PORT ?
					&own->port[idx][q] : &own->gen[idx][q];
				if (*owner != 0)
					continue;
				if (n_auto == 0) {
					snprintf(section, sizeof(section),
						 "%s.%s", src_kind_name(kind),
						 src_name(cfg, kind, idx));
					return err_at(err, -EINVAL,
						      cfg_origin(cfg), section,
						      NULL,
						      "queue %u is polled by no lcore: every RX lcore has an rx list; add %s:%u to one",
						      q,
						      src_name(cfg, kind, idx),
						      q);
				}
				rc = rx_add(cfg, own,
					    &cfg->lcores[autos[next]], kind,
					    idx, q, NULL, err);
				if (rc != 0)
					return rc;
				next = (next + 1) % n_auto;
			}
		}
	}
	return 0;
}

/* Resolve a fwd name; key errors name section/fwd. */
static int
fwd_resolve(const struct pp_cfg *cfg, const char *section, const char *name,
	    struct pp_cfg_out *out, struct pp_cfg_err *err)
{
	int idx;

	if (strcmp(name, "checker") == 0) {
		out->kind = PP_OUT_CHECKER;
		out->idx = 0;
		return 0;
	}
	idx = pp_cfg_port_find(cfg, name);
	if (idx < 0)
		return err_at(err, -EINVAL, cfg_origin(cfg), section, "fwd",
			      "unknown output '%s' (expected the name of a [port.NAME] or checker)%s",
			      name,
			      gen_find(cfg, name) >= 0 ?
			      "; a generator is not an output" : "");
	out->kind = PP_OUT_PORT;
	out->idx = idx;
	return 0;
}

/* Smallest well-formed frame of a generator: headers plus marker. */
static unsigned int
gen_min_len(const struct pp_cfg_gen *gen)
{
	return RTE_ETHER_HDR_LEN + (gen->vlan != 0 ? 4 : 0) +
		(gen->ip_version == 4 ? 20 : 40) +
		(gen->l4_proto == IPPROTO_UDP ? 8 : 20) + GEN_MARKER_LEN;
}

static int
lcore_cmp(const void *a, const void *b)
{
	const struct pp_cfg_lcore *x = a, *y = b;

	return (x->lcore_id > y->lcore_id) - (x->lcore_id < y->lcore_id);
}

/* ------------------------------------------------------------------ */
/* Finalize: policing                                                  */

/*
 * The aggregate of a class or tenant: the range of rate and burst for
 * the unit (unit may come after them in the file), then the default burst.
 * It recomputes a burst it computed before, so a later finalize follows
 * a new rate or unit.
 */
static int
agg_finalize(const char *origin, const char *section, struct pp_cfg_agg *a,
	     struct pp_cfg_err *err)
{
	uint64_t burst;

	if (a->packets && a->rate > RATE_MAX_PKTS)
		return err_at(err, -EINVAL, origin, section, "rate",
			      "%" PRIu64 " is out of range (0 or 1..1e12 packets/s with unit = packets)",
			      a->rate);
	if (!a->packets && a->rate != 0 && a->rate < RATE_MIN_BITS)
		return err_at(err, -EINVAL, origin, section, "rate",
			      "%" PRIu64 " is out of range (0 or 1000..8e12 bit/s; for packets/s set unit = packets)",
			      a->rate);
	if (a->burst == 0)
		a->burst_auto = true;
	if (!a->burst_auto) {
		if (!a->packets && a->burst < PP_CFG_MTU_FRAME)
			return err_at(err, -EINVAL, origin, section, "burst",
				      "%" PRIu64 " " BELOW_FRAME "; or set unit = packets",
				      a->burst);
		return 0;
	}
	if (a->rate == 0) {
		a->burst = 0;
	} else if (a->packets) {
		burst = a->rate * AGG_BURST_MS / 1000;
		a->burst = RTE_MAX(burst, (uint64_t)AGG_BURST_MIN_PKTS);
	} else {
		/* bit/s to bytes in AGG_BURST_MS */
		burst = a->rate / 8 * AGG_BURST_MS / 1000;
		a->burst = RTE_MAX(burst, (uint64_t)PP_CFG_MTU_FRAME);
	}
	return 0;
}

/* The meter values of a class, by key, and which meters use them. */
#define M_BIT(m)	(1u << (m))
#define M_ALL		(M_BIT(PP_CFG_METER_SRTCM) | \
			 M_BIT(PP_CFG_METER_TRTCM) | \
			 M_BIT(PP_CFG_METER_TRTCM_4115))

static const struct {
	const char *key;
	size_t off;
	unsigned int used;	/* M_BIT()s of meters that use the key */
	unsigned int required;	/* M_BIT()s of meters that need it */
} meter_keys[] = {
	{ "cir", offsetof(struct pp_cfg_class, cir), M_ALL, M_ALL },
	{ "cbs", offsetof(struct pp_cfg_class, cbs), M_ALL, M_ALL },
	{ "ebs", offsetof(struct pp_cfg_class, ebs),
	  M_BIT(PP_CFG_METER_SRTCM) | M_BIT(PP_CFG_METER_TRTCM_4115), 0 },
	{ "pir", offsetof(struct pp_cfg_class, pir),
	  M_BIT(PP_CFG_METER_TRTCM), M_BIT(PP_CFG_METER_TRTCM) },
	{ "pbs", offsetof(struct pp_cfg_class, pbs),
	  M_BIT(PP_CFG_METER_TRTCM), M_BIT(PP_CFG_METER_TRTCM) },
	{ "eir", offsetof(struct pp_cfg_class, eir),
	  M_BIT(PP_CFG_METER_TRTCM_4115), 0 },
};

/* What each meter takes, for messages. */
static const char *const meter_uses[] = {
	[PP_CFG_METER_NONE] = "nothing",
	[PP_CFG_METER_SRTCM] = "cir, cbs and optionally ebs",
	[PP_CFG_METER_TRTCM] = "cir, cbs, pir and pbs",
	[PP_CFG_METER_TRTCM_4115] = "cir, cbs, and optionally eir with ebs",
};

static const char *
meter_name(uint8_t meter)
{
	const struct enum_val *e;

	for (e = meter_vals; e->name != NULL; e++)
		if (e->val == meter)
			return e->name;
	return "?";
}

/* The keys `meter` needs are given; those it does not use are not. */
static int
class_finalize(const char *origin, struct pp_cfg_class *c,
	       struct pp_cfg_err *err)
{
	const char *mname = meter_name(c->meter);
	char section[48];
	uint64_t v;
	size_t i;

	snprintf(section, sizeof(section), "class.%s", c->name);
	for (i = 0; i < RTE_DIM(meter_keys); i++) {
		memcpy(&v, (const char *)c + meter_keys[i].off, sizeof(v));
		if (v == 0 || (meter_keys[i].used & M_BIT(c->meter)) != 0)
			continue;
		if (c->meter == PP_CFG_METER_NONE)
			return err_at(err, -EINVAL, origin, section,
				      meter_keys[i].key,
				      "given, but meter = none has no per-flow meter; set meter = srtcm, trtcm or trtcm4115, or remove %s",
				      meter_keys[i].key);
		return err_at(err, -EINVAL, origin, section,
			      meter_keys[i].key,
			      "not used by meter = %s (it takes %s); remove %s",
			      mname, meter_uses[c->meter], meter_keys[i].key);
	}
	for (i = 0; i < RTE_DIM(meter_keys); i++) {
		memcpy(&v, (const char *)c + meter_keys[i].off, sizeof(v));
		if (v == 0 && (meter_keys[i].required & M_BIT(c->meter)) != 0)
			return err_at(err, -EINVAL, origin, section,
				      meter_keys[i].key,
				      "missing (meter = %s takes %s)",
				      mname, meter_uses[c->meter]);
	}
	if (c->meter == PP_CFG_METER_TRTCM && c->pir < c->cir)
		return err_at(err, -EINVAL, origin, section, "pir",
			      "%" PRIu64 " is below cir (%" PRIu64 "); the peak rate must be at least the committed rate",
			      c->pir, c->cir);
	if (c->meter == PP_CFG_METER_TRTCM_4115 &&
	    (c->eir == 0) != (c->ebs == 0))
		return err_at(err, -EINVAL, origin, section,
			      c->eir == 0 ? "eir" : "ebs",
			      "missing: with meter = trtcm4115, eir and ebs are both set or both 0 (no excess rate)");
	return agg_finalize(origin, section, &c->agg, err);
}

/*
 * Resolve [police] default_class or default_tenant: the named section,
 * else the one named "default", else one appended (when policing is on).
 * Found by name on a later finalize, an appended default is not added
 * twice. Classes and tenants differ only in where they are kept.
 */
struct default_list {
	const char *kind;		/* "class" or "tenant" */
	const char *kinds;		/* "classes" or "tenants" */
	uint8_t sec;			/* SEC_CLASS or SEC_TENANT */
	const char *want;		/* default_class/tenant_name */
	int (*find)(const struct pp_cfg_police *p, const char *name);
	unsigned int *n;
	unsigned int max;
	void *base;			/* classes[] or tenants[] */
	size_t size;			/* one element */
	size_t agg_off;			/* its struct pp_cfg_agg */
	uint8_t *out;			/* default_class/tenant */
};

_Static_assert(offsetof(struct pp_cfg_class, name) == 0 &&
	       offsetof(struct pp_cfg_tenant, name) == 0,
	       "default_resolve() writes the name at the start");

static int
default_resolve(struct pp_cfg *cfg, const struct default_list *l,
		struct pp_cfg_err *err)
{
	char key[32];
	char *e;
	int i;

	snprintf(key, sizeof(key), "default_%s", l->kind);
	if (l->want[0] != '\0') {
		i = l->find(&cfg->police, l->want);
		if (i < 0)
			return err_at(err, -EINVAL, cfg_origin(cfg), "police",
				      key,
				      "unknown %s '%s' (expected the name of a [%s.NAME] section)",
				      l->kind, l->want, l->kind);
		*l->out = i;
		return 0;
	}
	if (!cfg->police.enabled)
		return 0;
	i = l->find(&cfg->police, "default");
	if (i < 0) {
		if (*l->n == l->max)
			return err_at(err, -EINVAL, cfg_origin(cfg), "police",
				      key,
				      "no room for the default %s: %u [%s.NAME] sections, none named default, and at most %u %s with the default; name one in %s or add [%s.default]",
				      l->kind, *l->n, l->kind, l->max, l->kinds,
				      key, l->kind);
		i = (int)(*l->n)++;
		e = (char *)l->base + (size_t)i * l->size;
		memset(e, 0, l->size);
		/* both structs start with their name */
		copy_str(e, PP_CFG_NAME_LEN, "default");
		apply_defaults(l->sec, e);
		/* Its aggregate is none: nothing to compute. */
		((struct pp_cfg_agg *)(e + l->agg_off))->burst_auto = true;
	}
	*l->out = i;
	return 0;
}

static int
default_class_resolve(struct pp_cfg *cfg, struct pp_cfg_err *err)
{
	struct pp_cfg_police *p = &cfg->police;
	const struct default_list l = {
		"class", "classes", SEC_CLASS, p->default_class_name,
		pp_cfg_class_find,
		&p->n_classes, PP_CFG_MAX_CLASSES, p->classes,
		sizeof(p->classes[0]), offsetof(struct pp_cfg_class, agg),
		&p->default_class,
	};

	return default_resolve(cfg, &l, err);
}

static int
default_tenant_resolve(struct pp_cfg *cfg, struct pp_cfg_err *err)
{
	struct pp_cfg_police *p = &cfg->police;
	const struct default_list l = {
		"tenant", "tenants", SEC_TENANT, p->default_tenant_name,
		pp_cfg_tenant_find, &p->n_tenants, PP_CFG_MAX_TENANTS,
		p->tenants, sizeof(p->tenants[0]),
		offsetof(struct pp_cfg_tenant, agg), &p->default_tenant,
	};

	return default_resolve(cfg, &l, err);
}

static int
rule_cmp(const void *a, const void *b)
{
	const struct pp_cfg_rule *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Does every packet b matches also match a? (a's set contains b's) */
static bool
rule_covers(const struct pp_cfg_rule *a, const struct pp_cfg_rule *b)
{
	if (a->has_vlan && (!b->has_vlan || a->vlan != b->vlan))
		return false;
	if (a->ip_version != 0 && a->ip_version != b->ip_version)
		return false;
	/* No prefix is length 0, which contains everything; a prefix of a
	 * pins ip_version, which b then shares (checked above).
	 */
	if (a->src_len > b->src_len || !prefix_eq(a->src, b->src, a->src_len))
		return false;
	if (a->dst_len > b->dst_len || !prefix_eq(a->dst, b->dst, a->dst_len))
		return false;
	if (a->has_proto && (!b->has_proto || a->proto != b->proto))
		return false;
	if (a->dport_lo > b->dport_lo || a->dport_hi < b->dport_hi)
		return false;
	if (a->has_dscp && (!b->has_dscp || a->dscp != b->dscp))
		return false;
	return true;
}

/* Can some packet match both a and b? */
static bool
rules_intersect(const struct pp_cfg_rule *a, const struct pp_cfg_rule *b)
{
	if (a->has_vlan && b->has_vlan && a->vlan != b->vlan)
		return false;
	if (a->ip_version != 0 && b->ip_version != 0 &&
	    a->ip_version != b->ip_version)
		return false;
	if (!prefix_eq(a->src, b->src, RTE_MIN(a->src_len, b->src_len)) ||
	    !prefix_eq(a->dst, b->dst, RTE_MIN(a->dst_len, b->dst_len)))
		return false;
	if (a->has_proto && b->has_proto && a->proto != b->proto)
		return false;
	if (a->dport_hi < b->dport_lo || b->dport_hi < a->dport_lo)
		return false;
	if (a->has_dscp && b->has_dscp && a->dscp != b->dscp)
		return false;
	return true;
}

/*
 * Add "ORIGIN: [SECTION]: ..." to cfg->warnings. When they are full, the
 * last one is replaced by a count of those left out (*dropped counts them,
 * from 0 at the first warning).
 */
static void __rte_format_printf(4, 5)
warn_add(struct pp_cfg *cfg, unsigned int *dropped, const char *section,
	 const char *fmt, ...)
{
	struct pp_cfg_err w = { .msg = "" };	/* all of it: see below */
	va_list ap;

	if (cfg->n_warnings == PP_CFG_MAX_WARN) {
		++*dropped;
		snprintf(cfg->warnings[PP_CFG_MAX_WARN - 1],
			 sizeof(cfg->warnings[0]),
			 "%s: %u more warnings not listed", cfg_origin(cfg),
			 *dropped + 1);
		return;
	}
	va_start(ap, fmt);
	verr_at(&w, 0, cfg_origin(cfg), section, NULL, fmt, ap);
	va_end(ap);
	/* The whole buffer, zeros past the text included, so that a second
	 * finalize leaves cfg the same byte for byte.
	 */
	memcpy(cfg->warnings[cfg->n_warnings++], w.msg, sizeof(w.msg));
}

/*
 * Rules: sorted by id, names resolved, then each pair checked. A rule an
 * earlier one covers can never match: an error. Only cover by a single
 * earlier rule is found; a rule covered by the union of several earlier
 * ones (10.0.0.0/9 and 10.128.0.0/9 before 10.0.0.0/8) is not.
 * A partial overlap with a different outcome is legal but often a
 * mistake: a warning. A specific rule before a broader one (the broader
 * one covers it) is the usual exception pattern: no warning.
 */
static int
rules_finalize(struct pp_cfg *cfg, struct pp_cfg_err *err)
{
	struct pp_cfg_police *p = &cfg->police;
	const char *origin = cfg_origin(cfg);
	const struct pp_cfg_rule *ri;
	struct pp_cfg_rule *r;
	unsigned int i, j, dropped = 0;
	char section[32];
	int idx;

	qsort(p->rules, p->n_rules, sizeof(p->rules[0]), rule_cmp);
	for (i = 0; i < p->n_rules; i++) {
		r = &p->rules[i];
		snprintf(section, sizeof(section), "rule.%u", r->id);
		if (r->class_name[0] == '\0' && r->tenant_name[0] == '\0')
			return err_at(err, -EINVAL, origin, section, NULL,
				      "a rule must set class or tenant");
		idx = p->default_class;
		if (r->class_name[0] != '\0') {
			idx = pp_cfg_class_find(p, r->class_name);
			if (idx < 0)
				return err_at(err, -EINVAL, origin, section,
					      "class",
					      "unknown class '%s' (expected the name of a [class.NAME] section)",
					      r->class_name);
		}
		r->cls = idx;
		idx = p->default_tenant;
		if (r->tenant_name[0] != '\0') {
			idx = pp_cfg_tenant_find(p, r->tenant_name);
			if (idx < 0)
				return err_at(err, -EINVAL, origin, section,
					      "tenant",
					      "unknown tenant '%s' (expected the name of a [tenant.NAME] section)",
					      r->tenant_name);
		}
		r->tenant = idx;
	}
	for (j = 1; j < p->n_rules; j++) {
		r = &p->rules[j];
		snprintf(section, sizeof(section), "rule.%u", r->id);
		for (i = 0; i < j; i++) {
			ri = &p->rules[i];
			if (rule_covers(ri, r))
				return err_at(err, -EINVAL, origin, section,
					      NULL,
					      "shadowed by [rule.%u]: every packet it matches, rule %u matches first",
					      ri->id, ri->id);
			if (!rules_intersect(ri, r) || rule_covers(r, ri) ||
			    (ri->cls == r->cls && ri->tenant == r->tenant))
				continue;
			warn_add(cfg, &dropped, section,
				 "overlaps [rule.%u] (neither contains the other); packets matching both go to rule %u's class %s / tenant %s",
				 ri->id, ri->id, p->classes[ri->cls].name,
				 p->tenants[ri->tenant].name);
		}
	}
	return 0;
}

/* [police], [class.*], [tenant.*], [rule.*]: see pp_cfg_finalize(). */
static int
police_finalize(struct pp_cfg *cfg, struct pp_cfg_err *err)
{
	struct pp_cfg_police *p = &cfg->police;
	const char *origin = cfg_origin(cfg);
	char section[48];
	unsigned int i;
	int rc;

	p->enabled = p->n_classes != 0 || p->n_tenants != 0 ||
		p->n_rules != 0;
	for (i = 0; i < p->n_classes; i++) {
		rc = class_finalize(origin, &p->classes[i], err);
		if (rc != 0)
			return rc;
	}
	for (i = 0; i < p->n_tenants; i++) {
		snprintf(section, sizeof(section), "tenant.%s",
			 p->tenants[i].name);
		rc = agg_finalize(origin, section, &p->tenants[i].agg, err);
		if (rc != 0)
			return rc;
	}
	rc = default_class_resolve(cfg, err);
	if (rc == 0)
		rc = default_tenant_resolve(cfg, err);
	if (rc == 0)
		rc = rules_finalize(cfg, err);
	return rc;
}

int
pp_cfg_finalize(struct pp_cfg *cfg, struct pp_cfg_err *err)
{
	static const struct {
		uint8_t role;
		const char *name;
	} need[] = {
		{ PP_ROLE_RX, "rx" },
		{ PP_ROLE_WORKER, "worker" },
		{ PP_ROLE_TX, "tx" },
	};
	const char *origin = cfg_origin(cfg);
	struct pp_cfg_lcore *lc;
	struct pp_cfg_port *port;
	struct pp_cfg_gen *gen;
	struct rx_owners own;
	unsigned int i, n_src = 0, min_len, workers;
	char section[48];
	int rc;

	cfg->n_warnings = 0;

	/* Required keys and fwd targets, in section order. */
	for (i = 0; i < cfg->n_ports; i++) {
		port = &cfg->ports[i];
		snprintf(section, sizeof(section), "port.%s", port->name);
		if (port->dev[0] == '\0')
			return err_at(err, -EINVAL, origin, section, "dev",
				      "missing (required: an ethdev name such as net_null0, or a vdev spec such as net_pcap0,rx_pcap=in.pcap)");
		if (port->fwd_name[0] == '\0')
			continue;
		rc = fwd_resolve(cfg, section, port->fwd_name, &port->fwd,
				 err);
		if (rc != 0)
			return rc;
		n_src++;
	}
	for (i = 0; i < cfg->n_gens; i++) {
		gen = &cfg->gens[i];
		snprintf(section, sizeof(section), "gen.%s", gen->name);
		/* at most 16 x 2^24 flows: fits */
		gen->flow_base = i == 0 ? 0 :
			cfg->gens[i - 1].flow_base + cfg->gens[i - 1].flows;
		if (gen->fwd_name[0] == '\0')
			return err_at(err, -EINVAL, origin, section, "fwd",
				      "missing (required: a port name or checker)");
		rc = fwd_resolve(cfg, section, gen->fwd_name, &gen->fwd, err);
		if (rc != 0)
			return rc;
		min_len = gen_min_len(gen);
		if (!gen->imix && gen->pkt_len < min_len)
			return err_at(err, -EINVAL, origin, section, "pkt_len",
				      "%u is too small for %sipv%u/%s headers and the %u-byte payload marker (minimum %u)",
				      gen->pkt_len, gen->vlan ? "vlan/" : "",
				      gen->ip_version,
				      gen->l4_proto == IPPROTO_UDP ?
				      "udp" : "tcp",
				      GEN_MARKER_LEN, min_len);
		if (gen->imix && GEN_IMIX_MIN < min_len)
			return err_at(err, -EINVAL, origin, section, "pkt_len",
				      "imix has %u-byte packets, too small for %sipv%u/%s headers and the %u-byte payload marker (minimum %u); give a fixed pkt_len",
				      GEN_IMIX_MIN, gen->vlan ? "vlan/" : "",
				      gen->ip_version,
				      gen->l4_proto == IPPROTO_UDP ?
				      "udp" : "tcp",
				      GEN_MARKER_LEN, min_len);
		n_src++;
	}

	for (i = 0; i < cfg->n_lcores; i++) {
		lc = &cfg->lcores[i];
		if (lc->roles == 0) {
			snprintf(section, sizeof(section), "lcore.%u",
				 lc->lcore_id);
			return err_at(err, -EINVAL, origin, section, "roles",
				      "missing (required; %s)",
				      ROLES_EXPECTED);
		}
	}
	qsort(cfg->lcores, cfg->n_lcores, sizeof(cfg->lcores[0]), lcore_cmp);

	for (i = 0; i < RTE_DIM(need); i++)
		if (pp_cfg_count_role(cfg, need[i].role) == 0)
			return err_at(err, -EINVAL, origin, "pipeline", NULL,
				      "no lcore has the %s role; give each role to some [lcore.N], or put them all on one with roles = rtc",
				      need[i].name);
	workers = pp_cfg_count_role(cfg, PP_ROLE_WORKER);
	if (cfg->buckets < workers)
		return err_at(err, -EINVAL, origin, "pipeline", "buckets",
			      "%u is less than the number of worker lcores (%u)",
			      cfg->buckets, workers);
	if (n_src == 0)
		return err_at(err, -EINVAL, origin, "pipeline", NULL,
			      "nothing to receive from: add a [gen.NAME], or a [port.NAME] with fwd");
	/* RX queues: explicit lists first, then the rest round-robin. */
	memset(&own, 0, sizeof(own));
	for (i = 0; i < cfg->n_lcores; i++)
		cfg->lcores[i].n_rx = 0;
	for (i = 0; i < cfg->n_lcores; i++) {
		if (!cfg->lcores[i].rx_explicit)
			continue;
		rc = rx_resolve(cfg, &own, &cfg->lcores[i], err);
		if (rc != 0)
			return rc;
	}
	rc = rx_auto(cfg, &own, err);
	if (rc != 0)
		return rc;
	return police_finalize(cfg, err);
}

int
pp_cfg_check_lcores(const struct pp_cfg *cfg,
		    bool (*enabled)(unsigned int lcore_id),
		    unsigned int main_lcore, struct pp_cfg_err *err)
{
	const struct pp_cfg_lcore *lc;
	char section[32];
	unsigned int i;

	for (i = 0; i < cfg->n_lcores; i++) {
		lc = &cfg->lcores[i];
		snprintf(section, sizeof(section), "lcore.%u", lc->lcore_id);
		if (enabled != NULL && !enabled(lc->lcore_id))
			return err_at(err, -EINVAL, cfg_origin(cfg), section,
				      "roles",
				      "lcore %u is not in the EAL lcore set (-l/--lcores)",
				      lc->lcore_id);
		if (lc->lcore_id == main_lcore)
			return err_at(err, -EINVAL, cfg_origin(cfg), section,
				      "roles",
				      "lcore %u is EAL's main lcore, which runs the control thread; give roles to other lcores",
				      lc->lcore_id);
	}
	return 0;
}

unsigned int
pp_cfg_count_role(const struct pp_cfg *cfg, uint8_t role)
{
	unsigned int i, n = 0;

	for (i = 0; i < cfg->n_lcores; i++)
		if ((cfg->lcores[i].roles & role) == role)
			n++;
	return n;
}

/* ------------------------------------------------------------------ */
/* Help and dump                                                       */

/* Print text word-wrapped at 79 columns, each line indented. */
static void
help_wrap(FILE *f, unsigned int indent, const char *text)
{
	const unsigned int width = 79;
	unsigned int col = indent;
	const char *p = text;
	size_t n;

	fprintf(f, "%*s", indent, "");
	while (*p != '\0') {
		n = strcspn(p, " ");
		if (col > indent && col + 1 + n > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, n, f);
		col += n;
		p += n;
		p += strspn(p, " ");
	}
	fputc('\n', f);
}

void
pp_cfg_help(FILE *f)
{
	static const char *const sec_title[SEC_KINDS] = {
		"[pipeline]", "[lcore.N]", "[port.NAME]", "[gen.NAME]",
		"[police]", "[class.NAME]", "[tenant.NAME]", "[rule.N]",
	};
	char lcore_help[128];
	const char *sec_help[SEC_KINDS] = {
		[SEC_PIPELINE] = "The pipeline as a whole.",
		[SEC_LCORE] = lcore_help,
		[SEC_PORT] = "An ethdev port. NAME is 1 to 31 of A-Z a-z 0-9 "
			"_ - and not checker.",
		[SEC_GEN] = "A built-in traffic generator. NAME as for ports; "
			"ports and generators share one namespace.",
		[SEC_POLICE] = "Policing, on when any [class.NAME], "
			"[tenant.NAME] or [rule.N] section exists. Each packet "
			"gets the class and tenant of the first rule it matches "
			"(lowest N), else default_class and default_tenant.",
		[SEC_CLASS] = "A traffic class: a per-flow meter (a flow is "
			"a 5-tuple with its VLAN and DSCP), an action per "
			"colour, and an optional aggregate over all its "
			"packets. Rates in bit/s, bursts in bytes (L2 frame "
			"without FCS); suffixes are powers of 1000. NAME as for "
			"ports, in its own namespace; at most 16 classes, the "
			"default included.",
		[SEC_TENANT] = "A tenant: an aggregate shared by all its "
			"packets whatever their class; keys as the class "
			"aggregate. At most 16, the default included.",
		[SEC_RULE] = "A classification rule, N = 1..65535: packets "
			"matching every key given go to its class and tenant; "
			"no match key = every packet. First match wins; a rule "
			"an earlier one covers is refused, a partial overlap "
			"with another outcome is warned about.",
	};
	const struct pp_cfg_key *k;
	char def[64];
	uint8_t kind;
	size_t i;

	snprintf(lcore_help, sizeof(lcore_help),
		 "Roles of EAL lcore N (decimal, 0..%u), one section per "
		 "lcore; not EAL's main lcore.", RTE_MAX_LCORE - 1);
	help_wrap(f, 0, "Configuration file (-f FILE), INI syntax: "
		  "[section] headers, KEY = VALUE lines, ';' starts a "
		  "comment. A key may appear once per section and a section "
		  "once per file; command-line options override keys. A "
		  "reload of a running pipeline may change the keys marked "
		  "reloadable and add, remove or change [rule.N] sections; "
		  "any other change needs a restart, and the refusal names "
		  "it.");
	for (kind = 0; kind < SEC_KINDS; kind++) {
		fprintf(f, "\n%s\n", sec_title[kind]);
		help_wrap(f, 2, sec_help[kind]);
		for (i = 0; i < RTE_DIM(pp_cfg_keys); i++) {
			k = &pp_cfg_keys[i];
			if (k->sec != kind)
				continue;
			if (k->required)
				snprintf(def, sizeof(def), "required");
			else if (k->def == NULL)
				snprintf(def, sizeof(def), "default: unset");
			else if (k->def[0] == '\0')
				snprintf(def, sizeof(def), "default: none");
			else
				snprintf(def, sizeof(def), "default: %s",
					 k->def);
			fprintf(f, "  %-17s %-10s %s; %s%s\n", k->name,
				k->type, k->range, def,
				k->live ? "; reloadable" : "");
			help_wrap(f, 6, k->help);
		}
	}
}

/* Longest section title: "tenant." and a name. */
#define SEC_TITLE_LEN	(PP_CFG_NAME_LEN + 16)

/* How many sections of a kind cfg has ([pipeline] and [police]: 1). */
static unsigned int
sec_count(const struct pp_cfg *cfg, uint8_t kind)
{
	switch (kind) {
	case SEC_LCORE:
		return cfg->n_lcores;
	case SEC_PORT:
		return cfg->n_ports;
	case SEC_GEN:
		return cfg->n_gens;
	case SEC_CLASS:
		return cfg->police.n_classes;
	case SEC_TENANT:
		return cfg->police.n_tenants;
	case SEC_RULE:
		return cfg->police.n_rules;
	default:
		return 1;
	}
}

/* The struct of section i of a kind, as the key table's offsets expect. */
static const void *
sec_at(const struct pp_cfg *cfg, uint8_t kind, unsigned int i)
{
	switch (kind) {
	case SEC_LCORE:
		return &cfg->lcores[i];
	case SEC_PORT:
		return &cfg->ports[i];
	case SEC_GEN:
		return &cfg->gens[i];
	case SEC_POLICE:
		return &cfg->police;
	case SEC_CLASS:
		return &cfg->police.classes[i];
	case SEC_TENANT:
		return &cfg->police.tenants[i];
	case SEC_RULE:
		return &cfg->police.rules[i];
	default:
		return cfg;
	}
}

/* "pipeline", "lcore.3", "port.p0", ...: the section as written. */
static void
sec_title(uint8_t kind, const void *obj, char *buf, size_t len)
{
	const char *kn = sec_kind_names[kind];

	switch (kind) {
	case SEC_LCORE:
		snprintf(buf, len, "%s.%u", kn,
			 ((const struct pp_cfg_lcore *)obj)->lcore_id);
		break;
	case SEC_PORT:
		snprintf(buf, len, "%s.%s", kn,
			 ((const struct pp_cfg_port *)obj)->name);
		break;
	case SEC_GEN:
		snprintf(buf, len, "%s.%s", kn,
			 ((const struct pp_cfg_gen *)obj)->name);
		break;
	case SEC_CLASS:
		snprintf(buf, len, "%s.%s", kn,
			 ((const struct pp_cfg_class *)obj)->name);
		break;
	case SEC_TENANT:
		snprintf(buf, len, "%s.%s", kn,
			 ((const struct pp_cfg_tenant *)obj)->name);
		break;
	case SEC_RULE:
		snprintf(buf, len, "%s.%u", kn,
			 ((const struct pp_cfg_rule *)obj)->id);
		break;
	default:
		snprintf(buf, len, "%s", kn);
		break;
	}
}

static void
dump_section(FILE *f, uint8_t kind, const char *title, const void *obj)
{
	char buf[2 * PP_CFG_DEV_LEN];
	size_t i;

	fprintf(f, "\n[%s]\n", title);
	for (i = 0; i < RTE_DIM(pp_cfg_keys); i++)
		if (pp_cfg_keys[i].sec == kind &&
		    pp_cfg_keys[i].format(obj, &pp_cfg_keys[i], buf,
					  sizeof(buf)))
			fprintf(f, "%s = %s\n", pp_cfg_keys[i].name, buf);
}

void
pp_cfg_dump(FILE *f, const struct pp_cfg *cfg)
{
	char title[SEC_TITLE_LEN];
	unsigned int i, n;
	const void *obj;
	uint8_t kind;

	fprintf(f, "; pktpipe configuration%s%s%s\n",
		cfg->path[0] != '\0' ? " (from " : "", cfg->path,
		cfg->path[0] != '\0' ? ", with defaults)" : "");
	for (kind = 0; kind < SEC_KINDS; kind++) {
		n = sec_count(cfg, kind);
		for (i = 0; i < n; i++) {
			obj = sec_at(cfg, kind, i);
			sec_title(kind, obj, title, sizeof(title));
			dump_section(f, kind, title, obj);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Reload check                                                        */

/* Kinds whose sections a reload may add and remove. */
static const bool sec_set_live[SEC_KINDS] = {
	[SEC_RULE] = true,
};

/* Values longer than this are left out of a refusal. */
#define RELOAD_VAL_MAX	40
#define RELOAD_TAIL	"; the running config stays"
/* Room kept at the end of the message for the count and the tail. */
#define RELOAD_RESERVE	(sizeof(" and 4294967295 more") + \
			 sizeof(RELOAD_TAIL))

/* The refusal being built: items while they fit, then a count. */
struct reload_msg {
	const struct pp_cfg *next;	/* names the file */
	struct pp_cfg_err *err;		/* NULL: count only */
	size_t used;			/* length of err->msg */
	unsigned int found;		/* items, listed or not */
	unsigned int listed;
};

/* Add one item; the first one writes the message's head. */
static void __rte_format_printf(2, 3)
reload_item(struct reload_msg *m, const char *fmt, ...)
{
	const size_t cap = sizeof(m->err->msg) - RELOAD_RESERVE;
	char item[PP_CFG_ERR_LEN];
	va_list ap;
	size_t n;
	int w;

	if (m->err == NULL) {
		m->found++;
		return;
	}
	if (m->found++ == 0) {
		w = snprintf(m->err->msg, sizeof(m->err->msg),
			     "%s: reload refused: these need a restart: ",
			     cfg_origin(m->next));
		m->used = RTE_MIN((size_t)RTE_MAX(w, 0), cap);
		m->err->msg[m->used] = '\0';
	}
	/* Once one item did not fit, the rest are counted, so that the
	 * list shown is the first items in order.
	 */
	if (m->listed + 1 < m->found)
		return;
	va_start(ap, fmt);
	vsnprintf(item, sizeof(item), fmt, ap);
	va_end(ap);
	n = strlen(item) + (m->listed > 0 ? 2 : 0);
	if (m->used + n >= cap)
		return;
	snprintf(m->err->msg + m->used, sizeof(m->err->msg) - m->used,
		 "%s%s", m->listed > 0 ? ", " : "", item);
	m->used += n;
	m->listed++;
}

/* 0, or -EPERM with the count of the unlisted items and the tail. */
static int
reload_end(struct reload_msg *m)
{
	char *p;
	size_t len;

	if (m->found == 0)
		return 0;
	if (m->err == NULL)
		return -EPERM;
	p = m->err->msg + m->used;
	len = sizeof(m->err->msg) - m->used;
	if (m->listed == 0)
		snprintf(p, len, "%u changes" RELOAD_TAIL, m->found);
	else if (m->found > m->listed)
		snprintf(p, len, " and %u more" RELOAD_TAIL,
			 m->found - m->listed);
	else
		snprintf(p, len, RELOAD_TAIL);
	return -EPERM;
}

/* One key of a section in both configs: an item when its value (as
 * pp_cfg_dump() writes it) differs and may not change live.
 */
static void
reload_key(struct reload_msg *m, const char *title,
	   const struct pp_cfg_key *k, const void *a, const void *b)
{
	char va[2 * PP_CFG_DEV_LEN], vb[2 * PP_CFG_DEV_LEN];
	const char *why = NULL;

	if (!k->format(a, k, va, sizeof(va)))
		snprintf(va, sizeof(va), "unset");
	if (!k->format(b, k, vb, sizeof(vb)))
		snprintf(vb, sizeof(vb), "unset");
	if (strcmp(va, vb) == 0)
		return;
	if (k->live) {
		if (k->live_if == NULL)
			return;
		why = k->live_if(a, b, k);
		if (why == NULL)
			return;
	}
	if (strlen(va) > RELOAD_VAL_MAX || strlen(vb) > RELOAD_VAL_MAX)
		reload_item(m, "[%s] %s%s%s%s", title, k->name,
			    why != NULL ? " (" : "", why != NULL ? why : "",
			    why != NULL ? ")" : "");
	else
		reload_item(m, "[%s] %s (%s -> %s%s%s)", title, k->name, va,
			    vb, why != NULL ? ": " : "",
			    why != NULL ? why : "");
}

/* Does a reload take any change to sections of this kind? */
static bool
kind_all_live(uint8_t kind)
{
	size_t i;

	if (!sec_set_live[kind])
		return false;
	for (i = 0; i < RTE_DIM(pp_cfg_keys); i++)
		if (pp_cfg_keys[i].sec == kind &&
		    (!pp_cfg_keys[i].live || pp_cfg_keys[i].live_if != NULL))
			return false;
	return true;
}

/* Index of the section titled `title` in c, or the count if none. */
static unsigned int
sec_match(const struct pp_cfg *c, uint8_t kind, const char *title)
{
	char t[SEC_TITLE_LEN];
	unsigned int i, n = sec_count(c, kind);

	for (i = 0; i < n; i++) {
		sec_title(kind, sec_at(c, kind, i), t, sizeof(t));
		if (strcmp(t, title) == 0)
			break;
	}
	return i;
}

/* Sections of one kind: removed, changed (key by key), added, moved. */
static void
reload_kind(struct reload_msg *m, uint8_t kind, const struct pp_cfg *running,
	    const struct pp_cfg *next)
{
	unsigned int na = sec_count(running, kind);
	unsigned int nb = sec_count(next, kind);
	unsigned int i, j, gone = 0, added = 0;
	char title[SEC_TITLE_LEN];
	bool moved = false;
	const void *a, *b;
	size_t k;

	for (i = 0; i < na; i++) {
		a = sec_at(running, kind, i);
		sec_title(kind, a, title, sizeof(title));
		j = sec_match(next, kind, title);
		if (j == nb) {
			gone++;
			if (!sec_set_live[kind])
				reload_item(m, "[%s] removed", title);
			continue;
		}
		moved |= i != j;
		b = sec_at(next, kind, j);
		for (k = 0; k < RTE_DIM(pp_cfg_keys); k++)
			if (pp_cfg_keys[k].sec == kind)
				reload_key(m, title, &pp_cfg_keys[k], a, b);
	}
	for (j = 0; j < nb; j++) {
		b = sec_at(next, kind, j);
		sec_title(kind, b, title, sizeof(title));
		if (sec_match(running, kind, title) < na)
			continue;
		added++;
		if (!sec_set_live[kind])
			reload_item(m, "[%s] added", title);
	}
	/* The running pipeline keeps per-section state by index. */
	if (moved && gone == 0 && added == 0 && !sec_set_live[kind])
		reload_item(m, "the order of [%s.*] sections",
			    sec_kind_names[kind]);
}

int
pp_cfg_reload_check(const struct pp_cfg *running, const struct pp_cfg *next,
		    struct pp_cfg_err *err)
{
	struct reload_msg m = { .next = next, .err = err };
	uint8_t kind;

	for (kind = 0; kind < SEC_KINDS; kind++)
		if (!kind_all_live(kind))
			reload_kind(&m, kind, running, next);
	return reload_end(&m);
}
