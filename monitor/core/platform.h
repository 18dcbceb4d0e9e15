/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The platform as data: what the device tree and probing said at boot,
 * published once (platform_set) before any other hart runs, read-only
 * after. Everything the monitor does that depends on the machine reads it
 * here instead of a constant.
 */
#ifndef RAMPART_PLATFORM_DATA_H
#define RAMPART_PLATFORM_DATA_H

#include "../../include/rampart/types.h"

/* The console UARTs the monitor can print on (it only polls and sends:
 * the firmware programs the UART). */
enum uart_kind {
	UART_NONE,	/* none found (yet): lines are dropped */
	UART_16550,	/* ns16550a: QEMU virt */
	UART_SIFIVE,	/* sifive,uart0: QEMU sifive_u, HiFive boards */
};

/* How the machine is reset or powered off. */
enum reset_kind {
	RESET_NONE,	/* no device: the monitor's stops park the harts */
	RESET_TEST,	/* sifive,test1 (QEMU virt): a value written ends
			 * the machine, and the monitor can end it with an
			 * exit status itself */
	RESET_GPIO,	/* the GPIO controller a gpio-restart node drives
			 * (QEMU sifive_u): any write may end the machine;
			 * the monitor itself cannot power off */
};

struct platform {
	u64 dram_base, dram_size;	/* the first memory node */
	unsigned int nharts;		/* harts with ids 0..nharts-1 */
	u64 clint_base;			/* timer and IPIs (riscv,clint0) */
	u64 mtime_per_us;		/* /cpus timebase-frequency / 10^6 */
	volatile u64 *mtime;		/* its registers the monitor uses */
	volatile u32 *msip;
	u64 uart_base, uart_size;	/* console, the size a NAPOT window
					 * (the firmware's allow list) */
	enum uart_kind uart_kind;	/* its registers; UART_NONE: silent */
	u64 plic_base, plic_size;	/* interrupt controller (riscv,plic0),
					 * the size rounded up to one NAPOT
					 * window: the firmware's allow list */
	u64 reset_base, reset_size;	/* the device a reset or power-off
					 * goes through (hw/reset.h); NAPOT */
	enum reset_kind reset_kind;
	bool has_tpm;			/* a TPM TIS node (the payload's tree
					 * is searched for it only then) */
	/* probed on the boot hart; every other hart must agree, or the
	 * boot stops (probe_hart_alike). What may differ between harts is
	 * each hart's own (struct hart_facts, core/hart.h). */
	unsigned int pmp_count;		/* PMP entries (up to PMP_COUNT) */
	u64 pmp_granule;		/* bytes: 4 << G */
	unsigned int priv_minor;	/* privileged spec 1.10, 1.11, 1.12:
					 * which CSRs the harts have */
	bool has_zbb;			/* SHA-256 uses it (hw/sha256_hw.c) */
	bool has_zknh;			/* the same: every cpu node's riscv,isa
					 * lists it and the harts run it */
};

/* Written by platform_set() alone; everything else reads `platform()`,
 * a const view (as cheap as a constant's address: no pointer to load). */
extern struct platform platform_described;
#define platform() ((const struct platform *)&platform_described)

/* Boot only, on the boot hart: publish @p. */
void platform_set(const struct platform *p);

static inline u64 platform_dram_end(void)
{
	return platform()->dram_base + platform()->dram_size;
}

#endif
