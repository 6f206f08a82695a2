// SPDX-License-Identifier: GPL-2.0
/* SLIT: the node distance matrix. */
#include <stdlib.h>
#include <string.h>

#include "acpi.h"

void acpi_parse_slit(struct machine *m, const struct acpi_table *t)
{
	uint64_t n;

	if (t->len < 44) {
		dsc_warn(m, "SLIT", t->len, "table ends before the locality count");
		return;
	}
	n = rd64(t->data + 36);
	if (n == 0 || n > 256 || 44 + n * n > t->len) {
		dsc_warn(m, "SLIT", 36,
			 "%llu localities need %llu bytes of matrix, the table has %u; ignored",
			 (unsigned long long)n,
			 (unsigned long long)(n <= 256 ? n * n : 0), t->len - 44);
		return;
	}
	free(m->slit);
	m->slit = malloc(n * n);
	if (!m->slit)
		return;
	memcpy(m->slit, t->data + 44, n * n);
	m->slit_nodes = n;
}
