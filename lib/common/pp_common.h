/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_COMMON_H
#define PP_COMMON_H

/**
 * @file
 * Macros shared by every pktpipe module: logging, build-time asserts,
 * array sizes and exit codes.
 *
 * Logging goes through DPDK's logging (one registered log type, "pktpipe"),
 * so `--log-level=pktpipe:debug` works like for any DPDK library. Logging is
 * for set-up and the control thread only; the data path counts instead.
 * Everything here is thread-safe.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_log.h>

/** Exit codes (DESIGN.md "Lifecycle"). */
#define PP_EXIT_OK	0	/**< success */
#define PP_EXIT_FAULT	1	/**< runtime fault, leak or broken identity */
#define PP_EXIT_USAGE	2	/**< usage or configuration error */

/** Log type id registered at start-up (see pp_common.c). */
extern int pp_logtype;

#define PP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, pp_logtype, "pktpipe: " fmt "\n", \
		##__VA_ARGS__)

#define PP_ARRAY_SIZE(a) RTE_DIM(a)
#define PP_BUILD_BUG_ON(c) RTE_BUILD_BUG_ON(c)

/** Stringify after macro expansion. */
#define PP_STR(x) RTE_STR(x)

/**
 * Format into a bounded buffer; never overflows, always terminates.
 * Returns what snprintf returns.
 */
#define PP_SNPRINTF(buf, ...) snprintf((buf), sizeof(buf), __VA_ARGS__)

#endif /* PP_COMMON_H */
