#!/usr/bin/env bash
# Benchmarks what sync adds to the quick commands (issue 15): `tend status` in
# a journal with no repository, and in one synced with a bare repository on
# local disk (where status reads .git's files, never git); the first question
# of a check-in with sync = "manual" and with sync = "auto" (fetch and merge
# first). usage: bench/sync.sh [DAYS]   (default 10000). Needs hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=${BENCH_DIR:-/tmp/tend-bench}/sync-$n
cargo build --release -q
tend=$PWD/target/release/tend
mkdir -p "$dir"
export HOME=$dir GIT_CONFIG_GLOBAL=$dir/gitconfig GIT_CONFIG_NOSYSTEM=1
: >"$GIT_CONFIG_GLOBAL"
if [ ! -d "$dir/plain/entries" ]; then
  TEND_DIR=$dir/plain TEND_CONFIG=$dir/none.toml "$tend" generate --days "$n" >/dev/null
fi
if [ ! -d "$dir/synced/.git" ]; then
  rm -rf "$dir/synced" "$dir/remote.git"
  cp -r "$dir/plain" "$dir/synced"
  git init -q --bare "$dir/remote.git"
  TEND_DIR=$dir/synced TEND_CONFIG=$dir/none.toml "$tend" sync init "$dir/remote.git" --yes
fi
printf 'sync = "auto"\n' >"$dir/auto.toml"
for j in plain synced; do TEND_DIR=$dir/$j TEND_CONFIG=$dir/none.toml "$tend" index >/dev/null; done
TEND_DIR=$dir/synced TEND_CONFIG=$dir/none.toml "$tend" note "one change not sent yet" >/dev/null
hyperfine -N --warmup 5 --min-runs 30 --export-markdown "$dir/sync.md" \
  -n "status, no repository" "env TEND_DIR=$dir/plain TEND_CONFIG=$dir/none.toml $tend status" \
  -n "status, synced" "env TEND_DIR=$dir/synced TEND_CONFIG=$dir/none.toml $tend status" \
  -n "first question, sync manual" "env TEND_DIR=$dir/synced TEND_CONFIG=$dir/none.toml TEND_BENCH_FIRST_QUESTION=1 $tend checkin" \
  -n "first question, sync auto" "env TEND_DIR=$dir/synced TEND_CONFIG=$dir/auto.toml TEND_BENCH_FIRST_QUESTION=1 $tend checkin" >/dev/null
grep -v '^|:' "$dir/sync.md" | grep -v '^| Command' | sed 's/`//g'
