// SPDX-License-Identifier: GPL-2.0
/* --json members about CPUs, VMX, memory, ports, serial ports, DMI. */
#include "cpu.h"
#include "json-out.h"
#include "root-policy.h"

static json_object *jbool_or_null(int v)
{
	return v < 0 ? NULL : json_object_new_boolean(v);
}

static json_object *json_cpu(struct machine *m)
{
	const struct dsc_cpuinfo *c = &m->cpu;
	json_object *o = json_object_new_object();
	json_object *f = json_object_new_object();
	json_object *cat = json_object_new_object();
	json_object *l;
	int smt = DSC_NONE;

	for (size_t i = 0; i < m->cpus.n; i++)
		if (m->cpus.v[i].thread != DSC_NONE)
			smt = (smt == 1 || m->cpus.v[i].thread > 0);
	jset(o, "vendor", c->known ? jstr(c->vendor) : NULL);
	jset(o, "family", c->known ? jint(c->family) : NULL);
	jset(o, "model", c->known ? jint(c->model) : NULL);
	jset(o, "stepping", c->known ? jint(c->stepping) : NULL);
	jset(o, "model_name", c->model_name[0] ? jstr(c->model_name) : NULL);
	jset(o, "hybrid", jbool_or_null(c->hybrid));
	jset(f, "vmx", jbool_or_null(c->vmx));
	jset(f, "svm", jbool_or_null(c->svm));
	jset(f, "x2apic", jbool_or_null(c->x2apic));
	jset(f, "tsc_deadline", jbool_or_null(c->tsc_deadline));
	jset(f, "invariant_tsc", jbool_or_null(c->invariant_tsc));
	jset(f, "hypervisor", jbool_or_null(c->hypervisor));
	jset(f, "smt", jbool_or_null(smt));
	jset(o, "features", f);
	l = NULL;
	if (c->cat_l3_bits != DSC_NONE) {
		l = json_object_new_object();
		jset(l, "cbm_bits", c->cat_l3_bits ? jint(c->cat_l3_bits) : NULL);
		jset(l, "closids", c->cat_l3_bits ? jint(c->cat_l3_closids) : NULL);
		jset(l, "cdp", json_object_new_boolean(c->cat_l3_cdp));
	}
	jset(cat, "l3", l);
	l = NULL;
	if (c->cat_l2_bits != DSC_NONE) {
		l = json_object_new_object();
		jset(l, "cbm_bits", c->cat_l2_bits ? jint(c->cat_l2_bits) : NULL);
		jset(l, "closids", c->cat_l2_bits ? jint(c->cat_l2_closids) : NULL);
		jset(l, "cdp", json_object_new_boolean(false));
	}
	jset(cat, "l2", l);
	jset(o, "cat", cat);
	return o;
}

