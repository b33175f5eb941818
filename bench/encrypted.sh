#!/usr/bin/env bash
# Benchmarks an encrypted journal of 10,000 days next to the same journal in
# the clear (issue 14, section 6): the quick commands and the all-time summary.
# usage: bench/encrypted.sh [N]        default N: 10000
# Needs hyperfine. The passphrase unwrap itself (scrypt, work factor 18) is
# timed apart, by `cargo test --bin tend crypt_time -- --ignored --nocapture`;
# here the keys are wrapped at work factor 1 (a debug build may write that,
# through TEND_TEST_WORK_FACTOR; a release build refuses to write it but reads
# it), so each figure is what a command costs after the unwrap.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=${BENCH_DIR:-/tmp/tend-bench}
cargo build --release -q
cargo build -q
tend=$PWD/target/release/tend
debug=$PWD/target/debug/tend
export TEND_CONFIG=$dir/no-config.toml
mkdir -p "$dir"
plain=$dir/journal-$n
if [ ! -d "$plain/entries" ]; then
  TEND_DIR=$plain "$tend" generate --days "$n" >/dev/null
fi
sealed=$dir/journal-$n-encrypted
printf 'benchmark passphrase words\n' >"$dir/pass"
export TEND_PASSPHRASE_COMMAND="cat $dir/pass"
if [ ! -f "$sealed/key/journal.toml" ]; then
  rm -rf "$sealed" "$dir/recovery-$n.txt"
  mkdir -p "$sealed"
  # Keys made by the debug build on an empty journal (work factor 1)...
  TEND_DIR=$sealed TEND_TEST_WORK_FACTOR=1 "$debug" encrypt --recovery-key-out "$dir/recovery-$n.txt" >/dev/null
  cp -a "$plain/entries" "$sealed/entries"
  # ...then the release build's rerun seals every entry with them.
  TEND_DIR=$sealed "$tend" encrypt >/dev/null
fi
for j in "$plain" "$sealed"; do
  TEND_DIR=$j "$tend" index >/dev/null   # warm: index fresh, files in the page cache
done
run() {
  local name=$1 journal=$2
  echo "## $name: $(find "$journal/entries" -type f | wc -l) entry files"
  hyperfine -N --warmup 5 --min-runs 30 --export-markdown "$dir/enc-quick-$name.md" \
    -n "first question of a check-in" "env TEND_DIR=$journal TEND_BENCH_FIRST_QUESTION=1 $tend checkin" \
    -n "status" "env TEND_DIR=$journal $tend status" \
    -n "actions" "env TEND_DIR=$journal $tend actions" \
    -n "list -n 10" "env TEND_DIR=$journal $tend list -n 10" >/dev/null
  hyperfine -N --warmup 2 --min-runs 10 --export-markdown "$dir/enc-summary-$name.md" \
    -n "summary --all" "env TEND_DIR=$journal $tend summary --all" >/dev/null
  cat "$dir/enc-quick-$name.md" "$dir/enc-summary-$name.md" | grep -v '^|:' | grep -v '^| Command' | sed 's/`//g'
}
run plain "$plain"
run encrypted "$sealed"
