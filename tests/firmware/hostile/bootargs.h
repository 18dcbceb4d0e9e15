/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Options for the hostile tests: blank-separated words in the device tree's
 * /chosen/bootargs (QEMU -append, the case's `cmdline`). Read by the
 * payload (which attacks to ask for) and by the firmware (how to behave
 * before the payload runs). Static functions: each image has its own copy.
 * Needs u8, u32, u64, bool from the includer.
 */
#ifndef HOSTILE_BOOTARGS_H
#define HOSTILE_BOOTARGS_H

#define FDT_MAGIC 0xd00dfeedU
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_MAX_SIZE 0x100000U

static const char *bootargs __attribute__((unused));
static u32 bootargs_len __attribute__((unused));

static inline u32 fdt_be32(const volatile void *p)
{
	const volatile u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline bool fdt_str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The first property @name anywhere in the tree at @fdt (its value, and
 * its length in @len), or 0. */
static inline u8 *fdt_find_prop(u64 fdt, const char *name, u32 *len)
{
	u8 *base = (u8 *)fdt;
	u32 off, strings, end;

	if (!fdt || (fdt & 3) || fdt_be32(base) != FDT_MAGIC ||
	    fdt_be32(base + 4) > FDT_MAX_SIZE)
		return 0;
	off = fdt_be32(base + 8);
	strings = fdt_be32(base + 12);
	end = off + fdt_be32(base + 36); /* size_dt_struct */
	while (off + 4 <= end) {
		u32 tok = fdt_be32(base + off);

		off += 4;
		if (tok == FDT_BEGIN_NODE) {
			while (base[off])
				off++;
			off = (off + 4) & ~3U;
		} else if (tok == FDT_PROP) {
			*len = fdt_be32(base + off);
			if (fdt_str_eq((const char *)base + strings +
					       fdt_be32(base + off + 4),
				       name))
				return base + off + 8;
			off = (off + 8 + *len + 3) & ~3U;
		} else if (tok != FDT_END_NODE && tok != FDT_NOP) {
			return 0;
		}
	}
	return 0;
}

/* The first "bootargs" property anywhere (only /chosen has one). */
static inline void find_bootargs(u64 fdt)
{
	bootargs = (const char *)fdt_find_prop(fdt, "bootargs", &bootargs_len);
}

/* Is @word one of the blank-separated words of bootargs? */
static inline bool option(const char *word)
{
	u32 i = 0, j;

	while (i < bootargs_len && bootargs[i]) {
		for (j = 0; word[j] && i + j < bootargs_len &&
			    bootargs[i + j] == word[j];
		     j++)
			;
		if (!word[j] && (i + j >= bootargs_len ||
				 bootargs[i + j] == ' ' || !bootargs[i + j]))
			return true;
		while (i < bootargs_len && bootargs[i] && bootargs[i] != ' ')
			i++;
		while (i < bootargs_len && bootargs[i] == ' ')
			i++;
	}
	return false;
}

#endif
