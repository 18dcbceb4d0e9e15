# Fuzz targets (libFuzzer: clang -fsanitize=fuzzer,address,undefined) for
# every parser of bytes the verifier gets from outside: the evidence, the
# TCG event log, ref.json. Seeds: build/fuzz/seed/TARGET, made by mkseed
# like the monitor makes evidence, plus real boots' files: those kept in
# tests/fuzz/seeds/TARGET (a QEMU boot under the protect policy, launch
# nonce 00112233445566778899aabbccddeeff, captured from the console) and
# any in the build dir (FUZZ_REAL_EVIDENCE, FUZZ_REAL_EVLOG). A short run (FUZZ_SHORT seconds
# per target) is the host test "fuzz" (tests/fuzz/run_fuzz.c); fuzz-long
# runs FUZZ_SECONDS per target (what `make fuzz` runs).

FUZZ_TARGETS := evidence evlog refjson
FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -Wshadow -Wvla -I.
FUZZ_SECONDS ?= 300
FUZZ_SHORT ?= 3
FUZZ_REAL_EVIDENCE ?= $(wildcard $(BUILD)/*evidence*.bin)
FUZZ_REAL_EVLOG ?= $(wildcard $(BUILD)/*eventlog*.bin)

FUZZ_SRCS_evidence := tests/fuzz/fuzz_evidence.c measure/evidence.c \
	measure/measure.c
FUZZ_SRCS_evlog := tests/fuzz/fuzz_evlog.c measure/evlog.c measure/measure.c
FUZZ_SRCS_refjson := tests/fuzz/fuzz_refjson.c verifier/refjson.c \
	verifier/util.c lib/hex.c measure/measure.c
FUZZ_BINS := $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_TARGETS))

define fuzz_rules
$(BUILD)/fuzz/fuzz_$(1): $$(FUZZ_SRCS_$(1)) $$(wildcard measure/*.h verifier/*.h)
	$$(call quiet,FUZZCC,$$@)mkdir -p $$(@D) && \
		$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$(FUZZ_SRCS_$(1)) -lmbedcrypto
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rules,$(t))))

MKSEED_SRCS := tests/fuzz/mkseed.c tests/fuzz/sample.c measure/dice.c measure/measure.c \
	measure/evlog.c measure/evidence.c measure/audit_chain.c verifier/refjson.c \
	verifier/util.c lib/hex.c

$(BUILD)/fuzz/mkseed: $(MKSEED_SRCS) $(wildcard measure/*.h verifier/*.h tests/fuzz/*.h)
	$(call quiet,HOSTCC,$@)mkdir -p $(@D) && \
		$(HOSTCC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -I. -o $@ \
		$(MKSEED_SRCS) -lmbedx509 -lmbedcrypto

# The seed directories, rebuilt when mkseed or a real boot's file changes.
FUZZ_KEPT_SEEDS := $(wildcard tests/fuzz/seeds/*/*)

$(BUILD)/fuzz/seed/.stamp: $(BUILD)/fuzz/mkseed $(FUZZ_REAL_EVIDENCE) \
		$(FUZZ_REAL_EVLOG) $(FUZZ_KEPT_SEEDS)
	$(call quiet,SEEDS,$(@D))rm -rf $(@D) && mkdir -p $(@D) && \
		$(BUILD)/fuzz/mkseed $(@D) && \
		$(foreach f,$(FUZZ_KEPT_SEEDS),cp $(f) $(@D)/$(notdir $(patsubst %/,%,$(dir $(f))))/ &&) \
		$(foreach f,$(FUZZ_REAL_EVIDENCE),cp $(f) $(@D)/evidence/real-$(notdir $(f)) &&) \
		$(foreach f,$(FUZZ_REAL_EVLOG),cp $(f) $(@D)/evlog/real-$(notdir $(f)) &&) \
		touch $@

.PHONY: fuzz-build fuzz-long
fuzz-build: $(FUZZ_BINS) $(BUILD)/fuzz/seed/.stamp

fuzz-long: fuzz-build
	$(Q)tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The short run, as a host test (counts in make test-host)
HOST_TESTS += fuzz
HOST_TEST_SRCS_fuzz := tests/fuzz/run_fuzz.c
HOST_TEST_CFLAGS_fuzz := -DFUZZ_TARGETS='"$(FUZZ_TARGETS)"' \
	-DFUZZ_SHORT=$(FUZZ_SHORT)
$(BUILD)/host/test_fuzz: | fuzz-build
