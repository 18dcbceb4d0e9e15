# Rampart top-level Makefile. The make interface (targets, variables) is
# the contract users, CI and tests rely on: docs/usage.md and docs/testing.md.
#
# Conventions for the per-directory fragments (dir/build.mk):
#  - Paths are relative to the repository root; every output goes under
#    $(BUILD) (build/), e.g. $(BUILD)/monitor/core/insn.o.
#  - Append what plain `make` must build to ALL_TARGETS.
#  - Quiet output: start a recipe line with $(call quiet,CC,$<) (prints
#    "  CC    path" unless V=1), or $(Q) for lines that print nothing.
#  - Host unit tests (cmocka, ASan/UBSan, see tests/host/build.mk):
#        HOST_TESTS += foo
#        HOST_TEST_SRCS_foo := tests/host/test_foo.c monitor/core/foo.c
#        HOST_TEST_CFLAGS_foo := -DFOO      (optional)
#        HOST_TEST_LDLIBS_foo := -lmbedcrypto (optional)
#    gives $(BUILD)/host/test_foo, run by `make test-host`.
#  - Lint: `make lint` checks every git-tracked .c file. Files matching
#    LINT_HOST (host code) are checked for x86-64 with LINT_CFLAGS, all
#    others for riscv64 freestanding with LINT_CFLAGS LINT_TARGET_CFLAGS:
#    append your include paths there (+=).
#  - Available: CROSS_COMPILE/CROSS_CC (bare-metal riscv64), HOSTCC,
#    MBEDTLS_SRC, LIBFDT_SRC (sources fetched by make deps), FIRMWARE.
#  - build/monitor.bin comes from monitor/build.mk; it must depend on
#    $(FIRMWARE) and be made by
#    scripts/mkimage.sh $(BUILD)/monitor-only.bin $(FIRMWARE) $(BUILD)/monitor.bin

BUILD := build
RAMPART_CACHE ?= $(HOME)/.cache/rampart
export RAMPART_CACHE

# make run variables (docs/usage.md)
FIRMWARE ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
PAYLOAD ?= $(BUILD)/Image
INITRD ?= $(BUILD)/initramfs.cpio.gz
CMDLINE ?= console=ttyS0
SMP ?= 1
MEM ?= 512M
POLICY ?= protect
TPM ?=
NONCE ?=
CASES ?=
V ?= 0

CROSS_COMPILE ?= riscv64-unknown-elf-
CROSS_CC := $(CROSS_COMPILE)gcc
HOSTCC ?= gcc
MBEDTLS_SRC := $(RAMPART_CACHE)/src/mbedtls
LIBFDT_SRC := $(RAMPART_CACHE)/src/libfdt

ifeq ($(V),1)
Q :=
quiet =
else
Q := @
quiet = @printf '  %-6s %s\n' '$(1)' '$(2)';
MAKEFLAGS += --no-print-directory
endif

ALL_TARGETS :=
HOST_TESTS :=
LINT_CFLAGS := -std=gnu11 -I.
LINT_TARGET_CFLAGS := --target=riscv64-unknown-elf -march=rv64gc \
	-mabi=lp64d -ffreestanding -I$(LIBFDT_SRC)
LINT_HOST := tests/host/% tests/fuzz/% verifier/% keys/% measure/dice.c \
	tests/guest/agent/% tests/guest/apps/%

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

RUN_INPUT_FILES :=
RUN_TPM :=
RUN_NATIVE :=
.PHONY: all deps deps-bench run run-native test test-host test-qemu lint fuzz bench \
	matrix guest clean help FORCE

# Fragments: the known ones in this order, any other */build.mk before
# tests/host/build.mk (which turns HOST_TESTS into rules, so comes last).
FRAGMENTS_FIRST := monitor/build.mk measure/build.mk \
	verifier/build.mk tests/firmware/build.mk
