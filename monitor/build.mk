# The monitor: portable core (also host-tested), hardware layer, libfdt
# built from Debian's linux-source-6.1 (LIBFDT_SRC, fetched by make deps).

MON_CORE := monitor/core/insn.c monitor/core/vcpu.c monitor/core/vcsr.c \
	monitor/core/vtrap.c monitor/core/emulate.c monitor/core/clint.c \
	monitor/core/pmp.c monitor/core/options.c monitor/core/audit.c \
	monitor/core/sbi_ext.c monitor/core/misaligned.c monitor/core/fastpath.c \
	monitor/core/placement.c monitor/core/uart_tx.c monitor/core/hart.c \
	monitor/core/platform.c monitor/core/config.c monitor/core/policy.c \
	monitor/core/lock.c monitor/core/isa.c monitor/core/switches.c
MON_HW := monitor/hw/entry.S monitor/hw/main.c monitor/hw/trap.c \
	monitor/hw/world.c monitor/hw/hw_csr.c monitor/hw/mmio.c monitor/hw/mprv.c \
	monitor/hw/console.c monitor/hw/fdt_platform.c monitor/hw/supervisor.c \
	monitor/hw/audit_hw.c monitor/hw/misaligned_hw.c monitor/hw/probe.c \
	monitor/hw/ipi.c monitor/hw/debug_checks.c monitor/hw/reset.c \
	monitor/hw/fpu.c
# policies register themselves (core/policy.h); the monitor names none
MON_POLICY := policy/none.c policy/protect.c policy/resume.c policy/allow.c
MON_MEASURE := measure/measure.c measure/evlog.c measure/evidence.c \
	measure/audit_chain.c \
	monitor/hw/boot_measure.c monitor/hw/fdt_payload.c monitor/hw/attest.c \
	monitor/hw/tpm_hw.c measure/tpm_tis.c \
	measure/tpm2_cmd.c measure/sha256_compress.c monitor/hw/sha256_hw.c
# Debian's mbedTLS, the modules monitor/mbedtls_config.h enables
MON_MBEDTLS := sha256.c md.c bignum.c ecp.c ecp_curves.c ecdsa.c hmac_drbg.c \
	asn1parse.c asn1write.c platform.c platform_util.c \
	memory_buffer_alloc.c constant_time.c
MON_LIB := lib/string.c lib/format.c lib/hex.c
MON_LIBFDT := fdt.c fdt_ro.c fdt_rw.c fdt_wip.c fdt_strerror.c fdt_addresses.c

MON_ISA := rv64imac_zicsr_zifencei
MON_ARCH := -march=$(MON_ISA) -mabi=lp64 -mcmodel=medany
MON_CFLAGS := $(MON_ARCH) -std=gnu11 -O2 -g -ffreestanding -nostdlib \
	-fno-common -fno-pie -fno-stack-protector -ffunction-sections \
	-Ilib/include -I$(LIBFDT_SRC) -Imonitor -I$(MBEDTLS_SRC)/include \
	'-DMBEDTLS_CONFIG_FILE="mbedtls_config.h"'
MON_WARN := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wvla
MON_LDFLAGS := -nostdlib -static -Wl,--no-warn-rwx-segments -Wl,--gc-sections -Wl,-T,monitor/hw/link.ld

MON_OBJS := $(patsubst %,$(BUILD)/mon/%.o,$(MON_CORE) $(MON_HW) $(MON_LIB) \
	$(MON_POLICY) $(MON_MEASURE)) \
	$(patsubst %,$(BUILD)/mon/mbedtls/%.o,$(MON_MBEDTLS)) \
	$(patsubst %,$(BUILD)/mon/libfdt/%.o,$(MON_LIBFDT)) \
	$(BUILD)/mon/measure/sha256_compress_zbb.o \
	$(BUILD)/mon/measure/sha256_compress_zknh.o

$(BUILD)/mon/%.c.o: %.c
	$(call quiet,CC,$<)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) $(MON_WARN) -MMD -MP -c $< -o $@

$(BUILD)/mon/%.S.o: %.S $(BUILD)/mon/asm-offsets.h
	$(call quiet,AS,$<)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) -I$(BUILD)/mon -MMD -MP -c $< -o $@

