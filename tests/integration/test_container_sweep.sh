#!/usr/bin/env bash
# Sweeps at scale (issue 17): the summary output level and shard containers. Checks that a
# container sweep gives the same manifest metrics as the file layout, that summary and full
# runs give the same manifest rows, that collect takes the values recorded in the index lines
# (the same manifest as reading the pack; a damaged line is redone), that a sweep killed with
# SIGKILL and resumed gives exactly the uninterrupted result, that a damaged container entry is
# reported and rerun, and that a container sweep leaves a handful of files. Test-sized: 600
# tiny runs (about 20-70 s).
#
# Usage: tests/integration/test_container_sweep.sh path/to/localism
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
work=$(mktemp -d)
background_pid=
cleanup() {
    [[ -n $background_pid ]] && kill -KILL "$background_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
# Staging files of the container writers go to TMPDIR: keep them inside this test's directory.
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"

# metrics_of FILE: run ids, status and metric columns of a manifest.csv (not wall_seconds, and
# not output, which names the container entry).
metrics_of() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_seconds" || $i == "output") drop[i] = 1 }
             { line = ""; for (i = 1; i <= NF; i++) if (!drop[i]) line = line $i ","; print line }' "$1"
}
experiment() {  # experiment NAME LEVEL REPLICATES
    cat > "$work/$1.yaml" <<YAML
name: $1
base: $repo_root/scenarios/base.yaml
master_seed: 3
replicates: $3
set: {population.communities: 20, population.councils: 2, run.months: 18, output.level: $2}
arms:
  centralised: {central.mode: centralised, centralised.pilot_areas: 2}
  devolved: {central.mode: devolved}
YAML
}
experiment tiny summary 300
experiment tiny_full full 300

"$localism" sweep "$work/tiny.yaml" -o "$work/files" --jobs 2 --quiet 2>/dev/null
check "file-layout sweep of 600 runs" $?
"$localism" sweep "$work/tiny.yaml" -o "$work/packed" --jobs 2 --layout container --quiet 2>/dev/null
check "container sweep of 600 runs" $?
diff <(metrics_of "$work/files/manifest.csv") <(metrics_of "$work/packed/manifest.csv") > /dev/null
check "container and file layouts give the same manifest metrics" $?
files=$(find "$work/packed" -type f | wc -l)
check "the container sweep left a handful of files ($files)" "$([[ $files -le 8 ]]; echo $?)"
[[ ! -d $work/packed/runs ]]
check "no runs/ directory in the container layout" $?

"$localism" sweep "$work/tiny_full.yaml" -o "$work/full" --jobs 2 --quiet 2>/dev/null
check "full-level sweep" $?
diff <(metrics_of "$work/files/manifest.csv" | cut -d, -f2-) <(metrics_of "$work/full/manifest.csv" | cut -d, -f2-) > /dev/null
check "summary and full output levels give the same manifest metrics" $?
small=$(du -sk "$work/files/runs" | cut -f1); big=$(du -sk "$work/full/runs" | cut -f1)
check "summary run files are smaller (${small} KB vs ${big} KB)" "$([[ $small -lt $big ]]; echo $?)"

