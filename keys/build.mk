# build/dice: the device's boot ROM and provisioning for QEMU (keys/dice.c,
# keys/README.md), with the host compiler and Debian's mbedTLS.
DICE_SRCS := keys/dice.c measure/dice.c measure/measure.c
DICE_OBJS := $(patsubst %.c,$(BUILD)/dice-obj/%.o,$(DICE_SRCS))

$(BUILD)/dice-obj/%.o: %.c
	$(call quiet,HOSTCC,$<)mkdir -p $(@D) && \
		$(HOSTCC) $(VERIFIER_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/dice: $(DICE_OBJS)
	$(call quiet,HOSTLD,$@)$(HOSTCC) -o $@ $^ -lmbedx509 -lmbedcrypto

# The device, provisioned once (make provision, or the first make run):
# its secret never leaves build/device.
DEVICE_STATE := $(BUILD)/device
$(DEVICE_STATE)/uds.bin $(DEVICE_STATE)/deviceid.pub.pem: | $(BUILD)/dice
	$(Q)$(BUILD)/dice provision $(DEVICE_STATE)

.PHONY: provision
provision: $(DEPS)
	$(Q)$(SUBMAKE) $(BUILD)/dice
	$(Q)$(BUILD)/dice provision $(DEVICE_STATE)

ALL_TARGETS += $(BUILD)/dice $(DEVICE_STATE)/deviceid.pub.pem

-include $(DICE_OBJS:.o=.d)
