// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot: the first hart prepares the platform (device tree, options), then
 * every hart sets up its virtual context and enters the firmware at its
 * base in virtual M-mode with QEMU's a0/a1/a2 (docs/architecture.md, "Boot").
 */
#include "hw.h"
#include <string.h>
#include "console.h"
#include "csr.h"
#include "attest.h"
#include "boot_measure.h"
#include "../../include/rampart/errno.h"
#include "fdt_platform.h"
#include "platform.h"
#include "../core/options.h"
#include "../core/pmp.h"
#include "../../policy/policy.h"
#include "services.h"
#include "reset.h"
#include "../core/placement.h"
#include <libfdt.h>

struct platform platform;
struct hart harts[MAX_HARTS];
extern volatile u32 boot_released;
extern u8 hart_stacks[];
static char policy_name[16] = "protect";
static u64 payload_entry = PAYLOAD_BASE;
static bool payload_present;	/* QEMU loaded one (-kernel) */
static u64 payload_size;	/* raw payloads only: the launcher's file size */
const struct policy_ops *active_policy = &policy_protect;
bool fastpath_enabled = true;

/* QEMU's fw_dynamic_info (OpenSBI's fw_dynamic.h), in the boot ROM. */
#define FW_DYNAMIC_INFO_MAGIC 0x4942534fULL
#define BOOT_ROM_BASE 0x1000ULL
#define BOOT_ROM_END 0x10000ULL

/* The ROM cannot be written by the firmware, so its entry is trusted. */
static void read_payload_entry(u64 info)
{
	const volatile u64 *d = (const volatile u64 *)info;

	if (info >= BOOT_ROM_BASE && info + 6 * 8 <= BOOT_ROM_END &&
	    !(info & 7) && d[0] == FW_DYNAMIC_INFO_MAGIC && d[2]) {
		payload_entry = d[2];
		payload_present = true;
	}
}

static u8 launch_nonce[64];
static u32 launch_nonce_len;

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* nonce=HEX: 1 to 64 bytes; anything else is refused, not truncated */
static void read_nonce(void)
{
	char text[2 * sizeof(launch_nonce) + 1];
	int n = options_get((const char *)OPTIONS_BASE, OPTIONS_SIZE, "nonce",
			    text, sizeof(text));
	int i;

	if (n == -RAMPART_ENOENT)
		return;
	if (n <= 0 || (n & 1))
		console_bug("nonce option is not 1 to 64 bytes of hex");
	for (i = 0; i < n; i += 2) {
		int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);

		if (hi < 0 || lo < 0)
			console_bug("nonce option is not hex");
		launch_nonce[i / 2] = (u8)(hi << 4 | lo);
	}
	launch_nonce_len = (u32)n / 2;
}

const u8 *hw_launch_nonce(u32 *len)
{
	*len = launch_nonce_len;
	return launch_nonce;
}

/* The policy's configuration: the options that change what the monitor
 * does, measured with its name (PCR 7) and carried in the evidence. */
const char *policy_config(void)
{
	return fastpath_enabled ? "fastpath=1" : "fastpath=0";
}

/* fastpath=0 turns the fast paths off (tests compare both ways) */
static void read_fastpath(void)
{
	char text[4];

	if (options_get((const char *)OPTIONS_BASE, OPTIONS_SIZE, "fastpath",
			text, sizeof(text)) > 0 && !strcmp(text, "0"))
		fastpath_enabled = false;
}

static void read_payload_size(void)
{
	char text[24];
	unsigned int i;

	if (options_get((const char *)OPTIONS_BASE, OPTIONS_SIZE,
			"payload_size", text, sizeof(text)) <= 0)
		return;
	for (i = 0; text[i] >= '0' && text[i] <= '9'; i++)
		payload_size = payload_size * 10 + (u64)(text[i] - '0');
	if (text[i])
		payload_size = 0; /* not a decimal number: treated as absent */
}

u64 hw_payload_size(void)
{
	return payload_size;
}

bool hw_payload_present(void)
{
	return payload_present;
}

u64 hw_payload_entry(void)
{
	return payload_entry;
}

void hw_park(const char *why)
{
	console_log("hart %lu parked: %s", csr_read(CSR_MHARTID), why);
	for (;;)
		__asm__ volatile("wfi");
}

/*
 * Before the firmware runs: a reset the monitor did not mediate left the
 * payload's memory (reset.h). What the platform loaded again at reset
 * (QEMU's -kernel file, -initrd and tree) is kept: public, and needed.
 */
static void scrub_if_reset(void *fdt)
{
	struct place_range keep[3];
	unsigned int n = 0;
	u64 start, end;

	keep[n++] = (struct place_range){ (u64)fdt, fdt_totalsize(fdt) };
	if (payload_present && payload_size)
		keep[n++] = (struct place_range){ payload_entry, payload_size };
	if (fdt_platform_initrd(fdt, &start, &end) > 0)
		keep[n++] = (struct place_range){ start, end - start };
	hw_reset_scrub_at_boot(keep, n);
}

