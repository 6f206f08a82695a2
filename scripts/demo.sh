#!/bin/sh
# The README's main command (make demo): installs what is missing, builds
# everything, boots the Bochs machine (2 CPUs, VMX) and runs the demo
# scenario tests/emu/scenarios/demo.sh in it: jh-discover, jh-plan
# --rt-cpus 1, jh enable, an RT cell running apic-demo, jh cell stats,
# shutdown, jh disable. Streams the story to the terminal; the full logs
# stay in build/e2e/demo/.
#   DEMO_CPUS=N   Bochs CPUs (default 2)
cd "$(dirname "$0")/.." || exit 2
. tests/emu/lib.sh

echo "demo: installing missing Debian packages (scripts/install-deps.sh)"
scripts/install-deps.sh || emu_die "installing the dependencies failed"
echo "demo: building everything (make -j2)"
mkdir -p build
if ! make -k -s -j2 all >build/demo-build.log 2>&1; then
	grep -E 'error|Error' build/demo-build.log | head -n 10 | sed 's/^/  | /'
	echo "demo: warning: part of the build failed (full log: build/demo-build.log);" \
		"going on with what was built"
fi
echo "demo: guest kernel (built once, about 7 minutes, then cached)"
emu_kernel_dir >/dev/null || exit 1

DIR=build/e2e/demo
rm -rf "$DIR"
echo "demo: booting Bochs (VMX, ${DEMO_CPUS:-2} CPUs); this takes a minute or two"
echo
tests/emu/run-bochs.sh --scenario tests/emu/scenarios/demo.sh --cpus "${DEMO_CPUS:-2}" \
	--name demo --timeout 900 > build/demo-result.txt 2>&1 &
run=$!
# the narrative from COM1, the cell's own UART (COM2) beside it; tail
# --pid ends with the run
sleep 2
tail -n +1 -F --pid=$run "$DIR/serial.log" 2>/dev/null | sed -un \
	-e 's/\r$//' \
	-e 's/^JH-DEMO: \{0,1\}//p' \
	-e 's/^JH-TAP: not ok [0-9]* - /  [FAILED] /p' \
	-e 's/^JH-TAP: ok [0-9]* - \(.*\) # SKIP /  [skipped] \1: /p' \
	-e 's/^JH-TAP: ok [0-9]* - /  [ok] /p' \
	-e '/Kernel panic\|BUG:\|Oops/p' &
tail -n +1 -F --pid=$run "$DIR/serial2.log" 2>/dev/null | sed -u -e 's/\r$//' -e 's/^/  [rt cell] /' &
wait $run
status=$?
wait
echo
grep -E '^(not ok|# )' build/demo-result.txt
if [ $status -eq 0 ]; then
	echo "demo: finished; everything that exists worked"
else
	echo "demo: something failed (the [FAILED] lines above)"
fi
echo "demo: full logs in $DIR/: serial.log (Linux + hypervisor console)," \
	"serial2.log (the RT cell's UART), bochs.log; build log build/demo-build.log"
exit $status
