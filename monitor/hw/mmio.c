// SPDX-License-Identifier: BSD-2-Clause
/* Device and memory accesses the monitor makes on the firmware's behalf. */
#include "hw.h"
#include "platform.h"
#include "ipi.h"
#include "../core/clint.h"
#include "../core/fastpath.h"
#include "../core/insn.h"
#include "../core/platform.h"
#include "../core/services.h"
#include "../core/vcpu.h"
#include "../../include/rampart/errno.h"

bool hw_is_clint(u64 addr)
{
	return addr >= platform->clint_base &&
	       addr - platform->clint_base < CLINT_SIZE;
}

/* The CLINT is passed through after checking register, width and hart:
 * the firmware's timer and IPIs are real, but cannot reach past the map. */
int hw_clint_access(u64 addr, unsigned int width, bool write, u64 *val)
{
	enum clint_reg reg;
	unsigned int hart;
	void *p = (void *)addr;

	if (!hw_is_clint(addr) ||
	    clint_decode(addr - platform->clint_base, width, platform->nharts,
			 &reg, &hart))
		return -RAMPART_EINVAL;
	if (reg == CLINT_MSIP) {
		/* the firmware's MSIP is virtual (ipi.h) */
		if (write)
			ipi_set_vmsip(hart, (u32)*val);
		else
			*val = ipi_vmsip(hart);
		return 0;
	}
	if (width == 4) {
		if (write)
			*(volatile u32 *)p = (u32)*val;
		else
			*val = *(volatile u32 *)p;
	} else {
		if (write)
			*(volatile u64 *)p = *val;
		else
			*val = *(volatile u64 *)p;
	}
	return 0;
}

u64 hw_clint_mtime(void)
{
	return *(volatile u64 *)(uintptr_t)(platform->clint_base +
					    CLINT_MTIME_OFF);
}

bool hw_emulate_time_read(struct vcpu *v, u64 tval)
{
	struct insn in;

	if (!fastpath_time_read((u32)tval, &in))
		return false;
	vcpu_set_reg(v, in.rd, hw_clint_mtime());
	vcpu_skip(v, in.len);
	return true;
}

static bool is_firmware_code(u64 addr)
{
	u64 dram_end = platform_dram_end();

	/* Not the monitor's own region: the firmware cannot execute there. */
	return addr >= FIRMWARE_BASE && addr < dram_end && addr + 4 <= dram_end;
}

int hw_fetch_firmware_insn(u64 pc, u32 *raw)
{
	const volatile u16 *p = (const volatile u16 *)pc;
	u32 low;

	if ((pc & 1) || !is_firmware_code(pc))
		return -RAMPART_EFAULT;
	low = p[0];
	*raw = (low & 3) == 3 ? low | ((u32)p[1] << 16) : low;
	return 0;
}