# Structure offsets and sizes for entry.S, generated from C.
$(BUILD)/mon/asm-offsets.h: monitor/hw/asm_offsets.c monitor/core/hart.h \
		monitor/core/vcpu.h monitor/core/fastpath.h monitor/core/riscv.h \
		monitor/core/vcsr.h
	$(call quiet,GEN,$@)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) -S -o $@.s $< && \
		sed -n 's/^.*->\([A-Z0-9_]*\) \(-\{0,1\}[0-9]*\).*$$/#define \1 \2/p' \
			$@.s >$@.tmp && rm -f $@.s && mv $@.tmp $@

# SHA-256's block function keeps 25 values live in registers; GCC's
# scheduling before register allocation spreads them out and spills
# (measured: 209 stack accesses in the Zknh build with it, 64 without).
SHA256_CFLAGS := -fno-schedule-insns
$(BUILD)/mon/measure/sha256_compress.c.o: MON_CFLAGS += $(SHA256_CFLAGS)

# SHA-256's block function again, built with Zbb (monitor/hw/sha256_hw.c
# calls it only on harts that have Zbb).
$(BUILD)/mon/measure/sha256_compress_zbb.o: measure/sha256_compress.c
	$(call quiet,CC,$<+zbb)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) $(SHA256_CFLAGS) $(MON_WARN) \
		-march=$(MON_ISA)_zbb -DSHA256_COMPRESS=sha256_compress_zbb -MMD -MP -c $< -o $@

# And with Zbb and Zknh (called only when the device tree lists Zknh and
# the hart has both: hw/probe.c).
$(BUILD)/mon/measure/sha256_compress_zknh.o: measure/sha256_compress.c
	$(call quiet,CC,$<+zknh)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) $(SHA256_CFLAGS) $(MON_WARN) \
		-march=$(MON_ISA)_zbb_zknh -DSHA256_COMPRESS=sha256_compress_zknh -MMD -MP -c $< -o $@

# Debian's libfdt as it is: its own code, its own warnings.
$(BUILD)/mon/libfdt/%.o: $(LIBFDT_SRC)/%
	$(call quiet,CC,libfdt/$*)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) -w -c $< -o $@

# Debian's mbedTLS as it is: its own code, its own warnings.
$(BUILD)/mon/mbedtls/%.o: $(MBEDTLS_SRC)/library/% monitor/mbedtls_config.h
	$(call quiet,CC,mbedtls/$*)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) -w -c $< -o $@

$(BUILD)/monitor.elf: $(MON_OBJS) monitor/hw/link.ld
	$(call quiet,LD,$@)$(CROSS_CC) $(MON_CFLAGS) $(MON_LDFLAGS) \
		$(MON_OBJS) -lgcc -o $@

$(BUILD)/monitor-only.bin: $(BUILD)/monitor.elf
	$(call quiet,OBJCOPY,$@)$(CROSS_COMPILE)objcopy -O binary $< $@

# The -bios image: rebuilt whenever FIRMWARE names another file.
$(BUILD)/monitor.bin: $(BUILD)/monitor-only.bin $(FIRMWARE) FORCE
	$(call quiet,IMAGE,$@)scripts/mkimage.sh $< $(FIRMWARE) $@

ALL_TARGETS += $(BUILD)/monitor.bin

# The debug image the integration tests boot (tests/qemu/runner.sh): the
# same objects but debug_checks.c, built with its checks on
# (monitor/hw/debug_checks.h).
MON_DEBUG_OBJS := $(filter-out $(BUILD)/mon/monitor/hw/debug_checks.c.o, \
	$(MON_OBJS)) $(BUILD)/mon/monitor/hw/debug_checks_on.o

$(BUILD)/mon/monitor/hw/debug_checks_on.o: monitor/hw/debug_checks.c
	$(call quiet,CC,$<+debug)mkdir -p $(dir $@) && \
		$(CROSS_CC) $(MON_CFLAGS) $(MON_WARN) -DRAMPART_DEBUG_CHECKS \
		-MMD -MP -c $< -o $@

$(BUILD)/monitor-debug.elf: $(MON_DEBUG_OBJS) monitor/hw/link.ld
	$(call quiet,LD,$@)$(CROSS_CC) $(MON_CFLAGS) $(MON_LDFLAGS) \
		$(MON_DEBUG_OBJS) -lgcc -o $@

