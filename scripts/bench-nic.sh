#!/bin/sh
# bench-nic.sh [PINGS]: the round trip of inmates/demos/e1000-demo.c's
# ICMP echo requests to Bochs' vnet host (192.168.10.1), from the TDT write
# that sends one to the entry of the NIC interrupt (INTx through the
# IOAPIC) that brings its reply, in emulated TSC cycles; PINGS (default
# 300) every 20 ms. The same Bochs machine (two e1000s, the second on
# vnet) twice:
#   1. in the RT cell of the 2-CPU machine (tests/emu/scenarios/nic-bench.sh:
#      jh-plan --rt-devices gives the cell CPU 1 and the NIC), with the
#      cell's VM exits counted over 2 s in the middle of the pings;
#   2. bare (no hypervisor), the demo booted through multiboot on CPU 0 of
#      the same 2-CPU machine (Bochs fires device timers between its CPUs'
#      instruction quanta: with 1 CPU the same round trip reads 4 more).
# Prints
#   bench rt_nic_cell_vmexits_per_s <n>
#   bench rt_nic_rtt_cycles cell p50=<n> p99=<n> max=<n>
#   bench rt_nic_rtt_cycles bare p50=<n> p99=<n> max=<n>
# Needs `make` first. Logs: build/e2e/bench-nic-cell/, build/e2e/bench-nic-bare/
cd "$(dirname "$0")/.." || exit 2
pings=${1:-300}
interval_ms=20
# the bare run's DMA memory: free RAM above the multiboot image
bare_dma=0x1000000
# the second e1000 (slot 2, on vnet), as the cell gets it
bare_bdf=0x18
export EMU_BOCHS_NICS=2 EMU_BOCHS_VNET_SLOT=2

case $pings in
""|*[!0-9]*|0) echo "bench-nic.sh: PINGS '$pings': give a positive number of pings" >&2; exit 2 ;;
esac
if [ ! -f build/inmates/e1000-demo.bin ]; then
	echo "bench-nic.sh: build/inmates/e1000-demo.bin is missing; run make first" >&2
	exit 1
fi
mkdir -p build/e2e

# rtt_line WHERE LOG: the demo's summary as a bench line; at most 1 in 100
# replies may be missing (a lost frame is Bochs', not the path's)
rtt_line()
{
	line=$(tr -d '\r' < "$2" 2>/dev/null | grep '^rtt p50=' | tail -n 1)
	set -- "$1" "$2" $(echo "$line" |
		sed -n 's/^rtt p50=\([0-9]*\) p99=\([0-9]*\) max=\([0-9]*\) samples=\([0-9]*\)$/\1 \2 \3 \4/p')
	if [ $# -ne 6 ] || [ $(($6 * 100)) -lt $((pings * 99)) ]; then
		echo "bench-nic.sh: no rtt line with $pings samples (99% at least) in $2 (got '$line')" >&2
		return 1
	fi
	echo "bench rt_nic_rtt_cycles $1 p50=$3 p99=$4 max=$5"
}

rc=0
# a failed check (exits in the cell's steady state, say) fails the script,
# but the figures the run produced are printed all the same
dir=build/e2e/bench-nic-cell
if ! tests/emu/run-bochs.sh --cpus 2 --scenario tests/emu/scenarios/nic-bench.sh \
	--cmdline "jh_nic_pings=$pings jh_nic_interval_ms=$interval_ms" \
	--name bench-nic-cell --timeout 1200 > build/e2e/.bench-nic-cell.tap 2>&1; then
	echo "bench-nic.sh: the cell run failed:" >&2
	cat build/e2e/.bench-nic-cell.tap >&2
	rc=1
fi
tr -d '\r' < "$dir/serial.log" 2>/dev/null |
	sed -n 's/^JH-BENCH: rt_nic_cell_vmexits \([0-9]*\) \([1-9][0-9]*\)$/\1 \2/p' |
	while read -r n s; do echo "bench rt_nic_cell_vmexits_per_s $((n / s))"; done
rtt_line cell "$dir/serial2.log" || rc=1

dir=build/e2e/bench-nic-bare
if tests/emu/run-bochs.sh --cpus 2 --multiboot build/inmates/e1000-demo.bin \
	--args "bdf=$bare_bdf dma=$bare_dma count=$pings interval_ms=$interval_ms" \
	--name bench-nic-bare --timeout 900 --stop-on ': finished \(status' \
	> build/e2e/.bench-nic-bare.tap 2>&1; then
	rtt_line bare "$dir/serial.log" || rc=1
else
	echo "bench-nic.sh: the bare run failed:" >&2
	cat build/e2e/.bench-nic-bare.tap >&2
	rc=1
fi
exit $rc
