#!/usr/bin/env bash
# Branching experiments (`history: {month: M}`): each replicate's history runs once; every arm
# of the replicate continues its saved state, so months 1..M equal the history's exactly, the arms
# differ after M, and the national series equal those of the same arms run from month 0 (common
# random numbers kept through the branch). Resume reuses complete histories and reruns a damaged
# one; arms that change anything but timeline changes after M are refused (exit 2).
#
# Usage: tests/integration/test_sweep_branch.sh path/to/localism   (run from anywhere)
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# experiment HISTORY-LINE [EXTRA-ARM-LINE]
experiment() {
    cat <<YAML
name: branch
base: $repo_root/scenarios/centralised.yaml
master_seed: 17
replicates: 2
$1
set: {population.communities: 300, population.councils: 5, run.months: 24}
arms:
  carry_on: {}
  devolve: {timeline.month.13.central.mode: devolved, timeline.month.13.prize.enabled: false}
  devolve_structured: {timeline.month.13.central.mode: devolved}
${2:-}
YAML
}
experiment "history: {month: 12}" > "$work/branch.yaml"
experiment "" > "$work/plain.yaml"

out=$("$localism" plan "$work/branch.yaml" 2>&1)
check "plan shows the shared history runs" \
    "$([[ $out == *"shared history"*"month 12"*"2 history run(s)"* ]]; echo $?)" "$out"

"$localism" sweep "$work/branch.yaml" -o "$work/b" --jobs 2 --quiet 2>"$work/b.err"
rc=$?
histories=$(ls "$work/b/history/runs" 2>/dev/null | grep -c '\.h5$')
runs=$(ls "$work/b/runs" 2>/dev/null | grep -c '\.h5$')
check "branching sweep: exit 0, one history per replicate, 6 arm runs" \
    "$([[ $rc -eq 0 && $histories -eq 2 && $runs -eq 6 ]]; echo $?)" \
    "rc=$rc histories=$histories runs=$runs $(cat "$work/b.err")"
"$localism" sweep "$work/plain.yaml" -o "$work/p" --jobs 2 --quiet 2>/dev/null
check "the same arms without a history: exit 0" "$?"

out=$(/usr/bin/python3 - "$work" 12 <<'PY' 2>&1
import sys, h5py, numpy as np
work, m = sys.argv[1], int(sys.argv[2])
def series(path):
    with h5py.File(path, "r") as f:
        g = f["national"]
        return {k: g[k][()] for k in g if isinstance(g[k], h5py.Dataset) and g[k].ndim == 1}
problems = []
for r in ("r000", "r001"):
    hist = series(f"{work}/b/history/runs/{r}.h5")
    arms = {a: series(f"{work}/b/runs/{a}-{r}.h5") for a in ("carry_on", "devolve", "devolve_structured")}
    for a, s in arms.items():
        plain = series(f"{work}/p/runs/{a}-{r}.h5")
        for k, v in s.items():
            if len(hist.get(k, [])) < m or not np.array_equal(v[:m], hist[k][:m], equal_nan=True):
                problems.append(f"{a}-{r} {k}: months 1..{m} differ from the history")
            if not np.array_equal(v, plain[k], equal_nan=True):
                problems.append(f"{a}-{r} {k}: differs from the non-branching run")
    for a in ("devolve", "devolve_structured"):
        if all(np.array_equal(arms[a][k][m:], arms["carry_on"][k][m:], equal_nan=True) for k in arms[a]):
            problems.append(f"{a}-{r}: no series differs from carry_on after month {m}")
print("\n".join(problems[:10]) or "same")
PY
)
check "arms equal the history to month 12, differ after it, equal the non-branching sweep" \
    "$([[ $out == same ]]; echo $?)" "$out"

"$localism" collect "$work/b" >/dev/null 2>&1
branch=$(/usr/bin/python3 -c "import h5py,sys; print(h5py.File(sys.argv[1],'r').attrs['branch_month'])" "$work/b/manifest.h5" 2>&1)
check "the manifest records branch_month 12" "$([[ $branch == 12 ]]; echo $?)" "$branch"

# Resume: complete histories are reused, a damaged one is rerun (with its replicate's arms).
before=$(stat -c %Y "$work/b/history/runs/r000.h5")
printf 'garbage' | dd of="$work/b/history/runs/r001.h5" bs=1 seek=100 conv=notrunc 2>/dev/null
rm "$work/b/runs/devolve-r001.h5"
sleep 1
"$localism" sweep "$work/branch.yaml" -o "$work/b" --quiet 2>"$work/b2.err"
rc=$?
after=$(stat -c %Y "$work/b/history/runs/r000.h5")
again=$(/usr/bin/python3 -c "
import h5py, numpy as np, sys
a = h5py.File(sys.argv[1] + '/b/runs/devolve-r001.h5', 'r')['national']
b = h5py.File(sys.argv[1] + '/p/runs/devolve-r001.h5', 'r')['national']
print(all(np.array_equal(a[k][()], b[k][()], equal_nan=True) for k in a if isinstance(a[k], h5py.Dataset)))" "$work" 2>&1)
check "resume: a complete history is reused, a damaged one rerun, the rerun arm identical" \
    "$([[ $rc -eq 0 && $before == "$after" && $again == True ]]; echo $?)" \
    "rc=$rc before=$before after=$after again=$again $(cat "$work/b2.err")"

experiment "history: {month: 12}" "  bigger: {population.communities: 400}" > "$work/bad.yaml"
out=$("$localism" sweep "$work/bad.yaml" -o "$work/bad" --quiet 2>&1)
rc=$?
check "an arm changing a non-timeline key: exit 2 naming the arm and key" \
    "$([[ $rc -eq 2 && $out == *"bigger"*"population.communities"* && ! -e $work/bad ]]; echo $?)" "rc=$rc: $out"
experiment "history: {month: 12}" "  early: {timeline.month.12.central.mode: devolved}" > "$work/early.yaml"
out=$("$localism" sweep "$work/early.yaml" -o "$work/early" --quiet 2>&1)
rc=$?
check "an arm changing the timeline at the history's month: exit 2" \
    "$([[ $rc -eq 2 && $out == *"early"*"timeline.month.12.central.mode"* ]]; echo $?)" "rc=$rc: $out"
experiment "history: {month: 24}" | sed 's/month\.13\./month.25./g' > "$work/late.yaml"
out=$("$localism" plan "$work/late.yaml" 2>&1)
rc=$?
check "a history month not before the last month: exit 2" \
    "$([[ $rc -eq 2 && $out == *"history.month"* ]]; echo $?)" "rc=$rc: $out"
out=$("$localism" sweep "$work/branch.yaml" -o "$work/shard" --shard 0/2 --quiet 2>&1)
rc=$?
check "a branching experiment with --shard: refused, exit 2" \
    "$([[ $rc -eq 2 && $out == *"local sweep only"* ]]; echo $?)" "rc=$rc: $out"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