# --- the manifest values ride in the index lines: collect from them is byte for byte collect from
# the pack (a copy whose lines keep only the first six fields, as a run whose values could not be
# read back is recorded)
lines=$(cat "$work"/packed/shards/*.idx | wc -l)
with_values=$(cat "$work"/packed/shards/*.idx | grep -c ' metrics=[0-9a-f]\{16\} .* line=[0-9a-f]\{16\}$')
check "every index line carries the manifest values ($with_values of $lines)" "$([[ $with_values -eq $lines ]]; echo $?)"
mkdir -p "$work/bare/shards"
cp -r "$work/packed/design.yaml" "$work/packed/inputs.yaml" "$work/packed/status" "$work/bare/"
for idx in "$work"/packed/shards/*.idx; do
    cp "${idx%.idx}.pack" "$work/bare/shards/"
    cut -d' ' -f1-6 "$idx" > "$work/bare/shards/$(basename "$idx")"
done
"$localism" collect "$work/packed" > /dev/null 2>&1 && "$localism" collect "$work/bare" > /dev/null 2>&1
check "collect of lines without values exits 0" $?
cmp -s "$work/packed/manifest.csv" "$work/bare/manifest.csv"
check "manifest.csv from index values is byte for byte the one read from the pack" $?
if command -v h5diff > /dev/null; then
    h5diff -q "$work/packed/manifest.h5" "$work/bare/manifest.h5"
    check "manifest.h5 from index values has the content of the one read from the pack" $?
fi
# A damaged index line (a digit added to its last value) fails its tag: the run is redone, not
# reported with a wrong value.
sed -n 5p "$work/packed/shards/shard-00000.idx" > "$work/line5"
read -r damaged_id _ < "$work/line5"
cp -r "$work/packed" "$work/relined"
awk 'NR == 5 { sub(/ line=/, "1 line=") } { print }' "$work/packed/shards/shard-00000.idx" > "$work/relined/shards/shard-00000.idx"
out=$("$localism" collect "$work/relined" 2>&1)
check "collect lists the run of a damaged index line as pending" "$([[ $out == *"1 pending"* ]]; echo $?)" "$out"
out=$("$localism" sweep "$work/tiny.yaml" -o "$work/relined" --jobs 2 2>&1)
check "the next sweep redoes only that run ($damaged_id)" "$([[ $out == *"ran 1,"* ]]; echo $?)" "$out"
diff <(metrics_of "$work/files/manifest.csv") <(metrics_of "$work/relined/manifest.csv") > /dev/null
check "after redoing it the manifest is as before" $?

# --- SIGKILL part-way, then resume: exactly the uninterrupted result
"$localism" sweep "$work/tiny.yaml" -o "$work/killed" --jobs 2 --layout container --quiet 2>/dev/null &
background_pid=$!
for _ in $(seq 1 400); do
    [[ $(cat "$work"/killed/shards/*.idx 2>/dev/null | wc -l) -ge 100 ]] && break
    sleep 0.02
done
kill -KILL "$background_pid" 2>/dev/null
wait "$background_pid" 2>/dev/null
killed_pid=$background_pid
background_pid=
before=$(cat "$work"/killed/shards/*.idx | wc -l)
check "SIGKILL part-way left some but not all runs ($before of 600)" "$([[ $before -ge 1 && $before -lt 600 ]]; echo $?)"
out=$("$localism" sweep "$work/tiny.yaml" -o "$work/killed" --jobs 2 2>&1)
check "resume after SIGKILL exits 0" $? "$out"
check "resume skipped the runs recorded before the kill" "$([[ $out == *"skipped $before "* ]]; echo $?)" "$out"
[[ ! -e $TMPDIR/localism-shard-00000-$killed_pid ]]
check "the resume removed the killed sweep's staging directory" $?
diff <(metrics_of "$work/files/manifest.csv") <(metrics_of "$work/killed/manifest.csv") > /dev/null
check "killed and resumed container sweep gives exactly the same manifest" $?

# --- a damaged entry: reported by collect, rerun by the next sweep
line=$(sed -n 7p "$work/packed/shards/shard-00000.idx")
read -r id _ offset bytes _ <<< "$line"
printf '\xff\xfe\xfd\xfc' | dd of="$work/packed/shards/shard-00000.pack" bs=1 seek=$((offset + bytes / 2)) conv=notrunc status=none
out=$("$localism" collect "$work/packed" 2>&1)
check "collect exits 1 on a damaged entry" "$([[ $? -eq 1 ]]; echo $?)" "$out"
check "collect names the damaged run" "$([[ $out == *"$id"* && $out == *"SHA-256"* ]]; echo $?)" "$out"
out=$("$localism" sweep "$work/tiny.yaml" -o "$work/packed" --jobs 2 2>&1)
check "the next sweep reruns only the damaged run" "$([[ $out == *"ran 1,"* ]]; echo $?)" "$out"
diff <(metrics_of "$work/files/manifest.csv") <(metrics_of "$work/packed/manifest.csv") > /dev/null
check "after the rerun the manifest is as before" $?

# --- analysis readers open container entries and summary files
/usr/bin/python3 - "$work/packed" <<'PY'
import sys
sys.path.insert(0, ".")
from analysis import io
sweep = io.load_sweep(sys.argv[1])
path = io.first_run_path(sweep)
assert path is not None and io.output_level(path) == "summary", path
final = io.read_final(path)
row = sweep.ok_runs().iloc[0]
assert abs(final["final_total_need"] - row["final_total_need"]) <= 1e-9 * abs(row["final_total_need"])
frame, missing = io.read_national(path, ["total_need", "need_reduced"])
assert list(frame.index) == [12, 18] and not missing, (frame.index, missing)
PY
check "analysis.io reads a container entry at the summary level" $?

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
