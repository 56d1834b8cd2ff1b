#!/bin/sh
# Debug `cargo build` time and peak memory of the generated corpus against atrium-api and
# jacquard-api.
#
#   sh lex-compiler/benches/build_compare.sh [WORK_DIR]   (default /tmp/lex-build-compare)
#
# Makes three scratch crates in WORK_DIR: `ours` (the `lex build` output of
# $LEX_SHARED_DIR/corpus/atproto, default ../shared, plus a lex-runtime path dependency),
# `atrium` (atrium-api from crates.io with every namespace feature) and `jacquard`
# (jacquard-api with its `bluesky` feature: com.atproto, app.bsky, chat.bsky and
# tools.ozone, the namespaces of the corpus). Each is built once so that its dependencies
# are compiled; then, RUNS times (default 3), each API crate in turn is cleaned
# (`cargo clean -p`) and rebuilt under `/usr/bin/time`. The rounds interleave the three
# crates, so a change in the machine's load falls on all of them alike: on a shared
# machine the ratios hold where the absolute times do not. The figure is the API crate
# itself (plus the empty crate on top), dev profile, incremental on, dependencies
# prebuilt; peak memory is the largest process (rustc of the API crate). The summary
# gives each crate's medians and ours as a fraction of each peer. Needs a release `lex`
# on PATH or in $LEX.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/lex-build-compare}
corpus=${LEX_SHARED_DIR:-$repo/../shared}/corpus/atproto
lex=${LEX:-lex}
runs=${RUNS:-3}
atrium_version=${ATRIUM_VERSION:-0.26}
jacquard_version=${JACQUARD_VERSION:-0.12}

# scratch NAME DEPENDENCY-LINE LIB-RS: a one-dependency crate in $work/NAME.
scratch() {
    mkdir -p "$work/$1/src"
    printf '[package]\nname = "bench-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$1" "$2" >"$work/$1/Cargo.toml"
    printf '%s\n' "$3" >"$work/$1/src/lib.rs"
}

scratch ours "lex-runtime = { path = \"$repo/lex-runtime\" }" \
    '//! The generated corpus.
#![allow(missing_docs)]
pub mod gen;'
rm -rf "$work/ours/src/gen"
"$lex" build --lexicons "$corpus" --out "$work/ours/src/gen"

scratch atrium "atrium-api = { version = \"$atrium_version\", default-features = false, features = [\"namespace-appbsky\", \"namespace-chatbsky\", \"namespace-toolsozone\"] }" \
    '//! atrium-api with every namespace.
pub use atrium_api;'

scratch jacquard "jacquard-api = { version = \"$jacquard_version\", default-features = false, features = [\"bluesky\", \"std\"] }" \
    '//! jacquard-api with the namespaces of the corpus.
pub use jacquard_api;'

log="$work/times.txt"
: >"$log"

# once NAME PACKAGES...: clean the API crate and the crate on top, rebuild, log the time.
once() {
    name=$1
    shift
    for p in "$@"; do
        (cd "$work/$name" && CARGO_TARGET_DIR="$work/target-$name" cargo clean -q -p "$p")
    done
    (cd "$work/$name" && CARGO_TARGET_DIR="$work/target-$name" \
        /usr/bin/time -f "$name %e %U %M" -a -o "$log" cargo build -q)
    tail -n 1 "$log" | awk '{ printf "%s: %s s wall, %s s user, %d MiB peak\n", $1, $2, $3, $4 / 1024 }'
}

for name in ours atrium jacquard; do
    (cd "$work/$name" && CARGO_TARGET_DIR="$work/target-$name" cargo build -q)
done
i=0
while [ "$i" -lt "$runs" ]; do
    once ours bench-ours
    once atrium atrium-api bench-atrium
    once jacquard jacquard-api bench-jacquard
    i=$((i + 1))
done

# median NAME COLUMN: the median of one column of one crate's lines.
median() {
    awk -v n="$1" '$1 == n' "$log" | sort -n -k"$2","$2" |
        awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}
for name in ours atrium jacquard; do
    eval "wall_$name=\$(median $name 2)"
    eval "mem_$name=\$(median $name 4)"
    eval "printf '%s: median %s s wall, median peak %d MiB\n' $name \$wall_$name \$((mem_$name / 1024))"
done
awk -v o="$wall_ours" -v a="$wall_atrium" -v j="$wall_jacquard" \
    'BEGIN { printf "ours / atrium: %.2f\nours / jacquard: %.2f\n", o / a, o / j }'