$(BUILD)/monitor-debug-only.bin: $(BUILD)/monitor-debug.elf
	$(call quiet,OBJCOPY,$@)$(CROSS_COMPILE)objcopy -O binary $< $@

ALL_TARGETS += $(BUILD)/monitor-debug-only.bin

-include $(MON_OBJS:.o=.d)

# Host unit tests of the portable core
HOST_TESTS += insn vcsr vtrap pmp emulate format options config
HOST_TEST_SRCS_config := tests/host/test_config.c monitor/core/config.c lib/hex.c \
	monitor/core/options.c monitor/core/policy.c lib/format.c
HOST_TEST_SRCS_insn := tests/host/test_insn.c monitor/core/insn.c
HOST_TEST_SRCS_vcsr := tests/host/test_vcsr.c monitor/core/vcsr.c \
	monitor/core/vcpu.c
HOST_TEST_SRCS_vtrap := tests/host/test_vtrap.c monitor/core/vtrap.c \
	monitor/core/vcpu.c
HOST_TEST_SRCS_pmp := tests/host/test_pmp.c monitor/core/pmp.c \
	monitor/core/vcpu.c monitor/core/vcsr.c monitor/core/platform.c \
	policy/allow.c
HOST_TEST_SRCS_emulate := tests/host/test_emulate.c monitor/core/emulate.c \
	monitor/core/insn.c monitor/core/vcsr.c monitor/core/vtrap.c \
	monitor/core/vcpu.c monitor/core/clint.c
HOST_TEST_SRCS_format := tests/host/test_format.c lib/format.c
HOST_TEST_SRCS_options := tests/host/test_options.c monitor/core/options.c
HOST_TESTS += misaligned
HOST_TEST_SRCS_misaligned := tests/host/test_misaligned.c \
	monitor/core/misaligned.c monitor/core/insn.c monitor/core/emulate.c \
	monitor/core/vcsr.c monitor/core/vtrap.c monitor/core/vcpu.c \
	monitor/core/clint.c
HOST_TESTS += resume
HOST_TEST_SRCS_resume := tests/host/test_resume.c policy/resume.c
HOST_TESTS += fastpath
HOST_TEST_SRCS_fastpath := tests/host/test_fastpath.c monitor/core/fastpath.c
HOST_TESTS += placement
HOST_TEST_SRCS_placement := tests/host/test_placement.c monitor/core/placement.c
HOST_TESTS += audit
HOST_TEST_SRCS_audit := tests/host/test_audit.c monitor/core/audit.c \
	monitor/core/sbi_ext.c monitor/core/vcpu.c measure/audit_chain.c \
	measure/measure.c monitor/core/switches.c
HOST_TEST_LDLIBS_audit := -lmbedcrypto
HOST_TESTS += uart_tx
HOST_TEST_SRCS_uart_tx := tests/host/test_uart_tx.c monitor/core/uart_tx.c
HOST_TESTS += isa
HOST_TEST_SRCS_isa := tests/host/test_isa.c monitor/core/isa.c
HOST_TESTS += hart switches
HOST_TEST_SRCS_switches := tests/host/test_switches.c monitor/core/switches.c
HOST_TEST_SRCS_hart := tests/host/test_hart.c monitor/core/hart.c
# The platform description from QEMU 7.2's own trees (virt with 2 harts,
# sifive_u with all 5), dumped at build time (issue 19)
HOST_TESTS += fdt_platform
HOST_TEST_SRCS_fdt_platform := tests/host/test_fdt_platform.c \
	monitor/hw/fdt_platform.c monitor/core/pmp.c monitor/core/isa.c \
	monitor/core/vcsr.c monitor/core/vcpu.c
HOST_TEST_LDLIBS_fdt_platform := -lfdt
$(BUILD)/host/test_fdt_platform: | $(BUILD)/host/virt.dtb $(BUILD)/host/sifive_u.dtb
$(BUILD)/host/virt.dtb:
	$(call quiet,DUMPDTB,$@)mkdir -p $(@D) && qemu-system-riscv64 -M virt \
		-smp 2 -m 512M -display none -machine dumpdtb=$@ >/dev/null 2>&1
$(BUILD)/host/sifive_u.dtb:
	$(call quiet,DUMPDTB,$@)mkdir -p $(@D) && qemu-system-riscv64 -M sifive_u \
		-smp 5 -m 512M -display none -machine dumpdtb=$@ >/dev/null 2>&1
