#!/usr/bin/env bash
# Structural checks (docs/architecture.md): modules depend on each other one way only, HDF5 stays
# inside the output module, only the life-cycle unit writes life-cycle state, and no function is
# longer than 60 lines (clang-tidy's readability-function-size on the compile database).
# Usage: scripts/check_structure.sh [BUILD_DIR]   (BUILD_DIR has compile_commands.json)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build}
failed=0
fail() { echo "check_structure: $*"; failed=1; }

# 1. Layering: a module may include only modules before it in this order.
order=(core scenario model engine output run experiment cli)
rank() { local k; for k in "${!order[@]}"; do [ "${order[$k]}" = "$1" ] && echo "$k" && return; done; echo 99; }
for module in "${order[@]}"; do
  own=$(rank "$module")
  while IFS=: read -r file line dep; do
    [ -n "$file" ] || continue
    [ "$(rank "$dep")" -le "$own" ] || fail "$file:$line: module '$module' includes '$dep', which comes after it (order: ${order[*]})"
  done < <(grep -rnoE '#include "localism/[a-z]+/' "sim/include/localism/$module" "sim/src/$module" 2>/dev/null |
           sed -E 's#^([^:]+):([0-9]+):.*localism/([a-z]+)/#\1:\2:\3#')
done

# 2. HDF5 only inside output: no <hdf5.h> in public headers, no output-private header elsewhere.
grep -rnE '#include <hdf5' sim/include && fail "public headers must not include <hdf5.h> (use sim/src/output)"
grep -rnE '#include "\.\./output/' sim/src && fail "output-private headers are included outside sim/src/output"

# 3. Life-cycle state is written only by sim/src/model/life_cycle.cpp.
writes=$(grep -rnE '(\b|\.)(stage|months_in_stage|start_month|track_record_months)\[[^]]*\] *(=[^=]|\+\+|--|\+=|-=)' sim/src |
         grep -v '^sim/src/model/life_cycle.cpp:' || true)
[ -z "$writes" ] || fail "life-cycle state written outside the life_cycle unit:"$'\n'"$writes"

# 4. Function length, with clang-tidy on the compile database.
if [ -f "$build/compile_commands.json" ]; then
  mapfile -t sources < <(git ls-files 'sim/src/*.cpp')
  long=$(run-clang-tidy -quiet -j 2 -p "$build" -extra-arg=-Wno-unknown-warning-option \
           -checks='-*,readability-function-size' \
           -config='{CheckOptions: [{key: readability-function-size.LineThreshold, value: 60}]}' \
           "${sources[@]}" 2>/dev/null | grep -E 'warning: function .* exceeds' | sort -u)
  [ -z "$long" ] || fail "functions over 60 lines:"$'\n'"$long"
else
  fail "$build/compile_commands.json not found: configure the build first"
fi

if [ "$failed" -ne 0 ]; then exit 1; fi
echo "check_structure: layering, HDF5 confinement, life-cycle ownership and function length OK"
