#!/usr/bin/env bash
# Growing a sweep: more replicates or a new arm (one that `extends:` a scenario file) run only the
# new runs and leave every existing run file untouched; collect then lists every run with one
# param/ column per parameter that differs between arms. A changed base scenario, extended file,
# `set:` or fewer replicates is refused (exit 2) with what differs.
#
# Usage: tests/integration/test_sweep_grow.sh path/to/localism   (run from anywhere)
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir=$work/sweep
mkdir -p "$work/scen"

# csv_column FILE NAME: one column of a manifest.csv (no quoted commas in the columns we read).
csv_column() { awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$1"; }
# The experiment: REPLICATES, then optional extra arm lines and `set:` lines.
experiment() {
    cat <<YAML
name: grow
base: base.yaml
master_seed: 11
replicates: $1
set: {population.communities: 300, population.councils: 5, run.months: 12${3:+, $3}}
arms:
  centralised: {central.mode: centralised}
  devolved: {central.mode: devolved}
${2:-}
YAML
}
# base.yaml and the arm's scenario live next to the experiment; paths are relative to it.
printf 'extends: %s/scenarios/base.yaml\ncouncils: {outreach: 0.4}\n' "$repo_root" > "$work/base.yaml"
printf 'extends: %s/scenarios/devolved.yaml\ncouncils: {outreach: 0.8}\n' "$repo_root" > "$work/scen/strong.yaml"
strong_arm='  strong: {extends: scen/strong.yaml, set: {devolved.learning_ties_per_community: 5}}'
snapshot() { stat -c '%n %s %Y.%y' "$dir"/runs/*.h5 "$dir"/status/* | sort; }
count() { ls "$dir/$1" | grep -c "$2"; }

experiment 8 > "$work/exp.yaml"
"$localism" sweep "$work/exp.yaml" -o "$dir" --jobs 2 --quiet
check "first sweep: 2 arms x 8 replicates" "$([[ $? -eq 0 && $(count runs '\.h5$') -eq 16 ]]; echo $?)"
before=$(snapshot)

# --- 8 -> 10 replicates: exactly 2 x 2 arms new runs, the 16 old files untouched
experiment 10 > "$work/exp.yaml"
out=$("$localism" sweep "$work/exp.yaml" -o "$dir" --jobs 2 2>&1)
rc=$?
new_files=$(comm -13 <(echo "$before" | awk '{print $1}') <(snapshot | awk '{print $1}'))
new_runs=$(grep -c 'runs/.*\.h5$' <<<"$new_files")
new_oks=$(grep -c 'status/.*\.ok$' <<<"$new_files")
check "growing 8 -> 10 replicates runs exactly 4 new runs" \
    "$([[ $rc -eq 0 && $new_runs -eq 4 && $new_oks -eq 4 && $out == *"ran 4, failed 0, skipped 16 of 20"* ]]; echo $?)" \
    "rc=$rc new run files=$new_runs new .ok=$new_oks: $out"
check "the new runs are replicates 8 and 9 of each arm" \
    "$([[ $(grep -c -- '-r00[89]\.h5$' <<<"$new_files") -eq 4 ]]; echo $?)" "$new_files"
check "growth is announced" "$([[ $out == *"growing"*"replicates 8 -> 10"* ]]; echo $?)" "$out"
unchanged=$(comm -23 <(echo "$before") <(snapshot) | wc -l)
check "no existing run or status file changed" "$([[ $unchanged -eq 0 ]]; echo $?)" "$unchanged changed"
rows=$(($(wc -l < "$dir/manifest.csv") - 1))
oks=$(csv_column "$dir/manifest.csv" status | grep -c '^ok$')
check "manifest lists all 20 runs, ok" "$([[ $rows -eq 20 && $oks -eq 20 ]]; echo $?)" "rows=$rows ok=$oks"
seeds9=$(grep -- '-r009,' "$dir/manifest.csv" | cut -d, -f5 | sort -u | wc -l)
check "new replicates share seeds across arms (common random numbers)" "$([[ $seeds9 -eq 1 ]]; echo $?)"

# --- a new arm that extends a scenario file: only its 10 runs
before=$(snapshot)
experiment 10 "$strong_arm" > "$work/exp.yaml"
out=$("$localism" sweep "$work/exp.yaml" -o "$dir" --jobs 2 2>&1)
rc=$?
new_files=$(comm -13 <(echo "$before" | awk '{print $1}') <(snapshot | awk '{print $1}'))
new_runs=$(grep -c 'runs/.*\.h5$' <<<"$new_files")
strong_runs=$(grep -c 'runs/strong-r0[0-9][0-9]\.h5$' <<<"$new_files")
check "adding an arm runs only its 10 runs" \
    "$([[ $rc -eq 0 && $new_runs -eq 10 && $strong_runs -eq 10 && $out == *"skipped 20 of 30"* ]]; echo $?)" \
    "rc=$rc new=$new_runs strong=$strong_runs: $out"
check "design.yaml records the absolute extends path" \
    "$(grep -q "extends: $work/scen/strong.yaml" "$dir/design.yaml"; echo $?)" "$(cat "$dir/design.yaml")"

# --- collect after growth: every run, and one param/ column per parameter differing between arms
"$localism" collect "$dir" >/dev/null
check "collect after growth exits 0" $?
header=$(head -1 "$dir/manifest.csv")
rows=$(($(wc -l < "$dir/manifest.csv") - 1))
check "collect lists all 30 runs" "$([[ $rows -eq 30 ]]; echo $?)" "rows=$rows"
check "param columns: central.mode, councils.outreach, learning ties" \
    "$([[ $header == *"param/central.mode"* && $header == *"param/councils.outreach"* && $header == *"param/devolved.learning_ties_per_community"* ]]; echo $?)" "$header"
modes=$(paste -d: <(csv_column "$dir/manifest.csv" arm) <(csv_column "$dir/manifest.csv" param/central.mode) \
    <(csv_column "$dir/manifest.csv" param/councils.outreach) | sort -u | tr '\n' ' ')
check "each arm's effective values (set: over extends: over base)" \
    "$([[ $modes == "centralised:centralised:0.40000000000000002 devolved:devolved:0.40000000000000002 strong:devolved:0.80000000000000004 " ]]; echo $?)" "$modes"
check "no column for parameters all arms share" "$([[ $header != *"param/run.months"* && $header != *"param/run.seed"* ]]; echo $?)"

# --- anything else is refused, saying what differs; nothing is run
before=$(snapshot)
refused() {  # refused NAME EXPECTED-TEXT: the sweep exits 2, says EXPECTED-TEXT, runs nothing
    out=$("$localism" sweep "$work/exp.yaml" -o "$dir" --quiet 2>&1)
    local rc=$?
    check "$1 is refused" "$([[ $rc -eq 2 && $out == *"$2"* && $(snapshot) == "$before" ]]; echo $?)" "rc=$rc: $out"
}
experiment 9 "$strong_arm" > "$work/exp.yaml"
refused "fewer replicates" "replicates: 10 -> 9"
experiment 10 "$strong_arm" "need.growth_rate_per_month: 0.01" > "$work/exp.yaml"
refused "a changed set:" "set: need.growth_rate_per_month (not set) -> 0.01"
experiment 10 "$strong_arm" > "$work/exp.yaml"
sed -i 's/outreach: 0.4/outreach: 0.6/' "$work/base.yaml"
refused "a changed base scenario" "base.yaml changed since its runs were made: councils.outreach 0.4 -> 0.6"
sed -i 's/outreach: 0.6/outreach: 0.4/' "$work/base.yaml"
sed -i 's/outreach: 0.8/outreach: 0.9/' "$work/scen/strong.yaml"
refused "a changed extended scenario" "strong.yaml changed since its runs were made: councils.outreach 0.8 -> 0.9"
sed -i 's/outreach: 0.9/outreach: 0.8/' "$work/scen/strong.yaml"
"$localism" sweep "$work/exp.yaml" -o "$dir" --quiet
check "restored files: the sweep is complete again" $?

# --- design checks: odd Morris levels are refused; a Sobol n not a power of two only warns
design() {  # design METHOD N [LEVELS]: a one-parameter sample design into $work/design.yaml
    printf 'name: d\nbase: base.yaml\nmaster_seed: 1\nset: {population.communities: 200, population.councils: 4, run.months: 6}\nsample:\n  method: %s\n  n: %s\n%b  parameters: {councils.outreach: [0.1, 0.9]}\n' \
        "$1" "$2" "${3:+  levels: $3\n}" > "$work/design.yaml"
}
design morris 2 5
out=$("$localism" sweep "$work/design.yaml" -o "$work/morris" --quiet 2>&1)
rc=$?
check "Morris with 5 levels: exit 2 naming sample.levels, nothing written" \
    "$([[ $rc -eq 2 && $out == *"design.yaml:8:"*"sample.levels"*"must be even"* && ! -e $work/morris ]]; echo $?)" "rc=$rc: $out"
design sobol 3
out=$("$localism" sweep "$work/design.yaml" -o "$work/sobol" --quiet 2>&1)
rc=$?
runs=$(ls "$work/sobol/runs" 2>/dev/null | grep -c '\.h5$')
check "Sobol n = 3: a warning naming sample.n, and the sweep runs its 9 runs" \
    "$([[ $rc -eq 0 && $out == *"warning: \`sample.n\`"*"not a power of two"*"use 2 or 4"* && $runs -eq 9 ]]; echo $?)" "rc=$rc runs=$runs: $out"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
