// SPDX-License-Identifier: BSD-2-Clause
#include "fdt_platform.h"
#include "../core/clint.h"
#include "../core/hart.h"
#include "../core/isa.h"
#include "../core/pmp.h"
#include "../../include/rampart/errno.h"
#include <libfdt.h>

#define FDT_ROOM 1024 /* enough for one reserved-memory node */

u64 fdt_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;

	while (cells-- > 0)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/* The first range of @node's reg, in @parent's cells (1 or 2). */
static int read_reg(const void *fdt, int node, int parent, u64 *base,
		    u64 *size)
{
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent);
	const fdt32_t *reg;
	int len;

	if (node < 0 || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -RAMPART_EINVAL;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < (ac + sc) * 4)
		return -RAMPART_EINVAL;
	*base = fdt_cells(reg, ac);
	*size = fdt_cells(reg + ac, sc);
	return 0;
}

/* The tree's word only: probe_hart() checks the hart agrees. */
static bool cpu_has_zknh(const void *fdt, int cpu)
{
	int isa_len = 0, list_len = 0;
	const char *isa = fdt_getprop(fdt, cpu, "riscv,isa", &isa_len);
	const char *list = fdt_getprop(fdt, cpu, "riscv,isa-extensions",
				       &list_len);

	return isa_has_zknh(isa, isa_len, list, list_len);
}

static int count_harts(const void *fdt, struct platform *p)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len;
	const fdt32_t *hz = cpus < 0 ? NULL :
		fdt_getprop(fdt, cpus, "timebase-frequency", &len);
	unsigned int n = 0;

	if (!hz || len != 4 || fdt32_to_cpu(*hz) < 1000000)
		return -RAMPART_EINVAL;
	p->mtime_per_us = fdt32_to_cpu(*hz) / 1000000;
	p->has_zknh = true; /* until a cpu node does not list it */
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type && !strcmp(type, "cpu")) {
			n++;
			p->has_zknh = p->has_zknh && cpu_has_zknh(fdt, node);
		}
	}
	if (!n)
		return -RAMPART_EINVAL;
	if (n > MAX_HARTS)
		return -RAMPART_ENOSPC;
	p->nharts = n;
	return 0;
}

/* The nodes the platform needs, found in one walk of the tree: a walk per
 * node (libfdt's by-compatible search and parent lookup each start at the
 * root) costs over a million instructions at every boot. */
enum wanted {
	MEMORY, CLINT, PLIC, UART_16550_NODE, UART_SIFIVE_NODE, TEST,
	GPIO_RESTART, TPM, WANTED
};
static const char *const wanted_compat[WANTED] = {
	[CLINT] = "riscv,clint0", [PLIC] = "riscv,plic0",
	[UART_16550_NODE] = "ns16550a", [UART_SIFIVE_NODE] = "sifive,uart0",
	[TEST] = "sifive,test1", [GPIO_RESTART] = "gpio-restart",
	[TPM] = "tcg,tpm-tis-mmio",
};
#define MAX_DEPTH 16

struct found {
	int node[WANTED], parent[WANTED]; /* the first of each; -1: none */
};

/* /memory nodes are the root's children (devicetree spec 3.4) */
static void match(const void *fdt, int node, int parent, struct found *f)
{
	const char *type = parent || f->node[MEMORY] >= 0 ? NULL :
		fdt_getprop(fdt, node, "device_type", NULL);
	int len, w;
	const char *compat = fdt_getprop(fdt, node, "compatible", &len);

	if (type && !strcmp(type, "memory")) {
		f->node[MEMORY] = node;
		f->parent[MEMORY] = parent;
	}
	for (w = CLINT; compat && w < WANTED; w++) {
		if (f->node[w] < 0 &&
		    fdt_stringlist_contains(compat, len, wanted_compat[w])) {
			f->node[w] = node;
			f->parent[w] = parent;
		}
	}
}

