// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's memory: it must be reserved at boot (memmap=), unused by
 * anyone else, and is mapped into Linux only while jh holds it. The image
 * jh.bin comes from the firmware loader.
 */
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "jh-driver.h"

#define JH_FIRMWARE	"jh.bin"

int jh_hv_memory_claim(const struct jh_system *sys, char *reason)
{
	u64 phys = sys->hypervisor_memory.phys_start;
	u64 size = sys->hypervisor_memory.size;

	if (!IS_ALIGNED(phys, SZ_2M) || !IS_ALIGNED(size, SZ_2M) || !size ||
	    size > SZ_1G) {
		jh_reason(reason, "system config: hypervisor_memory 0x%llx+0x%llx must be "
			  "2 MiB aligned and 2 MiB..1 GiB large", phys, size);
		return -EINVAL;
	}
	/* memmap=SIZE$ADDR makes it an e820 "Reserved" range, nothing else */
	if (region_intersects(phys, size, IORESOURCE_MEM,
			      IORES_DESC_RESERVED) != REGION_INTERSECTS) {
		jh_reason(reason, "hypervisor memory 0x%llx+%lluM is not reserved: "
			  "boot with memmap=%lluM$0x%llx", phys, size >> 20,
			  size >> 20, phys);
		return -ENOMEM;
	}
	jh_drv.mem_res = request_mem_region(phys, size, "jh hypervisor");
	if (!jh_drv.mem_res) {
		jh_reason(reason, "hypervisor memory 0x%llx+%lluM is in use by another "
			  "driver (see /proc/iomem): pick a free reserved range",
			  phys, size >> 20);
		return -EBUSY;
	}
	jh_drv.hv = memremap(phys, size, MEMREMAP_WB);
	if (!jh_drv.hv) {
		release_mem_region(phys, size);
		jh_drv.mem_res = NULL;
		jh_reason(reason, "cannot map hypervisor memory 0x%llx+%lluM into Linux",
			  phys, size >> 20);
		return -ENOMEM;
	}
	jh_drv.hv_phys = phys;
	jh_drv.hv_size = size;
	return 0;
}

void jh_hv_memory_release(void)
{
	if (jh_drv.hv)
		memunmap(jh_drv.hv);
	if (jh_drv.mem_res)
		release_mem_region(jh_drv.hv_phys, jh_drv.hv_size);
	jh_drv.hv = NULL;
	jh_drv.mem_res = NULL;
	jh_drv.boot = NULL;
}

static int jh_image_check(const struct firmware *fw, u64 mem_size, char *reason)
{
	const struct jh_hv_header *hdr = (const void *)fw->data;

	if (fw->size < sizeof(*hdr) ||
	    memcmp(hdr->signature, JH_HV_SIGNATURE, sizeof(hdr->signature))) {
		jh_reason(reason, JH_FIRMWARE " is not a jh hypervisor image: "
			  "install build/hypervisor/jh.bin as /lib/firmware/" JH_FIRMWARE);
		return -ENOEXEC;
	}
	if (hdr->abi_version != JH_HV_ABI_VERSION || hdr->max_cpus != JH_MAX_CPUS ||
	    hdr->link_base != JH_HV_LINK_BASE) {
		jh_reason(reason, JH_FIRMWARE " was built for another driver (ABI %u): "
			  "install the jh.bin built with this jh.ko", hdr->abi_version);
		return -ENOEXEC;
	}
	if (hdr->core_size < fw->size || hdr->core_size > mem_size ||
	    hdr->boot_offset + sizeof(struct jh_hv_boot) > hdr->core_size ||
	    hdr->entry < hdr->link_base ||
	    hdr->entry >= hdr->link_base + fw->size) {
		jh_reason(reason, JH_FIRMWARE ": inconsistent header (core size 0x%llx, "
			  "file 0x%zx, memory 0x%llx)", hdr->core_size, fw->size,
			  mem_size);
		return -ENOEXEC;
	}
	return 0;
}

int jh_hv_image_load(char *reason)
{
	const struct firmware *fw;
	const struct jh_hv_header *hdr;
	int err;

	err = request_firmware(&fw, JH_FIRMWARE, jh_drv.dev);
	if (err) {
		jh_reason(reason, "cannot load firmware " JH_FIRMWARE " (error %d): install "
			  "build/hypervisor/jh.bin as /lib/firmware/" JH_FIRMWARE, err);
		return err;
	}
	err = jh_image_check(fw, jh_drv.hv_size, reason);
	if (err)
		goto out;
	hdr = (const void *)fw->data;
	memcpy(jh_drv.hv, fw->data, fw->size);
	memset(jh_drv.hv + fw->size, 0, hdr->core_size - fw->size);
	jh_drv.image_size = fw->size;
	jh_drv.boot = jh_drv.hv + hdr->boot_offset;
out:
	release_firmware(fw);
	return err;
}
