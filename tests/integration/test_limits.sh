#!/usr/bin/env bash
# Input limits and output safety (issue 10): hostile or careless inputs must give a clean error
# (exit 2, a clear message, no partial or temporary file) within 5 s and 500 MB.
#
# Usage: tests/integration/test_limits.sh path/to/localism
# The single-file scenario cases live in tests/data/bad/ (test_bad_scenarios.sh); these need
# generated files, FIFOs, experiments or particular command lines.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
setup_test "$@"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# expect NAME CODE MESSAGE -- COMMAND...: runs COMMAND in $work/out (which must stay empty)
# under `timeout 5` and `ulimit -v 500000`; checks the exit code and that stderr has MESSAGE.
expect() {
    local name=$1 code=$2 message=$3
    shift 4
    rm -rf "$work/out" && mkdir -p "$work/out"
    (ulimit -v 500000; timeout 5 "$@") >"$work/stdout" 2>"$work/stderr"
    local rc=$? problems=()
    [[ $rc -eq 124 ]] && problems+=("took more than 5 s")
    [[ $rc -ne $code && $rc -ne 124 ]] && problems+=("exit code $rc, expected $code")
    grep -qF -- "$message" "$work/stderr" || problems+=("stderr lacks \`$message\`")
    grep -qE 'Sanitizer|runtime error:|terminate called|filesystem_error' "$work/stderr" &&
        problems+=("crash or uncaught exception on stderr")
    [[ -n $(ls -A "$work/out") ]] && problems+=("left files: $(ls -A "$work/out" | tr '\n' ' ')")
    if [[ ${#problems[@]} -eq 0 ]]; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: $(printf '%s; ' "${problems[@]}")"
        sed 's/^/    | /' "$work/stderr" | head -5
        failed=$((failed + 1))
    fi
}

scenario() {  # scenario FILE [EXTRA LINES...]: a minimal valid scenario plus extra lines
    local file=$1
    shift
    printf 'run:\n  name: limits\n  months: 2\npopulation:\n  communities: 50\n  councils: 2\n' >"$file"
    printf '%s\n' "$@" >>"$file"
}

# --- files that are not regular or too large ---------------------------------------------
mkfifo "$work/fifo.yaml"
expect fifo_scenario 2 "is a pipe (FIFO)" -- "$localism" validate "$work/fifo.yaml"
scenario "$work/extends_fifo.yaml" "extends: fifo.yaml"
expect extends_fifo 2 "is a pipe (FIFO)" -- "$localism" validate "$work/extends_fifo.yaml"
ln -s /dev/zero "$work/zero.yaml"
scenario "$work/extends_zero.yaml" "extends: zero.yaml"
expect extends_dev_zero 2 "is a device" -- "$localism" validate "$work/extends_zero.yaml"
expect directory_scenario 2 "is a directory" -- "$localism" validate "$work"
scenario "$work/big.yaml"
head -c 2000000 /dev/zero | tr '\0' '#' >>"$work/big.yaml"
expect file_too_large 2 "more than the limit of 1048576" -- "$localism" validate "$work/big.yaml"
expect shadow_not_echoed 2 "must be a .yaml or .yml file" -- \
    "$localism" validate tests/data/bad/extends_not_yaml.yaml
if grep -q 'root:' "$work/stderr"; then
    echo "FAIL shadow_not_echoed: stderr quotes /etc/shadow"; failed=$((failed + 1))
fi

# --- many problems: listed up to a cap, counted beyond ---------------------------------------
scenario "$work/unknown.yaml"
seq 1 40000 | sed 's/^/unknown_key_/; s/$/: 1/' >>"$work/unknown.yaml"
expect many_unknown_keys 2 "more problem(s) not listed" -- "$localism" validate "$work/unknown.yaml"
scenario "$work/huge_map.yaml"
{ printf 'k: ['; seq 1 150000 | sed 's/.*/1,/' | tr -d '\n'; printf '1]\n'; } >>"$work/huge_map.yaml"
expect node_cap 2 "YAML nodes" -- "$localism" validate "$work/huge_map.yaml"

# --- command-line caps ----------------------------------------------------------------------
scenario "$work/ok.yaml"
expect threads_cap 2 "not in range 1 to 1024" -- "$localism" run "$work/ok.yaml" \
    -o "$work/out/x.h5" --threads 1000000
expect threads_int_max 2 "not in range 1 to 1024" -- "$localism" run "$work/ok.yaml" \
    -o "$work/out/x.h5" --threads 2147483647
expect seed_beyond_range 2 "got \`18446744073709551615\`" -- "$localism" run "$work/ok.yaml" \
    -o "$work/out/x.h5" --seed 18446744073709551615

# --- output safety ----------------------------------------------------------------------------
cp "$work/ok.yaml" "$work/out/input.yaml"
cp "$work/ok.yaml" "$work/in.yaml"
expect output_is_input 2 "is an input of this run" -- "$localism" run "$work/in.yaml" \
    -o "$work/in.yaml" --force --quiet
cmp -s "$work/ok.yaml" "$work/in.yaml" || { echo "FAIL output_is_input: input changed"; failed=$((failed + 1)); }
scenario "$work/child.yaml" "extends: in.yaml"
expect output_is_base 2 "is an input of this run" -- "$localism" run "$work/child.yaml" \
    -o "$work/in.yaml" --force --quiet
mkdir -p "$work/adir"
expect output_is_directory 2 "is a directory" -- "$localism" run "$work/ok.yaml" \
    -o "$work/adir" --force --quiet
expect output_dir_missing 2 "does not exist" -- "$localism" run "$work/ok.yaml" \
    -o "$work/out/no/such/x.h5" --quiet

# --- experiments -------------------------------------------------------------------------------
base=$repo_root/scenarios/base.yaml
experiment() {  # experiment FILE LINES...: name, base and seed, then LINES
    local file=$1
    shift
    printf 'name: limits\nbase: %s\nmaster_seed: 1\n' "$base" >"$file"
    printf '%s\n' "$@" >>"$file"
}
experiment "$work/dup_arms.yaml" "arms:" "  a: {councils.outreach: 0.1}" "  a: {councils.outreach: 0.2}"
expect duplicate_arm 2 "duplicate key" -- "$localism" sweep "$work/dup_arms.yaml" -o "$work/out/s"
experiment "$work/dup_grid.yaml" "grid:" "  councils.outreach: [0.1, 0.2]" "  councils.outreach: [0.3]"
expect duplicate_grid_key 2 "duplicate key" -- "$localism" sweep "$work/dup_grid.yaml" -o "$work/out/s"
experiment "$work/dup_value.yaml" "grid:" "  councils.outreach: [0.1, 0.1]"
expect duplicate_grid_value 2 "is listed twice" -- "$localism" plan "$work/dup_value.yaml"
params=(population.deprivation_social_capital_effect need.noise_sd_per_month
    impact.max_reduction_per_month impact.ownership_floor impact.capacity_floor
    emergence.intrinsic_rate_per_month emergence.call_influence_per_month emergence.imitation_q
    emergence.transmission_probability emergence.idea_abandon_probability_per_month
    finance.initial_earned_income_capability finance.social_investment_min_capability
    finance.active_dissolution_hazard_per_month finance.dormant_dissolution_hazard_per_month
    finance.diversity_protection councils.outreach)
values="[$(seq -s ', ' 0.01 0.01 0.16)]"
grid=("grid:")
for p in "${params[@]}"; do grid+=("  $p: $values"); done
experiment "$work/grid64.yaml" "${grid[@]}"  # 16^16 = 2^64 points: wrapped to 0 before
expect grid_2_pow_64_plan 2 "more than 18446744073709551615" -- "$localism" plan "$work/grid64.yaml"
expect grid_2_pow_64_sweep 2 "more than 18446744073709551615" -- \
    "$localism" sweep "$work/grid64.yaml" -o "$work/out/s"
arms=("replicates: 1000000" "arms:")
for i in $(seq 1 1000); do arms+=("  arm$i: {councils.outreach: 0.5}"); done
experiment "$work/arms.yaml" "${arms[@]}"
expect thousand_arms_million_replicates 2 "would have 1000000000 runs" -- \
    "$localism" sweep "$work/arms.yaml" -o "$work/out/s"
expect jobs_cap 2 "not in range 1 to 1024" -- "$localism" sweep "$work/dup_value.yaml" \
    -o "$work/out/s" --jobs 100000
long=$(printf 'b%.0s' $(seq 1 300))
printf 'name: x\nbase: %s.yaml\nmaster_seed: 1\n' "$long" >"$work/long_base.yaml"
expect base_name_too_long 2 "File name too long" -- "$localism" plan "$work/long_base.yaml"
printf 'name: x\nbase: /etc/shadow\nmaster_seed: 1\n' >"$work/shadow_base.yaml"
expect base_not_yaml 2 "must be a .yaml or .yml file" -- "$localism" plan "$work/shadow_base.yaml"
printf ',\n' >"$work/comma.yaml"
expect experiment_just_a_comma 2 "unexpected \`,\`" -- "$localism" plan "$work/comma.yaml"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
