#!/usr/bin/env bash
# End-to-end checks of the localism command line: exit codes, refusing to overwrite,
# reproducibility (describe -> run, same seed, different seed), summary, the generated
# parameter table and a clean stop on Ctrl-C.
#
# Usage: tests/integration/test_cli.sh path/to/localism   (run from anywhere)
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
require_tools h5diff md5sum
work=$(mktemp -d)
background_pid=
mounted=
cleanup() {
    [[ -n $background_pid ]] && kill -KILL "$background_pid" 2>/dev/null
    [[ -n $mounted ]] && umount "$mounted"
    rm -rf "$work"
}
trap cleanup EXIT

small=(--set run.months=24 --set population.communities=2000 --set population.councils=10)
scenario=scenarios/devolved.yaml

# run_cli NAME ARGS...: runs localism, leaving stdout/stderr in $work/NAME.{out,err}, sets rc.
run_cli() {
    local name=$1
    shift
    "$localism" "$@" >"$work/$name.out" 2>"$work/$name.err"
    rc=$?
}

# same_datasets A B: every dataset equal value for value; root attributes (creation time,
# scenario text as given) are allowed to differ.
same_datasets() {
    h5diff --exclude-attribute / "$1" "$2" >"$work/h5diff.out" 2>&1
}

# --- version and help --------------------------------------------------------------------
run_cli version --version
[[ $rc -eq 0 ]] && grep -qE '^localism [0-9]+\.[0-9]+\.[0-9]+' "$work/version.out"
check version $? "exit $rc, stdout: $(head -c 200 "$work/version.out")"

run_cli help --help
[[ $rc -eq 0 ]] && grep -q 'Subcommands:' "$work/help.out" && grep -q 'run' "$work/help.out"
check help $? "exit $rc"

run_cli no_subcommand
[[ $rc -eq 2 ]]
check no_subcommand_exits_2 $? "exit $rc"

# --- run, refuse to overwrite, --force -----------------------------------------------------
out="$work/first.h5"
run_cli run run "$scenario" -o "$out" --quiet "${small[@]}"
[[ $rc -eq 0 ]] && grep -q '^done: ' "$work/run.out" && [[ -s $out && ! -e $out.partial ]]
check run_small_devolved $? "exit $rc, stdout: $(head -c 300 "$work/run.out") stderr: $(head -c 300 "$work/run.err")"

checksum=$(md5sum <"$out")
run_cli rerun run "$scenario" -o "$out" --quiet "${small[@]}"
[[ $rc -eq 2 ]] && grep -q -- '--force' "$work/rerun.err" && [[ $(md5sum <"$out") == "$checksum" ]]
check rerun_without_force_refused $? "exit $rc, stderr: $(head -c 300 "$work/rerun.err")"

run_cli force run "$scenario" -o "$out" --quiet --force "${small[@]}"
[[ $rc -eq 0 ]] && grep -q '^done: ' "$work/force.out" && [[ -s $out && ! -e $out.partial ]]
check rerun_with_force $? "exit $rc, stderr: $(head -c 300 "$work/force.err")"

