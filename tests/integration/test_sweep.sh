#!/usr/bin/env bash
# End-to-end checks of experiments: plan, a local sweep with --jobs, skipping complete runs,
# resuming after kill -9, a failing arm, a bad experiment file, MPI (same files as the local
# sweep) and Slurm shards through scripts/slurm (same manifest metrics).
#
# Usage: tests/integration/test_sweep.sh path/to/localism   (run from anywhere)
# MPI and Slurm cases are skipped (not failed) when mpirun / Slurm / root are unavailable.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
require_tools h5diff h5ls
work=$(mktemp -d)
background_pid=
cluster_state=
cleanup() {
    [[ -n $background_pid ]] && kill -KILL "$background_pid" 2>/dev/null
    [[ -n $cluster_state ]] && scripts/slurm/local_cluster.sh stop "$cluster_state" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

skip() { echo "skip $1: $2"; }

smoke=scenarios/experiments/smoke.yaml
# csv_column FILE NAME: one column of a manifest.csv (no quoted commas in the columns we read).
csv_column() { awk -F, -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }' "$1"; }
# metrics_of FILE: the manifest without wall_seconds (which differs between machines and runs).
metrics_of() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "wall_seconds") w = i } { $w = ""; print }' OFS=, "$1"; }
all_open() {  # every run file opens as HDF5
    local f
    for f in "$1"/runs/*.h5; do h5ls "$f" >/dev/null 2>&1 || return 1; done
}
same_run_files() {  # same_run_files DIR_A DIR_B: identical datasets in every run file
    # Object by object, because the root attributes are per-invocation provenance (created,
    # threads) that may legitimately differ; every dataset and its attributes must match.
    local f object
    for f in "$1"/runs/*.h5; do
        for object in $(h5ls "$f" | awk '{ print $1 }'); do
            h5diff "$f" "$2/runs/$(basename "$f")" "/$object" "/$object" >/dev/null 2>&1 || return 1
        done
    done
    [[ $(ls "$1/runs" | wc -l) -eq $(ls "$2/runs" | wc -l) ]]
}

# --- plan
out=$("$localism" plan "$smoke" 2>&1)
check "plan prints runs, arms and estimates" \
    "$([[ $out == *"runs: 6 = 2 arm(s)"* && $out == *"estimated compute"* && $out == *"estimated disk"* ]]; echo $?)" "$out"

# --- local sweep
local_dir=$work/local
"$localism" sweep "$smoke" -o "$local_dir" --jobs 2 --quiet
check "local sweep --jobs 2 exits 0" $?
rows=$(($(wc -l < "$local_dir/manifest.csv") - 1))
oks=$(csv_column "$local_dir/manifest.csv" status | grep -c '^ok$')
check "manifest has 6 ok rows" "$([[ $rows -eq 6 && $oks -eq 6 && -f $local_dir/manifest.h5 ]]; echo $?)" "rows=$rows ok=$oks"
seeds_c=$(grep '^centralised-' "$local_dir/manifest.csv" | cut -d, -f5 | tr '\n' ' ')
seeds_d=$(grep '^devolved-' "$local_dir/manifest.csv" | cut -d, -f5 | tr '\n' ' ')
check "arms share seeds per replicate (common random numbers)" "$([[ $seeds_c == "$seeds_d" ]]; echo $?)"
check "design.yaml written" "$(grep -q '^base: /' "$local_dir/design.yaml"; echo $?)"

# --- rerun skips everything and modifies no run file
before=$(stat -c '%n %Y.%y' "$local_dir"/runs/* "$local_dir"/status/* | md5sum)
start=$(date +%s%N)
out=$("$localism" sweep "$smoke" -o "$local_dir" --jobs 2 2>&1)
rc=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
after=$(stat -c '%n %Y.%y' "$local_dir"/runs/* "$local_dir"/status/* | md5sum)
check "rerun skips all runs" "$([[ $rc -eq 0 && $out == *"ran 0, failed 0, skipped 6"* ]]; echo $?)" "$out"
check "rerun modifies no run or status file (${elapsed_ms} ms)" "$([[ $before == "$after" ]]; echo $?)"

# --- a different experiment into the same directory is refused
sed 's/master_seed: 7/master_seed: 8/' "$smoke" > "$work/other.yaml"
sed -i "s|base: ../base.yaml|base: $repo_root/scenarios/base.yaml|" "$work/other.yaml"
"$localism" sweep "$work/other.yaml" -o "$local_dir" --quiet 2>/dev/null
check "a different experiment into the same directory exits 2" "$([[ $? -eq 2 ]]; echo $?)"

# --- resume after kill -9
cat > "$work/resume.yaml" <<YAML
name: resume
base: $repo_root/scenarios/base.yaml
master_seed: 5
replicates: 6
set: {population.communities: 20000, run.months: 120}
arms:
  centralised: {central.mode: centralised}
  devolved: {central.mode: devolved}
YAML
# Starts the resume experiment into DIR in the background (pid in background_pid) and waits,
# at most 30 s, until N run files are complete.
start_sweep_until_runs() {  # start_sweep_until_runs DIR N
    "$localism" sweep "$work/resume.yaml" -o "$1" --jobs 2 --quiet 2>/dev/null &
    background_pid=$!
    for _ in $(seq 1 600); do
        [[ $(ls "$1/runs" 2>/dev/null | grep -c '\.h5$') -ge $2 ]] && break
        sleep 0.05
    done
}
resume_dir=$work/resume
start_sweep_until_runs "$resume_dir" 3
kill -KILL "$background_pid" 2>/dev/null
wait "$background_pid" 2>/dev/null
background_pid=
# Done means recorded (status/<id>.ok with the file's checksum): a file renamed into place just
# before the kill has no record yet and is rerun.
done_before=$(ls "$resume_dir/status" | grep -c '\.ok$')
check "kill -9 part-way left some but not all runs ($done_before of 12)" \
    "$([[ $done_before -ge 1 && $done_before -lt 12 ]]; echo $?)"
out=$("$localism" sweep "$work/resume.yaml" -o "$resume_dir" --jobs 2 2>&1)
rc=$?
complete=$(ls "$resume_dir/runs" | grep -c '\.h5$')
partials=$(ls "$resume_dir/runs" | grep -c 'partial')
ids=$(csv_column "$resume_dir/manifest.csv" run_id | sort | uniq -d | wc -l)
check "resume completes exactly the 12 runs" "$([[ $rc -eq 0 && $complete -eq 12 && $partials -eq 0 && $ids -eq 0 ]]; echo $?)" \
    "rc=$rc complete=$complete partials=$partials duplicates=$ids"
check "resume skipped the runs done before the kill" "$([[ $out == *"skipped $done_before "* ]]; echo $?)" "$out"
all_open "$resume_dir"
check "every resumed run file opens" $?

# --- Ctrl-C stops between months, leaves no partial file, and the sweep resumes
int_dir=$work/interrupt
start_sweep_until_runs "$int_dir" 2
kill -INT "$background_pid" 2>/dev/null
wait "$background_pid"
rc=$?
background_pid=
partials=$(ls "$int_dir/runs" | grep -c 'partial')
check "Ctrl-C exits 130 and leaves no .partial" "$([[ $rc -eq 130 && $partials -eq 0 ]]; echo $?)" "rc=$rc partials=$partials"
"$localism" collect "$int_dir" >/dev/null
pending=$(csv_column "$int_dir/manifest.csv" status | grep -c '^pending$')
check "collect marks the runs not yet done as pending" "$([[ $pending -ge 1 ]]; echo $?)" "pending=$pending"
"$localism" collect "$work/not_a_sweep" >/dev/null 2>&1
check "collect of a directory without design.yaml exits 2" "$([[ $? -eq 2 ]]; echo $?)"

# --- a failing arm does not stop the others
sed -e 's|base: ../base.yaml|base: '"$repo_root"'/scenarios/base.yaml|' "$smoke" > "$work/failing.yaml"
printf '  too_many_councils: {population.councils: 600}\n' >> "$work/failing.yaml"
fail_dir=$work/failing
"$localism" sweep "$work/failing.yaml" -o "$fail_dir" --jobs 2 --quiet 2>/dev/null
rc=$?
statuses=$(csv_column "$fail_dir/manifest.csv" status | sort | uniq -c | tr -s ' ' | tr '\n' ';')
check "failing arm: exit code 1, 6 ok and 3 failed" "$([[ $rc -eq 1 && $statuses == " 3 failed; 6 ok;" ]]; echo $?)" \
    "rc=$rc statuses=$statuses"
check "failure message in the manifest" \
    "$(grep '^too_many_councils-r000' "$fail_dir/manifest.csv" | grep -q 'more councils than communities'; echo $?)"
"$localism" sweep "$work/failing.yaml" -o "$fail_dir" --retry-failed --quiet 2>/dev/null
check "--retry-failed reruns the failed runs (and they fail again)" "$([[ $? -eq 1 ]]; echo $?)"

# --- a bad experiment file is rejected before anything runs
printf 'name: bad\nbase: %s\nmaster_seed: 1\narms:\n  a: {councils.outreech: 0.5}\n' \
    "$repo_root/scenarios/base.yaml" > "$work/bad.yaml"
out=$("$localism" sweep "$work/bad.yaml" -o "$work/bad" 2>&1)
rc=$?
check "bad experiment: exit 2, file:line, did-you-mean, nothing written" \
    "$([[ $rc -eq 2 && $out == *"bad.yaml:5:"* && $out == *"councils.outreach"* && ! -e $work/bad ]]; echo $?)" "$out"

# --- MPI: same run files and metrics as the local sweep
if command -v mpirun >/dev/null; then
    mpi_dir=$work/mpi
    mpirun --allow-run-as-root --oversubscribe -np 3 "$localism" sweep "$smoke" -o "$mpi_dir" --quiet >/dev/null 2>&1
    check "mpirun -np 3 sweep exits 0" $?
    same_run_files "$local_dir" "$mpi_dir"
    check "MPI run files identical to the local ones (h5diff)" $?
    cmp -s <(metrics_of "$local_dir/manifest.csv") <(metrics_of "$mpi_dir/manifest.csv")
    check "MPI manifest equals the local one (without wall_seconds)" $?
else
    skip "MPI" "mpirun not found"
fi

# --- Slurm: three shards and a collect job on a throwaway local cluster
if [[ $(id -u) -eq 0 ]] && command -v slurmctld >/dev/null && command -v munged >/dev/null; then
    cluster_state=$work/slurm-state
    export LOCALISM_SLURM_PORT=${LOCALISM_SLURM_PORT:-6917}
    if conf=$(scripts/slurm/local_cluster.sh start "$cluster_state" 2>"$work/cluster.log"); then
        eval "$conf"
        slurm_dir=$work/slurm
        scripts/slurm/submit.sh "$smoke" "$slurm_dir" --shards 3 --localism "$localism" --wait >"$work/submit.log" 2>&1
        check "Slurm submit.sh --shards 3 --wait succeeds" $? "$(tail -3 "$work/submit.log")"
        cmp -s <(metrics_of "$local_dir/manifest.csv") <(metrics_of "$slurm_dir/manifest.csv")
        check "Slurm manifest equals the local one (without wall_seconds)" $?
        same_run_files "$local_dir" "$slurm_dir"
        check "Slurm run files identical to the local ones (h5diff)" $?
    else
        check "local Slurm cluster starts" 1 "$(tail -3 "$work/cluster.log")"
    fi
else
    skip "Slurm" "needs root, slurmctld and munged"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
