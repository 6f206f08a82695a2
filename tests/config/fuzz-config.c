// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the config validator and decoder. Input layout:
 *	byte 0		which entry point(s) to drive (all when >= 4)
 *	bytes 1-2	little-endian length of the first blob (the system)
 *	rest		the first blob, then the second (a cell), may be empty
 * The seed corpus (tests/suites/fuzz-config) wraps the real configs so.
 * Whatever the bytes, nothing may crash, leak or hit undefined behavior;
 * blobs the validator accepts structurally are also printed by
 * `jh config show`'s code (to /dev/null).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-check.h"
#include "config-show.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *null_out;

static void format_finding(const struct jh_finding *f, void *opaque)
{
	char line[2 * JH_FINDING_TEXT + 128];

	(void)opaque;
	jh_finding_format(line, sizeof(line), f);
	if (!f->message[0] || !f->file[0])
		abort();	/* every finding must say something */
}

/* Copy into an exact-size heap buffer so ASan sees every overread */
static void *copy(const uint8_t *p, size_t n)
{
	void *buf = malloc(n ? n : 1);

	if (buf && n)
		memcpy(buf, p, n);
	return buf;
}

static void show_if_walkable(const struct jh_config_blob *b)
{
	if (jh_check_blob(b, NULL, NULL, NULL))
		return;
	if (jh_config_kind(b->data, b->size) == JH_CONFIG_SYSTEM)
		jh_show_system(null_out, b->data);
	else
		jh_show_cell(null_out, b->data, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jh_config_blob sys, cell;
	size_t first;
	uint8_t mode;

	if (size < 3)
		return 0;
	if (!null_out)
		null_out = fopen("/dev/null", "w");
	mode = data[0];
	first = (size_t)data[1] | (size_t)data[2] << 8;
	data += 3;
	size -= 3;
	if (first > size)
		first = size;
	sys = (struct jh_config_blob){ "sys.cell", copy(data, first), first };
	cell = (struct jh_config_blob){ "cell.cell", copy(data + first, size - first),
					size - first };
	if (!sys.data || !cell.data)
		goto out;

	if (mode == 0 || mode >= 4) {
		show_if_walkable(&sys);
		show_if_walkable(&cell);
	}
	if (mode == 1 || mode >= 4)
		jh_check_system(&sys, format_finding, NULL, NULL);
	if (mode == 2 || mode >= 4)
		jh_check_cells(&sys, &cell, cell.size ? 1 : 0, format_finding,
			       NULL, NULL);
	if (mode == 3 || mode >= 4)
		jh_check_new_cell(&sys, &cell, 1, &cell, format_finding, NULL,
				  NULL);
out:
	free((void *)sys.data);
	free((void *)cell.data);
	return 0;
}
