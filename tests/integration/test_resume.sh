#!/usr/bin/env bash
# Periodic saved states and --resume (issue 16): a long run saving its state every 6 months is
# killed with SIGKILL mid-run; `localism run --resume` continues from OUT.h5.state and the final
# file equals an uninterrupted run (every dataset; root attributes only in created, threads,
# continued_from*). Nothing is left behind (.partial, .state, .state.tmp). --resume without a
# state starts fresh; a state from another scenario is refused (exit 2).
# Usage: tests/integration/test_resume.sh path/to/localism
set -u
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
require_tools h5diff
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario=scenarios/national.yaml  # 100,000 communities: seconds per run, so a kill lands mid-run
run=("$localism" run "$scenario" --quiet --threads 2)

"${run[@]}" -o "$work/full.h5" > /dev/null
check "uninterrupted run" $?

"${run[@]}" --save-state-every 6 -o "$work/out.h5" > /dev/null 2>&1 &
pid=$!
for _ in $(seq 600); do  # up to 60 s for the second saved state
    [[ -e $work/out.h5.state ]] && [[ $(stat -c %Y "$work/out.h5.state") -ge 0 ]] &&
        h5dump -a /state/month "$work/out.h5.state" 2>/dev/null | grep -q '(0): \(1[2-9]\|[2-9][0-9]\)' &&
        break
    sleep 0.1
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
saved=$(h5dump -a /state/month "$work/out.h5.state" 2>/dev/null | awk '/\(0\)/ {print $2}')
[[ -n $saved && $saved -lt 120 && ! -e $work/out.h5 ]]
check "killed mid-run with a saved state (month ${saved:-none})" $?

"${run[@]}" --resume -o "$work/out.h5" > /dev/null
check "resumed" $?
h5diff -q --exclude-attribute / "$work/full.h5" "$work/out.h5" > /dev/null 2>&1 &&
    ! h5diff "$work/full.h5" "$work/out.h5" 2>&1 | grep '^attribute:' |
        grep -v '<\(created\|threads\) of </>>' | grep -q .
check "resumed == uninterrupted" $?
left=$(cd "$work" && ls out.h5.* 2>/dev/null)
[[ -z $left ]]
check "nothing left behind" $? "$left"
[[ $(h5dump -a /continued_from_month "$work/out.h5" 2>/dev/null | awk '/\(0\)/ {print $2}') == "$saved" ]]
check "continued_from_month records the saved month" $?

"${run[@]}" --set run.months=24 --resume -o "$work/fresh.h5" > /dev/null &&
    [[ -e $work/fresh.h5 ]] && ! h5dump -a /continued_from "$work/fresh.h5" > /dev/null 2>&1
check "--resume without a saved state starts fresh" $?

"$localism" run scenarios/centralised.yaml --quiet --set run.months=24 --save-state-at 12 \
    -o "$work/other2.h5.state" > /dev/null
"$localism" run scenarios/devolved.yaml --quiet --set run.months=24 --resume \
    -o "$work/other2.h5" > /dev/null 2> "$work/err"
status=$?
[[ $status -eq 2 ]] && grep -q "saved from another scenario (central.mode" "$work/err"
check "--resume refuses another scenario's state" $? "exit $status: $(cat "$work/err")"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
