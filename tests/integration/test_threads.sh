#!/usr/bin/env bash
# Thread-count independence of whole runs: each shipped scenario (scenarios/*.yaml, shrunk to
# 3,000 communities x 36 months; a real geography keeps its own size) is run with --threads 1,
# 2 and 7, and every output dataset of
# the 2- and 7-thread files must equal the 1-thread file's (h5diff exit 0).
# Usage: tests/integration/test_threads.sh path/to/localism
set -u
bin=${1:?usage: test_threads.sh path/to/localism}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
for scenario in "$root"/scenarios/*.yaml; do
    name=$(basename "$scenario" .yaml)
    size=(--set population.communities=3000)
    grep -q '^ *geography:' "$scenario" && size=()  # the geography sets the communities
    for threads in 1 2 7; do
        if ! "$bin" run "$scenario" --quiet --force --threads "$threads" \
            "${size[@]}" --set run.months=36 \
            -o "$work/$name-$threads.h5" > /dev/null; then
            echo "FAIL $name: run with $threads threads failed"
            failed=$((failed + 1))
            continue 2
        fi
    done
    for threads in 2 7; do
        # Attributes (creation time, thread count) legitimately differ; datasets must not.
        if h5diff -q --exclude-attribute / "$work/$name-1.h5" "$work/$name-$threads.h5" > /dev/null 2>&1; then
            echo "ok   $name: $threads threads == 1 thread"
            passed=$((passed + 1))
        else
            echo "FAIL $name: $threads threads differ from 1 thread:"
            h5diff -r --exclude-attribute / "$work/$name-1.h5" "$work/$name-$threads.h5" 2>&1 | head -20
            failed=$((failed + 1))
        fi
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
