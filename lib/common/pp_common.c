/* SPDX-License-Identifier: BSD-3-Clause */
#include "pp_common.h"

RTE_LOG_REGISTER(pp_logtype, pktpipe, INFO);
