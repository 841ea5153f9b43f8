# Shared set-up for the integration test scripts (sourced): the localism binary from the first
# argument, required tools, and the repository root as working directory.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/common.sh"; setup_test "$@"; require_tools h5diff

setup_test() {
    if [[ $# -lt 1 ]]; then
        echo "usage: $0 path/to/localism" >&2
        exit 2
    fi
    localism=$(realpath "$1")
    if [[ ! -x $localism ]]; then
        echo "error: $1 is not an executable" >&2
        exit 2
    fi
    repo_root=$(cd "$(dirname "${BASH_SOURCE[1]}")/../.." && pwd)
    cd "$repo_root" || exit 2
}

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "error: $tool is needed" >&2; exit 2; }
    done
}

# Pass/fail counting shared by the scripts: check NAME CONDITION-EXIT-CODE [DETAIL] records one
# case; the script prints "$passed passed, $failed failed" at the end.
passed=0
failed=0
check() {
    if [[ $2 -eq 0 ]]; then
        echo "ok $1"
        passed=$((passed + 1))
    else
        echo "FAIL $1${3:+: $3}"
        failed=$((failed + 1))
    fi
}
