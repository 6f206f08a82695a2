// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * From the entry assembly to the application's main: IDT, command line,
 * console, comm region; and what happens when main returns.
 */
#include <inmate/inmate.h>
#include <inmate/acpi.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

#define DEFAULT_CELL_UART	0x2f8	/* COM2: the root cell keeps COM1 */
#define DEFAULT_BARE_UART	0x3f8
#define DEFAULT_DIVIDER		1	/* 115200 baud */
#define PORT_NOT_GIVEN		(~0ULL)
#define CMDLINE_ERROR_SIZE	320

void inmate_entry(unsigned int cpu);

extern char cmdline_buffer[CMDLINE_SIZE];
/* reset.S: the CPUs' slot counter and the page tables' ready flag */
extern volatile uint32_t cpu_slots, tables_ready;

static uint64_t opt_port = PORT_NOT_GIVEN;
static char opt_console[8];		/* "" = not given */
static bool opt_power_off;
static bool opt_help;
/* set by the first CPU once the console and comm region are up */
static volatile bool library_ready;

static const struct cmdline_param library_params[] = {
	CMDLINE_U64_PARAM("port", opt_port,
			  "UART I/O port, 0 for none; default: the cell's console, "
			  "else 0x2f8 in a cell, 0x3f8 on bare metal"),
	CMDLINE_STR_PARAM("con", opt_console,
			  "output to uart, hv (jh hypervisor console) or both; default: "
			  "uart, or hv in a cell with no UART but the virtual console"),
	CMDLINE_U64_PARAM("tsc_khz", opt_tsc_khz, "TSC frequency in kHz"),
	CMDLINE_U64_PARAM("pmtimer", opt_pm_timer_port, "ACPI PM timer I/O port"),
	CMDLINE_BOOL_PARAM("poweroff", opt_power_off,
			   "bare metal: ACPI soft-off when done instead of halting"),
	CMDLINE_BOOL_PARAM("help", opt_help, "list the parameters and stop"),
	CMDLINE_END
};

static void print_params(const struct cmdline_param *p)
{
	static const char *const type_names[] = {
		[CMDLINE_U64] = "number",
		[CMDLINE_BOOL] = "yes/no",
		[CMDLINE_STR] = "text",
	};

	for (; p && p->name; p++)
		printk("  %s=<%s>: %s\n", p->name, type_names[p->type], p->help);
}

/* Picks the outputs; messages about the choice wait until it is made */
static const char *setup_console(struct jh_comm_region *comm)
{
	unsigned int targets = CONSOLE_UART;
	const char *warning = NULL;
	uint32_t divider = DEFAULT_DIVIDER;
	bool virtual_console;
	uint16_t port;

	if (opt_port != PORT_NOT_GIVEN)
		port = opt_port;
	else if (comm && comm->console.type == JH_CON_8250_PIO)
		port = comm->console.address;
	else
		port = comm ? DEFAULT_CELL_UART : DEFAULT_BARE_UART;
	if (comm && comm->console.type == JH_CON_8250_PIO && port == comm->console.address)
		divider = comm->console.divider;

	/* a cell without a UART of its own: poking COM2 would be a violation */
	virtual_console = comm && (comm->flags & JH_CELL_VIRTUAL_CONSOLE) &&
			  inmate_under_jh();
	if (!opt_console[0] && opt_port == PORT_NOT_GIVEN && comm &&
	    comm->console.type == JH_CON_NONE && virtual_console) {
		console_init(CONSOLE_HYPERVISOR, 0, 0);
		return NULL;
	}
	if (str_equal(opt_console, "hv") || str_equal(opt_console, "both")) {
		if (virtual_console)
			targets = str_equal(opt_console, "hv") ? CONSOLE_HYPERVISOR :
				  CONSOLE_UART | CONSOLE_HYPERVISOR;
		else
			warning = "con=: the hypervisor console needs a jh cell (CPUID "
				  "0x40000000 says \"jh\") whose config has the "
				  "JH_CELL_VIRTUAL_CONSOLE flag; using the UART\n";
	} else if (opt_console[0] && !str_equal(opt_console, "uart")) {
		warning = "con=: unknown value; use uart, hv or both; using the UART\n";
	}
	console_init(targets, port, divider);
	return warning;
}

void inmate_finish(int status)
{
	printk("%s: finished (status %d)\n", inmate_app.name, status);
	irq_disable();
	/* a cell started again without a new load enters through reset.S
	 * once more: let its first CPU be slot 0 again */
	library_ready = false;
	tables_ready = 0;
	cpu_slots = 0;
	comm_report_shut_down();
	if (!inmate_in_cell() && opt_power_off) {
		printk("%s: powering off\n", inmate_app.name);
		if (acpi_power_off())
			printk("%s: no ACPI soft-off (FADT or \\_S5 missing); halting\n",
			       inmate_app.name);
	}
	halt_forever();
}

void __attribute__((weak)) inmate_secondary_main(unsigned int cpu)
{
	printk("%s: CPU slot %u parked (the application uses one CPU)\n",
	       inmate_app.name, cpu);
	halt_forever();
}

void inmate_entry(unsigned int cpu)
{
	const struct cmdline_param *const tables[] = {
		library_params, inmate_app.params, NULL
	};
	struct jh_comm_region *comm;
	char error[CMDLINE_ERROR_SIZE];
	const char *cmdline, *warning;
	int parse_ret;

	if (cpu != 0) {
		idt_load();
		while (!library_ready)
			cpu_relax();
		inmate_secondary_main(cpu);
		halt_forever();
	}
	idt_init();

	comm = comm_region();
	cmdline_buffer[CMDLINE_SIZE - 1] = '\0';
	cmdline = cmdline_buffer;
	if (boot_kind == BOOT_MULTIBOOT)
		cmdline = cmdline_skip_word(cmdline);	/* the image's file name */
	while (*cmdline == ' ')
		cmdline++;
	parse_ret = cmdline_parse(cmdline, tables, error, sizeof(error));

	warning = setup_console(comm);
	if (!comm && boot_kind == BOOT_MULTIBOOT)
		legacy_pic_mask_all();
	comm_init();
	printk("\n%s: jh inmate, %s, command line \"%s\"\n", inmate_app.name,
	       comm ? "in a jh cell" : boot_kind == BOOT_MULTIBOOT ?
	       "bare metal (multiboot)" : "no comm region", cmdline);
	if (warning)
		printk("%s", warning);
	library_ready = true;
	if (parse_ret) {
		printk("%s: command line: %s\n"
		       "(in a cell the line is the string loaded with "
		       "jh cell load ... -s \"...\" -a 0x%x)\n",
		       inmate_app.name, error, CMDLINE_ADDR);
		inmate_finish(parse_ret);
	}
	if (opt_help) {
		printk("%s parameters:\n", inmate_app.name);
		print_params(inmate_app.params);
		print_params(library_params);
		inmate_finish(0);
	}
	inmate_finish(inmate_app.main());
}
