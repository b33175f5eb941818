#!/usr/bin/env bash
# Benchmarks the quick commands on generated journals (issue: the index).
# usage: bench/quick.sh [SIZES...]     default sizes: 1000 10000 100000
# Needs hyperfine (Debian: apt-get install hyperfine). Journals are generated
# once into $BENCH_DIR (default /tmp/tend-bench) with tend's own writer and
# reused; each size is N days of daily check-ins plus weekly check-ins,
# readings, actions and follow-ups (about 1.9 entries per day).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
dir=${BENCH_DIR:-/tmp/tend-bench}
cargo build --release -q
tend=$PWD/target/release/tend
export TEND_CONFIG=$dir/no-config.toml
mkdir -p "$dir"
for n in "${sizes[@]}"; do
  journal=$dir/journal-$n
  if [ ! -d "$journal/entries" ]; then
    TEND_DIR=$journal "$tend" generate --days "$n" >/dev/null
  fi
  export TEND_DIR=$journal
  entries=$(find "$journal/entries" -name '*.toml' | wc -l)
  "$tend" index >/dev/null   # warm: index fresh, files in the page cache
  echo "## N = $n days ($entries entry files)"
  hyperfine -N --warmup 5 --min-runs 30 --export-markdown "$dir/quick-$n.md" \
    -n "first question of a check-in" "env TEND_BENCH_FIRST_QUESTION=1 $tend checkin" \
    -n "status" "$tend status" \
    -n "actions" "$tend actions" \
    -n "list -n 10" "$tend list -n 10" >/dev/null
  # One new entry between runs: the next quick command refreshes the index.
  hyperfine -N --warmup 3 --min-runs 30 --export-markdown "$dir/refresh-$n.md" \
    --prepare "$tend note 'benchmark note, one new entry'" \
    -n "status after one new entry" "$tend status" >/dev/null
  cat "$dir/quick-$n.md" "$dir/refresh-$n.md" | grep -v '^|:' | grep -v '^| Command' | sed 's/`//g'
done
