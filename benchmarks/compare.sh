#!/usr/bin/env bash
# Runs the side-by-side comparison (Go harness, then JMH) and writes benchmarks/RESULTS.md and
# benchmarks/charts/*.png. Arguments: areas (channels busy patterns chapter5 bridges context rate
# fanout scaling; default all), --quick for a smoke run, --no-go to skip the Go side.
# The Go side runs when `go` is on the PATH: apt-get install -y golang-go golang-golang-x-time-dev
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null; then
  echo "compare.sh: no Go found; the Go column stays empty (apt-get install -y golang-go golang-golang-x-time-dev)" >&2
fi
exec ./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package exec:exec \
  -Dbench.main=io.github.chanflux.benchmarks.report.Compare -Dbench= -Djmh.args="$*"
