// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hand-off attacks (docs/threat-model.md, "Measured is what runs"): before
 * the first entry the hostile firmware places the objects it hands the
 * payload where it could change them after they were measured, or where
 * Rampart's own additions would overwrite measured bytes. Rampart must
 * refuse each of these hand-offs (tests/qemu/cases/handoff-*.case); the
 * plain firmware, natively, boots them.
 */
#include "../common/fw.h"
#include "hostile.h"
#include "bootargs.h"

extern char _start[];

/* Places in the firmware's own region, past its image, bss and stack. */
#define OWN_DTB_OFFSET 0xc0000UL
#define OWN_INITRD_OFFSET 0x80000UL
#define OWN_INITRD_MAX 0x40000UL

static void copy(u64 dst, u64 src, u64 len)
{
	volatile u8 *d = (volatile u8 *)dst;
	const volatile u8 *s = (const volatile u8 *)src;
	u64 i;

	/* either direction: the ranges may overlap */
	if (dst < src)
		for (i = 0; i < len; i++)
			d[i] = s[i];
	else
		for (i = len; i-- > 0;)
			d[i] = s[i];
}

static u64 be_value(const u8 *p, u32 len)
{
	u64 v = 0;
	u32 i;

	for (i = 0; i < len; i++)
		v = v << 8 | p[i];
	return v;
}

static void set_be_value(u8 *p, u32 len, u64 v)
{
	while (len--) {
		p[len] = (u8)v;
		v >>= 8;
	}
}

static void say(const char *what, u64 at)
{
	puts_("ATTACK handoff: ");
	puts_(what);
	puts_(" at ");
	puthex(at);
	putc_('\n');
}

/* The initrd /chosen names: its start and end properties (4 or 8 bytes). */
static bool initrd_props(u64 fdt, u8 **start, u8 **end, u32 *len)
{
	u32 ls = 0, le = 0;

	*start = fdt_find_prop(fdt, "linux,initrd-start", &ls);
	*end = fdt_find_prop(fdt, "linux,initrd-end", &le);
	*len = ls;
	return *start && *end && ls == le && (ls == 4 || ls == 8);
}

static u64 move_tree(u64 fdt, u64 to, const char *what)
{
	copy(to, fdt, fdt_be32((const u8 *)fdt + 4));
	say(what, to);
	return to;
}

static u64 move_initrd(u64 fdt, u64 to, bool copy_bytes, const char *what)
{
	u8 *start, *end;
	u32 len;
	u64 s, e;

	if (!initrd_props(fdt, &start, &end, &len)) {
		puts_("ATTACK handoff: skipped: the tree names no initrd\n");
		return fdt;
	}
	s = be_value(start, len);
	e = be_value(end, len);
	if (copy_bytes) {
		if (e - s > OWN_INITRD_MAX) {
			puts_("ATTACK handoff: skipped: initrd too large\n");
			return fdt;
		}
		copy(to, s, e - s);
	}
	set_be_value(start, len, to);
	set_be_value(end, len, to + (e - s));
	say(what, to);
	return fdt;
}

u64 handoff_attack(u64 fdt, const char *how)
{
	u64 own = (u64)_start, size = fdt_be32((const u8 *)fdt + 4);
	u8 *start, *end;
	u32 len;

	/* the tree in the firmware's own memory: it could edit bootargs later */
	if (fdt_str_eq(how, "hostile.dtb-in-fw"))
		return move_tree(fdt, own + OWN_DTB_OFFSET,
				 "device tree moved into the firmware's region");
	/* the tree right below the kernel: growing it would write the kernel */
	if (fdt_str_eq(how, "hostile.dtb-below-kernel"))
		return move_tree(fdt, (PAYLOAD_ENTRY - size) & ~7UL,
				 "device tree ending at the kernel's start");
	/* the tree right below the initrd: growing it would write the initrd */
	if (fdt_str_eq(how, "hostile.dtb-below-initrd")) {
		if (!initrd_props(fdt, &start, &end, &len))
			return fdt;
		return move_tree(fdt, (be_value(start, len) - size) & ~7UL,
				 "device tree ending at the initrd's start");
	}
	/* the initrd in the firmware's own memory */
	if (fdt_str_eq(how, "hostile.initrd-in-fw"))
		return move_initrd(fdt, own + OWN_INITRD_OFFSET, true,
				   "initrd moved into the firmware's region");
	/* the initrd named over the kernel's own bytes */
	if (fdt_str_eq(how, "hostile.initrd-over-kernel"))
		return move_initrd(fdt, PAYLOAD_ENTRY + 0x1000, false,
				   "initrd named over the kernel");
	return fdt;
}
