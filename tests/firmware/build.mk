# SPDX-License-Identifier: BSD-2-Clause
# Bare-metal test firmwares: build/firmware/<name>.bin, raw images that run
# at 0x8000_0000 (native QEMU -bios) and at 0x8010_0000 (under Rampart).
# Included by the top-level Makefile; standalone: make -f tests/firmware/build.mk

FW_SAVED_GOAL := $(.DEFAULT_GOAL)
FW_STANDALONE := $(if $(filter 1,$(words $(MAKEFILE_LIST))),1)

ifeq ($(FW_STANDALONE),1)
BUILD := build
CROSS_COMPILE ?= riscv64-unknown-elf-
ifeq ($(V),1)
Q :=
quiet =
else
Q := @
quiet = @printf '  %-6s %s\n' '$(1)' '$(2)';
endif
endif

FW_DIR := tests/firmware
FW_OUT := $(BUILD)/firmware
FW_CC := $(CROSS_COMPILE)gcc
FW_OBJCOPY := $(CROSS_COMPILE)objcopy
FW_READELF := $(CROSS_COMPILE)readelf

# Position independence comes from medany's PC-relative addressing; no jump
# tables (they hold absolute addresses) and no unwind tables.
FW_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
	-fno-pic -ffreestanding -nostdlib -O2 -Wall -Wextra -Werror \
	-fno-jump-tables -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-common -fno-stack-protector -MMD -MP
FW_LDFLAGS := -nostdlib -static -Wl,--emit-relocs -Wl,--no-warn-rwx-segments -T $(FW_DIR)/common/fw.ld

FW_NAMES := conformance attack-monitor
# hostile: an SBI firmware that attacks its payload (tests/firmware/hostile)
FW_NAMES += hostile
FW_COMMON_SRCS := $(wildcard $(FW_DIR)/common/*.c $(FW_DIR)/common/*.S)
FW_ALL_SRCS := $(FW_COMMON_SRCS) \
	$(foreach n,$(FW_NAMES),$(wildcard $(FW_DIR)/$(n)/*.c $(FW_DIR)/$(n)/*.S))
fw_obj = $(patsubst $(FW_DIR)/%,$(FW_OUT)/%.o,$(basename $(1)))
FW_C_OBJS := $(call fw_obj,$(filter %.c,$(FW_ALL_SRCS)))
FW_S_OBJS := $(call fw_obj,$(filter %.S,$(FW_ALL_SRCS)))
FW_BINS := $(foreach n,$(FW_NAMES),$(FW_OUT)/$(n).bin)

ALL_TARGETS += $(FW_BINS)

.PHONY: firmware
firmware: $(FW_BINS)

$(FW_C_OBJS): $(FW_OUT)/%.o: $(FW_DIR)/%.c
	$(call quiet,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) -c $< -o $@

$(FW_S_OBJS): $(FW_OUT)/%.o: $(FW_DIR)/%.S
	$(call quiet,AS,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) -c $< -o $@

# Link, then refuse any absolute relocation (R_RISCV_32/64, HI20/LO12): the
# image must not depend on its link address.
define fw_image
$(FW_OUT)/$(1).elf: $(call fw_obj,$(FW_COMMON_SRCS) $(wildcard $(FW_DIR)/$(1)/*.c $(FW_DIR)/$(1)/*.S)) $(FW_DIR)/common/fw.ld
	$$(call quiet,LD,$$@)
	$(Q)$(FW_CC) $(FW_CFLAGS) $(FW_LDFLAGS) $$(filter %.o,$$^) -o $$@.tmp
	$(Q)if $(FW_READELF) -rW $$@.tmp | grep -E 'R_RISCV_(32|64|HI20|LO12_[IS])[[:space:]]'; then \
		echo "$$@: absolute relocation, image would not be position independent" >&2; \
		rm -f $$@.tmp; exit 1; fi
	$(Q)mv $$@.tmp $$@

$(FW_OUT)/$(1).bin: $(FW_OUT)/$(1).elf
	$$(call quiet,BIN,$$@)
	$(Q)$(FW_OBJCOPY) -O binary $$< $$@
endef
$(foreach n,$(FW_NAMES),$(eval $(call fw_image,$(n))))

-include $(FW_C_OBJS:.o=.d) $(FW_S_OBJS:.o=.d)

# The hostile firmware's victim: an S-mode raw binary for QEMU -kernel,
# linked at 0x8020_0000 (payload/payload.ld), none of the common M-mode code.
FW_PAYLOAD_SRCS := $(wildcard $(FW_DIR)/payload/*.c $(FW_DIR)/payload/*.S)
FW_PAYLOAD_OBJS := $(call fw_obj,$(FW_PAYLOAD_SRCS))
FW_PAYLOAD_LDFLAGS := -nostdlib -static -Wl,--no-warn-rwx-segments \
	-T $(FW_DIR)/payload/payload.ld

ALL_TARGETS += $(FW_OUT)/payload.bin
firmware: $(FW_OUT)/payload.bin

$(FW_OUT)/payload/%.o: $(FW_DIR)/payload/%.c
	$(call quiet,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) -c $< -o $@

$(FW_OUT)/payload/%.o: $(FW_DIR)/payload/%.S
	$(call quiet,AS,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) -c $< -o $@

$(FW_OUT)/payload.elf: $(FW_PAYLOAD_OBJS) $(FW_DIR)/payload/payload.ld
	$(call quiet,LD,$@)
	$(Q)$(FW_CC) $(FW_CFLAGS) $(FW_PAYLOAD_LDFLAGS) $(filter %.o,$^) -o $@

$(FW_OUT)/payload.bin: $(FW_OUT)/payload.elf
	$(call quiet,BIN,$@)
	$(Q)$(FW_OBJCOPY) -O binary $< $@

-include $(FW_PAYLOAD_OBJS:.o=.d)

# bench: firmware-side costs for `make bench` (tests/firmware/bench,
# docs/bench.md): the common code plus its own, like the test firmwares.
FW_BENCH_SRCS := $(wildcard $(FW_DIR)/bench/*.c $(FW_DIR)/bench/*.S)
FW_BENCH_OBJS := $(call fw_obj,$(FW_BENCH_SRCS))

ALL_TARGETS += $(FW_OUT)/bench.bin
firmware: $(FW_OUT)/bench.bin

$(FW_OUT)/bench/%.o: $(FW_DIR)/bench/%.c
	$(call quiet,CC,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) -c $< -o $@

$(FW_OUT)/bench/%.o: $(FW_DIR)/bench/%.S
	$(call quiet,AS,$<)
	$(Q)mkdir -p $(@D)
	$(Q)$(FW_CC) $(FW_CFLAGS) -c $< -o $@

$(eval $(call fw_image,bench))

-include $(FW_BENCH_OBJS:.o=.d)

ifeq ($(FW_STANDALONE),1)
.DEFAULT_GOAL := firmware
else
.DEFAULT_GOAL := $(FW_SAVED_GOAL)
endif
