# build/verifier: the host tool that checks evidence (docs/usage.md), built
# with the host compiler and Debian's mbedTLS and TPM2-TSS (libtss2-mu).
# build/host/verifier is the same tool under ASan/UBSan, for the tests.

VERIFIER_SRCS := verifier/main.c verifier/util.c verifier/refjson.c \
	verifier/reference.c verifier/check.c verifier/report.c \
	verifier/quote.c verifier/eventlog.c verifier/identity.c verifier/dtbfacts.c measure/dice.c \
	verifier/attest.c verifier/http.c \
	measure/measure.c measure/evlog.c measure/evidence.c
VERIFIER_SRCS += verifier/auditchain.c measure/audit_chain.c lib/hex.c
VERIFIER_CFLAGS := -std=gnu11 -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
	-Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wvla -Wformat=2 -I.
VERIFIER_LDLIBS := -lmbedx509 -lmbedcrypto -ltss2-mu

VERIFIER_OBJS := $(patsubst %.c,$(BUILD)/verifier-obj/%.o,$(VERIFIER_SRCS))
VERIFIER_ASAN_OBJS := $(patsubst %.c,$(BUILD)/host/obj/verifier-asan/%.o,$(VERIFIER_SRCS))

$(BUILD)/verifier-obj/%.o: %.c
	$(call quiet,HOSTCC,$<)mkdir -p $(@D) && \
		$(HOSTCC) $(VERIFIER_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/verifier: $(VERIFIER_OBJS)
	$(call quiet,HOSTLD,$@)$(HOSTCC) -o $@ $^ $(VERIFIER_LDLIBS)

$(BUILD)/host/obj/verifier-asan/%.o: %.c
	$(call quiet,HOSTCC,$<)mkdir -p $(@D) && \
		$(HOSTCC) $(HOST_TEST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/host/verifier: $(VERIFIER_ASAN_OBJS)
	$(call quiet,HOSTLD,$@)$(HOSTCC) $(HOST_TEST_LDFLAGS) -o $@ $^ \
		$(VERIFIER_LDLIBS)

ALL_TARGETS += $(BUILD)/verifier

-include $(VERIFIER_OBJS:.o=.d) $(VERIFIER_ASAN_OBJS:.o=.d)

# The CLI behaviour tests run build/host/verifier (tests/host/test_verifier.c)
HOST_TESTS += verifier
HOST_TEST_SRCS_verifier := tests/host/test_verifier.c $(MEASURE_SRCS) \
	$(SAMPLE_SRCS)
HOST_TEST_LDLIBS_verifier := -lmbedx509 -lmbedcrypto -ltss2-mu
$(BUILD)/host/test_verifier: | $(BUILD)/host/verifier $(BUILD)/dice

# The monitor's measured identity as a file, for `verifier reference
# --monitor`: the image's first __monitor_identity_end - 0x8000_0000 bytes
# (docs/evidence.md, section 1); the same for the debug image the
# integration cases boot.
define monitor_identity
$(BUILD)/$(1)-identity.bin: $(BUILD)/$(1).elf $(BUILD)/$(1)-only.bin
	$$(call quiet,IDENT,$$@)end=$$$$($(CROSS_COMPILE)nm $$< | \
		sed -n 's/^\([0-9a-f]*\) . __monitor_identity_end$$$$/\1/p') && \
		test -n "$$$$end" && \
		head -c $$$$((0x$$$$end - 0x80000000)) $(BUILD)/$(1)-only.bin \
			>$$@.tmp && mv $$@.tmp $$@
endef
$(eval $(call monitor_identity,monitor))
$(eval $(call monitor_identity,monitor-debug))

ALL_TARGETS += $(BUILD)/monitor-identity.bin \
	$(BUILD)/monitor-debug-identity.bin

# The HTTP client of `verifier attest`: URLs, answers, a loopback server
HOST_TESTS += http
HOST_TEST_SRCS_http := tests/host/test_http.c verifier/http.c