static json_object *json_cpus(struct machine *m)
{
	static const char *const cache_keys[4] = { "l1d", "l1i", "l2", "l3" };
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->cpus.n; i++) {
		const struct dsc_cpu *c = &m->cpus.v[i];
		json_object *o = json_object_new_object();
		json_object *caches = json_object_new_object();

		jset(o, "apic_id", jint(c->apic_id));
		jset(o, "acpi_id", jint(c->acpi_id));
		jset(o, "enabled", json_object_new_boolean(c->enabled));
		jset(o, "online_capable", json_object_new_boolean(c->online_capable));
		jset(o, "x2apic", json_object_new_boolean(c->x2apic));
		jset(o, "linux_cpu", jint_or_null(c->linux_cpu));
		jset(o, "online", c->online == DSC_NONE ? NULL :
		     json_object_new_boolean(c->online));
		jset(o, "package", jint_or_null(c->package));
		jset(o, "die", jint_or_null(c->die));
		jset(o, "core", jint_or_null(c->core));
		jset(o, "thread", jint_or_null(c->thread));
		jset(o, "core_type", c->core_type[0] ? jstr(c->core_type) : NULL);
		jset(o, "node", jint_or_null(c->node));
		for (int k = 0; k < 4; k++)
			jset(caches, cache_keys[k], jint_or_null(c->cache_id[k]));
		jset(o, "cache_ids", caches);
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_vmx(struct machine *m)
{
	static const char *const msr_keys[VMX_NUM_MSRS] = {
		[VMX_BASIC] = "basic", [VMX_PINBASED] = "pinbased",
		[VMX_PROCBASED] = "procbased", [VMX_PROCBASED2] = "procbased2",
		[VMX_EXIT] = "exit", [VMX_ENTRY] = "entry",
		[VMX_EPT_VPID] = "ept_vpid_cap", [VMX_MISC] = "misc",
	};
	json_object *o = json_object_new_object(), *fc = NULL;
	bool any = false;

	for (int i = 0; i < VMX_NUM_MSRS; i++)
		any |= m->vmx.msr_valid[i];
	jset(o, "supported", jbool_or_null(m->cpu.vmx));
	jset(o, "msrs_read", json_object_new_boolean(any));
	if (m->vmx.msr_valid[VMX_FEATURE_CONTROL]) {
		uint64_t v = m->vmx.msr[VMX_FEATURE_CONTROL];

		fc = json_object_new_object();
		jset(fc, "value", jx(v));
		jset(fc, "locked", json_object_new_boolean(v & 1));
		jset(fc, "vmx_inside_smx", json_object_new_boolean(v & 2));
		jset(fc, "vmx_outside_smx", json_object_new_boolean(v & 4));
	}
	jset(o, "feature_control", fc);
	for (int i = 0; i < VMX_NUM_MSRS; i++)
		if (msr_keys[i])
			jset(o, msr_keys[i], m->vmx.msr_valid[i] ?
			     jx(m->vmx.msr[i]) : NULL);
	for (int i = 0; i < VMXC_NUM; i++)
		jset(o, vmx_cap_names[i], jbool_or_null(vmx_cap(m, i)));
	jset(o, "preemption_timer_rate", m->vmx.msr_valid[VMX_MISC] ?
	     jint(m->vmx.msr[VMX_MISC] & 0x1f) : NULL);
	return o;
}

static json_object *json_ranges(const struct dsc_range_vec *v, bool ports,
				bool depth)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < v->n; i++) {
		json_object *o = json_object_new_object();

		jset(o, "start", ports ? jint(v->v[i].start) : jx(v->v[i].start));
		jset(o, "end", ports ? jint(v->v[i].end) : jx(v->v[i].end));
		jset(o, depth ? "name" : "type", jstr(v->v[i].name));
		if (depth)
			jset(o, "depth", jint(v->v[i].depth));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_serials(struct machine *m)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->serials.n; i++) {
		const struct dsc_serial *s = &m->serials.v[i];
		json_object *o = json_object_new_object();

		jset(o, "name", jstr(s->name));
		jset(o, "type", jstr(s->mmio ? "mmio" : "pio"));
		jset(o, "port", s->mmio ? NULL : jint(s->port));
		jset(o, "address", s->mmio ? jx(s->address) : NULL);
		jset(o, "irq", jint_or_null(s->irq));
		jset(o, "reg_shift", jint(s->reg_shift));
		jset(o, "reg_width", jint(s->reg_width));
		jset(o, "uartclk", s->uartclk == DSC_NONE ? NULL : jint(s->uartclk));
		jset(o, "in_use", json_object_new_boolean(s->in_use));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_reservation(struct machine *m)
{
	json_object *o = json_object_new_object(), *hv;
	struct hv_memory_plan p;

	hv_memory_plan(m, &p);
	jset(o, "present", json_object_new_boolean(p.present));
	jset(o, "base", p.size ? jx(p.base) : NULL);
	jset(o, "size", p.size ? jx(p.size) : NULL);
	jset(o, "source", jstr(p.present ? "cmdline" : "proposal"));
	jset(o, "kernel_param", p.kernel_param[0] ? jstr(p.kernel_param) : NULL);
	jset(o, "grub_param", p.grub_param[0] ? jstr(p.grub_param) : NULL);
	hv = NULL;
	if (p.hv_size) {
		hv = json_object_new_object();
		jset(hv, "base", jx(p.hv_base));
		jset(hv, "size", jx(p.hv_size));
	}
	jset(o, "hypervisor_memory", hv);
	jset(o, "problem", p.problem[0] ? jstr(p.problem) : NULL);
	return o;
}

void json_add_system(struct machine *m, json_object *root)
{
	json_object *dmi = json_object_new_object(), *mem;

	for (int i = 0; i < 7; i++)
		jset(dmi, dsc_dmi_fields[i], jstr(m->dmi.field[i]));
	jset(root, "dmi", dmi);
	jset(root, "cpu", json_cpu(m));
	jset(root, "cpus", json_cpus(m));
	jset(root, "vmx", json_vmx(m));
	mem = json_object_new_object();
	jset(mem, "e820", json_ranges(&m->e820, false, false));
	jset(mem, "iomem", json_ranges(&m->iomem, false, true));
	jset(root, "memory", mem);
	jset(root, "ports", json_ranges(&m->ioports, true, true));
	jset(root, "serial_ports", json_serials(m));
	jset(root, "reservation", json_reservation(m));
}
