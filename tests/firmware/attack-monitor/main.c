// SPDX-License-Identifier: BSD-2-Clause
/* placeholder */
#include "../common/fw.h"
void fw_main(void) { puts_("ATTACK DONE\n"); poweroff(0); }
