// SPDX-License-Identifier: BSD-2-Clause
/*
 * What entry.S needs from C, generated: compiled to assembly only, its
 * "->NAME value" lines become build/mon/asm-offsets.h (monitor/build.mk).
 */
#include "../core/hart.h"

#define DEFINE(name, value) \
	__asm__ volatile("\n.ascii \"->" #name " %0\"" : : "i"(value))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(VCPU_X, offsetof(struct vcpu, x));
	DEFINE(VCPU_STACK_TOP, offsetof(struct vcpu, stack_top));
	DEFINE(HART_STACK_SIZE, HART_STACK_SIZE);
}
