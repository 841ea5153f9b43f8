#!/usr/bin/env bash
# Runs one libFuzzer target for a given time: scripts/fuzz.sh TARGET SECONDS [BUILD_DIR]
#   TARGET: scenario_loader | experiment_loader | geography_tables | run_file
# Builds it with clang-14 (-DLOCALISM_FUZZ=ON) in BUILD_DIR (default build-fuzz), starts from
# the seed corpus in tests/fuzz/corpus/TARGET plus the crash regressions, and keeps what it
# learns in BUILD_DIR/corpus-TARGET. A crash is written to BUILD_DIR/crashes-TARGET/: copy it
# to tests/fuzz/regressions/TARGET/ (replayed by the unit tests) once fixed.
# LOCALISM_FUZZ_SEED and LOCALISM_FUZZ_RUNS fix the random seed and the number of inputs, so a
# run (test.sh's) tries the same inputs on every machine; SECONDS then only caps its time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [BUILD_DIR]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [BUILD_DIR]}
dir=${3:-build-fuzz}
case $target in
  scenario_loader | experiment_loader)
    # YAML inputs: small, with the YAML dictionary; leaks in our code are findings.
    options=(-max_len=4096 -dict=tests/fuzz/yaml.dict); leaks=1 ;;
  geography_tables)
    # CSV tables (communities.csv, or both split at a 0x1E byte); leaks are findings.
    options=(-max_len=4096); leaks=1 ;;
  run_file)
    # HDF5 run files: the seeds are about 200 KB. libhdf5 1.10.8 leaks a few hundred bytes on
    # some damaged files inside the library (not our code), so leaks are not findings here.
    options=(-max_len=262144); leaks=0 ;;
  *) echo "fuzz.sh: unknown target $target (scenario_loader, experiment_loader, geography_tables, run_file)" >&2; exit 2 ;;
esac
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLOCALISM_FUZZ=ON -DLOCALISM_WITH_MPI=OFF >/dev/null
ninja -C "$dir" "fuzz_$target" >"$dir/fuzz-build.log" 2>&1 || { tail -40 "$dir/fuzz-build.log"; exit 1; }
mkdir -p "$dir/corpus-$target" "$dir/crashes-$target"
[ -n "${LOCALISM_FUZZ_SEED:-}" ] && options+=(-seed="$LOCALISM_FUZZ_SEED")
[ -n "${LOCALISM_FUZZ_RUNS:-}" ] && options+=(-runs="$LOCALISM_FUZZ_RUNS")
# -rss_limit_mb and -timeout: using 500 MB or 5 s on one input is a finding, as in the tests.
ASAN_OPTIONS=detect_leaks=$leaks "$dir/fuzz_$target" "$dir/corpus-$target" \
  "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target" \
  -max_total_time="$seconds" -timeout=5 -rss_limit_mb=500 "${options[@]}" \
  -artifact_prefix="$dir/crashes-$target/" -print_final_stats=1
