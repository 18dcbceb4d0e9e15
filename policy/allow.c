// SPDX-License-Identifier: BSD-2-Clause
#include "allow.h"
#include "../monitor/core/pmp.h"
#include "../monitor/core/riscv.h"
#include "../include/rampart/layout.h"
#include "../monitor/core/platform.h"

u64 firmware_low_devices_size(void)
{
	u64 n = 8; /* the smallest NAPOT region */

	while (n <= platform()->clint_base / 2)
		n <<= 1;
	return n;
}

void firmware_allow_list(struct pmp_entry *out, u64 dram_size, u64 deny_base,
			 u64 deny_size)
{
	u8 rw = PMP_A_NAPOT | PMP_R | PMP_W, rwx = rw | PMP_X;

	/* first: a match here wins over the low devices below (Priv. spec
	 * 3.7.1, the lowest-numbered entry decides) */
	out[0] = deny_size ?
			 (struct pmp_entry){ pmp_napot_addr(deny_base, deny_size),
					     PMP_A_NAPOT } :
			 (struct pmp_entry){ 0, PMP_A_OFF };
	out[1] = (struct pmp_entry){
		pmp_napot_addr(0, firmware_low_devices_size()), rwx };
	out[2] = (struct pmp_entry){
		pmp_napot_addr(platform()->plic_base, platform()->plic_size), rw };
	out[3] = (struct pmp_entry){
		pmp_napot_addr(platform()->uart_base, platform()->uart_size), rw };
	out[4] = (struct pmp_entry){ pmp_napot_addr(MONITOR_BASE, dram_size),
				     rwx };
}