static void find_nodes(const void *fdt, struct found *f)
{
	int depth = 0, node, w, parents[MAX_DEPTH];

	for (w = 0; w < WANTED; w++)
		f->node[w] = f->parent[w] = -1;
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		if (depth < 1 || depth >= MAX_DEPTH)
			continue;
		parents[depth] = node;
		match(fdt, node, depth > 1 ? parents[depth - 1] : 0, f);
	}
}

static int read_found(const void *fdt, const struct found *f, enum wanted w,
		      u64 *base, u64 *size)
{
	return read_reg(fdt, f->node[w], f->parent[w], base, size);
}

/* @size rounded up to a power of two, if [@base, +that) is then a NAPOT
 * region (one PMP entry covers it), else 0. */
static u64 napot_cover(u64 base, u64 size)
{
	u64 n = 8;

	while (n < size && n)
		n <<= 1;
	return n && pmp_is_napot(base, n) ? n : 0;
}

/* The console: the first UART of a kind the monitor can print on. */
static int read_console(const void *fdt, const struct found *f,
			struct platform *p)
{
	bool sifive = f->node[UART_SIFIVE_NODE] >= 0 &&
		      (f->node[UART_16550_NODE] < 0 ||
		       f->node[UART_SIFIVE_NODE] < f->node[UART_16550_NODE]);
	enum wanted w = sifive ? UART_SIFIVE_NODE : UART_16550_NODE;
	u64 base, size;

	if (read_found(fdt, f, w, &base, &size) ||
	    !(size = napot_cover(base, size)))
		return -RAMPART_EINVAL;
	p->uart_base = base;
	p->uart_size = size;
	p->uart_kind = sifive ? UART_SIFIVE : UART_16550;
	return 0;
}

/* The GPIO controller a gpio-restart node names (its gpios property:
 * <&controller pin flags>): where the firmware resets the machine. */
static int gpio_controller(const void *fdt, const struct found *f, int *parent)
{
	int len, node;
	const fdt32_t *gpios = fdt_getprop(fdt, f->node[GPIO_RESTART], "gpios",
					   &len);

	if (!gpios || len < 4)
		return -1;
	node = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(gpios[0]));
	*parent = node < 0 ? -1 : fdt_parent_offset(fdt, node);
	return *parent < 0 ? -1 : node;
}

/* The reset device: QEMU virt's test device, else the controller of a
 * gpio-restart node, else none (nothing the firmware may reach resets). */
static int read_reset(const void *fdt, const struct found *f,
		      struct platform *p)
{
	int node = -1, parent = -1;
	u64 base, size;

	if (f->node[TEST] >= 0) {
		node = f->node[TEST];
		parent = f->parent[TEST];
	} else if (f->node[GPIO_RESTART] >= 0) {
		node = gpio_controller(fdt, f, &parent);
		if (node < 0)
			return -RAMPART_EINVAL;
	} else {
		return 0;
	}
	if (read_reg(fdt, node, parent, &base, &size) ||
	    !(size = napot_cover(base, size)))
		return -RAMPART_EINVAL;
	p->reset_base = base;
	p->reset_size = size;
	p->reset_kind = f->node[TEST] >= 0 ? RESET_TEST : RESET_GPIO;
	return 0;
}

/* Memory, and the devices the monitor emulates itself or the firmware's
 * allow list opens (policy/allow.h). */
static int read_devices(const void *fdt, const struct found *f,
			struct platform *p)
{
	u64 clint_size;

	if (read_found(fdt, f, MEMORY, &p->dram_base, &p->dram_size) ||
	    read_found(fdt, f, CLINT, &p->clint_base, &clint_size) ||
	    clint_size < CLINT_SIZE ||
	    read_found(fdt, f, PLIC, &p->plic_base, &p->plic_size) ||
	    !(p->plic_size = napot_cover(p->plic_base, p->plic_size)))
		return -RAMPART_EINVAL;
	p->has_tpm = f->node[TPM] >= 0;
	p->mtime = (volatile u64 *)(uintptr_t)(p->clint_base + CLINT_MTIME_OFF);
	p->msip = (volatile u32 *)(uintptr_t)(p->clint_base + CLINT_MSIP_OFF);
	return 0;
}

