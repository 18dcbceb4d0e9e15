/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device tree's word on a hart's extensions: its riscv,isa string
 * ("rv64imafdch_zicsr_..._zknh_sstc") or riscv,isa-extensions string list.
 * Pure string work, host-tested (tests/host/test_isa.c); what the hart
 * really executes is probed (hw/probe.c), the tree is not believed alone.
 */
#ifndef RAMPART_ISA_H
#define RAMPART_ISA_H

#include "../../include/rampart/types.h"

/* Does riscv,isa string @isa (@len bytes, NUL-terminated within them or
 * not) list multi-letter extension @ext (lower case, e.g. "zknh") as one
 * of its '_'-separated names? Anything but an "rv32"/"rv64" string: false. */
bool isa_string_has(const char *isa, int len, const char *ext);

/* Does the riscv,isa-extensions list @list (@len bytes of NUL-terminated
 * strings) hold @ext? */
bool isa_list_has(const char *list, int len, const char *ext);

/* Zknh, or Zkn or Zk, which include it (scalar cryptography 1.0, the
 * Zkn and Zk extensions), in either property (@isa/@isa_len, @list/
 * @list_len; absent: NULL). */
bool isa_has_zknh(const char *isa, int isa_len, const char *list, int list_len);

#endif
