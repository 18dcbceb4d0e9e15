# Hostile inputs for the fail-closed measurement cases (issue 7): each made
# from the real guest kernel and QEMU's own device tree, so only the one
# defect under test differs.
BAD := $(BUILD)/bad

# image_size (header offset 16) claims 1 GiB: larger than MEM=512M
$(BAD)/oversized.Image: $(BUILD)/Image
	$(call quiet,GEN,$@)mkdir -p $(BAD) && cp $< $@.tmp && \
		printf '\000\000\000\100\000\000\000\000' | \
		dd of=$@.tmp bs=1 seek=16 conv=notrunc status=none && mv $@.tmp $@

# the Image's magic, but only 60 of its 64 header bytes
$(BAD)/truncated.Image: $(BUILD)/Image
	$(call quiet,GEN,$@)mkdir -p $(BAD) && head -c 60 $< > $@.tmp && \
		mv $@.tmp $@

# one byte of the kernel changed (in the header's reserved res1 field)
$(BAD)/onebyte.Image: $(BUILD)/Image
	$(call quiet,GEN,$@)mkdir -p $(BAD) && cp $< $@.tmp && \
		printf '\001' | dd of=$@.tmp bs=1 seek=40 conv=notrunc \
		status=none && mv $@.tmp $@

# $(call tree_with,DTS): QEMU's own tree (512M, one hart) with the source
# DTS added, into $@ (DTS comes from a variable: it holds commas)
define tree_with
	$(call quiet,GEN,$@)mkdir -p $(BAD) && \
		timeout 30 qemu-system-riscv64 -M virt,dumpdtb=$@.qemu -m 512M -smp 1 \
		-display none >/dev/null 2>&1 && \
		dtc -q -I dtb -O dts -o $@.dts $@.qemu && \
		printf '%s\n' '$(1)' >> $@.dts && \
		dtc -q -I dts -O dtb -o $@ $@.dts && rm -f $@.qemu $@.dts
endef

# an initrd that ends before it starts
BAD_INITRD_DTS := / { chosen { linux,initrd-start = <0x0 0x90000000>; \
	linux,initrd-end = <0x0 0x88000000>; }; };
$(BAD)/bad-initrd.dtb:
	$(call tree_with,$(BAD_INITRD_DTS))

# a TPM node the firmware could have written: a TIS at the kernel's own
# address instead of the platform bus
TPM_IN_PAYLOAD_DTS := / { tpm@80200000 { compatible = "tcg,tpm-tis-mmio"; \
	reg = <0x0 0x80200000 0x0 0x5000>; }; };
$(BAD)/tpm-in-payload.dtb:
	$(call tree_with,$(TPM_IN_PAYLOAD_DTS))

# a hart's riscv,isa claiming Zknh, which QEMU's default hart does not
# have (case measure-zknh-lie: the monitor's probe must not believe it)
ZKNH_LIE_DTS := / { cpus { cpu@0 { riscv,isa = \
	"rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_zknh_sstc"; }; }; };
$(BAD)/zknh-lie.dtb:
	$(call tree_with,$(ZKNH_LIE_DTS))

ALL_TARGETS += $(BAD)/zknh-lie.dtb
ALL_TARGETS += $(BAD)/oversized.Image $(BAD)/truncated.Image \
	$(BAD)/onebyte.Image $(BAD)/bad-initrd.dtb $(BAD)/tpm-in-payload.dtb

# RAM that is not zero at reset: a page of garbage QEMU loads into the
# kernel's bss (case measure-bss-garbage)
$(BAD)/bss-garbage.bin:
	$(call quiet,GEN,$@)mkdir -p $(BAD) && \
		head -c 4096 /dev/zero | tr '\000' '\245' > $@

ALL_TARGETS += $(BAD)/bss-garbage.bin

# A monitor rebuilt with the lock disabled: hw_lock_firmware returns at
# once (c.ret), so the firmware keeps the payload (case
# verify-tampered-monitor)
$(BAD)/monitor-nolock-only.bin: $(BUILD)/monitor-only.bin $(BUILD)/monitor.elf
	$(call quiet,GEN,$@)mkdir -p $(BAD) && cp $< $@.tmp && \
		addr=$$($(CROSS_COMPILE)nm $(BUILD)/monitor.elf | \
			sed -n 's/^\([0-9a-f]*\) T hw_lock_firmware$$/\1/p') && \
		test -n "$$addr" && printf '\202\200' | dd of=$@.tmp bs=1 \
		seek=$$((0x$$addr - 0x80000000)) conv=notrunc status=none && \
		mv $@.tmp $@

ALL_TARGETS += $(BAD)/monitor-nolock-only.bin

# A firmware that is not one: 64 KiB of illegal instructions (0xff...)
# (case fatal-fault-storm-garbage)
$(BAD)/garbage-fw.bin:
	$(call quiet,GEN,$@)mkdir -p $(BAD) && \
		head -c 65536 /dev/zero | tr '\000' '\377' > $@

ALL_TARGETS += $(BAD)/garbage-fw.bin