int fdt_platform_read(const void *fdt, struct platform *p)
{
	struct found f;
	int rc;

	if (fdt_check_header(fdt))
		return -RAMPART_EINVAL;
	find_nodes(fdt, &f);
	/* first what a refusal is printed and stopped with */
	rc = read_console(fdt, &f, p);
	if (!rc)
		rc = read_reset(fdt, &f, p);
	if (!rc)
		rc = count_harts(fdt, p);
	if (!rc)
		rc = read_devices(fdt, &f, p);
	return rc;
}

/* Added, or found if the tree has it: adding looks for it first, and a
 * miss is a walk of the whole tree (a sixth of a million instructions),
 * so the miss is not paid twice. */
static int reserved_parent(void *fdt)
{
	int node = fdt_add_subnode(fdt, 0, "reserved-memory");

	if (node == -FDT_ERR_EXISTS)
		return fdt_subnode_offset(fdt, 0, "reserved-memory");
	if (node < 0 ||
	    fdt_setprop_u32(fdt, node, "#address-cells", 2) ||
	    fdt_setprop_u32(fdt, node, "#size-cells", 2) ||
	    fdt_setprop_empty(fdt, node, "ranges"))
		return -1;
	return node;
}

int fdt_platform_open_reserved(void *fdt, u64 limit, u64 room)
{
	int parent;

	room += fdt_totalsize(fdt);
	if ((u64)(uintptr_t)fdt + room > limit)
		return -RAMPART_ENOSPC;
	if (fdt_open_into(fdt, fdt, (int)room))
		return -RAMPART_EINVAL;
	parent = reserved_parent(fdt);
	if (parent < 0 || fdt_address_cells(fdt, parent) != 2 ||
	    fdt_size_cells(fdt, parent) != 2)
		return -RAMPART_EINVAL;
	return parent;
}

int fdt_platform_add_reserved(void *fdt, int parent, const char *name,
			      u64 base, u64 size, bool no_map)
{
	fdt64_t reg[2] = { cpu_to_fdt64(base), cpu_to_fdt64(size) };
	int node = fdt_add_subnode(fdt, parent, name);

	if (node < 0)
		return node;
	if (fdt_setprop(fdt, node, "reg", reg, sizeof(reg)))
		return -FDT_ERR_NOSPACE;
	return no_map ? fdt_setprop_empty(fdt, node, "no-map") : 0;
}

int fdt_platform_reserve(void *fdt, u64 limit, u64 base, u64 size)
{
	int parent = fdt_platform_open_reserved(fdt, limit, FDT_ROOM), rc;

	if (parent < 0)
		return parent;
	rc = fdt_platform_add_reserved(fdt, parent, "rampart@80000000", base,
				       size, true);
	if (rc)
		return rc == -FDT_ERR_NOSPACE ? -RAMPART_ENOSPC : -RAMPART_EINVAL;
	return 0;
}

static u64 prop_u64(const void *fdt, int node, const char *name, bool *ok)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	*ok = p && (len == 4 || len == 8);
	return *ok ? fdt_cells(p, len / 4) : 0;
}

int fdt_platform_initrd(const void *fdt, u64 *start, u64 *end)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	bool ok_start = false, ok_end = false;

	*start = *end = 0;
	if (chosen >= 0) {
		*start = prop_u64(fdt, chosen, "linux,initrd-start", &ok_start);
		*end = prop_u64(fdt, chosen, "linux,initrd-end", &ok_end);
	}
	if (!ok_start && !ok_end)
		return 0;
	return ok_start && ok_end && *end > *start ? 1 : -RAMPART_EINVAL;
}
