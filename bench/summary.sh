#!/usr/bin/env bash
# Benchmarks `tend summary` over all time on generated journals, next to the
# floor: the time just to read the same entry files' bytes.
# usage: bench/summary.sh [SIZES...]     default sizes: 1000 10000 100000
# Needs hyperfine. Journals are shared with bench/quick.sh ($BENCH_DIR).
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
  "$tend" index >/dev/null   # warm: index fresh, files in the page cache
  find "$journal/entries" -name '*.toml' -print0 >"$dir/files-$n"
  entries=$(tr -cd '\0' <"$dir/files-$n" | wc -c)
  bytes=$(du -sb "$journal/entries" | cut -f1)
  echo "## N = $n days ($entries entry files, $((bytes / 1024 / 1024)) MiB)"
  hyperfine -N --warmup 3 --min-runs 10 --export-json "$dir/summary-$n.json" \
    -n "summary --all (one screen)" "$tend summary --all" \
    -n "summary --all --detail (table)" "$tend summary --all --detail" \
    -n "summary --all --format json" "$tend summary --all --format json" \
    -n "summary (last 12 weeks)" "$tend summary" >/dev/null
  hyperfine --warmup 3 --min-runs 10 --export-json "$dir/floor-$n.json" \
    -n "floor: read every entry's bytes" "xargs -0 cat <$dir/files-$n >/dev/null" >/dev/null
  floor=$(python3 -c "import json;print(json.load(open('$dir/floor-$n.json'))['results'][0]['mean'])")
  python3 - "$dir/summary-$n.json" "$floor" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = float(sys.argv[2])
print(f"| command | mean | min | max | / floor |")
print(f"|---|---|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['mean']*1000:.1f} ms | {r['min']*1000:.1f} ms | {r['max']*1000:.1f} ms | {r['mean']/floor:.2f} |")
print(f"| floor: read every entry's bytes | {floor*1000:.1f} ms | | | 1.00 |")
PY
  peak=$( { /usr/bin/time -f '%M' "$tend" summary --all --detail >/dev/null; } 2>&1 )
  echo "peak memory, summary --all --detail: $((peak / 1024)) MiB"
done