# --- validate ----------------------------------------------------------------------------
for shipped in scenarios/*.yaml; do
    run_cli validate validate "$shipped"
    [[ $rc -eq 0 ]] && grep -q ': ok' "$work/validate.out"
    check "validate_ok_$(basename "$shipped" .yaml)" $? "exit $rc, stderr: $(head -c 300 "$work/validate.err")"
done

run_cli validate_bad validate tests/data/bad/unknown_nested_key.yaml
[[ $rc -eq 2 ]] && grep -q 'did you mean `councils.outreach`' "$work/validate_bad.err"
check validate_bad $? "exit $rc, stderr: $(head -c 300 "$work/validate_bad.err")"

# --- reproducibility ---------------------------------------------------------------------
run_cli describe describe "$scenario" "${small[@]}"
cp "$work/describe.out" "$work/resolved.yaml"
run_cli resolved run "$work/resolved.yaml" -o "$work/resolved.h5" --quiet
[[ $rc -eq 0 ]] && same_datasets "$out" "$work/resolved.h5"
check describe_roundtrip_bit_identical $? "exit $rc, h5diff: $(head -c 300 "$work/h5diff.out")"

run_cli seed1 run "$scenario" -o "$work/seed1.h5" --quiet --seed 1 "${small[@]}"
[[ $rc -eq 0 ]] && same_datasets "$out" "$work/seed1.h5"
check same_seed_bit_identical $? "exit $rc, h5diff: $(head -c 300 "$work/h5diff.out")"

run_cli threads1 run "$scenario" -o "$work/threads1.h5" --quiet --threads 1 "${small[@]}"
[[ $rc -eq 0 ]] && same_datasets "$out" "$work/threads1.h5"
check one_thread_bit_identical $? "exit $rc, h5diff: $(head -c 300 "$work/h5diff.out")"

run_cli seed2 run "$scenario" -o "$work/seed2.h5" --quiet --seed 2 "${small[@]}"
same_datasets "$out" "$work/seed2.h5"
diff_rc=$?
[[ $rc -eq 0 && $diff_rc -eq 1 ]] && grep -q 'differences found' "$work/h5diff.out"
check different_seed_differs $? "run exit $rc, h5diff exit $diff_rc"

# --- summary -----------------------------------------------------------------------------
run_cli summary summary "$out"
[[ $rc -eq 0 ]] && grep -q 'devolved' "$work/summary.out" && grep -q 'money_held_gbp' "$work/summary.out"
check summary_of_run_file $? "exit $rc, stderr: $(head -c 300 "$work/summary.err")"

run_cli summary_bad summary "$scenario"
[[ $rc -eq 2 ]] && grep -q 'not an HDF5 file' "$work/summary_bad.err"
check summary_of_non_hdf5_exits_2 $? "exit $rc, stderr: $(head -c 300 "$work/summary_bad.err")"

run_cli summary_missing summary "$work/no_such_file.h5"
[[ $rc -eq 2 ]]
check summary_of_missing_file_exits_2 $? "exit $rc"

# A run file with a rank-2 series (made with h5py, when it is there) is refused, not misread.
if /usr/bin/python3 -c 'import h5py' 2>/dev/null; then
    cp "$out" "$work/rank2.h5"
    /usr/bin/python3 - "$work/rank2.h5" <<'PY'
import sys, h5py, numpy
with h5py.File(sys.argv[1], "a") as f:
    del f["national/total_need"]
    f["national/total_need"] = numpy.zeros((3, 4))
PY
    run_cli summary_rank2 summary "$work/rank2.h5"
    [[ $rc -eq 2 ]] && grep -q 'rank2.h5: error: /national/total_need: expected a 1-D series, found rank 2' \
        "$work/summary_rank2.err" && [[ ! -s $work/summary_rank2.out ]]
    check summary_of_rank2_series_exits_2 $? "exit $rc, stderr: $(head -c 300 "$work/summary_rank2.err")"
else
    echo "skip summary_of_rank2_series_exits_2: /usr/bin/python3 has no h5py"
fi

# --- full disk ---------------------------------------------------------------------------
# A 64 KiB tmpfs fills up while the file is written: exit 1 naming the path and the space the
# run needs (more than the free space plus what was written), no crash, and no
# .partial left behind. Mounting needs privileges, so the case is skipped without them.
mkdir -p "$work/full"
if mount -t tmpfs -o size=64k tmpfs "$work/full" 2>/dev/null; then
    mounted="$work/full"
    run_cli full_disk run "$scenario" -o "$work/full/out.h5" --quiet "${small[@]}"
    [[ $rc -eq 1 ]] && grep -q "cannot write $work/full/out.h5: .*No space left on device (.* free in .*needs more than" \
        "$work/full_disk.err" && [[ -z $(ls -A "$work/full") ]]
    check full_disk_exits_1_without_partial $? \
        "exit $rc, stderr: $(head -c 300 "$work/full_disk.err"), left: $(ls -A "$work/full")"
    umount "$work/full" && mounted=
else
    echo "skip full_disk_exits_1_without_partial: cannot mount a tmpfs here (needs root)"
fi

# --- parameter and metric tables --------------------------------------------------------
run_cli params params --markdown
[[ $rc -eq 0 ]] && diff -u docs/parameters.md "$work/params.out" >"$work/params.diff"
check params_markdown_matches_docs $? \
    "docs/parameters.md is stale: regenerate with \`localism params --markdown > docs/parameters.md\`"
# The printed priors, pasted under sample.parameters, make an experiment `plan` accepts.
run_cli priors params --priors --include-calibrated
if [[ $rc -eq 0 ]]; then
    {
        printf 'name: priors\nbase: %s/scenarios/base.yaml\nmaster_seed: 1\n' "$PWD"
        printf 'sample:\n  method: lhs\n  n: 3\n  parameters:\n'
        grep -v '^#' "$work/priors.out" | sed 's/^/    /'
    } >"$work/priors.yaml"
    run_cli priors_plan plan "$work/priors.yaml"
fi
[[ $rc -eq 0 ]] && grep -q "prize.entry_probability" "$work/priors.out"
check params_priors_usable_as_sample_parameters $? "exit $rc: $(head -c 300 "$work/priors_plan.err")"
run_cli metrics metrics --markdown
[[ $rc -eq 0 ]] && diff -u docs/metrics.md "$work/metrics.out" >"$work/metrics.diff"
check metrics_markdown_matches_docs $? \
    "docs/metrics.md is stale: regenerate with \`localism metrics --markdown > docs/metrics.md\`"

# --- Ctrl-C ------------------------------------------------------------------------------
# Wait for the .partial file so the signal lands mid-run, after the handler is installed.
long="$work/long.h5"
"$localism" run "$scenario" -o "$long" --quiet --set run.months=12000 --set population.communities=50000 \
    >"$work/long.out" 2>"$work/long.err" &
background_pid=$!
for _ in $(seq 1 300); do
    [[ -e $long.partial ]] && break
    kill -0 "$background_pid" 2>/dev/null || break
    sleep 0.1
done
sleep 1
kill -INT "$background_pid" 2>/dev/null
for _ in $(seq 1 300); do
    kill -0 "$background_pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$background_pid" 2>/dev/null; then
    kill -KILL "$background_pid"
    wait "$background_pid" 2>/dev/null
    check ctrl_c_stops_cleanly 1 "still running 30 s after SIGINT"
else
    wait "$background_pid"
    rc=$?
    [[ $rc -eq 130 && ! -e $long && ! -e $long.partial ]]
    check ctrl_c_stops_cleanly $? "exit $rc, output left: $(ls "$work" | grep long.h5 | tr '\n' ' ')"
fi
background_pid=

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
