#!/usr/bin/env bash
# End-to-end check of local_cluster.sh + submit.sh: start a throwaway one-node Slurm cluster,
# submit a 3-shard sweep against a fake `localism` with --wait, check the outputs, stop the
# cluster and check that none of its daemons remain. Needs root, slurm-wlm and munge.
# Last line of output is "1 passed, 0 failed" or "0 passed, 1 failed"; exit code 0 on success.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
tmp=$(mktemp -d /tmp/localism-slurm-selftest.XXXXXX)
state=$tmp/cluster
finished=0

cleanup() {
  local rc=$?
  "$here/local_cluster.sh" stop "$state" >/dev/null 2>&1 || true
  rm -rf "$tmp"
  if [[ $finished -eq 0 ]]; then echo "selftest: FAILED (aborted, exit code $rc)" >&2; echo "0 passed, 1 failed"; exit 1; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "selftest: FAILED: $*" >&2
  for f in "$state"/log/*.log "$tmp"/out/slurm/*.out; do
    [[ -f $f ]] && { echo "===== $f" >&2; tail -n 20 "$f" >&2; }
  done
  "$here/local_cluster.sh" stop "$state" >/dev/null 2>&1 || true
  finished=1; echo "0 passed, 1 failed"; exit 1
}
step() { echo "selftest: $*" >&2; }

[[ $EUID -eq 0 ]] || fail "must run as root (the test cluster runs Slurm as root)"
for c in munged slurmctld slurmd sbatch; do
  command -v "$c" >/dev/null || fail "'$c' not installed; fix: apt-get install -y slurm-wlm munge"
done

# Pick a free port pair unless the caller chose one (a real Slurm may own 6817/6818).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z ${LOCALISM_SLURM_PORT:-} ]]; then
  for p in 6817 16817 16917 17017 17117; do
    port_busy "$p" || port_busy $((p + 1)) || { export LOCALISM_SLURM_PORT=$p; break; }
  done
  [[ -n ${LOCALISM_SLURM_PORT:-} ]] || fail "no free port pair found; set LOCALISM_SLURM_PORT"
fi

# Fake localism: `sweep` writes one file per shard, `collect` concatenates them.
cat > "$tmp/fake-localism" <<'FAKE'
#!/usr/bin/env bash
set -euo pipefail
cmd=$1; shift
case $cmd in
  sweep)
    exp=$1; shift; out="" shard="" threads="" jobs=""
    while [[ $# -gt 0 ]]; do
      case $1 in -o) out=$2 ;; --shard) shard=$2 ;; --threads) threads=$2 ;; --jobs) jobs=$2 ;;
        *) echo "fake: bad arg $1" >&2; exit 2 ;; esac; shift 2
    done
    [[ -f $exp && -n $out && $shard =~ ^[0-9]+/[0-9]+$ && $jobs == 1 && -n $threads ]] || exit 2
    mkdir -p "$out/runs"
    echo "shard=$shard threads=$threads exp=$(basename "$exp")" > "$out/runs/shard-${shard%/*}.txt" ;;
  collect)
    cat "$1"/runs/shard-*.txt > "$1/manifest.txt" ;;
  *) exit 2 ;;
esac
FAKE
chmod +x "$tmp/fake-localism"
echo "name: selftest" > "$tmp/exp.yaml"

step "starting local cluster in $state (port $LOCALISM_SLURM_PORT)"
env_line=$("$here/local_cluster.sh" start "$state") || fail "local_cluster.sh start failed"
eval "$env_line"
[[ ${SLURM_CONF:-} == "$state/slurm.conf" ]] || fail "start did not print 'export SLURM_CONF=$state/slurm.conf' (got '$env_line')"
"$here/local_cluster.sh" start "$state" >/dev/null 2>&1 || fail "second start (idempotent) failed"
pids=$(cat "$state"/run/*.pid | tr -dc '0-9\n')
[[ $(wc -w <<< "$pids") -eq 3 ]] || fail "expected 3 daemon pid files in $state/run, got: $pids"

step "submitting 3 shards with --wait"
"$here/submit.sh" "$tmp/exp.yaml" "$tmp/out" --shards 3 --partition debug --time 00:05:00 \
  --cpus-per-task 1 --localism "$tmp/fake-localism" --wait --wait-timeout 180 >&2 \
  || fail "submit.sh --wait exited non-zero"

step "checking outputs"
[[ $(cat "$tmp/out/slurm/collect.rc" 2>/dev/null) == 0 ]] || fail "collect.rc is not 0"
for i in 0 1 2; do
  grep -qx "shard=$i/3 threads=1 exp=exp.yaml" "$tmp/out/runs/shard-$i.txt" 2>/dev/null \
    || fail "shard $i output missing or wrong: $(cat "$tmp/out/runs/shard-$i.txt" 2>&1)"
done
[[ $(wc -l < "$tmp/out/manifest.txt") -eq 3 ]] || fail "manifest.txt does not have 3 lines"

step "stopping local cluster"
"$here/local_cluster.sh" stop "$state" 2>/dev/null || fail "local_cluster.sh stop failed"
"$here/local_cluster.sh" stop "$state" 2>/dev/null || fail "second stop (idempotent) failed"
for pid in $pids; do
  [[ -d /proc/$pid ]] && fail "daemon pid $pid ($(cat "/proc/$pid/comm")) still running after stop"
done
# shellcheck disable=SC2009  # pgrep -f would also match this script's own arguments
left=$(ps -eo pid=,args= | grep -F "$tmp" | grep -v grep || true)
[[ -z $left ]] || fail "processes still using $tmp after stop: $left"

finished=1
step "all checks passed"
echo "1 passed, 0 failed"
