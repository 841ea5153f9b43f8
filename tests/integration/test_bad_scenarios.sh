#!/usr/bin/env bash
# Runs every broken scenario in tests/data/bad/ and checks that localism rejects it cleanly:
# exit code 2, the expected message, a source location, no output file and no crash.
#
# Usage: tests/integration/test_bad_scenarios.sh path/to/localism
#
# Each tests/data/bad/*.yaml opens with comment lines read by this script:
#   # expect: <substring of the error message>        (required, first line)
#   # args: <extra command-line arguments>             (optional, e.g. --set x=y)
#   # location: line | file | other-line | --set | csv-line   (optional, default line)
#       line:  stderr names the file as `path:LINE:`   file: the path without a line
#       other-line: a `FILE:LINE:` location in another file (e.g. the far end of a cycle)
#       --set: the error points at `--set #N`
#       csv-line: a `FILE.csv:LINE:COLUMN:` location in a geography table (the
#                 geography_*.yaml cases, whose tables are under tests/data/bad/geography/)
#   # xfail: <why>   known bad message: exit code, no output and no crash are still
#                    checked; a message/location mismatch is reported but not failed,
#                    and a full pass fails so the marker gets removed.
# Files under tests/data/bad/support/ are helpers (e.g. the other half of a cycle) and
# are not run.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
bad_dir=tests/data/bad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
xfailed=0

# header FILE KEY: value of the first leading `# KEY: ...` comment line, or empty.
header() {
    sed -n '/^#/!q; s/^# '"$2"': //p' "$1" | head -n 1
}

# check_common NAME RC STDERR OUTDIR: the checks that hold for every case, xfail or not.
# Prints the problems found, one per line.
check_common() {
    local rc=$2 stderr_file=$3 outdir=$4
    if [[ $rc -eq 134 || $rc -eq 139 || $rc -ge 128 && $rc -ne 130 ]]; then
        echo "crashed (exit code $rc)"
    elif [[ $rc -ne 2 ]]; then
        echo "exit code $rc, expected 2"
    fi
    if grep -qE 'Sanitizer|runtime error:|terminate called|Assertion .* failed' "$stderr_file"; then
        echo "sanitizer report, uncaught exception or assertion on stderr"
    fi
    if [[ -n $(ls -A "$outdir") ]]; then
        echo "left files behind: $(ls -A "$outdir" | tr '\n' ' ')"
    fi
}

# check_message FILE STDERR EXPECT LOCATION: message and location checks.
check_message() {
    local file=$1 stderr_file=$2 expect=$3 location=$4
    local stderr_text
    stderr_text=$(<"$stderr_file")
    if [[ $stderr_text != *"$expect"* ]]; then
        echo "stderr lacks \`$expect\`"
    fi
    case $location in
        line)
            [[ $stderr_text == *"$file:"[0-9]*": error:"* ]] || echo "no \`$file:LINE:\` location" ;;
        file)
            [[ $stderr_text == *"$file"*": error:"* ]] || echo "the file $file is not named" ;;
        other-line)
            [[ $stderr_text == *".yaml:"[0-9]*": error:"* ]] || echo "no \`FILE:LINE:\` location" ;;
        --set)
            [[ $stderr_text == *"--set #"[0-9]*": error:"* ]] || echo "no \`--set #N\` location" ;;
        csv-line)
            [[ $stderr_text =~ \.csv:[0-9]+:[0-9]+:\ error: ]] || echo "no \`FILE.csv:LINE:COLUMN:\` location" ;;
        *)
            echo "unknown '# location: $location' header" ;;
    esac
}

report() {  # report STATUS NAME [DETAILS...]
    local status=$1 name=$2
    shift 2
    if [[ $# -gt 0 ]]; then
        echo "$status $name: $(printf '%s; ' "$@" | sed 's/; $//')"
    else
        echo "$status $name"
    fi
}

cd "$repo_root" || exit 2

for file in "$bad_dir"/*.yaml; do
    name=$(basename "$file" .yaml)
    expect=$(sed -n '1s/^# expect: //p' "$file")
    if [[ -z $expect ]]; then
        report FAIL "$name" "first line must be '# expect: <message>'"
        failed=$((failed + 1))
        continue
    fi
    read -r -a args <<<"$(header "$file" args)"
    location=$(header "$file" location)
    xfail=$(header "$file" xfail)
    outdir="$work/$name"
    mkdir -p "$outdir"
    "$localism" run "$file" -o "$outdir/out.h5" --quiet "${args[@]}" >"$work/$name.stdout" 2>"$work/$name.stderr"
    rc=$?
    mapfile -t hard < <(check_common "$name" "$rc" "$work/$name.stderr" "$outdir")
    mapfile -t soft < <(check_message "$file" "$work/$name.stderr" "$expect" "${location:-line}")
    if [[ ${#hard[@]} -gt 0 ]]; then
        report FAIL "$name" "${hard[@]}" "${soft[@]}"
        failed=$((failed + 1))
    elif [[ -n $xfail && ${#soft[@]} -gt 0 ]]; then
        report XFAIL "$name" "known: $xfail"
        xfailed=$((xfailed + 1))
    elif [[ -n $xfail ]]; then
        report FAIL "$name" "marked xfail but now passes: remove its '# xfail:' line"
        failed=$((failed + 1))
    elif [[ ${#soft[@]} -gt 0 ]]; then
        report FAIL "$name" "${soft[@]}"
        sed 's/^/    | /' "$work/$name.stderr"
        failed=$((failed + 1))
    else
        report ok "$name"
        passed=$((passed + 1))
    fi
done

# A scenario path that does not exist is not a file in tests/data/bad/.
outdir="$work/missing_path"
mkdir -p "$outdir"
"$localism" run "$bad_dir/no_such_scenario.yaml" -o "$outdir/out.h5" --quiet >/dev/null 2>"$work/missing_path.stderr"
rc=$?
mapfile -t hard < <(check_common missing_path "$rc" "$work/missing_path.stderr" "$outdir")
mapfile -t soft < <(check_message "$bad_dir/no_such_scenario.yaml" "$work/missing_path.stderr" \
    "cannot open the file" file)
if [[ ${#hard[@]} -gt 0 || ${#soft[@]} -gt 0 ]]; then
    report FAIL missing_scenario_path "${hard[@]}" "${soft[@]}"
    failed=$((failed + 1))
else
    report ok missing_scenario_path
    passed=$((passed + 1))
fi

[[ $xfailed -gt 0 ]] && echo "$xfailed known bad message(s) (XFAIL, not counted)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
