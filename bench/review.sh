#!/usr/bin/env bash
# Benchmarks `tend review` (a coach's, learning-level exports) and
# `tend review --cohort` over N leaders' exports (default 200), with the
# peak memory of each. Needs hyperfine and GNU time (/usr/bin/time).
# usage: bench/review.sh [N]
# The exports are made once, each from its own generated journal (12 weeks
# of daily check-ins, a different seed per leader), and cached under
# target/bench-review/ (`rm -r target/bench-review` to make them again).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
dir=$PWD/target/bench-review
cargo build --release -q
tend=$PWD/target/release/tend
export TEND_CONFIG=$dir/no-config.toml
mkdir -p "$dir/coach-$n" "$dir/cohort-$n"
for i in $(seq 1 "$n"); do
  coach=$dir/coach-$n/leader-$i.json
  cohort=$dir/cohort-$n/leader-$i.json
  [ -s "$coach" ] && [ -s "$cohort" ] && continue
  journal=$dir/journals/$i
  rm -rf "$journal"
  TEND_DIR=$journal "$tend" generate --days 84 --seed "$i" >/dev/null
  # Synthetic words only, so nothing to hold back for identifiers.
  TEND_DIR=$journal "$tend" export --format json --level learning \
    --label "leader-$i" --allow-identifiers -o "$coach" --force 2>/dev/null
  TEND_DIR=$journal "$tend" export --for cohort -o "$cohort" --force 2>/dev/null
  rm -rf "$journal"
done
coach_files=("$dir/coach-$n"/*.json)
cohort_files=("$dir/cohort-$n"/*.json)
echo "## $n leaders: coach exports $(du -sh "$dir/coach-$n" | cut -f1), cohort exports $(du -sh "$dir/cohort-$n" | cut -f1)"
echo "measured at $(git rev-parse --short HEAD) ($(git log -1 --format=%s | cut -c1-60))"
hyperfine -N --warmup 3 --min-runs 20 --export-json "$dir/review-$n.json" \
  -n "review ($n exports, table)" "$tend review ${coach_files[*]}" \
  -n "review --format html" "$tend review --format html ${coach_files[*]}" \
  -n "review --cohort ($n exports)" "$tend review --cohort ${cohort_files[*]}" \
  -n "review --cohort --format json" "$tend review --cohort --format json ${cohort_files[*]}" >/dev/null
python3 - "$dir/review-$n.json" <<'PY'
import json, sys
print("| command | mean ± σ | min | max |")
print("|---|---|---|---|")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} ms | {r['min']*1000:.1f} ms | {r['max']*1000:.1f} ms |")
PY
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
echo "peak memory, review: $(( $(peak "$tend" review "${coach_files[@]}") / 1024 )) MiB"
echo "peak memory, review --cohort: $(( $(peak "$tend" review --cohort "${cohort_files[@]}") / 1024 )) MiB"
