#!/usr/bin/env bash
# `scripts/bench.sh --against REF`: performance of this tree against git revision REF, measured
# side by side (the pattern of Mesa's benchmarks compared against main). REF is built Release in a
# temporary worktree (own build directory, ccache when present, -j2); then each workload runs
# old, new, old, new, ... (--pairs N, default 3) on this machine at one time, so drift in the
# machine's load hits both alike. Reported per workload: median wall and median CPU (user +
# system) seconds of the whole process, and new/old ratios (< 1 = new is faster). On a loaded
# machine the CPU ratio is the steadier one: waiting for a core adds wall time but not CPU time.
# Each binary runs its own revision's scenario files (the benchmark as that revision defines it).
# Usage: scripts/bench_against.sh REF [--pairs N] [--workloads a,b] [--threads T] [build-dir]
# LOCALISM_BENCH_BUILD_TYPE (default Release) sets both builds' CMAKE_BUILD_TYPE.
# Workloads: devolved_10k devolved_100k centralised_100k diffusion_100k small_runs (default all).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: scripts/bench.sh --against REF [--pairs N] [--workloads a,b] [--threads T] [build-dir]" >&2; exit 2; }
ref=$1; shift
pairs=3
workloads="devolved_10k devolved_100k centralised_100k diffusion_100k small_runs"
threads=${LOCALISM_BENCH_THREADS:-$(nproc)}
build=$root/build-bench
while [ $# -gt 0 ]; do
    case $1 in
        --pairs) pairs=$2; shift 2 ;;
        --workloads) workloads=${2//,/ }; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        *) build=$1; shift ;;
    esac
done
sha=$(git -C "$root" rev-parse --verify "$ref^{commit}") || { echo "bench: unknown revision $ref" >&2; exit 2; }
[ -f /work/notes/ccache.env ] && source /work/notes/ccache.env
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
build_type=${LOCALISM_BENCH_BUILD_TYPE:-Release}
scratch=$(mktemp -d)
# The old tree sits next to this one (not in /tmp) so that ccache, with CCACHE_BASEDIR set to a
# common parent, can reuse objects compiled from the same sources by other checkouts.
old_tree=$(mktemp -d "$(dirname "$root")/.bench-against-XXXXXX")
cleanup() {
    git -C "$root" worktree remove --force "$old_tree" > /dev/null 2>&1 || true
    rm -rf "$scratch" "$old_tree"
}
trap cleanup EXIT

build_tree() {  # source-dir build-dir
    if [ ! -f "$2/build.ninja" ]; then
        cmake -S "$1" -B "$2" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}" > /dev/null
    fi
    ninja -j2 -C "$2" localism > /dev/null
}
echo "bench --against $ref ($(git -C "$root" rev-parse --short=12 "$sha")): building both ($build_type, -j2)"
rmdir "$old_tree"
git -C "$root" worktree add --detach "$old_tree" "$sha" > /dev/null
build_tree "$old_tree" "$old_tree/build-bench"
build_tree "$root" "$build"
old_bin=$old_tree/build-bench/localism
new_bin=$build/localism

# One workload, one binary, run from its own tree; prints "wall cpu" (CPU = user + system) per
# unit of work: the whole process, or per run for small_runs (a time-bounded loop of runs).
measure() {  # workload binary tree
    local times=$scratch/time.txt out=$scratch/out.txt
    local cmd
    case $1 in
        small_runs) cmd=("$2" bench --small-runs --scenario scenarios/devolved.yaml --threads 1) ;;
        *) cmd=("$2" run "scenarios/bench/$1.yaml" --threads "$threads" --quiet --force -o "$scratch/$1.h5") ;;
    esac
    (cd "$3" && /usr/bin/time -f "%e %U %S" -o "$times" "${cmd[@]}" > "$out" 2>&1) || {
        echo "bench: $1 failed with $2:" >&2; tail -5 "$out" >&2; return 1; }
    local runs=1
    if [ "$1" = small_runs ]; then
        runs=$(awk '/^RESULT/ {for (i = 1; i <= NF; ++i) if ($i ~ /^runs=/) {split($i, kv, "="); print kv[2]}}' "$out")
    fi
    awk -v n="${runs:-1}" '{printf "%.6f %.6f\n", $1 / n, ($2 + $3) / n}' "$times"
}
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "machine: $(nproc) cores, threads $threads, $pairs pairs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-18s %10s %10s %8s %10s %10s %8s\n" workload "old wall" "new wall" new/old "old CPU" "new CPU" new/old
for workload in $workloads; do
    : > "$scratch/old.txt"; : > "$scratch/new.txt"
    for ((p = 0; p < pairs; ++p)); do
        measure "$workload" "$old_bin" "$old_tree" >> "$scratch/old.txt"
        measure "$workload" "$new_bin" "$root" >> "$scratch/new.txt"
    done
    ow=$(cut -d' ' -f1 "$scratch/old.txt" | median); nw=$(cut -d' ' -f1 "$scratch/new.txt" | median)
    oc=$(cut -d' ' -f2 "$scratch/old.txt" | median); nc=$(cut -d' ' -f2 "$scratch/new.txt" | median)
    unit=s; [ "$workload" = small_runs ] && unit=s/run
    printf "%-18s %10.4g %10.4g %8.3f %10.4g %10.4g %8.3f   (%s, medians of %d)\n" "$workload" \
        "$ow" "$nw" "$(awk -v a="$nw" -v b="$ow" 'BEGIN {print a / b}')" \
        "$oc" "$nc" "$(awk -v a="$nc" -v b="$oc" 'BEGIN {print a / b}')" "$unit" "$pairs"
    echo "RESULT name=against_$workload ref=$ref old_wall=$ow new_wall=$nw old_cpu=$oc new_cpu=$nc" \
         "wall_ratio=$(awk -v a="$nw" -v b="$ow" 'BEGIN {printf "%.4f", a / b}')" \
         "cpu_ratio=$(awk -v a="$nc" -v b="$oc" 'BEGIN {printf "%.4f", a / b}')"
done
echo "new/old < 1: the new tree is faster. Load average now $(cut -d' ' -f1-3 /proc/loadavg)"