static bool probe_csr_stimecmp(void)
{
	probe_arm();
	(void)csr_read(CSR_STIMECMP);
	return probe_disarm() == 0;
}

static void boot_platform(void *fdt, u64 info)
{
	int rc;

	console_log("Rampart monitor: firmware at 0x%x, monitor 0x%x+0x%x",
		    FIRMWARE_BASE, MONITOR_BASE, MONITOR_SIZE);
	rc = fdt_platform_read(fdt, &platform);
	if (rc == -RAMPART_ENOSPC)
		console_bug("the machine has more than %d harts, the most this "
			    "monitor supports: not booting", MAX_HARTS);
	if (rc)
		console_bug("device tree at %p unusable (%d): not booting",
			    fdt, rc);
	platform.has_sstc = probe_csr_stimecmp();
	platform.has_zbb = sha256_hw_init();
	rc = fdt_platform_reserve(fdt, platform.dram_base + platform.dram_size,
				  MONITOR_BASE, MONITOR_SIZE);
	if (rc)
		console_bug("cannot reserve the monitor in the device tree (%d)",
			    rc);
	rc = options_get((const char *)OPTIONS_BASE, OPTIONS_SIZE, "policy",
			 policy_name, sizeof(policy_name));
	if (rc == -RAMPART_ENOENT)
		console_log("no policy given: using %s", policy_name);
	else if (rc < 0)
		console_bug("policy option too long: not booting");
	active_policy = policy_find(policy_name);
	if (!active_policy)
		console_bug("unknown policy '%s': not booting", policy_name);
	read_payload_entry(info);
	read_payload_size();
	scrub_if_reset(fdt);
	read_fastpath();
	read_nonce();
	if (attest_init()) {
		/* exit 3 like a failed measurement: nothing could be attested */
		console_log("fatal: no device identity from the launcher "
			    "(scripts/qemu.sh runs build/dice launch): not booting");
		hw_stop_machine(3);
	}
	if (boot_measure_start(policy_name, policy_config()))
		console_bug("image trailer missing: build with scripts/mkimage.sh");
	console_log("platform: %u harts, DRAM 0x%lx+0x%lx, sstc=%s, zbb=%s",
		    platform.nharts, platform.dram_base, platform.dram_size,
		    platform.has_sstc ? "yes" : "no",
		    platform.has_zbb ? "yes" : "no");
	console_log("policy: %s, payload entry 0x%lx, fast paths %s",
		    active_policy->name, payload_entry,
		    fastpath_enabled ? "on" : "off");
}

static void hart_init(struct hart *h, u64 hartid, u64 fdt, u64 info)
{
	struct vcpu *v = &h->v;
	struct pmp_layout l = { 0 };

	v->stack_top = (u64)&hart_stacks[(hartid + 1) * HART_STACK_SIZE];
	vcpu_reset(v, hartid, csr_read(CSR_MISA), &hw_vcpu_ops);
	v->csr.mvendorid = csr_read(CSR_MVENDORID);
	v->csr.marchid = csr_read(CSR_MARCHID);
	v->csr.mimpid = csr_read(CSR_MIMPID);
	v->x[10] = hartid;
	v->x[11] = fdt;
	v->x[12] = info;
	v->pc = FIRMWARE_BASE;
	/* QEMU resets mtimecmp to 0, a pending timer; start quiet instead */
	*(volatile u64 *)(CLINT_BASE + 0x4000 + 8 * hartid) = ~0ULL;
	csr_write(CSR_MEDELEG, 0);
	csr_write(CSR_MIDELEG, 0);
	csr_write(CSR_MIE, 0);
	csr_write(CSR_SATP, 0);
	hw_pmp_write(&l);
	world_apply_firmware_pmp(v);
}

void monitor_main(u64 hartid, u64 fdt, u64 info, u64 is_boot_hart);

void monitor_main(u64 hartid, u64 fdt, u64 info, u64 is_boot_hart)
{
	struct hart *h = &harts[hartid];

	if (is_boot_hart) {
		boot_platform((void *)fdt, info);
		__atomic_store_n(&boot_released, 1, __ATOMIC_RELEASE);
	}
	if (hartid >= platform.nharts)
		console_bug("hart %lu is not in the device tree", hartid);
	hart_init(h, hartid, fdt, info);
	/* this call's frame is abandoned: trap_exit never returns, and the
	 * next trap starts again at the top of this hart's stack */
	/* from here the hart counts as running firmware (lock.c) */
	firmware_resume_checks(&h->v);
	trap_prepare_return(&h->v);
	trap_exit(&h->v);
}
