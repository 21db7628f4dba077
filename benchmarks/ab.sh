#!/usr/bin/env bash
# A/B of a change to the channel core, in one JVM (io.github.chanflux.benchmarks.ab.InJvmAB):
# builds chanflux-core at REV in a temporary worktree and the working tree as it is, then runs
# the channel workloads of both builds turn by turn. Arguments after REV go to InJvmAB:
# rounds=N (default 10), batch=SECONDS (default 0.5), workload names (default all:
# pingPong pingPongOrDone unbuffered buffered16 buffered1024 buffered16x4P pipeline pipelineOrDone bridge
# ring10 fanIn10 juc).
#   benchmarks/ab.sh HEAD~1
#   benchmarks/ab.sh main rounds=20 unbuffered pingPong
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: benchmarks/ab.sh REV [rounds=N] [batch=SECONDS] [workload ...]}
shift
git rev-parse --verify --quiet "$rev^{commit}" >/dev/null || { echo "ab.sh: no such revision: $rev" >&2; exit 2; }
base=$(mktemp -d)
trap 'git worktree remove --force "$base" >/dev/null 2>&1 || rm -rf "$base"' EXIT
git worktree add --quiet --detach "$base" "$rev"
(cd "$base" && ./mvnw -q -B -ntp -pl core -am -DskipTests package)
./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package exec:exec \
  -Dbench.main=io.github.chanflux.benchmarks.ab.InJvmAB -Dbench="$base/core/target/classes" \
  -Djmh.args="$PWD/core/target/classes $*"
