#!/usr/bin/env bash
# Quick start, part 1: installs what is missing, builds Release, runs the shipped scenarios,
# prints a summary, then runs a small policy comparison and writes its report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/setup.sh
echo "== building (Release)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build localism >/dev/null
out="$root/out/demo"
mkdir -p "$out"
echo "== running the shipped scenarios into $out"
for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  [ "$name" = base ] && continue
  ./build/localism run "$scenario" -o "$out/$name.h5" --force --quiet
done
echo "== final state of each run"
for file in "$out"/*.h5; do
  /usr/bin/python3 - "$file" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r")
n = f["national"]
name = f.attrs["scenario_name"]
name = name.decode() if isinstance(name, bytes) else name  # fixed-length strings read as bytes
print(f"{name:<22} need {n['total_need'][-1]:>12,.0f}  active {n['count_active'][-1]:>7,.0f}"
      f"  need reduced {n['cumulative_need_reduced'][-1]:>12,.0f}  GBP/need unit {n['cost_per_need_reduced_gbp'][-1]:>8.2f}")
PY
done
if [ -f scenarios/experiments/demo_comparison.yaml ] && ./build/localism sweep --help >/dev/null 2>&1; then
  echo "== small policy comparison (centralised vs devolved vs mixed vs no-money baseline, replicates)"
  ./build/localism sweep scenarios/experiments/demo_comparison.yaml -o "$out/comparison" --jobs 2
  /usr/bin/python3 -m analysis.compare "$out/comparison"
  echo "== parameter uncertainty (every uncalibrated parameter over its plausible range)"
  ./build/localism sweep scenarios/experiments/demo_uncertainty.yaml -o "$out/uncertainty" --jobs 2
  /usr/bin/python3 -m analysis.uncertainty "$out/uncertainty"
  /usr/bin/python3 -m analysis.report "$out/comparison" --uncertainty "$out/uncertainty" \
    -o "$out/report.html"
  echo "== report written to $out/report.html"
fi
