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

/* QEMU 7.2 virt's low devices (hw/riscv/virt.c memmap): the boot ROM with
 * fw_dynamic_info, which no device tree describes, the test device and
 * the RTC, up to the CLINT (emulated). The PLIC and the UART come from the
 * platform description (core/platform.h). */
#define LOW_DEVICES_BASE 0x0ULL
#define LOW_DEVICES_SIZE 0x2000000ULL
#define DRAM_ALLOW_SIZE 0x80000000ULL	/* NAPOT from MONITOR_BASE */

/* Fill the policy's five entries: first [@deny_base, +@deny_size) denied
 * if @deny_size (the test device once locked: its accesses trap and the
 * monitor mediates them, hw/reset.h), then the devices above, then
 * @dram_size bytes of DRAM from MONITOR_BASE (a power of two; the
 * monitor's own region stays denied by PMP entry 0, which has priority). */
void firmware_allow_list(struct pmp_entry *out, u64 dram_size, u64 deny_base,
			 u64 deny_size);

#endif
