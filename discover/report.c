// SPDX-License-Identifier: GPL-2.0
/*
 * The readiness report: one line per requirement, each ok, warning,
 * missing or unknown, with what to do (BIOS setting, kernel parameter).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu.h"
#include "ioapic-pins.h"
#include "report.h"
#include "root-policy.h"

static const char *const state_names[] = {
	[CHECK_OK] = "ok", [CHECK_WARNING] = "warning",
	[CHECK_MISSING] = "missing", [CHECK_UNKNOWN] = "unknown",
};

static void set(struct check *c, const char *name, enum check_state st,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void set(struct check *c, const char *name, enum check_state st,
		const char *fmt, ...)
{
	va_list ap;

	c->name = name;
	c->state = st;
	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof(c->detail), fmt, ap);
	va_end(ap);
}

static bool is_intel(const struct machine *m)
{
	return m->cpu.known && !strcmp(m->cpu.vendor, "GenuineIntel");
}

static void check_vmx(const struct machine *m, struct check *c)
{
	if (m->cpu.vmx == 1)
		set(c, "VMX", CHECK_OK, "the CPU has Intel VT-x");
	else if (m->cpu.vmx == DSC_NONE)
		set(c, "VMX", CHECK_UNKNOWN,
		    "CPU features were not read (offline data without cpuinfo)");
	else if (m->cpu.svm == 1 || (m->cpu.known && !is_intel(m)))
		set(c, "VMX", CHECK_MISSING,
		    "this CPU is %s, not Intel: jh runs on Intel VT-x only; use an Intel machine",
		    m->cpu.vendor);
	else if (m->cpu.hypervisor == 1)
		set(c, "VMX", CHECK_MISSING,
		    "running in a virtual machine without nested VT-x: enable nested virtualization on the host (kvm_intel nested=1, -cpu host)");
	else
		set(c, "VMX", CHECK_MISSING,
		    "the CPU reports no VT-x: enable \"Intel Virtualization Technology\" in the BIOS setup");
}

static void check_vmx_cap(const struct machine *m, struct check *c,
			  const char *name, enum vmx_cap cap,
			  enum check_state if_missing, const char *why)
{
	int v = vmx_cap(m, cap);

	if (m->cpu.vmx != 1 && m->cpu.vmx != DSC_NONE)
		set(c, name, CHECK_MISSING, "needs VT-x, which is missing");
	else if (v == 1)
		set(c, name, CHECK_OK, "supported");
	else if (v < 0)
		set(c, name, CHECK_UNKNOWN,
		    "VMX capability MSRs not read: run as root (the msr module is loaded on demand)");
	else
		set(c, name, if_missing, "not supported by this CPU: %s", why);
}

static void check_feature_control(const struct machine *m, struct check *c)
{
	int locked = feature_control_locked(m);
	int outside = feature_control_vmx_outside_smx(m);

	if (m->cpu.known && !is_intel(m))
		set(c, "FEATURE_CONTROL", CHECK_MISSING,
		    "IA32_FEATURE_CONTROL is an Intel MSR; this CPU is %s", m->cpu.vendor);
	else if (locked < 0)
		set(c, "FEATURE_CONTROL", CHECK_UNKNOWN,
		    "MSR not read: run as root");
	else if (locked && outside)
		set(c, "FEATURE_CONTROL", CHECK_OK,
		    "locked with VMX outside SMX enabled (0x%llx)",
		    (unsigned long long)m->vmx.msr[VMX_FEATURE_CONTROL]);
	else if (locked)
		set(c, "FEATURE_CONTROL", CHECK_MISSING,
		    "locked with VMX disabled: enable \"Intel Virtualization Technology\" in the BIOS setup");
	else
		set(c, "FEATURE_CONTROL", CHECK_WARNING,
		    "not locked: the jh driver locks it with VMX enabled; some BIOSes then need a cold boot");
}

static void check_vtd(const struct machine *m, struct check *c)
{
	if (m->have_dmar && (m->dmar_flags & 1))
		set(c, "VT-d + interrupt remapping", CHECK_OK,
		    "%zu DMAR unit(s), interrupt remapping supported (%u interrupt sources: a %u-entry table)%s",
		    m->iommus.n, root_ir_vectors(m), root_ir_table_size(m),
		    m->dmar_flags & 2 ?
		    " (firmware asks for x2APIC opt-out; jh ignores it); boot with "
		    "intel_iommu=off intremap=off: jh takes the units" :
		    "; boot with intel_iommu=off intremap=off: jh takes the units");
	else if (m->have_dmar)
		set(c, "VT-d + interrupt remapping", CHECK_WARNING,
		    "DMAR present but without interrupt remapping: cells' device interrupts cannot be isolated; update the BIOS");
	else if (m->have_ivrs)
		set(c, "VT-d + interrupt remapping", CHECK_MISSING,
		    "AMD-Vi (IVRS) found, no VT-d: jh needs an Intel platform");
	else if (!m->tables.n)
		set(c, "VT-d + interrupt remapping", CHECK_UNKNOWN,
		    "ACPI tables not read: run as root or give --acpidump");
	else
		set(c, "VT-d + interrupt remapping", CHECK_MISSING,
		    "no DMAR table: enable \"VT-d\" / \"Intel VT for Directed I/O\" in the BIOS setup (boot with intel_iommu=off intremap=off: jh reads the table and takes the units); "
		    "without it cells get NO DMA isolation and devices only with JH_SYS_NO_DMA_ISOLATION (jh-plan --no-dma-isolation)");
}

static void check_x2apic(const struct machine *m, struct check *c)
{
	bool madt_x2 = false;

	for (size_t i = 0; i < m->cpus.n; i++)
		madt_x2 |= m->cpus.v[i].x2apic;
	if (m->cpu.x2apic == 1)
		set(c, "x2APIC", CHECK_OK, "supported%s",
		    madt_x2 ? "; the MADT lists x2APIC CPUs" : "");
	else if (m->cpu.x2apic == DSC_NONE)
		set(c, "x2APIC", CHECK_UNKNOWN, "CPU features not read");
	else
		set(c, "x2APIC", CHECK_WARNING,
		    "not supported: jh uses the xAPIC (MMIO) mode, which costs exits on every APIC access");
}

static void check_memory(struct machine *m, struct check *c)
{
	struct hv_memory_plan p;

	hv_memory_plan(m, &p);
	if (p.present && p.usable)
		set(c, "hypervisor memory", CHECK_OK,
		    "%s reserved; hypervisor at 0x%llx (%llu MiB), the rest is RAM for cells",
		    p.kernel_param, (unsigned long long)p.hv_base,
		    (unsigned long long)(p.hv_size >> 20));
	else if (p.present)
		set(c, "hypervisor memory", CHECK_MISSING, "%s: %s", p.kernel_param,
		    p.problem);
	else if (p.kernel_param[0])
		set(c, "hypervisor memory", CHECK_MISSING,
		    "no memmap= reservation: add the kernel parameter %s (in /etc/default/grub: GRUB_CMDLINE_LINUX=\"... %s\", then update-grub) and reboot",
		    p.kernel_param, p.grub_param);
	else
		set(c, "hypervisor memory", CHECK_MISSING,
		    "no memmap= reservation and %s", p.problem[0] ? p.problem :
		    "no memory map to propose one from");
}

static void check_hotplug(const struct machine *m, struct check *c)
{
	size_t hot = 0, offline = 0, enabled = 0;

	for (size_t i = 0; i < m->cpus.n; i++) {
		enabled += m->cpus.v[i].enabled;
		hot += !m->cpus.v[i].enabled && m->cpus.v[i].online_capable;
		offline += m->cpus.v[i].online == 0;
	}
	if (!m->cpus.n)
		set(c, "CPU hotplug", CHECK_UNKNOWN, "no MADT read");
	else if (offline)
		set(c, "CPU hotplug", CHECK_WARNING,
		    "%zu CPU(s) offline in Linux: bring them online before jh enable (echo 1 > /sys/devices/system/cpu/cpuN/online), jh-plan takes CPUs through the driver",
		    offline);
	else
		set(c, "CPU hotplug", CHECK_OK,
		    "%zu CPU(s) enabled in the MADT%s; jh takes cell CPUs by offlining them in Linux",
		    enabled, hot ? ", more online-capable (hot-add)" : "");
}

static void check_smt(const struct machine *m, struct check *c)
{
	static const char *const from[] = {
		[TOPO_SYSFS] = "", [TOPO_CPUINFO] = " (topology from the cpuinfo)",
		[TOPO_NONE] = " (topology of some CPUs unknown)",
	};
	const char *src = from[m->cpu_topology];
	bool known = false, smt = false;

	for (size_t i = 0; i < m->cpus.n; i++) {
		if (m->cpus.v[i].thread != DSC_NONE)
			known = true;
		if (m->cpus.v[i].thread > 0)
			smt = true;
	}
	if (!known)
		set(c, "SMT", CHECK_UNKNOWN, "no CPU topology data%s",
		    m->offline ? " in the offline data (give its cpuinfo)" : "");
	else if (smt)
		set(c, "SMT", CHECK_WARNING,
		    "hyper-threading is on%s: sibling threads share core resources, so give RT cells whole cores (jh-plan does) or disable SMT in the BIOS (or nosmt)",
		    src);
	else
		set(c, "SMT", CHECK_OK, "one thread per core%s", src);
}

static void check_cat(const struct machine *m, struct check *c)
{
	if (m->cpu.cat_l3_bits > 0)
		set(c, "CAT", CHECK_OK, "L3 cache allocation: %d-bit masks, %d classes%s",
		    m->cpu.cat_l3_bits, m->cpu.cat_l3_closids,
		    m->cpu.cat_l2_bits > 0 ? "; L2 CAT too" : "");
	else if (m->cpu.cat_l3_bits == 0)
		set(c, "CAT", CHECK_OK, "L3 cache allocation present (mask width not in offline data)");
	else if (!m->cpu.known)
		set(c, "CAT", CHECK_UNKNOWN, "CPU features not read");
	else
		set(c, "CAT", CHECK_WARNING,
		    "no cache allocation: RT cells share the last-level cache with Linux; expect more jitter");
}

static void check_ioapic_pins(const struct machine *m, struct check *c)
{
	int count[PINS_NUM_SOURCES] = { 0 }, pins = 0;

	for (size_t i = 0; i < m->ioapics.n; i++) {
		count[m->ioapics.v[i].pins_source]++;
		pins += m->ioapics.v[i].pins > 0 ? m->ioapics.v[i].pins : 0;
	}
	if (!m->ioapics.n)
		set(c, "IOAPIC pins", m->have_madt ? CHECK_OK : CHECK_UNKNOWN,
		    m->have_madt ? "the MADT lists no IOAPIC" : "no MADT read");
	else if (count[PINS_ASSUMED])
		set(c, "IOAPIC pins", CHECK_WARNING,
		    "%d of %zu IOAPIC(s) assumed to have %d pins (%s): if one has more, the root cell lacks those interrupts; %s",
		    count[PINS_ASSUMED], m->ioapics.n, IOAPIC_PINS_ASSUMED,
		    m->klog_why ? "the kernel log was not read" :
		    "the kernel log has no line for it",
		    m->offline ? "give --dmesg with that machine's boot log" :
		    "run as root, or give --dmesg with the boot log (journalctl -k -b)");
	else if (count[PINS_PCI_LINE] + count[PINS_MADT_GSI])
		set(c, "IOAPIC pins", CHECK_WARNING,
		    "%d of %zu IOAPIC count(s) only a lower bound (the highest PCI interrupt line or MADT GSI routed there): pins above it are not the root cell's; %s",
		    count[PINS_PCI_LINE] + count[PINS_MADT_GSI], m->ioapics.n,
		    m->offline ? "give --dmesg with that machine's boot log" :
		    "run as root, or give --dmesg with the boot log (journalctl -k -b)");
	else if (count[PINS_KERNEL_LOG] == (int)m->ioapics.n)
		set(c, "IOAPIC pins", CHECK_OK,
		    "%zu IOAPIC(s), %d pins, counts from the kernel log",
		    m->ioapics.n, pins);
	else
		set(c, "IOAPIC pins", CHECK_OK,
		    "%zu IOAPIC(s), %d pins; %d count(s) inferred from the MADT's GSI gaps (the kernel log has the exact ones: --dmesg)",
		    m->ioapics.n, pins, (int)m->ioapics.n - count[PINS_KERNEL_LOG]);
}

static void check_pm_timer(const struct machine *m, struct check *c)
{
	const struct dsc_pm_timer *t = &m->pm_timer;

	if (t->source == PM_TIMER_FADT)
		set(c, "PM timer", CHECK_OK, "port 0x%x, %d-bit (FADT)", t->port,
		    t->is_32bit ? 32 : 24);
	else if (t->source == PM_TIMER_IOPORTS)
		set(c, "PM timer", CHECK_OK,
		    "port 0x%x from /proc/ioports (no FADT read: used as 24-bit)",
		    t->port);
	else if (m->fadt.present && m->fadt.hw_reduced)
		set(c, "PM timer", CHECK_OK,
		    "none: hardware-reduced ACPI (inmates calibrate without it)");
	else if (!m->tables.n && !m->ioports.n)
		set(c, "PM timer", CHECK_UNKNOWN,
		    "neither the FADT nor /proc/ioports was read: run as root or give --acpidump");
	else
		set(c, "PM timer", CHECK_WARNING,
		    "port not found (no FADT block, no \"ACPI PM_TMR\" in /proc/ioports): the config says 0 and inmates cannot calibrate against it; %s",
		    m->offline ? "give --acpidump or that machine's /proc/ioports (--ioports)" :
		    "run as root");
}

int report_checks(struct machine *m, struct check *out)
{
	int n = 0;

	check_vmx(m, &out[n++]);
	check_vmx_cap(m, &out[n++], "EPT", VMXC_EPT, CHECK_MISSING,
		      "jh isolates cells with EPT; use a newer CPU (Nehalem or later)");
	check_vmx_cap(m, &out[n++], "unrestricted guest", VMXC_UNRESTRICTED,
		      CHECK_MISSING,
		      "cells start in real mode and need it; use a Westmere or later CPU");
	check_vmx_cap(m, &out[n++], "preemption timer", VMXC_PREEMPTION_TIMER,
		      CHECK_WARNING, "jh falls back to the APIC timer");
	check_x2apic(m, &out[n++]);
	check_vtd(m, &out[n++]);
	check_ioapic_pins(m, &out[n++]);
	check_pm_timer(m, &out[n++]);
	check_feature_control(m, &out[n++]);
	check_memory(m, &out[n++]);
	check_hotplug(m, &out[n++]);
	check_smt(m, &out[n++]);
	check_cat(m, &out[n++]);
	return n;
}

int report_write(struct machine *m, FILE *f)
{
	struct check checks[REPORT_CHECKS];
	int n = report_checks(m, checks), count[4] = { 0 };

	fprintf(f, "jh readiness report: %s%s%s (%s)\n",
		m->dmi.field[0] ? m->dmi.field[0] : "unknown vendor",
		m->dmi.field[1] ? " " : "", m->dmi.field[1] ? m->dmi.field[1] : "",
		m->offline ? "offline data" : "this machine");
	if (m->cpu.model_name[0])
		fprintf(f, "CPU: %s\n", m->cpu.model_name);
	fputc('\n', f);
	for (int i = 0; i < n; i++) {
		fprintf(f, "  %-9s %-27s %s\n", state_names[checks[i].state],
			checks[i].name, checks[i].detail);
		count[checks[i].state]++;
	}
	if (m->limits.n) {
		fprintf(f, "\nNot read (and what that leaves out):\n");
		for (size_t i = 0; i < m->limits.n; i++)
			fprintf(f, "  - %s: %s; leaves out %s\n", m->limits.v[i].what,
				m->limits.v[i].why, m->limits.v[i].leaves_out);
	}
	if (m->warnings.n) {
		fprintf(f, "\nWarnings about the input (%zu):\n", m->warnings.n);
		for (size_t i = 0; i < m->warnings.n; i++) {
			const struct dsc_warning *w = &m->warnings.v[i];

			if (w->offset != DSC_NONE)
				fprintf(f, "  - %s at offset 0x%lx: %s\n", w->source,
					w->offset, w->message);
			else
				fprintf(f, "  - %s: %s\n", w->source, w->message);
		}
	}
	fprintf(f, "\nSummary: %d ok, %d warning, %d missing, %d unknown\n",
		count[CHECK_OK], count[CHECK_WARNING], count[CHECK_MISSING],
		count[CHECK_UNKNOWN]);
	return ferror(f) ? -5 : 0;
}
