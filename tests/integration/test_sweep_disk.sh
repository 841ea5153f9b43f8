#!/usr/bin/env bash
# Sweeps that cannot report a wrong result: a run file damaged after its run (byte flip,
# truncation, removal, a status record without checksum) is marked failed by collect and rerun
# by the next sweep; on a full disk (a small tmpfs) the run that cannot be written is marked
# failed, no new run is started, the runs already done are kept, nothing temporary is left
# behind, and the sweep resumes once there is space.
#
# Usage: tests/integration/test_sweep_disk.sh path/to/localism   (run from anywhere)
# The full-disk cases are skipped (not failed) where a tmpfs cannot be mounted (needs root).
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
work=$(mktemp -d)
mounted=
cleanup() {
    [[ -n $mounted ]] && umount "$mounted"
    rm -rf "$work"
}
trap cleanup EXIT

csv_column() { awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$1"; }
status_of() { grep "^$2," "$1/manifest.csv" | cut -d, -f6; }  # status_of DIR RUN_ID
leftovers() { find "$1" -name '*.partial' -o -name '*.tmp*' | head -5; }

sed "s|base: ../base.yaml|base: $repo_root/scenarios/base.yaml|" scenarios/experiments/smoke.yaml \
    > "$work/smoke.yaml"

# --- damaged run files are not done
dir=$work/damage
"$localism" sweep "$work/smoke.yaml" -o "$dir" --quiet
check "sweep exits 0" $?
# The largest run file, before any is damaged: sizes the full disk below (run files grow as
# metrics are added, so the size is measured, not written down).
run_bytes=$(stat -c %s "$dir"/runs/*.h5 | sort -n | tail -1)
printf '\xff' | dd of="$dir/runs/centralised-r000.h5" bs=1 seek=5000 conv=notrunc status=none
truncate -s -100 "$dir/runs/centralised-r001.h5"
rm "$dir/runs/devolved-r000.h5"
printf 'wall_seconds 0.1\n' > "$dir/status/devolved-r001.ok"  # as written before checksums
out=$("$localism" collect "$dir" 2>&1)
rc=$?
statuses=$(csv_column "$dir/manifest.csv" status | sort | uniq -c | tr -s ' ' | tr '\n' ';')
check "collect marks 4 damaged runs failed and exits 1" \
    "$([[ $rc -eq 1 && $statuses == " 4 failed; 2 ok;" && $out == *"warning: 4 run file(s)"* ]]; echo $?)" \
    "rc=$rc statuses=$statuses out=$out"
check "the manifest says why: byte flip" \
    "$(grep '^centralised-r000,' "$dir/manifest.csv" | grep -q 'SHA-256 differs'; echo $?)"
check "the manifest says why: truncation" \
    "$(grep '^centralised-r001,' "$dir/manifest.csv" | grep -q 'bytes, but [0-9]* when the run finished'; echo $?)"
check "the manifest says why: missing file" \
    "$(grep '^devolved-r000,' "$dir/manifest.csv" | grep -q 'is missing'; echo $?)"
check "the manifest says why: record without checksum" \
    "$(grep '^devolved-r001,' "$dir/manifest.csv" | grep -q 'records no checksum'; echo $?)"
out=$("$localism" sweep "$work/smoke.yaml" -o "$dir" 2>&1)
rc=$?
oks=$(csv_column "$dir/manifest.csv" status | grep -c '^ok$')
check "resume reruns exactly the 4 damaged runs" \
    "$([[ $rc -eq 0 && $out == *"ran 4, failed 0, skipped 2"* && $oks -eq 6 ]]; echo $?)" "rc=$rc $out"

# --- full disk
mkdir -p "$work/disk"
# Room for three and a half run files: three fit, the fourth does not.
disk_kib=$((run_bytes * 7 / 2 / 1024 + 1))
if ! mount -t tmpfs -o size=${disk_kib}k tmpfs "$work/disk" 2>/dev/null; then
    echo "skip full disk: cannot mount a tmpfs here (needs root)"
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
fi
mounted=$work/disk
dir=$work/disk/sweep
out=$("$localism" sweep "$work/smoke.yaml" -o "$dir" --jobs 1 2>&1)
rc=$?
statuses=$(csv_column "$dir/manifest.csv" status | sort | uniq -c | tr -s ' ' | tr '\n' ';')
check "full disk: exit 1, 3 ok, 1 failed, 2 never started" \
    "$([[ $rc -eq 1 && $statuses == " 3 ok; 2 pending; 1 failed;" || $statuses == " 1 failed; 3 ok; 2 pending;" ]]; echo $?)" \
    "rc=$rc statuses=$statuses"
check "full disk: the sweep says it stopped, and why" \
    "$([[ $out == *"stopped starting runs after a write error"*"No space left on device"* ]]; echo $?)" "$out"
check "full disk: the write error is in the manifest" \
    "$(csv_column "$dir/manifest.csv" error | grep -q 'No space left on device'; echo $?)"
check "full disk: no .partial or temporary left" "$([[ -z $(leftovers "$dir") ]]; echo $?)" "$(leftovers "$dir")"
mount -o remount,size=4m "$work/disk"
out=$("$localism" sweep "$work/smoke.yaml" -o "$dir" --jobs 1 2>&1)
rc=$?
check "full disk: after freeing space the same command resumes, keeping the 3 done" \
    "$([[ $rc -eq 0 && $out == *"ran 3, failed 0, skipped 3"* && $out == *"6 ok"* ]]; echo $?)" "rc=$rc $out"
# A disk too full even for the manifest: collect fails cleanly and leaves no temporary.
rm "$dir/manifest.h5" "$dir/manifest.csv"
dd if=/dev/zero of="$work/disk/filler" bs=4k status=none 2>/dev/null
"$localism" collect "$dir" >/dev/null 2>"$work/collect.err"
rc=$?
check "full disk: collect exits 1 naming the manifest, no manifest temporary" \
    "$([[ $rc -eq 1 && ! -e $dir/manifest.h5.tmp && ! -e $dir/manifest.csv.tmp ]] && grep -q manifest "$work/collect.err"; echo $?)" \
    "rc=$rc $(head -c 300 "$work/collect.err"); $(ls "$dir")"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
