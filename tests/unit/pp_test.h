/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef PP_TEST_H
#define PP_TEST_H

/*
 * Shared CUnit runner: each tests/unit/test_<mod>.c lists its cases in a
 * CU_TestInfo array and calls pp_test_run() from main(). The exit code is
 * non-zero when any assertion failed, which is what meson test reads.
 */
#include <CUnit/CUnit.h>

int pp_test_run(const char *suite, CU_TestInfo *tests);

#endif
