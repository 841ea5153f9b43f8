#!/usr/bin/env bash
# The standard benchmark set (issue 4): engine throughput at 1 and all threads, scaling, memory
# per community, output share and a streaming reference for devolved and centralised at 10k,
# 100k and 1m communities (one process per scenario, so peak memory is per size); small-run
# (sweep) throughput; and whole-process wall time of the Repast HPC rumor-model equivalents.
# Builds Release in build-bench/ first if needed. Takes about 3-5 minutes on 2 idle cores.
# Usage: scripts/bench.sh [build-dir]        (LOCALISM_BENCH_THREADS overrides "all threads")
#        scripts/bench.sh --against REF [--pairs N] [--workloads a,b,...] [build-dir]
# --against REF builds git revision REF (a branch, tag or sha) in a temporary worktree with its
# own build directory and runs the comparison workloads of old and new binaries interleaved
# (old, new, old, new, ...: N pairs, default 3), then prints medians and new/old ratios of wall
# and CPU (user + system) time; see scripts/bench_against.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--against" ]; then
    exec "$root/scripts/bench_against.sh" "${@:2}"
fi
build=${1:-$root/build-bench}
threads=${LOCALISM_BENCH_THREADS:-$(nproc)}
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
fi
ninja -C "$build" localism > /dev/null
bin=$build/localism
cd "$root"
log=$(mktemp)
scratch=$(mktemp -d)
trap 'rm -rf "$log" "$scratch"' EXIT
started=$(date +%s)
echo "localism benchmarks: $(nproc) cores, all threads = $threads; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for scenario in devolved_10k devolved_100k devolved_1m centralised_10k centralised_100k centralised_1m; do
    "$bin" bench --scenario "scenarios/bench/$scenario.yaml" --threads "$threads" | tee -a "$log"
done
# Sweep throughput: a sweep runs one single-threaded run per core, so run one small-run loop
# per core at once and add their rates.
for ((k = 0; k < threads; ++k)); do
    "$bin" bench --small-runs --scenario scenarios/devolved.yaml --threads 1 > "$scratch/small-$k.txt" &
done
wait
cat "$scratch"/small-*.txt
echo "RESULT name=small_runs_total workers=$threads runs_per_second=$(awk '/^RESULT/ {for (i = 1; i <= NF; ++i) if ($i ~ /^runs_per_second=/) {split($i, kv, "="); s += kv[2]}} END {printf "%.1f", s}' "$scratch"/small-*.txt)" | tee -a "$log"
# Rumor model: whole process (start-up, network build, run, output), like Repast HPC's figure.
declare -A repast=([diffusion_100k]="9.3-11.4" [diffusion_1m]="37")
declare -A repast_low=([diffusion_100k]="9.3" [diffusion_1m]="37")
for scenario in diffusion_100k diffusion_1m; do
    /usr/bin/time -v "$bin" run "scenarios/bench/$scenario.yaml" --threads "$threads" --quiet --force \
        -o "$scratch/$scenario.h5" > /dev/null 2> "$scratch/time.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; ++i) s = s * 60 + t[i]; print s}' "$scratch/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$scratch/time.txt")
    echo "RESULT name=$scenario wall_seconds=$wall max_rss_kb=$rss repast_seconds=${repast[$scenario]} repast_over_localism=$(awk -v r="${repast_low[$scenario]}" -v w="$wall" 'BEGIN {printf "%.1f", r / w}')" | tee -a "$log"
done

echo
echo "== Summary (targets from issue 4; measured values only, nothing asserted) =="
value() { grep "RESULT name=$1 " "$log" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
printf "%-18s %12s %12s %8s %9s %9s %10s %9s %9s\n" scenario "rate 1 thr" "rate all" speedup "ns/st 1" "ns/st all" "B/commun." "output %" "vs stream"
for scenario in devolved_10k devolved_100k devolved_1m centralised_10k centralised_100k centralised_1m; do
    printf "%-18s %12s %12s %8s %9s %9s %10s %9s %9s\n" "$scenario" "$(value $scenario rate_1)" "$(value $scenario rate_n)" \
        "$(value $scenario speedup)" "$(value $scenario ns_1)" "$(value $scenario ns_n)" \
        "$(value $scenario bytes_per_community)" \
        "$(awk -v s="$(value $scenario output_share)" 'BEGIN {printf "%.2f", 100 * s}')" "$(value $scenario reference_ratio_n)"
done
echo "targets: devolved_100k rate all >= 2.5e7 with 2 threads, speed-up 1->2 >= 1.8; ns/step at 1m <= 1.5 x 10k;"
echo "         <= 200 bytes/community at 1m; output < 5%"
awk -v a="$(value devolved_1m ns_n)" -v b="$(value devolved_10k ns_n)" 'BEGIN {printf "ns/step ratio 1m / 10k (devolved, all threads): %.2f (target <= 1.5)\n", a / b}'
echo "small runs (1,000 communities x 120 months, one run loop per core): $(value small_runs_total runs_per_second) runs/s (target >= 50)"
for scenario in diffusion_100k diffusion_1m; do
    echo "$scenario: $(value $scenario wall_seconds) s whole process, $(value $scenario max_rss_kb) KB peak;" \
         "Repast HPC (2 ranks) $(value $scenario repast_seconds) s = $(value $scenario repast_over_localism)x (target 30x)"
done
echo "total benchmark time: $(( $(date +%s) - started )) s; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