FRAGMENTS_OTHER := $(filter-out $(FRAGMENTS_FIRST) tests/host/build.mk, \
	$(sort $(wildcard */build.mk */*/build.mk)))
-include $(FRAGMENTS_FIRST) $(FRAGMENTS_OTHER) tests/host/build.mk

ALL_TARGETS += $(BUILD)/Image $(BUILD)/initramfs.cpio.gz \
	$(BUILD)/Image-smp64

# Every user-facing target first makes sure the packages and sources are
# there (scripts/deps.sh: one line when satisfied), then re-enters make so
# that nothing runs before the tools exist. RAMPART_DEPS_OK stops recursion.
ifeq ($(RAMPART_DEPS_OK),)
DEPS := deps
SUBMAKE = $(MAKE) RAMPART_DEPS_OK=1
else
DEPS :=
SUBMAKE = $(MAKE)
endif

all: $(DEPS)
	$(Q)$(SUBMAKE) build-all

.PHONY: build-all
build-all: $(ALL_TARGETS)

deps:
	$(Q)scripts/deps.sh

deps-bench:
	$(Q)scripts/deps.sh bench

# --- guest: kernel and initramfs (cached under $(RAMPART_CACHE)) ----------
guest: $(DEPS)
	$(Q)$(SUBMAKE) $(BUILD)/Image $(BUILD)/initramfs.cpio.gz

# The recipes decide from their inputs' hash whether to rebuild; they only
# rewrite the output when it changed.
$(BUILD)/Image: FORCE
	$(Q)tests/guest/build-linux.sh $@

$(BUILD)/initramfs.cpio.gz: FORCE
	$(Q)tests/guest/build-initramfs.sh $@

# make bench's application runs (scripts/bench-apps.sh): the same archive
# plus Redis and the workloads of tests/guest/apps, so that the test
# initramfs, measured at every boot, does not grow.
$(BUILD)/initramfs-apps.cpio.gz: $(BUILD)/initramfs.cpio.gz FORCE
	$(Q)tests/guest/build-initramfs.sh --apps $@

# The guest kernel for more than 8 harts (cases rampart-protect-smp16 and
# -smp64, scripts/matrix.sh): the same recipe and fragments in a copy of
# tests/guest, but NR_CPUS=64 (cached under its own key). Not the default
# kernel: with NR_CPUS=64 the 4-hart -icount boot takes 52.7 s natively
# instead of 3 s (measured), which rampart-protect-smp4-icount and
# make bench rely on.
GUEST_SMP64 := $(BUILD)/guest-smp64
$(BUILD)/Image-smp64: FORCE
	$(Q)rm -rf $(GUEST_SMP64) && mkdir -p $(GUEST_SMP64)/tests && \
		cp -r tests/guest $(GUEST_SMP64)/tests/ && \
		sed -i 's/^CONFIG_NR_CPUS=8$$/# QEMU virt with up to 64 harts, what Rampart supports (issue 19)\nCONFIG_NR_CPUS=64/' \
			$(GUEST_SMP64)/tests/guest/linux/rampart.config && \
		grep -q '^CONFIG_NR_CPUS=64$$' $(GUEST_SMP64)/tests/guest/linux/rampart.config && \
		$(GUEST_SMP64)/tests/guest/build-linux.sh $@

FORCE:

ifeq ($(wildcard monitor/build.mk),)
$(BUILD)/monitor.bin:
	@echo "make: $@: the monitor is not there yet (no monitor/build.mk);" \
		"make run-native boots without it" >&2; exit 1
endif

# --- run ------------------------------------------------------------------
# scripts/run.sh checks every variable before anything is built (one line
# naming a bad one, exit 2), then boots in a fresh build/runs/ID/ and points
# build/run at it only if the run succeeded (docs/usage.md, "Running").
# Every variable reaches it as one single-quoted NAME=VALUE word; CMDLINE
# unexpanded ($(value)), so spaces, quotes and $ reach the kernel as typed.
TIMEOUT ?=
GUEST_SCRIPT ?=
ATTEST_PORT ?=
shq = '$(subst ','\'',$(1))'
RUN_VARS = $(call shq,FIRMWARE=$(FIRMWARE)) $(call shq,PAYLOAD=$(PAYLOAD)) \
	$(call shq,INITRD=$(INITRD)) $(call shq,CMDLINE=$(value CMDLINE)) \
	$(call shq,SMP=$(SMP)) $(call shq,MEM=$(MEM)) \
	$(call shq,POLICY=$(POLICY)) $(call shq,TPM=$(TPM)) \
	$(call shq,NONCE=$(NONCE)) $(call shq,TIMEOUT=$(TIMEOUT)) \
	$(call shq,GUEST_SCRIPT=$(GUEST_SCRIPT)) \
	$(call shq,ATTEST_PORT=$(ATTEST_PORT))

# make exits 2 whenever a recipe fails: the run's own status is on its last
# line and in build/runs/ID/rc; scripts/run.sh returns it directly.
run: $(DEPS)
	$(Q)MAKE="$(MAKE)" scripts/run.sh boot $(RUN_VARS)

run-native: $(DEPS)
	$(Q)MAKE="$(MAKE)" scripts/run.sh native $(RUN_VARS)

# What a run needs built (called by scripts/run.sh once the values are
# checked): RUN_INPUT_FILES (PAYLOAD, INITRD), RUN_TPM=1 for TPM=1,
# RUN_NATIVE=1 for run-native (no monitor).
.PHONY: run-inputs
run-inputs: $(RUN_INPUT_FILES) $(if $(RUN_NATIVE),,$(BUILD)/monitor.bin \
	$(BUILD)/verifier $(BUILD)/monitor-identity.bin $(BUILD)/dice \
	$(BUILD)/device/deviceid.pub.pem \
	$(if $(RUN_TPM),$(BUILD)/tpm-state/tpm2-00.permall))

# --- tests ----------------------------------------------------------------
# Each suite writes "PASSED FAILED" to $(BUILD)/results/<suite>; `make test`
# sums them into one closing line.
test: $(DEPS)
	$(Q)rm -rf $(BUILD)/results
	-$(Q)$(SUBMAKE) test-host
	-$(Q)$(SUBMAKE) test-qemu
	$(Q)scripts/test-summary.sh $(BUILD)/results host qemu launcher

test-host: $(DEPS)
	$(Q)build_failed=0; $(SUBMAKE) -k host-tests || build_failed=1; \
		BUILD_FAILED=$$build_failed tests/host/run.sh \
		$(BUILD)/results/host $(HOST_TESTS)

# A failing `make` is itself a failure (a stale image must not pass a case),
# but the cases still run.
# The launcher cases (tests/qemu/launcher.table: bad input, how runs end)
# run after the QEMU cases and count with them.
test-qemu: $(DEPS)
	$(Q)build_failed=0; $(SUBMAKE) build-all || build_failed=1; \
		BUILD_FAILED=$$build_failed tests/qemu/runner.sh \
		--results $(BUILD)/results/qemu $(CASES); rc=$$?; \
		tests/qemu/launcher.sh --results $(BUILD)/results/launcher \
		$(CASES) && exit $$rc

# --- lint, fuzz, bench ----------------------------------------------------
# Linux drivers are the kernel's: its own build checks them (W=1 clean).
LINT_FILES = $(filter-out tests/guest/linux/%,$(shell git ls-files '*.c'))

lint: $(DEPS)
	$(Q)scripts/lint.sh "$(LINT_CFLAGS)" "$(LINT_TARGET_CFLAGS)" \
		"$(filter $(LINT_HOST),$(LINT_FILES))" \
		"$(filter-out $(LINT_HOST),$(LINT_FILES))"

# long fuzz runs of every parser (tests/fuzz/build.mk)
fuzz: $(DEPS)
	$(Q)$(SUBMAKE) fuzz-long

# instruction counts under -icount, native OpenSBI vs Rampart none/protect:
# one table and build/bench.json (scripts/bench.sh, docs/bench.md); its
# application runs also need Debian's redis source (deps.sh bench)
bench: $(DEPS:deps=deps-bench)
	$(Q)MAKE="$(MAKE)" scripts/bench.sh

# native and Rampart side by side on every CPU model x harts x memory cell:
# one table, written into docs/matrix.md (scripts/matrix.sh; not in test)
matrix: $(DEPS)
	$(Q)scripts/matrix.sh --doc docs/matrix.md

clean:
	rm -rf $(BUILD)

help:
	@sed -n '/^| `make/p' README.md
