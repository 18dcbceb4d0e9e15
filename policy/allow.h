/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware world's PMP is an allow list under every policy: below
 * M-mode an address no entry matches is denied (Priv. spec 3.7.1), so all
 * a policy lists is what the firmware needs. Everything else on QEMU virt
 * is denied at all times, above all the DMA-capable devices (virtio-mmio,
 * fw_cfg, PCIe windows), which could otherwise write the monitor itself:
 * DMA does not pass through the hart's PMP. docs/pmp.md draws the map.
 */
#ifndef RAMPART_ALLOW_H
#define RAMPART_ALLOW_H

#include "../include/rampart/types.h"

struct pmp_entry;

/* The low devices below the CLINT (emulated): the boot ROM with
 * fw_dynamic_info, which no device tree describes, and on QEMU 7.2 virt
 * the test device and the RTC. Allowed as one NAPOT window from address
 * 0, the largest below the CLINT's base (0x200_0000 on QEMU's virt and
 * sifive_u, so [0, 0x200_0000)). The PLIC and the UART come from the
 * platform description (core/platform.h). */
u64 firmware_low_devices_size(void);
#define DRAM_ALLOW_SIZE 0x80000000ULL	/* NAPOT from MONITOR_BASE */

/* Fill the policy's five entries: first [@deny_base, +@deny_size) denied
 * if @deny_size (the reset device once locked: its accesses trap and the
 * monitor mediates them, hw/reset.h; one outside the devices below, like
 * sifive_u's GPIO controller, traps anyway), then the devices above, then
 * @dram_size bytes of DRAM from MONITOR_BASE (a power of two; the
 * monitor's own region stays denied by PMP entry 0, which has priority). */
void firmware_allow_list(struct pmp_entry *out, u64 dram_size, u64 deny_base,
			 u64 deny_size);

#endif
