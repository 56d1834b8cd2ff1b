#!/bin/sh
# `cargo check` time of a crate using `#[lexicon]` on the official corpus against the same
# crate built from `lex build` output (a script for people, not CI).
#
#   sh lex-macros/benches/check_time.sh [WORK_DIR]   (default /tmp/lex-macro-check)
#
# Makes two scratch crates in WORK_DIR sharing one target folder: `built` (`lex build` of
# $LEX_SHARED_DIR/corpus/atproto, default ../shared, into src/lexicons, plus `mod
# lexicons;`) and `macro` (`#[lex_macros::lexicon(path = <corpus>)] pub mod lexicons {}`).
# Each is checked once so that its dependencies are compiled (lex-macros itself in the
# dev profile, as users get it, unless OPT_MACROS=1 sets `opt-level = 3` for build
# dependencies); then, RUNS times (default 3), each crate in turn is cleaned (`cargo clean
# -p`) and checked under `/usr/bin/time`. Rounds interleave the two crates, so load on a
# shared machine falls on both alike. Prints each run and the medians. Needs `lex` on PATH
# or in $LEX.
#
# Figures (2026-12-05, the shared 2-core machine, under load from other builds, so the
# pairs matter more than the absolute times): dev-profile macros, built 14.8/14.1/22.6 s
# vs macro 15.3/17.2/21.8 s (medians 14.8 vs 17.2 s); OPT_MACROS=1, built 31.6/34.8/31.7 s
# vs macro 32.0/29.8/28.7 s (medians 31.7 vs 29.8 s). The expansion itself (loading,
# checking and emitting the 402 lexicons inside rustc, timed with a temporary eprintln)
# took 0.46 s with the dev-profile macro and 0.23 s with opt-level 3.
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/lex-macro-check}
corpus=$(cd "${LEX_SHARED_DIR:-$repo/../shared}/corpus/atproto" && pwd)
lex=${LEX:-lex}
runs=${RUNS:-3}
opt=""
if [ "${OPT_MACROS:-0}" = 1 ]; then
    opt='[profile.dev.build-override]
opt-level = 3'
fi

# scratch NAME: a crate depending on lex-runtime and lex-macros, in its own workspace.
scratch() {
    mkdir -p "$work/$1/src"
    cat >"$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
lex-runtime = { path = "$repo/lex-runtime" }
lex-macros = { path = "$repo/lex-macros" }
serde_json = "1"

[workspace]

$opt
TOML
}

scratch built
"$lex" build --lexicons "$corpus" --out "$work/built/src/lexicons" >/dev/null
printf '#![allow(missing_docs)]\npub mod lexicons;\n' >"$work/built/src/lib.rs"
scratch macro
printf '#![allow(missing_docs)]\n#[lex_macros::lexicon(path = "%s")]\npub mod lexicons {}\n' \
    "$corpus" >"$work/macro/src/lib.rs"

export CARGO_TARGET_DIR="$work/target"
for c in built macro; do
    (cd "$work/$c" && cargo check -q)
done
for i in $(seq "$runs"); do
    for c in built macro; do
        (cd "$work/$c" && cargo clean -q -p "$c" &&
            /usr/bin/time -f "%e" -o "$work/$c.$i.time" cargo check -q)
        echo "run $i $c: $(cat "$work/$c.$i.time") s"
    done
done
for c in built macro; do
    median=$(cat "$work/$c".*.time | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "$c: median $median s over $runs runs"
done
