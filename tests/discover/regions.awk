# Prints "START SIZE" (hex) of every memory region in a config C source
# (jh's or Jailhouse's): a .phys_start line followed by a .size line. The
# hypervisor_memory block is not a region of the cell and is skipped.
/hypervisor_memory/ { skip = 1 }
/\.phys_start *=/ { v = $0; sub(/.*\.phys_start *= */, "", v); sub(/[,} ].*/, "", v); start = v }
/\.size *=/ && start != "" {
	v = $0; sub(/.*\.size *= */, "", v); sub(/[,} ].*/, "", v)
	if (!skip) print start, v
	start = ""; skip = 0
}
